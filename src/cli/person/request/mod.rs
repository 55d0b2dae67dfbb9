//! `spm person request ...`: data-protection requests (access, erasure), recorded, listed
//! with what is due, and closed.

mod add;
mod close;
mod list;

use clap::Subcommand;

use crate::cli::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm person request add a.hassan@example.ac.uk access --received 2026-11-20
  spm person request list --open
  spm person request close 1 --on 2026-11-20";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a request received: access (a copy of their data) or erasure; due a month later
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List requests, soonest due first, with how long is left or how overdue they are
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Close a request once it is answered
    #[command(after_help = close::EXAMPLES)]
    Close(close::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Close(args) => close::run(ctx, args),
    }
}
