//! `spm person show PERSON`: one person: their record, every project role with hours and
//! payments, the projects they lead (a lead is a person too), and their requests.

use clap::Args as ClapArgs;

use super::{LIST_COLUMNS, cell};
use crate::cli::{Ctx, changes};
use crate::db::Connection;
use crate::model::Money;
use crate::output::remind::lateness;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::person as svc;
use crate::service::{partner, project};

pub const EXAMPLES: &str = "\
Examples:
  spm person show 5
  spm person show a.hassan@example.ac.uk
  spm --format json person show \"Amira Hassan\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let conn = ctx.read()?;
    let p = svc::resolve(&conn, &args.person)?;
    let mut rec = Record::default();
    for (k, h) in LIST_COLUMNS {
        rec.field(k, h, cell(&p, k));
    }
    rec.field("notes", "Notes", cell(&p, "notes"));
    let consent = if p.erased_on.is_some() {
        "forgotten".to_string()
    } else if p.consents_on(today) {
        "on record".to_string()
    } else {
        "none on record for today".to_string()
    };
    rec.field("consent", "Consent", Value::Text(consent));
    rec.field(
        "consent_to_name",
        "Consent to be named",
        Value::date(p.consent_to_name),
    );
    // Both consents must hold for a public page to name them (see Person::may_be_named_on).
    rec.field(
        "named_in_public",
        "Named on public pages",
        Value::Bool(p.may_be_named_on(today)),
    );
    let partners = partner::of_person(&conn, &p)?;
    let minutes: i64 = partners.iter().map(|x| x.minutes).sum();
    let paid: i64 = partners.iter().map(|x| x.paid_pence).sum();
    rec.field("hours", "Hours in all", Value::Float(minutes as f64 / 60.0));
    rec.field("paid", "Paid in all", Value::Money(Money(paid)));
    rec.section("projects", "Projects", role_rows(&partners));
    rec.section("leads", "Projects they lead", lead_rows(&conn, p.id)?);
    let mut requests = Rows::new(&[
        col("id", "Id"),
        col("kind", "Kind"),
        col("received", "Received"),
        col("due", "Due"),
        col("closed_on", "Closed"),
        col("state", "State"),
    ]);
    for r in svc::requests(&conn, false)?
        .into_iter()
        .filter(|r| r.person_id == p.id)
    {
        requests.push(vec![
            Value::Int(r.id),
            Value::Text(r.kind.to_string()),
            Value::Date(r.received.to_string()),
            Value::Date(r.due.to_string()),
            Value::date(r.closed_on),
            Value::Text(match r.closed_on {
                Some(_) => "closed".to_string(),
                None => lateness((today - r.due).num_days()),
            }),
        ]);
    }
    rec.section("requests", "Data-protection requests", requests);
    let history = svc::history(&conn, &p)?;
    rec.section(
        "history",
        "History",
        changes::rows(ctx.format, history, "registered"),
    );
    ctx.emit(&Doc::Record(rec))
}

/// A person's roles in projects as rows, with the hours and payments logged for each.
fn role_rows(partners: &[crate::model::Partner]) -> Rows {
    let mut rows = Rows::new(&[
        col("project", "Project"),
        col("title", "Title"),
        col("role", "Role"),
        col("from", "From"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
    ]);
    for p in partners {
        rows.push(vec![
            Value::Text(p.project.clone()),
            Value::Text(p.project_title.clone()),
            Value::Text(p.role.to_string()),
            Value::date(p.from),
            Value::date(p.to),
            Value::Float(p.minutes as f64 / 60.0),
            Value::Money(Money(p.paid_pence)),
            Value::List(p.recognition.iter().map(|r| r.to_string()).collect()),
        ]);
    }
    rows
}

/// One row per project person `id` leads: code, title, status and academic year.
fn lead_rows(conn: &Connection, id: i64) -> anyhow::Result<Rows> {
    let mut rows = Rows::new(&[
        col("project", "Project"),
        col("title", "Title"),
        col("status", "Status"),
        col("academic_year", "Year"),
    ]);
    for p in project::led_by(conn, id)? {
        rows.push(vec![
            Value::Text(p.code),
            Value::Text(p.title),
            Value::Text(p.status.to_string()),
            Value::Text(p.academic_year.to_string()),
        ]);
    }
    Ok(rows)
}
