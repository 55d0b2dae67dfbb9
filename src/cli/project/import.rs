//! `spm project import FILE`: projects from a CSV or XLSX file, all or nothing.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::cli::{Ctx, file_import};
use crate::service::import::{self as svc, ImportOptions};

pub const EXAMPLES: &str = "\
Examples:
  spm project import projects.csv --dry-run       check the rows, change nothing
  spm project import projects.csv                 register the new projects
  spm project import projects.xlsx --update       also update existing ones
  spm project import budget.xlsx --sheet 2025-26  one sheet of a workbook

The columns are those of \"spm --format csv project list\" (code, title, form, level_planned,
...), so an export imports back unchanged; the headers a table shows (\"Planned level\") and
aliases (level, dept, lead, year, start, end, theme) work too, in any case. title, form and
level_planned are required; themes are separated by \";\"; dates are YYYY-MM-DD; created_at
and updated_at are ignored. Projects are matched on code, and a row without a code on its
title and academic year, so importing a file twice adds nothing the second time.
A lead is found by lead_email when the file gives one, else by name; a lead nobody matches
is registered as a member of staff. continues is the code of the project of an earlier
academic year that a row's project continues, registered or on any row of the file, checked
as by \"spm project edit --continues\"; with --update an empty one clears the link. When any
row is wrong, every problem is listed with its line and column, and nothing is imported.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The file: .csv (UTF-8; comma-, semicolon- or tab-separated) or .xlsx, with a header row
    /// such as "spm --format csv project list" writes
    file: PathBuf,
    /// Check every row and say what would happen, but change nothing
    #[arg(long, short = 'n')]
    dry_run: bool,
    /// Overwrite projects already registered (matched on code, or on title and academic year
    /// for a row without one) with the file's values; without it they are left as they are
    #[arg(long)]
    update: bool,
    /// The sheet of an .xlsx workbook to read [default: the first]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let opts = ImportOptions {
        dry_run: args.dry_run,
        update: args.update,
        sheet: args.sheet,
    };
    file_import::run(
        ctx,
        &args.file,
        &opts,
        svc::projects,
        ("project", "projects"),
    )
}
