//! `spm person characteristic ...`: self-declared characteristics, used only in aggregate
//! reports.

mod clear;
mod set;

use clap::Subcommand;

use crate::cli::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm person characteristic set 4 disability \"prefer not to say\"
  spm person characteristic set a.hassan@example.ac.uk first-generation yes
  spm person characteristic clear 5 disability";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a self-declared characteristic ("prefer not to say" is an answer of its own)
    #[command(after_help = set::EXAMPLES)]
    Set(set::Args),

    /// Remove a characteristic, so it is "not recorded" again
    #[command(after_help = clear::EXAMPLES)]
    Clear(clear::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Set(args) => set::run(ctx, args),
        Command::Clear(args) => clear::run(ctx, args),
    }
}
