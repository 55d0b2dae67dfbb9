//! `spm restore PATH`: an export (`spm export`) restored into a new, empty database. The old
//! name, `spm import`, still runs it (a hidden alias): "import" is now only `project import`
//! and `person import`, which read a sheet.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;

use super::Ctx;
use crate::error::Error;
use crate::service::archive::{self, CsvFolder, MANIFEST, Source, WorkbookFile};

pub const EXAMPLES: &str = "\
Examples:
  spm --db new.db restore everything.xlsx
  spm --db new.db restore archive-2026/
  spm --db new.db restore everything.xlsx --dry-run  check it, change nothing
  SPM_DB=restored.db spm restore ~/backups/spm-2026-11-23.xlsx

The database must hold no data yet: a new file, or one just made by \"spm init\" (its
built-in frameworks are replaced by the export's). Everything is restored in one
transaction, ids kept; a problem names the sheet (or file), row and column, and leaves the
database as it was.";

/// `spm restore PATH`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The workbook (FILE.xlsx) or folder of CSV files that "spm export" wrote
    #[arg(value_name = "FILE.xlsx|DIR")]
    path: PathBuf,

    /// Check everything, change nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    if ctx.output.is_some() {
        return Err(Error::Usage(
            "restore writes to the database (--db or SPM_DB), not to --output; leave -o out".into(),
        )
        .into());
    }
    let mut source = open_source(&args.path)?;
    // Checked before the database is touched: a file that is no export creates nothing.
    let manifest = archive::read_manifest(source.as_mut())?;
    let db = ctx.path()?;
    let existed = db.exists();
    // Opened without the "created a new database" note: a failed restore removes it again.
    let access = crate::db::Access::Write {
        make_folder: ctx.make_folder()?,
    };
    let mut conn = crate::service::database::open(&db, access, &ctx.actor)?.conn;
    let result = archive::restore(&mut conn, source.as_mut(), &manifest, args.dry_run);
    drop(conn);
    if !existed && (result.is_err() || args.dry_run) {
        // The database this command made for the restore is not left behind half-made.
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
        ctx.note(&format!("would restore {what}; nothing was changed"));
    } else {
        ctx.note(&format!("restored {what} into {}", db.display()));
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
