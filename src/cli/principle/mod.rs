//! `spm principle ...`: frameworks, their principles, adding, retiring and adopting.

mod add;
mod adopt;
mod frameworks;
mod list;
mod retire;
mod show;

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm principle frameworks
  spm principle list
  spm principle list --framework spa
  spm principle show CP9
  spm principle adopt spa";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the frameworks, their sources and which one is adopted
    #[command(after_help = frameworks::EXAMPLES)]
    Frameworks(frameworks::Args),

    /// List a framework's principles (the adopted framework's by default)
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one principle whole, with its framework and source
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Add a principle to a framework of your own, creating it if its key is new
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// Retire a principle: it leaves the list but is never deleted
    #[command(after_help = retire::EXAMPLES)]
    Retire(retire::Args),

    /// Choose the framework that reviews score against
    #[command(after_help = adopt::EXAMPLES)]
    Adopt(adopt::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Frameworks(args) => frameworks::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Add(args) => add::run(ctx, args),
        Command::Retire(args) => retire::run(ctx, args),
        Command::Adopt(args) => adopt::run(ctx, args),
    }
}
