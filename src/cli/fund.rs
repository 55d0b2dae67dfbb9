//! `spm fund ...`: The education-enhancement fund: applications, awards and spend.

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm fund --help";

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {}
}
