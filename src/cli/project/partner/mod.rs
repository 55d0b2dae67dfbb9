//! `spm project partner ...`: who takes part in a project, in which role, and how their
//! contribution was recognised; `contribution/` lists and puts right the log's entries.

mod add;
mod contribution;
mod end;
mod list;
mod log;
mod remove;

use clap::Subcommand;

use crate::cli::Ctx;
use crate::model::{Money, Partner};
use crate::output::{Rows, Value, col};

pub const EXAMPLES: &str = "\
Examples:
  spm project partner add mh-peer-2025 \"Priya Nair\" --role student-partner
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 6 --paid 90
  spm project partner contribution list mh-peer-2025
  spm project partner list mh-peer-2025
  spm project partner end mh-peer-2025 a.hassan@example.ac.uk --on 2026-06-30";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a person to a project in a role (warns when a student has no consent on record)
    #[command(after_help = add::help())]
    Add(add::Args),

    /// List a project's partners with their hours and payments
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Record the day a person left a project
    #[command(after_help = end::EXAMPLES)]
    End(end::Args),

    /// Take a person off a project (a role added by mistake), with what was logged for it
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),

    /// Log hours on a day or over a period, a payment, or how a contribution was recognised
    #[command(after_help = log::EXAMPLES)]
    Log(log::Args),

    /// The log's entries: list them, correct one or reverse one (the log keeps both)
    #[command(subcommand, after_help = contribution::EXAMPLES)]
    Contribution(contribution::Command),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::End(args) => end::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
        Command::Log(args) => log::run(ctx, args),
        Command::Contribution(cmd) => contribution::run(ctx, cmd),
    }
}

/// A project's partners as rows.
pub(super) fn partner_rows(partners: &[Partner]) -> Rows {
    let mut rows = Rows::new(&[
        col("person_id", "Id"),
        col("person", "Person"),
        col("kind", "Kind"),
        col("role", "Role"),
        col("from", "From"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
        col("skills", "Skills"),
    ]);
    for p in partners {
        rows.push(vec![
            Value::Int(p.person_id),
            Value::Text(p.person.clone()),
            Value::Text(p.kind.to_string()),
            Value::Text(p.role.to_string()),
            Value::date(p.from),
            Value::date(p.to),
            Value::Float(p.minutes as f64 / 60.0),
            Value::Money(Money(p.paid_pence)),
            Value::List(p.recognition.iter().map(|r| r.to_string()).collect()),
            Value::text(p.skills.clone()),
        ]);
    }
    rows
}
