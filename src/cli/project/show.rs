//! `spm project show CODE`: one project whole, with its status history and change log.

use clap::Args as ClapArgs;

use super::{LIST_WIDE, cell};
use crate::cli::Ctx;
use crate::output::remind::lateness;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::{project as svc, review};

pub const EXAMPLES: &str = "\
Examples:
  spm project show mh-peer-2025
  spm --format json project show mh-peer-2025";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code, e.g. mental-health-2025
    code: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let p = svc::get(&conn, &args.code)?;
    let mut rec = Record::default();
    // Every column of the list, but for what it continues, shown beside its series below.
    for (key, header) in LIST_WIDE.iter().filter(|(k, _)| *k != "continues") {
        rec.field(key, header, cell(&p, key));
    }
    let today = ctx.today()?;
    let last = review::last_review(&conn, &p)?;
    let next = review::next_due(&conn, &p, today)?;
    rec.field("last_review", "Last review", Value::date(last));
    rec.field(
        "next_review",
        "Next review due",
        Value::date(next.as_ref().map(|d| d.due)),
    );
    let state = match (&next, p.status) {
        (Some(d), _) => lateness(d.days_overdue),
        (None, s) if s.is_closed() => format!("none: the project is {s}"),
        (None, crate::model::Status::Paused) => "none while the project is paused".to_string(),
        (None, _) => "none yet: give the project a start date or record a review".to_string(),
    };
    rec.field("review_state", "Review", Value::Text(state));
    // What the public pages show of it (spm project publish), if anything.
    let public = svc::publication(&conn, p.id)?;
    rec.field(
        "published_on",
        "Published",
        Value::date(public.as_ref().map(|x| x.published_on)),
    );
    rec.field(
        "public_title",
        "Public title",
        Value::text(public.as_ref().map(|x| x.title.clone())),
    );
    rec.field(
        "public_summary",
        "Public summary",
        Value::text(public.map(|x| x.summary)),
    );
    let (_, partners) = crate::service::partner::list(&conn, &p.code)?;
    let minutes: i64 = partners.iter().map(|x| x.minutes).sum();
    let paid: i64 = partners.iter().map(|x| x.paid_pence).sum();
    rec.field(
        "partner_count",
        "Partners",
        Value::Int(i64::try_from(partners.len()).unwrap_or(i64::MAX)),
    );
    rec.field(
        "hours",
        "Partners' hours",
        Value::Float(minutes as f64 / 60.0),
    );
    rec.field(
        "paid",
        "Paid to partners",
        Value::Money(crate::model::Money(paid)),
    );
    rec.field("continues", "Continues", Value::text(p.continues.clone()));
    let (ticked, points) = svc::checklist::progress(&conn, &p)?;
    rec.field(
        "checklist",
        "Checklist",
        Value::Text(format!("{ticked} of {points} ticked")),
    );
    // The series it belongs to, in year order: earlier projects, it, later ones.
    let chain = svc::chain(&conn, &p)?;
    let mut series = Rows::new(&[
        col("year", "Year"),
        col("code", "Code"),
        col("title", "Title"),
        col("status", "Status"),
    ]);
    if chain.len() > 1 {
        for q in &chain {
            series.push(vec![
                Value::Text(q.academic_year.to_string()),
                Value::Text(if q.id == p.id {
                    format!("{} (this one)", q.code)
                } else {
                    q.code.clone()
                }),
                Value::Text(q.title.clone()),
                Value::Text(q.status.to_string()),
            ]);
        }
    }
    rec.section("series", "Series", series);
    let mut statuses = Rows::new(&[
        col("on", "On"),
        col("status", "Status"),
        col("note", "Note"),
    ]);
    for s in svc::status_history(&conn, &p)? {
        statuses.push(vec![
            Value::Date(s.on.to_string()),
            Value::Text(s.status.to_string()),
            Value::text(s.note),
        ]);
    }
    rec.section("status_history", "Status history", statuses);
    let mut reviews = Rows::new(&[
        col("id", "Id"),
        col("on", "On"),
        col("kind", "Kind"),
        col("decision", "Decision"),
        col("reviewers", "Reviewers"),
    ]);
    let filter = review::ReviewFilter {
        project: Some(p.code.clone()),
        ..Default::default()
    };
    for r in review::list(&conn, &filter)? {
        reviews.push(vec![
            Value::Int(r.id),
            Value::Date(r.on.to_string()),
            Value::Text(r.kind.to_string()),
            Value::Text(r.decision.to_string()),
            Value::List(r.reviewers),
        ]);
    }
    rec.section("reviews", "Reviews", reviews);
    rec.section(
        "partners",
        "Partners",
        super::partner::partner_rows(&partners),
    );
    let log = crate::cli::changes::rows(ctx.format, svc::history(&conn, &p)?, "created");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}
