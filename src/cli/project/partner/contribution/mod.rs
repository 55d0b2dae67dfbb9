//! `spm project partner contribution ...`: the log of hours, payments and recognition, entry
//! by entry. A mistake is put right by a new entry that replaces the old one (a correction,
//! or a reversal that counts for nothing); the old entry stays, and both are in the change
//! log.

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_clearable, parse_opt};
use crate::model::{Contribution, Money, Recognition, Role};
use crate::output::{Doc, Rows, Value, col};
use crate::service::partner::{self as svc, Correction, Entry, hours_text, parse_hours};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List a project's entries (one person's, when given) with what became of each
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List {
        /// The project's code
        project: String,
        /// The person: id, email, or unique name
        person: Option<String>,
        /// Only the entries of this role, when the person has several on the project
        #[arg(long, value_parser = Choices(Role::NAMES), requires = "person")]
        role: Option<String>,
    },

    /// Correct an entry: a new entry with the corrected values replaces it (the log keeps both)
    #[command(after_help = CORRECT_EXAMPLES)]
    Correct(CorrectArgs),

    /// Reverse an entry logged by mistake: it stays in the log, and counts for nothing
    #[command(after_help = REVERSE_EXAMPLES)]
    Reverse {
        /// The entry's number (see "spm project partner contribution list")
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        /// Why it is reversed
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Debug, ClapArgs)]
pub struct CorrectArgs {
    /// The entry's number (see "spm project partner contribution list")
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The right hours, e.g. 6, 1.5 or 1:30
    #[arg(long)]
    hours: Option<String>,
    /// The right amount paid in pounds, e.g. 90 (0 for none)
    #[arg(long, allow_hyphen_values = true)]
    paid: Option<String>,
    /// The right day (the entry becomes one day's)
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
    on: Option<String>,
    /// The right first day of a period (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// The right last day of the period (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// The right recognition: certificate, transcript, credit, payment or voucher ("" for none)
    #[arg(long, value_parser = Choices(Recognition::NAMES))]
    recognition: Option<String>,
    /// The right note ("" for none)
    #[arg(long)]
    note: Option<String>,
    /// Why the entry is corrected
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

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

const LIST_EXAMPLES: &str = "\
Status says what became of each entry: \"counts\", \"corrected by N\" or \"reversed by N\" (then
entry N replaces it), or \"reverses N\". Only entries that count are in totals and reports.

Examples:
  spm project partner contribution list mh-peer-2025
  spm project partner contribution list mh-peer-2025 a.hassan@example.ac.uk
  spm project partner contribution list mh-peer-2025 -o hours.csv";

const CORRECT_EXAMPLES: &str = "\
What is not given is kept from the entry corrected. The correction must keep to the rules of
\"spm project partner log\": within the person's time on the project, at most 24 hours a day.

Examples:
  spm project partner contribution correct 1 --hours 5 \\
      --reason \"the timesheet said 5\"
  spm project partner contribution correct 2 --from 2026-02-02 \\
      --to 2026-02-13 --reason \"two weeks, not a day\"
  spm project partner contribution correct 1 --paid 0 --recognition \"\"  unpaid";

const REVERSE_EXAMPLES: &str = "\
Examples:
  spm project partner contribution reverse 2 \\
      --reason \"logged against the wrong student\"";

/// Lists, corrects or reverses the log's entries.
pub fn run(ctx: &Ctx, cmd: Command, today: NaiveDate) -> anyhow::Result<()> {
    match cmd {
        Command::List {
            project,
            person,
            role,
        } => {
            let role = parse_opt::<Role>(role.as_deref())?;
            let conn = ctx.read()?;
            let entries = svc::entries(&conn, &project, person.as_deref(), role)?;
            ctx.emit(&Doc::Rows(entry_rows(&entries)))
        }
        Command::Correct(args) => correct(ctx, args, today),
        Command::Reverse { id, reason } => {
            let mut conn = ctx.write()?;
            let (old, new) = svc::reverse(&mut conn, id, reason.as_deref())?;
            ctx.note(&format!(
                "entry {} reverses entry {id} ({} on {}, {}: {})",
                new.contribution.id,
                old.person,
                old.project,
                when(&old.contribution),
                amounts(&old.contribution)
            ));
            Ok(())
        }
    }
}

fn correct(ctx: &Ctx, args: CorrectArgs, today: NaiveDate) -> anyhow::Result<()> {
    let day = |s: Option<&str>| parse_opt::<Date>(s).map(|d| d.map(|d| d.0));
    let period = match (day(args.on.as_deref())?, day(args.from.as_deref())?) {
        (Some(on), _) => Some((on, None)),
        (None, Some(from)) => Some((from, day(args.to.as_deref())?)),
        (None, None) => None,
    };
    let correction = Correction {
        minutes: args.hours.as_deref().map(parse_hours).transpose()?,
        paid: parse_opt::<Money>(args.paid.as_deref())?,
        period,
        recognition: parse_clearable::<Recognition>(args.recognition.as_deref())?,
        note: args
            .note
            .map(|n| if n.trim().is_empty() { None } else { Some(n) }),
        reason: args.reason,
    };
    let mut conn = ctx.write()?;
    let (old, new) = svc::correct(&mut conn, args.id, correction, today)?;
    ctx.note(&format!(
        "entry {} corrects entry {} ({} on {}): was {}: {}; now {}: {}",
        new.contribution.id,
        args.id,
        old.person,
        old.project,
        when(&old.contribution),
        amounts(&old.contribution),
        when(&new.contribution),
        amounts(&new.contribution)
    ));
    Ok(())
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

/// A project's entries as rows.
fn entry_rows(entries: &[Entry]) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Entry"),
        col("person", "Person"),
        col("role", "Role"),
        col("on", "On"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
        col("note", "Note"),
        col("replaces", "Replaces"),
        col("status", "Status"),
        col("reason", "Reason"),
    ]);
    for e in entries {
        let c = &e.contribution;
        rows.push(vec![
            Value::Int(c.id),
            Value::Text(e.person.clone()),
            Value::Text(e.role.to_string()),
            Value::Date(c.on.to_string()),
            Value::date(c.to),
            Value::Float(c.minutes as f64 / 60.0),
            Value::Money(Money(c.paid_pence)),
            Value::text(c.recognition.map(|r| r.to_string())),
            Value::text(c.note.clone()),
            c.replaces.map_or(Value::Null, Value::Int),
            Value::Text(e.status()),
            Value::text(c.reason.clone()),
        ]);
    }
    rows
}
