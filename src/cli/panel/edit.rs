//! `spm panel edit ID`: a session's year, term, date, topic, question or number of panellists
//! changed.

use clap::Args as ClapArgs;

use super::report;
use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::error::Error;
use crate::service::panel::{self as svc, Saved, SessionPatch};

pub const EXAMPLES: &str = "\
Examples:
  spm panel edit 1 --on 2025-10-21
  spm panel edit 1 --term winter --on 2026-01-20
  spm panel edit 1 --question \"\"  clears the question";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The session's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// A new academic year, e.g. 2025/26 (the date must fall in it)
    #[arg(long)]
    year: Option<String>,
    /// A new term: one of the configured terms
    #[arg(long)]
    term: Option<String>,
    /// A new date, YYYY-MM-DD
    #[arg(long)]
    on: Option<String>,
    /// A new topic
    #[arg(long, value_name = "TEXT")]
    topic: Option<String>,
    /// A new question ("" clears it)
    #[arg(long, value_name = "TEXT")]
    question: Option<String>,
    /// A new number of panellists ("" clears it)
    #[arg(long, value_name = "N")]
    panellists: Option<String>,
}

/// `--panellists` of `edit`: a number from 0, or "" to clear it.
fn panellists(value: Option<&str>) -> Result<Option<Option<u32>>, Error> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(v) => v.parse::<u32>().map(|n| Some(Some(n))).map_err(|_| {
            Error::Invalid(format!(
                "--panellists {v:?} is not a whole number of people (or \"\" to clear it)"
            ))
        }),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let patch = SessionPatch {
        year: parse_opt(args.year.as_deref())?,
        term: args.term,
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
        topic: args.topic,
        question: args
            .question
            .map(|q| Some(q).filter(|q| !q.trim().is_empty())),
        panellists: panellists(args.panellists.as_deref())?,
    };
    if patch.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give at least one field, e.g. --on 2025-10-21 (see spm panel edit --help)".into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let before = svc::get(&conn, args.id)?;
    let saved = svc::edit(&mut conn, args.id, patch, today)?;
    if saved.session == before {
        ctx.note(&format!("panel session {} is unchanged", args.id));
        return Ok(());
    }
    let moved = (saved.session.year, &saved.session.term) != (before.year, &before.term);
    let saved = if moved {
        saved
    } else {
        // Still in the term it was in: the other sessions there were already known.
        Saved {
            same_term: Vec::new(),
            ..saved
        }
    };
    report(ctx, "changed", &saved, today);
    Ok(())
}
