//! `spm rec show ID`: one recommendation whole: its status history, time to decision and to
//! close.

use clap::Args as ClapArgs;

use super::{days, session};
use crate::cli::Ctx;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::rec as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm rec show 4
  spm --format json rec show 4";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The recommendation's id (see spm rec list)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let today = ctx.today()?;
    let conn = ctx.read()?;
    let r = svc::get(&conn, id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(r.id));
    rec.field("source", "Source", Value::Text(r.source()));
    rec.field("project", "Project", Value::text(r.project.clone()));
    rec.field("session", "Panel session", session(&r));
    rec.field("raised_on", "Raised", Value::Date(r.raised_on.to_string()));
    rec.field(
        "finding",
        "Finding (you said)",
        Value::Text(r.finding.clone()),
    );
    rec.field(
        "recommendation",
        "Recommendation",
        Value::Text(r.recommendation.clone()),
    );
    rec.field("to", "Addressed to", Value::Text(r.addressed_to.clone()));
    rec.field("owner", "Owner", Value::text(r.owner.clone()));
    rec.field("due", "Due", Value::date(r.due));
    rec.field("overdue", "Overdue", Value::Bool(r.is_overdue(today)));
    rec.field("theme", "Theme", Value::text(r.theme.clone()));
    rec.field("status", "Status", Value::Text(r.status.to_string()));
    rec.field(
        "response",
        "Response (we did)",
        Value::text(r.response.clone()),
    );
    rec.field("decided_on", "Decided", Value::date(r.decided_on));
    rec.field(
        "days_to_decision",
        "Days to decision",
        days(r.days_to_decision()),
    );
    rec.field("closed_on", "Closed", Value::date(r.closed_on));
    rec.field("days_to_close", "Days to close", days(r.days_to_close()));
    rec.field(
        "communicated_on",
        "Communicated",
        Value::date(r.communicated_on),
    );
    rec.field("channel", "Channel", Value::text(r.channel.clone()));
    // Whether it worked (spm rec impact), once checked.
    let impact = svc::impact(&conn, id)?;
    rec.field(
        "impact_checked_on",
        "Impact checked",
        Value::date(impact.as_ref().map(|i| i.on)),
    );
    rec.field(
        "impact_worked",
        "Did it work?",
        Value::text(impact.as_ref().map(|i| i.worked.to_string())),
    );
    rec.field(
        "impact_evidence",
        "Evidence of impact",
        Value::text(impact.and_then(|i| i.evidence)),
    );
    // What the public pages show of it (spm rec publish), if anything.
    let public = svc::publication(&conn, id)?;
    rec.field("published_on", "Published", Value::date(r.published_on));
    rec.field(
        "published_by",
        "Approved by",
        Value::text(public.as_ref().map(|p| p.published_by.clone())),
    );
    rec.field(
        "public_said",
        "Public: you said",
        Value::text(public.as_ref().map(|p| p.said.clone())),
    );
    rec.field(
        "public_did",
        "Public: we did",
        Value::text(public.and_then(|p| p.did)),
    );
    let mut history = Rows::new(&[
        col("on", "On"),
        col("status", "Status"),
        col("response", "Response"),
    ]);
    for h in svc::status_history(&conn, id)? {
        history.push(vec![
            Value::Date(h.on.to_string()),
            Value::Text(h.status.to_string()),
            Value::text(h.response),
        ]);
    }
    rec.section("history", "Status history", history);
    let log = crate::cli::changes::rows(ctx.format, svc::changes(&conn, id)?, "recorded");
    rec.section("changes", "Change log", log);
    ctx.emit(&Doc::Record(rec))
}
