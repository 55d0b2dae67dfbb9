//! `spm panel ...`: The Student Education Panel: termly sessions, their insights, and the
//! terms in which the panel has not met.

use clap::{Args as ClapArgs, Subcommand};

use super::{Ctx, prompt};
use crate::cli::args::{Date, parse_opt};
use crate::error::Error;
use crate::model::AcademicYear;
use crate::output::Doc;
use crate::service::panel::{self as svc, NewSession, Saved, SessionPatch};
use crate::service::settings;

mod list;
use list::{gaps, insight_rows, list, show};

pub const EXAMPLES: &str = "\
Examples:
  spm panel add --year 2025/26 --term winter --on 2026-01-21 \\
      --topic \"Assessment feedback\" --question \"What makes feedback useful?\" \\
      --panellists 14
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel list --year 2025/26
  spm panel show 1
  spm panel gaps  terms of this academic year with no session";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the names of the academic year's terms, or set them (in order)
    #[command(after_help = TERMS_EXAMPLES)]
    Terms {
        /// The new names, in order, separated by commas, e.g. michaelmas,lent,summer
        #[arg(value_delimiter = ',')]
        names: Vec<String>,
    },

    /// Record a panel session, held or planned up to a year ahead
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),

    /// List panel sessions, newest first, with their insights and recommendations counted
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(ListArgs),

    /// Show one session whole: its insights, the recommendations raised from it, its history
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The session's id (see spm panel list)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },

    /// Change a session's year, term, date, topic, question or number of panellists
    #[command(after_help = EDIT_EXAMPLES)]
    Edit(EditArgs),

    /// Delete a session recorded by mistake, with its insights
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The session's id
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// What the panellists wrote up for leadership: add, list and remove insights
    #[command(subcommand, after_help = INSIGHT_EXAMPLES)]
    Insight(InsightCommand),

    /// List the terms of an academic year in which the panel has not met
    #[command(after_help = GAPS_EXAMPLES)]
    Gaps {
        /// The academic year, e.g. 2025/26 [default: the current one]
        #[arg(long)]
        year: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum InsightCommand {
    /// Add an insight to a session; prints the new insight's id
    #[command(after_help = INSIGHT_ADD_EXAMPLES)]
    Add {
        /// The session's id (see spm panel list)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        session: i64,
        /// What the panellists said
        text: String,
    },

    /// List a session's insights in the order they were added
    #[command(visible_alias = "ls", after_help = INSIGHT_LIST_EXAMPLES)]
    List {
        /// The session's id
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        session: i64,
    },

    /// Delete an insight recorded by mistake (the session's history keeps its text)
    #[command(visible_alias = "rm", after_help = INSIGHT_REMOVE_EXAMPLES)]
    Remove {
        /// The insight's id (see spm panel insight list SESSION)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
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

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// Only sessions of this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
    /// Only sessions in this term
    #[arg(long)]
    term: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
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

const ADD_EXAMPLES: &str = "\
Examples:
  spm panel add --term winter --on 2027-01-20 --topic \"Assessment feedback\"
  spm panel add --year 2025/26 --term winter --on 2026-01-21 \\
      --topic \"Belonging on placement\" \\
      --question \"What would help you feel part of the team?\" --panellists 11

Prints the new session's id. The date must fall in the academic year; a session can be
planned up to a year ahead. The panel meets once a term: a second session in the same term is
kept, with a warning.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm panel list
  spm panel list --year 2025/26 --term autumn
  spm --format csv panel list -o panel.csv";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm panel show 1
  spm --format json panel show 1";

const EDIT_EXAMPLES: &str = "\
Examples:
  spm panel edit 1 --on 2025-10-21
  spm panel edit 1 --term winter --on 2026-01-20
  spm panel edit 1 --question \"\"  clears the question";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm panel remove 2 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on. A session that recommendations were raised from cannot be removed.";

const INSIGHT_EXAMPLES: &str = "\
Examples:
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel insight list 1
  spm panel insight remove 4 --yes";

const INSIGHT_ADD_EXAMPLES: &str = "\
Examples:
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel insight add 2 \"$(cat insight.txt)\"

An insight can become a recommendation: spm rec add --panel 1 ...";

const INSIGHT_LIST_EXAMPLES: &str = "\
Examples:
  spm panel insight list 1
  spm --format md panel insight list 1 > insights.md";

const INSIGHT_REMOVE_EXAMPLES: &str = "\
Examples:
  spm panel insight remove 4 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

const GAPS_EXAMPLES: &str = "\
Examples:
  spm panel gaps  this academic year
  spm panel gaps --year 2025/26
  spm --format json panel gaps --year 2025/26

The terms come in order from the setting \"terms\" (autumn, winter, spring by default). When
the panel has met in every term, the list is empty and a note says so on stderr. Terms not
begun yet are not gaps: they are named on stderr as still to come. Terms have no dates, so
the year is cut into equal runs of months, one per term, to tell which have begun.";

const TERMS_EXAMPLES: &str = "\
Examples:
  spm panel terms                         the terms now
  spm panel terms michaelmas,lent,summer  new names, in order

The terms are autumn, winter and spring unless set.";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Terms { names } => {
            // Without names it only shows the terms.
            let mut conn = if names.is_empty() {
                ctx.read()?
            } else {
                ctx.write()?
            };
            if !names.is_empty() {
                let terms = settings::set_terms(&mut conn, &names)?;
                ctx.note(&format!("the terms are now {}", terms.join(", ")));
            }
            ctx.emit_line(&settings::terms(&conn)?.join("\n"))
        }
        Command::Add(args) => add(ctx, args),
        Command::List(args) => list(ctx, args),
        Command::Show { id } => show(ctx, id),
        Command::Edit(args) => edit(ctx, args),
        Command::Remove { id, yes } => remove(ctx, id, yes),
        Command::Insight(InsightCommand::Add { session, text }) => {
            let mut conn = ctx.write()?;
            let insight = svc::add_insight(&mut conn, session, &text)?;
            ctx.note(&format!(
                "added insight {} to panel session {session}",
                insight.id
            ));
            ctx.emit_line(&insight.id.to_string())
        }
        Command::Insight(InsightCommand::List { session }) => {
            let conn = ctx.read()?;
            let rows = insight_rows(svc::list_insights(&conn, session)?);
            ctx.emit_or(
                &Doc::Rows(rows),
                &format!(
                    "panel session {session} has no insights yet; add one with spm panel insight add {session} TEXT"
                ),
            )
        }
        Command::Insight(InsightCommand::Remove { id, yes }) => remove_insight(ctx, id, yes),
        Command::Gaps { year } => gaps(ctx, year.as_deref()),
    }
}

/// Tells the person what was saved, and warns of another session in the same term.
fn report(ctx: &Ctx, verb: &str, saved: &Saved, today: chrono::NaiveDate) {
    let s = &saved.session;
    let planned = if s.on > today { " (planned)" } else { "" };
    ctx.note(&format!(
        "{verb} panel session {}: {} {} on {}{planned}, {:?}",
        s.id, s.term, s.year, s.on, s.topic
    ));
    if !saved.same_term.is_empty() {
        let others: Vec<String> = saved
            .same_term
            .iter()
            .map(|o| format!("session {} on {}", o.id, o.on))
            .collect();
        ctx.note(&format!(
            "warning: the panel already met in {} {} ({}); it meets once a term, but both are kept",
            s.term,
            s.year,
            others.join(", ")
        ));
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
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

fn edit(ctx: &Ctx, args: EditArgs) -> anyhow::Result<()> {
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

/// Asks before a removal unless `--yes`; `false` when the person says no.
fn confirmed(what: &str, question: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !prompt::interactive() {
        return Err(Error::Usage(format!(
            "removing {what} needs confirmation: add --yes (there is no terminal to ask on)"
        ))
        .into());
    }
    Ok(prompt::confirm(question)?)
}

fn remove(ctx: &Ctx, id: i64, yes: bool) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let s = svc::get(&conn, id)?;
    // Refuse a session with recommendations before asking, not after.
    svc::check_removable(&conn, id)?;
    let n = svc::insights(&conn, id)?.len();
    let question = format!(
        "Remove panel session {id} ({} {} on {}, {n} insight{}) for good?",
        s.term,
        s.year,
        s.on,
        if n == 1 { "" } else { "s" }
    );
    if !confirmed(&format!("panel session {id}"), &question, yes)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove(&mut conn, id)?;
    ctx.note(&format!(
        "removed panel session {id} ({} {} on {}) and its {} insight{}",
        removed.session.term,
        removed.session.year,
        removed.session.on,
        removed.insights.len(),
        if removed.insights.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

fn remove_insight(ctx: &Ctx, id: i64, yes: bool) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let insight = svc::get_insight(&conn, id)?;
    let question = format!(
        "Remove insight {id} of panel session {} for good?",
        insight.session_id
    );
    if !confirmed(&format!("insight {id}"), &question, yes)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove_insight(&mut conn, id)?;
    ctx.note(&format!(
        "removed insight {id} of panel session {}",
        removed.session_id
    ));
    Ok(())
}
