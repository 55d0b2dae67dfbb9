//! `spm person import FILE`: people from a CSV or XLSX file, all or nothing.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::cli::{Ctx, file_import};
use crate::service::import::{self as svc, ImportOptions};

pub const EXAMPLES: &str = "\
Examples:
  spm person import people.csv --dry-run  check the rows, change nothing
  spm person import people.csv            register the new people
  spm person import people.xlsx --update  also update existing ones

The columns are those of \"spm --format csv person list\" (name, email, kind, department,
level, consent_given, ...) plus notes, in any case, with aliases (dept, type, consent). name
and kind are required; dates are YYYY-MM-DD; id is ignored; rows with erased_on are skipped.
People are matched on email, or on name and kind when they have no email. When any row is
wrong, every problem is listed with its line and column, and nothing is imported.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The file: .csv (UTF-8; comma-, semicolon- or tab-separated) or .xlsx, with a header row
    /// such as "spm --format csv person list" writes
    file: PathBuf,
    /// Check every row and say what would happen, but change nothing
    #[arg(long, short = 'n')]
    dry_run: bool,
    /// Overwrite people already registered (matched on email, or on name and kind when they
    /// have no email) with the file's values; without it they are left as they are
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
    file_import::run(ctx, &args.file, &opts, svc::people, ("person", "people"))
}
