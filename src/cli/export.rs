//! `spm export` and `spm import`: the whole database out to a workbook or a folder of CSV
//! files, to archive it or move it to another machine, and back into a new database.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;

use super::write::{cannot, write_file};
use super::{Ctx, FormatArg};
use crate::error::Error;
use crate::service::archive::{
    self, CsvFolder, MANIFEST, SHEET_ROWS, Snapshot, Source, WorkbookFile,
};

pub const EXPORT_EXAMPLES: &str = "\
Examples:
  spm export -o everything.xlsx       one sheet per table, and the manifest _spm
  spm export -o archive-2026/         a folder of CSV files, and _spm.csv
  spm --format csv export -o archive  a folder, even without the trailing /
  spm export -o ~/backups/spm-$(date +%F).xlsx

Every table, every column and every row goes out exactly (ids, NULLs, text, numbers), for
\"spm import\" to restore. An empty cell is NULL. A workbook's cells hold the text itself,
but text that is empty or begins with ' has one ' put before it; in CSV files, text that is
empty or begins with = + - @ ' tab CR LF or NUL does, so no spreadsheet runs it as a
formula. Import takes that ' off. A table longer than a sheet continues on sheets table.2,
table.3, ... New files are readable by you only (mode 0600): they hold personal data.";

pub const IMPORT_EXAMPLES: &str = "\
Examples:
  spm --db new.db import everything.xlsx
  spm --db new.db import archive-2026/
  spm --db new.db import everything.xlsx --dry-run  check it, change nothing
  SPM_DB=restored.db spm import ~/backups/spm-2026-11-23.xlsx

The database must hold no data yet: a new file, or one just made by \"spm init\" (its
built-in frameworks are replaced by the export's). Everything is restored in one
transaction, ids kept; a problem names the sheet (or file), row and column, and leaves the
database as it was.";

/// `spm export`: where it goes is `--output`.
#[derive(Debug, ClapArgs)]
pub struct ExportArgs {}

/// `spm import PATH`.
#[derive(Debug, ClapArgs)]
pub struct ImportArgs {
    /// The workbook (FILE.xlsx) or folder of CSV files that "spm export" wrote
    #[arg(value_name = "FILE.xlsx|DIR")]
    path: PathBuf,

    /// Check everything, change nothing
    #[arg(long)]
    dry_run: bool,
}

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Workbook,
    Folder,
}

/// How to say where an export goes.
const WHERE: &str = "give -o FILE.xlsx for a workbook, or -o DIR/ for a folder of CSV files";

pub fn export(ctx: &Ctx, _args: ExportArgs) -> anyhow::Result<()> {
    let Some(out) = ctx.output.as_deref() else {
        return Err(
            Error::Usage(format!("export writes files, not to the terminal: {WHERE}")).into(),
        );
    };
    let kind = kind(ctx, out)?;
    let mut conn = ctx.read()?;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let snap = Snapshot::begin(&mut conn, now)?;
    match kind {
        Kind::Workbook => write_file(out, |w| snap.write_workbook(w, SHEET_ROWS))?,
        Kind::Folder => write_folder(ctx, &snap, out)?,
    }
    let rows: u64 = snap.manifest.tables.iter().map(|t| t.rows).sum();
    ctx.note(&format!(
        "exported {rows} rows of {} tables to {}",
        snap.manifest.tables.len(),
        out.display()
    ));
    Ok(())
}

/// A workbook or a folder, from the format (`--format`, else `--output`'s extension) and the
/// shape of `--output`.
fn kind(ctx: &Ctx, out: &Path) -> anyhow::Result<Kind> {
    let folder_like = out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/');
    let kind = match ctx.written {
        FormatArg::Xlsx => Kind::Workbook,
        FormatArg::Csv if ctx.format_given => Kind::Folder,
        FormatArg::Csv => {
            return Err(Error::Usage(format!(
                "{} names one CSV file, and an export is a folder of them, one per table: {WHERE}",
                out.display()
            ))
            .into());
        }
        FormatArg::Table if folder_like => Kind::Folder,
        FormatArg::Table => {
            return Err(Error::Usage(format!(
                "cannot tell what to write to {}: {WHERE}",
                out.display()
            ))
            .into());
        }
        other @ (FormatArg::Json | FormatArg::Md | FormatArg::Ics) => {
            let asked = if ctx.format_given {
                format!("--format {}", other.name())
            } else {
                format!("a .{} file", other.name())
            };
            return Err(
                Error::Usage(format!("export writes xlsx or CSV, not {asked}: {WHERE}")).into(),
            );
        }
    };
    if kind == Kind::Workbook && folder_like {
        return Err(Error::Usage(format!(
            "{} is a folder; a workbook needs a file name: {WHERE}",
            out.display()
        ))
        .into());
    }
    Ok(kind)
}

/// Writes one CSV file per table into `dir`, then the manifest last, so a folder whose export
/// failed halfway has no manifest and cannot be imported by mistake.
fn write_folder(ctx: &Ctx, snap: &Snapshot<'_>, dir: &Path) -> anyhow::Result<()> {
    let manifest = dir.join(format!("{MANIFEST}.csv"));
    // Every file the export will write is checked before the first is: none may be the
    // database (a folder export into the database's own folder, say).
    let db = ctx.path()?;
    for table in &snap.manifest.tables {
        crate::db::refuse_database(&db, &dir.join(format!("{}.csv", table.name)))?;
    }
    crate::db::refuse_database(&db, &manifest)?;
    if dir.exists() {
        if !dir.is_dir() {
            return Err(cannot(dir, "it is a file; give a folder for CSV files").into());
        }
        let mut entries = fs::read_dir(dir).map_err(|e| cannot(dir, &e.to_string()))?;
        if entries.next().is_some() && !manifest.is_file() {
            return Err(Error::Conflict(format!(
                "the folder {} holds files but no earlier export (no {MANIFEST}.csv); give a new or empty folder",
                dir.display()
            ))
            .into());
        }
        if manifest.is_file() {
            fs::remove_file(&manifest).map_err(|e| cannot(&manifest, &e.to_string()))?;
        }
    } else {
        crate::db::create_private_dir(dir)?;
    }
    for table in &snap.manifest.tables {
        let path = dir.join(format!("{}.csv", table.name));
        write_file(&path, |w| snap.write_csv(table, w, ctx.bom).map(|_| ()))?;
    }
    write_file(&manifest, |w| snap.write_manifest_csv(w, ctx.bom))
}

pub fn import(ctx: &Ctx, args: ImportArgs) -> anyhow::Result<()> {
    if ctx.output.is_some() {
        return Err(Error::Usage(
            "import writes to the database (--db or SPM_DB), not to --output; leave -o out".into(),
        )
        .into());
    }
    let mut source = open_source(&args.path)?;
    // Checked before the database is touched: a file that is no export creates nothing.
    let manifest = archive::read_manifest(source.as_mut())?;
    let db = ctx.path()?;
    let existed = db.exists();
    // Opened without the "created a new database" note: a failed import removes it again.
    let access = crate::db::Access::Write {
        make_folder: ctx.make_folder()?,
    };
    let mut conn = crate::service::open(&db, access)?.conn;
    let result = archive::restore(&mut conn, source.as_mut(), &manifest, args.dry_run);
    drop(conn);
    if !existed && (result.is_err() || args.dry_run) {
        // The database this command made for the import is not left behind half-made.
        crate::db::remove(&db);
    }
    let restored = result?;
    let what = format!(
        "{} rows in {} tables from {} (exported {})",
        restored.rows,
        restored.tables,
        args.path.display(),
        if restored.exported_at.is_empty() {
            "at an unknown time".to_string()
        } else {
            // The file's own words: escaped, as every value from a file a message shows.
            crate::model::text::escaped(&restored.exported_at, 40)
        }
    );
    if args.dry_run {
        ctx.note(&format!("would import {what}; nothing was changed"));
    } else {
        ctx.note(&format!("imported {what} into {}", db.display()));
    }
    Ok(())
}

/// The export at `path`: a folder of CSV files (or its `_spm.csv`), or an xlsx workbook.
fn open_source(path: &Path) -> anyhow::Result<Box<dyn Source>> {
    let shown = path.display();
    if path.is_dir() {
        return Ok(Box::new(CsvFolder::new(path)));
    }
    if !path.exists() {
        return Err(Error::not_found(
            "export at",
            shown.to_string(),
            "give the FILE.xlsx or folder that \"spm export\" wrote",
        )
        .into());
    }
    if path
        .file_name()
        .is_some_and(|n| n == format!("{MANIFEST}.csv").as_str())
    {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        return Ok(Box::new(CsvFolder::new(dir)));
    }
    let mut magic = [0u8; 4];
    let read = File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .map_err(|e| Error::Io(format!("cannot read {shown}: {e}")))?;
    if read == 4 && magic == *b"PK\x03\x04" {
        return Ok(Box::new(WorkbookFile::open(path)?));
    }
    let hint = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        "give the folder that holds the CSV files, not one of them"
    } else {
        "give the FILE.xlsx or folder that \"spm export\" wrote"
    };
    Err(Error::Invalid(format!(
        "{shown} is neither an xlsx workbook nor a folder of CSV files; {hint}"
    ))
    .into())
}
