//! `spm review add`, `edit` and `remove`.

use clap::Args as ClapArgs;

use super::{ScoreArgs, decisions, interactive, kinds, outcomes};
use crate::cli::args::{Date, clearable_text, parse_opt};
use crate::cli::{Ctx, prompt};
use crate::error::Error;
use crate::model::{Decision, Outcome, OutcomeInput, ReviewKind, ScoreInput, ScoredBy, Status};
use crate::service::project;
use crate::service::review::{self as svc, NewReview, Recorded, ReviewPatch};

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The project's code
    project: String,
    /// The day the review was held, YYYY-MM-DD [default: today]
    #[arg(long)]
    on: Option<String>,
    /// annual, interim or closing (a closing review completes the project) [default: annual]
    #[arg(long, value_parser = kinds())]
    kind: Option<String>,
    /// continue, adapt or close (required without a terminal; a closing review is close)
    #[arg(long, value_parser = decisions())]
    decision: Option<String>,
    /// Who reviewed (repeat for each person)
    #[arg(long = "reviewer", value_name = "NAME")]
    reviewers: Vec<String>,
    /// What went well
    #[arg(long, value_name = "TEXT")]
    went_well: Option<String>,
    /// What to change
    #[arg(long = "change", value_name = "TEXT")]
    to_change: Option<String>,
    /// Lessons learned from mistakes
    #[arg(long, value_name = "TEXT")]
    lessons: Option<String>,
    #[command(flatten)]
    scores: ScoreArgs,
    /// Accept a review date after today
    #[arg(long)]
    allow_future: bool,
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
    /// The review's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// A new date, YYYY-MM-DD
    #[arg(long)]
    on: Option<String>,
    /// A new kind: annual, interim or closing
    #[arg(long, value_parser = kinds())]
    kind: Option<String>,
    /// A new decision: continue, adapt or close
    #[arg(long, value_parser = decisions())]
    decision: Option<String>,
    /// Replace the reviewers with these (repeat; "" clears them)
    #[arg(long = "reviewer", value_name = "NAME")]
    reviewers: Option<Vec<String>>,
    /// What went well ("" clears it)
    #[arg(long, value_name = "TEXT")]
    went_well: Option<String>,
    /// What to change ("" clears it)
    #[arg(long = "change", value_name = "TEXT")]
    to_change: Option<String>,
    /// Lessons learned from mistakes ("" clears them)
    #[arg(long, value_name = "TEXT")]
    lessons: Option<String>,
    #[command(flatten)]
    scores: ScoreArgs,
    /// Take away the score of this principle given by --by (repeat)
    #[arg(long = "remove-score", value_name = "CODE")]
    remove_scores: Vec<String>,
    /// Take away the rating of this outcome (repeat)
    #[arg(long = "remove-outcome", value_name = "OUTCOME", value_parser = outcomes())]
    remove_outcomes: Vec<String>,
    /// Accept a review date after today
    #[arg(long)]
    allow_future: bool,
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

pub(super) fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Every flag is checked before anything is asked or the database is opened.
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let kind = parse_opt::<ReviewKind>(args.kind.as_deref())?.unwrap_or(ReviewKind::Annual);
    let decision = parse_opt::<Decision>(args.decision.as_deref())?;
    let (scores, outcomes) = parse_scores(&args.scores)?;
    let ask = scores.is_empty() && prompt::interactive();
    let decision = match (decision, kind) {
        (Some(d), _) => d,
        (None, ReviewKind::Closing) => Decision::Close,
        (None, _) if ask => Decision::Continue,
        (None, _) => {
            return Err(Error::Usage(
                "a review needs a decision: add --decision continue, adapt or close".into(),
            )
            .into());
        }
    };
    let mut new = NewReview::new(args.project, on, kind, decision);
    new.reviewers = args.reviewers;
    new.went_well = args.went_well;
    new.to_change = args.to_change;
    new.lessons = args.lessons;
    new.scores = scores;
    new.outcomes = outcomes;
    new.allow_future = args.allow_future;
    let mut conn = ctx.write()?;
    if ask {
        // Anything that would refuse the review (a clash, a date before the start) is said
        // before the questions, not after them.
        svc::check(&mut conn, &new, today)?;
        let project = project::get(&conn, &new.project)?;
        let (framework, principles) = svc::principles(&conn)?;
        match interactive::fill(
            &mut prompt::Terminal,
            &project,
            &framework,
            &principles,
            new,
        )? {
            Some(filled) => new = filled,
            None => {
                ctx.note("nothing was saved");
                return Ok(());
            }
        }
    }
    let recorded = svc::add(&mut conn, new, today)?;
    report(ctx, "recorded", &recorded);
    ctx.emit_line(&recorded.review.id.to_string())
}

pub(super) fn edit(ctx: &Ctx, args: EditArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let (scores, outcomes) = parse_scores(&args.scores)?;
    let by: ScoredBy = args.scores.by.parse()?;
    let patch = ReviewPatch {
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
        kind: parse_opt(args.kind.as_deref())?,
        decision: parse_opt(args.decision.as_deref())?,
        reviewers: args.reviewers,
        went_well: clearable_text(args.went_well),
        to_change: clearable_text(args.to_change),
        lessons: clearable_text(args.lessons),
        scores,
        remove_scores: args.remove_scores.into_iter().map(|c| (c, by)).collect(),
        outcomes,
        remove_outcomes: args
            .remove_outcomes
            .iter()
            .map(|o| o.parse::<Outcome>())
            .collect::<Result<_, _>>()?,
        allow_future: args.allow_future,
    };
    if patch.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give at least one field, e.g. --decision adapt (see spm review edit --help)".into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let was = svc::get(&conn, args.id)?.kind;
    let recorded = svc::edit(&mut conn, args.id, patch, today)?;
    report(ctx, "changed", &recorded);
    if was == ReviewKind::Closing && recorded.review.kind != ReviewKind::Closing {
        stays_completed(ctx, &conn, &recorded.review.project)?;
    }
    Ok(())
}

pub(super) fn remove(ctx: &Ctx, id: i64, yes: bool) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let review = svc::get(&conn, id)?;
    if !yes {
        if !prompt::interactive() {
            return Err(Error::Usage(format!(
                "removing review {id} needs confirmation: add --yes (there is no terminal to ask on)"
            ))
            .into());
        }
        let question = format!(
            "Remove the {} review of {} on {} for good?",
            review.kind, review.project, review.on
        );
        if !prompt::confirm(&question)? {
            ctx.note("nothing was removed");
            return Ok(());
        }
    }
    let removed = svc::remove(&mut conn, id)?;
    ctx.note(&format!(
        "removed review {} of {} ({} review on {})",
        removed.id, removed.project, removed.kind, removed.on
    ));
    if removed.kind == ReviewKind::Closing {
        stays_completed(ctx, &conn, &removed.project)?;
    }
    Ok(())
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
