//! `spm db backup FILE`: a copy made with SQLite's online backup API.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::database;

pub const EXAMPLES: &str = "\
Examples:
  spm db backup ~/backups/spm-$(date +%F).db
  spm db backup ~/backups/latest.db --force  replaces last week's copy";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Where to write the copy
    file: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let source = ctx.path()?;
    let conn = ctx.read()?;
    database::backup(&conn, &source, &args.file, args.force)?;
    ctx.note(&format!(
        "backed up {} to {}",
        source.display(),
        args.file.display()
    ));
    Ok(())
}
