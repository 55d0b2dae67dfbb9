//! `spm review add PROJECT`: a review recorded, from flags or by walking through it on a
//! terminal (`interactive/`).

use clap::Args as ClapArgs;

use super::{ScoreArgs, decisions, interactive, kinds, parse_scores, report};
use crate::cli::args::{Date, parse_opt};
use crate::cli::{Ctx, prompt};
use crate::error::Error;
use crate::model::{Decision, ReviewKind};
use crate::service::project;
use crate::service::review::{self as svc, NewReview};

pub const EXAMPLES: &str = "\
Examples:
  spm review add mh-peer-2025 --on 2026-11-20 --kind annual --score CP1=4 \\
      --score CP2=3:\"minutes of co-design workshop\" --student-score CP2=2 \\
      --outcome belonging=clear --went-well \"peer sessions full\" \\
      --change \"more evening slots\" --lessons \"recruit earlier\" \\
      --decision continue --reviewer \"Dr A. Khan\" --reviewer \"Amira Hassan\"
  spm review add cm-commuter-2025 --kind closing  completes the project

With no scores, on a terminal, it walks you through the review.

Outcomes: motivation, confidence, metacognition, relationships, belonging (students);
staff-trust, teaching-materials, student-understanding, teaching-beliefs, power-shift
(staff); feedback-confidence (institution). See \"spm principle list\" for the codes.";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
