//! `spm rec ...`: Recommendations to leadership ("you said, we did").

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm rec --help";

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {}
}
