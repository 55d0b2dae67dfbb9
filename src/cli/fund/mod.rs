//! `spm fund ...`: the education-enhancement fund: applications, awards and spend, within the
//! cap and each year's budget (`budget.rs`).

mod apply;
mod budget;
mod cap;
mod decide;
mod list;
mod show;
mod spend;

use clap::Subcommand;

use super::Ctx;
use crate::model::Money;
use crate::output::Value;

pub const EXAMPLES: &str = "\
Examples:
  spm fund apply cm-commuter-2025 --amount 2500 --theme belonging
  spm fund decide 3 --award 3500 --note \"panel of 2026-11-18\"
  spm fund spend 1 --amount 1200 --on 2026-11-02 --note \"launch catering\"
  spm fund list --year 2026/27
  spm fund budget 2026/27 50000

The cap on one request or award is GBP 10,000 unless set with \"spm fund cap\". Each year can
have a budget (\"spm fund budget\"): an award beyond what remains of it is refused unless
given --over-budget, and the lists say what remains.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the cap on one application or award, or set it
    #[command(after_help = cap::EXAMPLES)]
    Cap(cap::Args),

    /// Show each year's budget and what remains of it, or set or remove a year's budget
    #[command(after_help = budget::EXAMPLES)]
    Budget(budget::Args),

    /// Record a project's application to the fund (prints the application's id)
    #[command(after_help = apply::EXAMPLES)]
    Apply(apply::Args),

    /// Award or reject an application, once: an award is at most the amount asked for and the cap
    #[command(after_help = decide::EXAMPLES)]
    Decide(decide::Args),

    /// Record money spent from an award (never more than what remains of it)
    #[command(after_help = spend::EXAMPLES)]
    Spend(spend::Args),

    /// List applications, newest first, with what was awarded, spent and remains
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one application whole, with its spend and history
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Cap(args) => cap::run(ctx, args),
        Command::Budget(args) => budget::run(ctx, args),
        Command::Apply(args) => apply::run(ctx, args),
        Command::Decide(args) => decide::run(ctx, args),
        Command::Spend(args) => spend::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
    }
}

/// An amount of money, when there is one.
fn money(m: Option<Money>) -> Value {
    m.map_or(Value::Null, Value::Money)
}
