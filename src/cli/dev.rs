//! `spm dev ...`: tools for developers (benchmark data).

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm --db /tmp/big.db dev --help";

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {}
}
