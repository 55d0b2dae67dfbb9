//! `spm panel add`: a panel session, held or planned up to a year ahead.

use clap::Args as ClapArgs;

use super::report;
use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::model::AcademicYear;
use crate::service::panel::{self as svc, NewSession};
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm panel add --term winter --on 2027-01-20 --topic \"Assessment feedback\"
  spm panel add --year 2025/26 --term winter --on 2026-01-21 \\
      --topic \"Belonging on placement\" \\
      --question \"What would help you feel part of the team?\" --panellists 11

Prints the new session's id. The date must fall in the academic year; a session can be
planned up to a year ahead. The panel meets once a term: a second session in the same term is
kept, with a warning.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year, e.g. 2025/26 [default: the year --on falls in]
    #[arg(long)]
    year: Option<String>,
    /// The term: one of the configured terms (autumn, winter, spring unless set otherwise)
    #[arg(long)]
    term: String,
    /// The day the panel met or will meet, YYYY-MM-DD (up to a year ahead)
    #[arg(long)]
    on: String,
    /// The topic or proposal the panel discussed
    #[arg(long, value_name = "TEXT")]
    topic: String,
    /// The question put to the panel
    #[arg(long, value_name = "TEXT")]
    question: Option<String>,
    /// How many panellists took part
    #[arg(long, value_name = "N")]
    panellists: Option<u32>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let on = args.on.parse::<Date>()?.0;
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let mut conn = ctx.write()?;
    let year = match year {
        Some(y) => y,
        None => settings::current_year(&conn, on)?,
    };
    let new = NewSession {
        year,
        term: args.term,
        on,
        topic: args.topic,
        question: args.question,
        panellists: args.panellists,
    };
    let saved = svc::add(&mut conn, new, today)?;
    report(ctx, "recorded", &saved, today);
    ctx.emit_line(&saved.session.id.to_string())
}
