//! `spm panel show ID`: one session whole: its insights, the recommendations raised from it,
//! its history.

use clap::Args as ClapArgs;

use super::{insight_rows, panellists_value};
use crate::cli::Ctx;
use crate::model::Session;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel show 1
  spm --format json panel show 1";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The session's id (see spm panel list)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let conn = ctx.read()?;
    let s: Session = svc::get(&conn, id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(s.id));
    rec.field("year", "Year", Value::Text(s.year.to_string()));
    rec.field("term", "Term", Value::Text(s.term.clone()));
    rec.field("on", "On", Value::Date(s.on.to_string()));
    rec.field("topic", "Topic", Value::Text(s.topic.clone()));
    rec.field("question", "Question", Value::text(s.question.clone()));
    rec.field("panellists", "Panellists", panellists_value(&s.panellists));
    rec.section(
        "insights",
        "Insights",
        insight_rows(svc::insights(&conn, id)?),
    );
    let mut recs = Rows::new(&[
        col("id", "Id"),
        col("recommendation", "Recommendation"),
        col("to", "To"),
        col("status", "Status"),
    ]);
    for r in svc::recommendations(&conn, id)? {
        recs.push(vec![
            Value::Int(r.id),
            Value::Text(r.recommendation),
            Value::Text(r.addressed_to),
            Value::Text(r.status.to_string()),
        ]);
    }
    rec.section("recommendations", "Recommendations", recs);
    let log = crate::cli::changes::rows(ctx.format, svc::history(&conn, id)?, "recorded");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}
