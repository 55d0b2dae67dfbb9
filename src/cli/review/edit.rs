//! `spm review edit ID`: a review's fields changed, and scores or outcomes added, replaced or
//! taken away.

use clap::Args as ClapArgs;

use super::{ScoreArgs, decisions, kinds, outcomes, parse_scores, report, stays_completed};
use crate::cli::Ctx;
use crate::cli::args::{Date, clearable_text, parse_opt};
use crate::error::Error;
use crate::model::{Outcome, ReviewKind, ScoredBy};
use crate::service::review::{self as svc, ReviewPatch};

pub const EXAMPLES: &str = "\
Examples:
  spm review edit 5 --decision adapt --change \"a second intern in the spring\"
  spm review edit 4 --score CP4=4 --student-score CP4=3:\"panel survey\"
  spm review edit 4 --remove-score CP3 --by students --remove-outcome belonging
  spm review edit 4 --lessons \"\"  clears the lessons";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
