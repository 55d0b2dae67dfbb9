//! `spm dev ...`: tools for developers (benchmark data).

mod generate;

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm --db /tmp/big.db dev generate --projects 100000 --reviews 1000000 --people 50000
  spm --db /tmp/small.db dev generate --projects 200 --seed 42";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with realistic projects, reviews and people, for benchmarks
    #[command(after_help = generate::EXAMPLES)]
    Generate(generate::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Generate(args) => generate::run(ctx, args),
    }
}
