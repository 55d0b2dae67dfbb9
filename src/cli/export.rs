//! `spm export`: the whole database out to a workbook or a folder of CSV files, to archive it
//! or move it to another machine (`spm restore` brings it back).

use std::fs;
use std::path::Path;

use clap::Args as ClapArgs;

use super::write::{cannot, write_file};
use super::{Ctx, FormatArg};
use crate::error::Error;
use crate::service::archive::{MANIFEST, SHEET_ROWS, Snapshot};

pub const EXAMPLES: &str = "\
Examples:
  spm export -o everything.xlsx       one sheet per table, and the manifest _spm
  spm export -o archive-2026/         a folder of CSV files, and _spm.csv
  spm --format csv export -o archive  a folder, even without the trailing /
  spm export -o ~/backups/spm-$(date +%F).xlsx

Every table, every column and every row goes out exactly (ids, NULLs, text, numbers), for
\"spm restore\" to bring it back. An empty cell is NULL. A workbook's cells hold the text
itself, but text that is empty or begins with ' has one ' put before it; in CSV files, text
that is empty or begins with = + - @ ' tab CR LF or NUL does, so no spreadsheet runs it as
a formula. Restore takes that ' off. A table longer than a sheet continues on sheets
table.2, table.3, ... New files are readable by you only (mode 0600): they hold personal
data.";

/// `spm export`: where it goes is `--output`.
#[derive(Debug, ClapArgs)]
pub struct Args {}

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Workbook,
    Folder,
}

/// How to say where an export goes.
const WHERE: &str = "give -o FILE.xlsx for a workbook, or -o DIR/ for a folder of CSV files";

pub fn run(ctx: &Ctx, _args: Args) -> anyhow::Result<()> {
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
        other @ (FormatArg::Json | FormatArg::Md | FormatArg::Ics | FormatArg::Html) => {
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
/// failed halfway has no manifest and cannot be restored by mistake.
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
