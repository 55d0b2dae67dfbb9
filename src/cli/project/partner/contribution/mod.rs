//! `spm project partner contribution ...`: the log of hours, payments and recognition, entry
//! by entry. A mistake is put right by a new entry that replaces the old one (a correction,
//! or a reversal that counts for nothing); the old entry stays, and both are in the change
//! log.

mod correct;
mod list;
mod reverse;

use clap::Subcommand;

use crate::cli::Ctx;
use crate::model::{Contribution, Money};
use crate::service::partner::hours_text;

pub const EXAMPLES: &str = "\
Every entry of \"spm project partner log\" has a number. Nothing is overwritten: a correction
or a reversal is a new entry that replaces the old one, which stays in the list, marked, and
both are in the project's change log. Only entries that count are in totals and reports.

Examples:
  spm project partner contribution list mh-peer-2025
  spm project partner contribution correct 1 --hours 5 \\
      --reason \"the timesheet said 5\"
  spm project partner contribution reverse 2 \\
      --reason \"logged against the wrong student\"";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List a project's entries (one person's, when given) with what became of each
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Correct an entry: a new entry with the corrected values replaces it (the log keeps both)
    #[command(after_help = correct::EXAMPLES)]
    Correct(correct::Args),

    /// Reverse an entry logged by mistake: it stays in the log, and counts for nothing
    #[command(after_help = reverse::EXAMPLES)]
    Reverse(reverse::Args),
}

/// Lists, corrects or reverses the log's entries.
pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::List(args) => list::run(ctx, args),
        Command::Correct(args) => correct::run(ctx, args),
        Command::Reverse(args) => reverse::run(ctx, args),
    }
}

/// The day of an entry, or its period.
fn when(c: &Contribution) -> String {
    match c.to {
        Some(to) => format!("{} to {to}", c.on),
        None => c.on.to_string(),
    }
}

/// An entry's hours, pay and recognition, in words.
fn amounts(c: &Contribution) -> String {
    let mut text = format!(
        "{} hours, {} paid",
        hours_text(c.minutes),
        Money(c.paid_pence)
    );
    if let Some(r) = c.recognition {
        text.push_str(&format!(", {r}"));
    }
    text
}
