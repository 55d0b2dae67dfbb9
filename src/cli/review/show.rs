//! `spm review show ID`: one review whole, staff and students' scores side by side with the
//! principles' words.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::model::Review;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::review as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm review show 4
  spm --format json review show 4";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The review's id (see spm review list)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

fn score_value(s: Option<&crate::model::Score>) -> Value {
    s.map_or(Value::Null, |s| Value::Int(i64::from(s.score)))
}

/// The scores as one row per principle: staff and students side by side, with the gap.
fn score_rows(review: &Review) -> Rows {
    let mut rows = Rows::new(&[
        col("principle", "Principle"),
        col("wording", "Scored against"),
        col("staff", "Staff"),
        col("students", "Students"),
        col("gap", "Gap"),
        col("staff_evidence", "Staff evidence"),
        col("students_evidence", "Students' evidence"),
    ]);
    for (code, wording, staff, students) in svc::side_by_side(review) {
        // The gap is students' score less the staff's: negative when students see it worse.
        let gap = match (staff, students) {
            (Some(a), Some(b)) => Value::Int(i64::from(b.score) - i64::from(a.score)),
            _ => Value::Null,
        };
        rows.push(vec![
            Value::Text(code),
            Value::Text(wording),
            score_value(staff),
            score_value(students),
            gap,
            Value::text(staff.and_then(|s| s.evidence.clone())),
            Value::text(students.and_then(|s| s.evidence.clone())),
        ]);
    }
    rows
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let r = svc::get(&conn, args.id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(r.id));
    rec.field("project", "Project", Value::Text(r.project.clone()));
    rec.field("title", "Title", Value::Text(r.project_title.clone()));
    rec.field("on", "On", Value::Date(r.on.to_string()));
    rec.field("kind", "Kind", Value::Text(r.kind.to_string()));
    rec.field("decision", "Decision", Value::Text(r.decision.to_string()));
    rec.field("reviewers", "Reviewers", Value::List(r.reviewers.clone()));
    rec.field("framework", "Framework", Value::Text(r.framework.clone()));
    rec.field(
        "went_well",
        "What went well",
        Value::text(r.went_well.clone()),
    );
    rec.field(
        "to_change",
        "What to change",
        Value::text(r.to_change.clone()),
    );
    rec.field(
        "lessons",
        "Lessons from mistakes",
        Value::text(r.lessons.clone()),
    );
    rec.section("scores", "Scores", score_rows(&r));
    let mut outcomes = Rows::new(&[
        col("outcome", "Outcome"),
        col("for", "For"),
        col("description", "What it is"),
        col("rating", "Seen"),
        col("evidence", "Evidence"),
    ]);
    for o in &r.outcomes {
        outcomes.push(vec![
            Value::Text(o.outcome.to_string()),
            Value::Text(o.outcome.group().to_string()),
            Value::Text(o.outcome.description().to_string()),
            Value::Text(o.rating.to_string()),
            Value::text(o.evidence.clone()),
        ]);
    }
    rec.section("outcomes", "Outcomes", outcomes);
    let log = crate::cli::changes::rows(ctx.format, svc::history(&conn, r.id)?, "recorded");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}
