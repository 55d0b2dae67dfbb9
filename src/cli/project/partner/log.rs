//! `spm project partner log PROJECT PERSON`: hours on a day or over a period, a payment, or
//! how a contribution was recognised.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::model::{Money, Recognition, Role};
use crate::service::partner::{self as svc, NewContribution, hours_text, parse_hours};

pub const EXAMPLES: &str = "\
Hours over a period (--from and --to) are spread evenly over its days: 70 hours over the 30
days of November is fine, 70 hours over two days is more than 24 a day and refused. Reports
by year count the part of a period that falls in the year, day by day. Every entry gets a
number (see \"spm project partner contribution list\"), by which it can be corrected or
reversed.

Examples:
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 6 --paid 90 \\
      --on 2026-11-18
  spm project partner log mh-peer-2025 \"Tom Evans\" --hours 70 \\
      --from 2026-10-01 --to 2026-10-31
  spm project partner log mh-peer-2025 \"Tom Evans\" --recognition voucher \\
      --note \"book token\"
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 1:30 \\
      --recognition transcript";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: String,
    /// Hours given, e.g. 6, 1.5 or 1:30 (at most 24 a day; over a period, spread evenly
    /// over its days)
    #[arg(long)]
    hours: Option<String>,
    /// An amount paid in pounds, e.g. 90 or £90.00
    #[arg(long, allow_hyphen_values = true)]
    paid: Option<String>,
    /// The day of the contribution [default: today]
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
    on: Option<String>,
    /// The first day of a period the hours were given over (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// The last day of the period (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// How it was recognised: certificate, transcript, credit, payment or voucher
    #[arg(long, value_parser = Choices(Recognition::NAMES))]
    recognition: Option<String>,
    /// A note
    #[arg(long)]
    note: Option<String>,
    /// Which of their roles, when they have several on the project
    #[arg(long, value_parser = Choices(Role::NAMES))]
    role: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let from = parse_opt::<Date>(args.from.as_deref())?.map(|d| d.0);
    let on = parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0);
    let new = NewContribution {
        project: args.project,
        person: args.person,
        role: parse_opt(args.role.as_deref())?,
        on: from.or(on).unwrap_or(today),
        to: parse_opt::<Date>(args.to.as_deref())?.map(|d| d.0),
        minutes: args
            .hours
            .as_deref()
            .map(parse_hours)
            .transpose()?
            .unwrap_or(0),
        paid: parse_opt::<Money>(args.paid.as_deref())?.unwrap_or(Money(0)),
        recognition: parse_opt(args.recognition.as_deref())?,
        note: args.note,
    };
    let mut conn = ctx.write()?;
    let (p, c) = svc::log(&mut conn, new, today)?;
    let when = match c.to {
        Some(to) => format!("{} to {to}", c.on),
        None => c.on.to_string(),
    };
    ctx.note(&format!(
        "logged entry {} for {} on {} ({when}): {} hours, {} paid; in all {} hours, {} paid",
        c.id,
        p.person,
        p.project,
        hours_text(c.minutes),
        Money(c.paid_pence),
        hours_text(p.minutes),
        Money(p.paid_pence)
    ));
    Ok(())
}
