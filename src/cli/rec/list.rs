//! `spm rec list`: recommendations, oldest raised first.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{days, session, statuses};
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::cli::screen::Filters;
use crate::model::Recommendation;
use crate::output::{Doc, Kind, Rows, Value, col};
use crate::service::rec::{self as svc, RecFilter};

pub const EXAMPLES: &str = "\
Examples:
  spm rec list
  spm rec list --status in-progress --owner \"L. Halls\"
  spm rec list --overdue  due date passed and not closed
  spm rec list --theme belonging --year 2025/26
  spm rec list --project cm-commuter-2025 -o recommendations.csv
  spm rec list --unpublished --status implemented  done, not yet public

CSV and JSON add the recommendation, response, days to decision and days to close.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only those with this status
    #[arg(long, value_parser = statuses())]
    status: Option<String>,
    /// Only those this person owns (id, email or name)
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// Only those past their due date and not closed
    #[arg(long)]
    overdue: bool,
    /// Only those with this theme (any case)
    #[arg(long)]
    theme: Option<String>,
    /// Only those raised in this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
    /// Only those from this project (its code)
    #[arg(long)]
    project: Option<String>,
    /// Only those approved for the public pages (spm rec publish)
    #[arg(long, conflicts_with = "unpublished")]
    published: bool,
    /// Only those not approved for the public pages
    #[arg(long)]
    unpublished: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let filter = RecFilter {
        status: parse_opt(args.status.as_deref())?,
        owner: args.owner,
        overdue: args.overdue,
        theme: args.theme,
        year: parse_opt(args.year.as_deref())?,
        project: args.project,
        published: match (args.published, args.unpublished) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    let empty = Filters::default()
        .value("--status", filter.status.as_ref())
        .text("--owner", filter.owner.as_deref())
        .flag("--overdue", filter.overdue)
        .text("--theme", filter.theme.as_deref())
        .value("--year", filter.year.as_ref())
        .text("--project", filter.project.as_deref())
        .flag("--published", args.published)
        .flag("--unpublished", args.unpublished)
        .empty(
            "recommendations",
            "no recommendations yet; add one with spm rec add",
        );
    let conn = ctx.read()?;
    let recs = svc::list(&conn, &filter, today)?;
    let rows = if ctx.every_column() {
        wide_rows(&recs, today)
    } else {
        narrow_rows(recs)
    };
    ctx.emit_or(&Doc::Rows(rows), &empty)
}

/// The columns a person reads; on a narrow terminal the finding and where it stands stay
/// longest.
fn narrow_rows(recs: Vec<Recommendation>) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id").kind(Kind::Id).key(),
        // "panel #3" is one reference, kept on one line.
        col("source", "Source").kind(Kind::Code),
        col("finding", "Finding").high(),
        col("to", "To").low(),
        col("owner", "Owner"),
        col("due", "Due"),
        col("status", "Status").kind(Kind::Status).high(),
        col("communicated_on", "Communicated").low(),
        col("published_on", "Published").low(),
        col("theme", "Theme").low(),
    ]);
    for r in recs {
        rows.push(vec![
            Value::Int(r.id),
            Value::Text(r.source()),
            Value::Text(r.finding),
            Value::Text(r.addressed_to),
            Value::text(r.owner),
            Value::date(r.due),
            Value::Text(r.status.to_string()),
            Value::date(r.communicated_on),
            Value::date(r.published_on),
            Value::text(r.theme),
        ]);
    }
    rows
}

/// Everything, for a spreadsheet or a script.
fn wide_rows(recs: &[Recommendation], today: NaiveDate) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("source", "Source"),
        col("project", "Project"),
        col("session", "Panel session"),
        col("finding", "Finding"),
        col("recommendation", "Recommendation"),
        col("to", "To"),
        col("owner", "Owner"),
        col("due", "Due"),
        col("overdue", "Overdue"),
        col("theme", "Theme"),
        col("status", "Status"),
        col("response", "Response"),
        col("raised_on", "Raised"),
        col("decided_on", "Decided"),
        col("closed_on", "Closed"),
        col("days_to_decision", "Days to decision"),
        col("days_to_close", "Days to close"),
        col("communicated_on", "Communicated"),
        col("channel", "Channel"),
        col("published_on", "Published"),
    ]);
    for r in recs {
        rows.push(vec![
            Value::Int(r.id),
            Value::Text(r.source()),
            Value::text(r.project.clone()),
            session(r),
            Value::Text(r.finding.clone()),
            Value::Text(r.recommendation.clone()),
            Value::Text(r.addressed_to.clone()),
            Value::text(r.owner.clone()),
            Value::date(r.due),
            Value::Bool(r.is_overdue(today)),
            Value::text(r.theme.clone()),
            Value::Text(r.status.to_string()),
            Value::text(r.response.clone()),
            Value::Date(r.raised_on.to_string()),
            Value::date(r.decided_on),
            Value::date(r.closed_on),
            days(r.days_to_decision()),
            days(r.days_to_close()),
            Value::date(r.communicated_on),
            Value::text(r.channel.clone()),
            Value::date(r.published_on),
        ]);
    }
    rows
}
