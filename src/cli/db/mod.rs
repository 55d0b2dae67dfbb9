//! `spm db ...`: where the database is, whether it is sound, and backing it up.

mod backup;
mod check;
mod path;

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm db path
  spm db check
  spm db backup ~/backups/spm-$(date +%F).db";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the database file's path (without creating it)
    #[command(after_help = path::EXAMPLES)]
    Path(path::Args),

    /// Check the database's integrity, foreign keys and stored next review dates
    #[command(after_help = check::EXAMPLES)]
    Check(check::Args),

    /// Copy the database to FILE with SQLite's online backup API (safe while spm runs)
    #[command(after_help = backup::EXAMPLES)]
    Backup(backup::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Path(args) => path::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
        Command::Backup(args) => backup::run(ctx, args),
    }
}
