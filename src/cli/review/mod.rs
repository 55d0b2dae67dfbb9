//! `spm review ...`: record reviews, list and show them, and know when the next ones are due.

mod add;
mod calendar;
mod due;
mod edit;
mod interactive;
mod list;
mod remind;
mod remove;
mod show;

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::{Choices, parse_opt};
use crate::error::Error;
use crate::model::{
    Decision, Outcome, OutcomeInput, ReviewKind, ScoreInput, ScoredBy, Span, Status,
};
use crate::service::project;
use crate::service::review::Recorded;

pub const EXAMPLES: &str = "\
Examples:
  spm review add mh-peer-2025 --score CP1=4 --score CP2=3:\"workshop minutes\" \\
      --outcome belonging=clear --decision continue --reviewer \"Dr A. Khan\"
  spm review due --within 60d
  spm review remind  for cron: silent when nothing is due
  spm review calendar -o reviews.ics";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a review of a project: scores against the principles, outcomes, reflections
    /// and a decision (asks on a terminal when no scores are given)
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List reviews, newest first
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one review whole: staff and students' scores side by side with the principles' words
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Change a review: its fields, and scores or outcomes added, replaced or taken away
    #[command(after_help = edit::EXAMPLES)]
    Edit(edit::Args),

    /// Delete a review recorded by mistake
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),

    /// List the reviews falling due, most overdue first
    #[command(after_help = due::EXAMPLES)]
    Due(due::Args),

    /// Remind each staff lead of the reviews due: built for cron, silent when nothing is due
    #[command(after_help = remind::EXAMPLES)]
    Remind(remind::Args),

    /// Write the reviews falling due as an iCalendar (.ics) file of all-day events
    #[command(after_help = calendar::EXAMPLES)]
    Calendar(calendar::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
        Command::Due(args) => due::run(ctx, args),
        Command::Remind(args) => remind::run(ctx, args),
        Command::Calendar(args) => calendar::run(ctx, args),
    }
}

/// Scores and outcomes, shared by `add` and `edit`.
#[derive(Debug, ClapArgs)]
pub struct ScoreArgs {
    /// A score from 1 to 5 against a principle, with optional evidence: CP1=4 or
    /// CP2=3:"minutes of the co-design workshop" (repeat)
    #[arg(long = "score", value_name = "CODE=N[:EVIDENCE]")]
    scores: Vec<String>,
    /// A score given by students (the same form as --score), beside the staff's (repeat)
    #[arg(long = "student-score", value_name = "CODE=N[:EVIDENCE]")]
    student_scores: Vec<String>,
    /// Who gave the --score scores
    #[arg(long, value_parser = Choices(ScoredBy::NAMES), default_value = "staff")]
    by: String,
    /// An outcome seen and how clearly, with optional evidence: belonging=clear or
    /// confidence=emerging:"focus group" (repeat; ratings: not-seen, emerging, clear)
    #[arg(long = "outcome", value_name = "OUTCOME=RATING[:EVIDENCE]")]
    outcomes: Vec<String>,
}

/// The review kinds, decisions and outcomes, for help text.
fn kinds() -> Choices {
    Choices(ReviewKind::NAMES)
}

fn decisions() -> Choices {
    Choices(Decision::NAMES)
}

fn outcomes() -> Choices {
    Choices(Outcome::NAMES)
}

/// The scores and outcomes given as flags, parsed.
fn parse_scores(args: &ScoreArgs) -> Result<(Vec<ScoreInput>, Vec<OutcomeInput>), Error> {
    let by: ScoredBy = args.by.parse()?;
    let mut scores = Vec::new();
    for (spec, by) in args
        .scores
        .iter()
        .map(|s| (s, by))
        .chain(args.student_scores.iter().map(|s| (s, ScoredBy::Students)))
    {
        let mut score: ScoreInput = spec.parse()?;
        score.by = by;
        scores.push(score);
    }
    let outcomes = args
        .outcomes
        .iter()
        .map(|o| o.parse())
        .collect::<Result<Vec<OutcomeInput>, Error>>()?;
    Ok((scores, outcomes))
}

/// Tells the person what a saved review did to its project.
fn report(ctx: &Ctx, verb: &str, recorded: &Recorded) {
    let r = &recorded.review;
    ctx.note(&format!(
        "{verb} review {} of {} ({} review on {}, decision {})",
        r.id, r.project, r.kind, r.on, r.decision
    ));
    if let Some(p) = &recorded.completed {
        ctx.note(&format!(
            "project {} is completed from {} (closing review)",
            p.code, r.on
        ));
    } else if r.decision == Decision::Close && r.kind != ReviewKind::Closing {
        ctx.note(&format!(
            "project {} stays as it is: a closing review (--kind closing) completes it",
            r.project
        ));
    }
}

/// Tells the person that a project a closing review completed stays completed without it.
fn stays_completed(ctx: &Ctx, conn: &crate::db::Connection, code: &str) -> anyhow::Result<()> {
    let project = project::get(conn, code)?;
    if project.status == Status::Completed {
        ctx.note(&format!(
            "project {} stays completed; reopen it with \"spm project status {} active\" if it goes on",
            project.code, project.code
        ));
    }
    Ok(())
}

/// The last day to look ahead to: `today + within`, or `default` when none is given.
fn horizon(within: Option<&str>, default: Span, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    Ok(parse_opt::<Span>(within)?.unwrap_or(default).after(today))
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%=,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The command that records a review, up to the project's code: naming the database when it
/// is not the default one, so that it can be pasted as it is. Worked out once for a list.
fn add_prefix(ctx: &Ctx) -> String {
    let db = ctx
        .path()
        .ok()
        .filter(|p| crate::db::default_path().map(|d| d != *p).unwrap_or(true));
    match db {
        Some(path) => format!(
            "spm --db {} review add ",
            shell_quote(&path.to_string_lossy())
        ),
        None => "spm review add ".to_string(),
    }
}

/// The command that records a review of `code`, after [`add_prefix`].
fn add_command(prefix: &str, code: &str) -> String {
    let mut command = String::with_capacity(prefix.len() + code.len() + 2);
    command.push_str(prefix);
    command.push_str(&shell_quote(code));
    command
}
