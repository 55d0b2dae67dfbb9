//! Registering records from a CSV or XLSX file, as `spm project import` and `spm person
//! import` do: the file checked first, a progress bar on a terminal, and one sentence that
//! sums up what was done.

use std::io::{self, IsTerminal};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Ctx;
use crate::error::Error;
use crate::service::import::{self as svc, ImportOptions, Summary};

/// The service's import of one kind of record.
pub(super) type ImportFn = fn(
    &mut crate::db::Connection,
    &Path,
    &ImportOptions,
    chrono::NaiveDate,
    svc::Progress<'_>,
) -> crate::error::Result<Summary>;

/// Imports `file` with `import`, showing progress on a terminal, and says what was done;
/// `names` are the record's singular and plural.
pub(super) fn run(
    ctx: &Ctx,
    file: &Path,
    opts: &ImportOptions,
    import: ImportFn,
    names: (&str, &str),
) -> anyhow::Result<()> {
    let today = ctx.today()?;
    check_file(file)?;
    let db = ctx.path()?;
    let access = crate::db::Access::Write {
        make_folder: ctx.make_folder()?,
    };
    let opened = crate::service::database::open(&db, access, &ctx.actor)?;
    let mut conn = opened.conn;
    // As in "dev generate": SQLite allocates and frees memory for every row it writes, and
    // glibc hands memory back to the kernel only to ask for it again for the next row.
    // Freeing one 16 MiB block raises glibc's thresholds (other allocators ignore it), which
    // speeds imports up still (see benches/README.md).
    drop(std::hint::black_box(vec![0u8; 16 << 20]));
    let mut bar = Bar::new(ctx);
    let summary = import(&mut conn, file, opts, today, &mut |d, t| bar.show(d, t));
    bar.finish();
    drop(conn);
    if opened.created {
        if summary.is_err() || opts.dry_run {
            // A database made only for an import that wrote nothing is not left behind.
            crate::db::remove(&db);
        } else {
            ctx.note(&format!("created a new database at {}", db.display()));
        }
    }
    ctx.note(&sentence(file, &summary?, opts.dry_run, names.0, names.1));
    Ok(())
}

/// Refuses a file that is not there or is a folder before the database is opened (or made).
fn check_file(path: &Path) -> Result<(), Error> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::Invalid(format!(
            "{} is a folder; give the CSV or XLSX file to import",
            path.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::not_found(
            "file",
            path.display().to_string(),
            "check the path",
        )),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(Error::Permission(format!(
            "cannot read {}: permission denied",
            path.display()
        ))),
        Err(e) => Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
    }
}

/// A progress bar on stderr, only for a person at a terminal (never under --quiet), and only
/// once there is something to wait for.
struct Bar {
    enabled: bool,
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new(ctx: &Ctx) -> Self {
        Bar {
            enabled: !ctx.quiet && io::stderr().is_terminal(),
            bar: None,
        }
    }

    fn show(&mut self, done: u64, total: u64) {
        if !self.enabled || total == 0 {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let style = ProgressStyle::with_template(
                "importing [{bar:40}] {percent:>3}% (about {eta} left)",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(style)
        });
        bar.set_length(total);
        bar.set_position(done.min(total));
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// What an import did, in one sentence: `imported projects.csv: added 12 projects, ...`.
fn sentence(file: &Path, s: &Summary, dry_run: bool, one: &str, many: &str) -> String {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (add, update, register) = if dry_run {
        ("would add", "would update", "would register")
    } else {
        ("added", "updated", "registered")
    };
    let noun = |n: u64| if n == 1 { one } else { many };
    let mut parts = vec![format!("{add} {} {}", s.added, noun(s.added))];
    if s.updated > 0 {
        parts.push(format!("{update} {}", s.updated));
    }
    if s.unchanged > 0 {
        parts.push(format!("{} unchanged", s.unchanged));
    }
    if s.kept > 0 {
        parts.push(format!(
            "{} already registered, left as {} (--update overwrites them)",
            s.kept,
            if s.kept == 1 { "it is" } else { "they are" }
        ));
    }
    if s.skipped > 0 {
        parts.push(format!("{} forgotten, skipped", s.skipped));
    }
    if !s.new_leads.is_empty() {
        let n = s.new_leads.len();
        let mut names: Vec<&str> = s.new_leads.iter().take(5).map(String::as_str).collect();
        let more = format!("and {} more", n - names.len());
        if n > names.len() {
            names.push(&more);
        }
        parts.push(format!(
            "{register} {n} {} as {} ({})",
            if n == 1 {
                "member of staff"
            } else {
                "members of staff"
            },
            if n == 1 { "a lead" } else { "leads" },
            names.join(", ")
        ));
    }
    let rows = format!("{} row{}", s.rows, if s.rows == 1 { "" } else { "s" });
    if dry_run {
        format!(
            "dry run of {name} ({rows}): {}; nothing was changed",
            parts.join(", ")
        )
    } else {
        format!("imported {name} ({rows}): {}", parts.join(", "))
    }
}
