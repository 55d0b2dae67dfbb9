//! `spm review due`: the reviews falling due, most overdue first.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::horizon;
use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::model::date::iso;
use crate::model::{Due, Span};
use crate::output::remind::lateness;
use crate::output::{Column, Format, Kind, Value, col};
use crate::service::review::{self as svc, DueFilter};

pub const EXAMPLES: &str = "\
Examples:
  spm review due  overdue, and due in the next 30 days
  spm review due --within 90d --lead Khan
  spm review due --until 2027-06-30
  spm review due --overdue -o overdue.csv

Only active projects fall due. A project is due one review cadence (12 months unless set with
spm project edit --cadence) after its last review or, when never reviewed, after it started
(its start date, or the day it became active if later). A pause, or a spell completed or
withdrawn before the project was reopened, moves the due date on by its length.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// How far ahead to look: days, weeks, months or years, e.g. 30d, 6w, 3m [default: 30d]
    #[arg(long, value_name = "SPAN", conflicts_with_all = ["until", "overdue"])]
    within: Option<String>,
    /// Reviews due on or before this day, YYYY-MM-DD
    #[arg(long, value_name = "DATE", conflicts_with = "overdue")]
    until: Option<String>,
    /// Only reviews whose due date has passed
    #[arg(long)]
    overdue: bool,
    /// Only projects whose staff lead's name contains this
    #[arg(long)]
    lead: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let until = match (&args.until, args.overdue) {
        (Some(d), _) => Some(d.parse::<Date>()?.0),
        (None, true) => None,
        (None, false) => Some(horizon(args.within.as_deref(), Span::Days(30), today)?),
    };
    let empty = nothing_due(&args, until)?;
    let filter = DueFilter {
        until,
        overdue: args.overdue,
        lead: args.lead,
    };
    let conn = ctx.read()?;
    let columns = due_columns(ctx.format);
    // Written as the projects are read (thousands of reviews are due on 100,000 projects).
    ctx.stream(&columns, &empty, |emit| {
        svc::each_due(&conn, &filter, today, |d| emit(&due_row(d, ctx.format)))
    })
}

/// What an empty list says: "no reviews due in the next 30 days".
fn nothing_due(args: &Args, until: Option<NaiveDate>) -> anyhow::Result<String> {
    let when = match (until, &args.within) {
        (None, _) => "overdue".to_string(),
        (Some(day), None) if args.until.is_some() => format!("due by {}", iso(day)),
        (Some(_), within) => {
            let span = parse_opt::<Span>(within.as_deref())?.unwrap_or(Span::Days(30));
            format!("due in the next {}", in_words(span))
        }
    };
    Ok(match &args.lead {
        Some(lead) => format!(
            "no reviews {when} for projects led by someone matching {}",
            crate::model::text::quoted(lead)
        ),
        None => format!("no reviews {when}"),
    })
}

/// A span as a person says it: "30 days", "6 months", "1 year".
fn in_words(span: Span) -> String {
    let (n, unit) = match span {
        Span::Days(n) if n % 7 == 0 && n % 30 != 0 => (n / 7, "week"),
        Span::Days(n) => (n, "day"),
        Span::Months(n) if n % 12 == 0 => (n / 12, "year"),
        Span::Months(n) => (n, "month"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Whether the list is read by a person (lateness in words) or a program (days overdue).
fn for_people(format: Format) -> bool {
    matches!(format, Format::Table | Format::Md | Format::Html)
}

fn due_columns(format: Format) -> Vec<Column> {
    // On a narrow terminal the project, its title and when its review is due stay longest.
    let mut columns = vec![
        col("project", "Project").kind(Kind::Code).key(),
        col("title", "Title").high(),
        col("lead", "Staff lead"),
        col("status", "Status").low(),
        col("last_review", "Last review").low(),
        col("due", "Due").high(),
    ];
    columns.push(if for_people(format) {
        // "53 days overdue" reads as one phrase: kept on one line.
        col("when", "When").kind(Kind::Status).high()
    } else {
        col("days_overdue", "Days overdue").high()
    });
    columns
}

fn due_row(d: Due, format: Format) -> Vec<Value> {
    vec![
        Value::Text(d.project),
        Value::Text(d.title),
        Value::text(d.lead),
        Value::Text(d.status.to_string()),
        d.last_review.map_or(Value::Null, |l| Value::Date(iso(l))),
        Value::Date(iso(d.due)),
        if for_people(format) {
            Value::Text(lateness(d.days_overdue))
        } else {
            Value::Int(d.days_overdue)
        },
    ]
}
