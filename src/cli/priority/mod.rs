//! `spm priority ...`: the Partnership Agreement's priority projects for each year, with their
//! objectives, carried forward one by one when the Agreement is reviewed.

mod carry_forward;
mod list;
mod remove;
mod set;

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm priority set 2026/27 mh-peer-2025 \\
      --objective \"halve waiting times for peer support\" \\
      --objective \"train 40 student mentors\"
  spm priority list 2021/22
  spm priority carry-forward 2021/22 2022/23 --yes  carries them all";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a project a priority for an academic year with its objectives (replaces the
    /// objectives when it is one already)
    #[command(after_help = set::EXAMPLES)]
    Set(set::Args),

    /// List the priority projects with their objectives, newest year first
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Propose one year's priorities for a later year, each kept only when confirmed (or --yes)
    #[command(after_help = carry_forward::EXAMPLES)]
    CarryForward(carry_forward::Args),

    /// Take a project off a year's priorities, with its objectives
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Set(args) => set::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::CarryForward(args) => carry_forward::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
    }
}

/// A priority's objectives as numbered lines: "1. first".
fn numbered(objectives: &[String]) -> Vec<String> {
    objectives
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}. {o}", i + 1))
        .collect()
}
