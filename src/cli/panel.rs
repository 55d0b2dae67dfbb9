//! `spm panel ...`: The Student Education Panel: termly sessions and their insights.

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm panel --help";

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {}
}
