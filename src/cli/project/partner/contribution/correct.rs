//! `spm project partner contribution correct ID`: a new entry with the corrected values
//! replaces an entry (the log keeps both).

use clap::Args as ClapArgs;

use super::{amounts, when};
use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_clearable, parse_opt};
use crate::model::{Money, Recognition};
use crate::service::partner::{self as svc, Correction, parse_hours};

pub const EXAMPLES: &str = "\
What is not given is kept from the entry corrected. The correction must keep to the rules of
\"spm project partner log\": within the person's time on the project, at most 24 hours a day.

Examples:
  spm project partner contribution correct 1 --hours 5 \\
      --reason \"the timesheet said 5\"
  spm project partner contribution correct 2 --from 2026-02-02 \\
      --to 2026-02-13 --reason \"two weeks, not a day\"
  spm project partner contribution correct 1 --paid 0 --recognition \"\"  unpaid";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
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
