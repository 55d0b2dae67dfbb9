//! `spm db path`: the database file's path, without creating it.

use clap::Args as ClapArgs;

use crate::cli::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm db path
  SPM_DB=/srv/spm/spm.db spm db path";

#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> anyhow::Result<()> {
    let path = ctx.path()?;
    ctx.emit_line(&path.display().to_string())
}
