//! `spm panel insight ...`: what the panellists wrote up for leadership, added, listed,
//! approved for the public pages and removed.

mod add;
mod list;
mod publish;
mod remove;
mod unpublish;

use clap::Subcommand;

use crate::cli::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel insight list 1
  spm panel insight publish 5
  spm panel insight remove 4 --yes";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an insight to a session; prints the new insight's id
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List a session's insights in the order they were added
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Approve an insight for the public pages
    #[command(after_help = publish::EXAMPLES)]
    Publish(publish::Args),

    /// Take an insight off the public pages
    #[command(after_help = unpublish::EXAMPLES)]
    Unpublish(unpublish::Args),

    /// Delete an insight recorded by mistake (the session's history keeps its text)
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Publish(args) => publish::run(ctx, args),
        Command::Unpublish(args) => unpublish::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
    }
}
