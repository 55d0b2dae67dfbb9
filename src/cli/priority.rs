//! `spm priority ...`: The Partnership Agreement's priority projects for each year.

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm priority --help";

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {}
}
