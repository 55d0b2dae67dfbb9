//! `spm review due`, `remind` and `calendar`: when the next reviews fall due.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use crate::cli::args::{Date, parse_opt};
use crate::cli::{Ctx, Silent};
use crate::model::date::{iso, now_utc};
use crate::model::{Due, Span};
use crate::output::ics::{self, CalendarEvent};
use crate::output::remind::{self as text, LeadBlock, Reminder, lateness};
use crate::output::{Column, Format, Value, col};
use crate::service::review::{self as svc, DueFilter};

#[derive(Debug, ClapArgs)]
pub struct DueArgs {
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

#[derive(Debug, ClapArgs)]
pub struct RemindArgs {
    /// How far ahead to look, e.g. 14d or 30d [default: 30d]; overdue reviews are always included
    #[arg(long, value_name = "SPAN")]
    within: Option<String>,
    /// Exit with status 1 when something is due (for schedulers that watch exit codes)
    #[arg(long)]
    exit_code: bool,
}

#[derive(Debug, ClapArgs)]
pub struct CalendarArgs {
    /// How far ahead to look, e.g. 90d or 1y [default: 365d]; overdue reviews are included
    #[arg(long, value_name = "SPAN")]
    within: Option<String>,
}

/// The last day to look ahead to: `today + within`, or `default` when none is given.
fn horizon(within: Option<&str>, default: Span, today: NaiveDate) -> anyhow::Result<NaiveDate> {
    Ok(parse_opt::<Span>(within)?.unwrap_or(default).after(today))
}

pub(super) fn due(ctx: &Ctx, args: DueArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let until = match (&args.until, args.overdue) {
        (Some(d), _) => Some(d.parse::<Date>()?.0),
        (None, true) => None,
        (None, false) => Some(horizon(args.within.as_deref(), Span::Days(30), today)?),
    };
    let filter = DueFilter {
        until,
        overdue: args.overdue,
        lead: args.lead,
    };
    let conn = ctx.read()?;
    let columns = due_columns(ctx.format);
    // Written as the projects are read (thousands of reviews are due on 100,000 projects).
    ctx.stream(&columns, |emit| {
        svc::each_due(&conn, &filter, today, |d| emit(&due_row(d, ctx.format)))
    })
}

/// Whether the list is read by a person (lateness in words) or a program (days overdue).
fn for_people(format: Format) -> bool {
    matches!(format, Format::Table | Format::Md)
}

fn due_columns(format: Format) -> Vec<Column> {
    let mut columns = vec![
        col("project", "Project"),
        col("title", "Title"),
        col("lead", "Staff lead"),
        col("status", "Status"),
        col("last_review", "Last review"),
        col("due", "Due"),
    ];
    columns.push(if for_people(format) {
        col("when", "When")
    } else {
        col("days_overdue", "Days overdue")
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

/// Quotes a word for a POSIX shell when it needs it.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%=,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The command that records a review, up to the project's code: naming the database when it
/// is not the default one, so that it can be pasted as it is. Worked out once for a list.
fn add_prefix(ctx: &Ctx) -> String {
    let db = ctx
        .path()
        .ok()
        .filter(|p| crate::db::default_path().map(|d| d != *p).unwrap_or(true));
    match db {
        Some(path) => format!(
            "spm --db {} review add ",
            shell_quote(&path.to_string_lossy())
        ),
        None => "spm review add ".to_string(),
    }
}

/// The command that records a review of `code`, after [`add_prefix`].
fn add_command(prefix: &str, code: &str) -> String {
    let mut command = String::with_capacity(prefix.len() + code.len() + 2);
    command.push_str(prefix);
    command.push_str(&shell_quote(code));
    command
}

pub(super) fn remind(ctx: &Ctx, args: RemindArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let until = horizon(args.within.as_deref(), Span::Days(30), today)?;
    let conn = ctx.read()?;
    let groups = svc::remind(&conn, until, today)?;
    let prefix = add_prefix(ctx);
    let blocks: Vec<LeadBlock> = groups
        .into_iter()
        .map(|g| LeadBlock {
            lead: g.lead,
            email: g.email,
            reviews: g
                .items
                .into_iter()
                .map(|d| Reminder {
                    command: add_command(&prefix, &d.project),
                    project: d.project,
                    title: d.title,
                    status: d.status.to_string(),
                    last_review: d.last_review,
                    due: d.due,
                    days_overdue: d.days_overdue,
                })
                .collect(),
        })
        .collect();
    let any = !blocks.is_empty();
    if any || ctx.format == Format::Json {
        ctx.write_out(|w| text::render(w, ctx.format, &blocks, until))?;
    }
    if any && args.exit_code {
        return Err(Silent(1).into());
    }
    Ok(())
}

pub(super) fn calendar(ctx: &Ctx, args: CalendarArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let until = horizon(args.within.as_deref(), Span::Days(365), today)?;
    let conn = ctx.read()?;
    let filter = DueFilter {
        until: Some(until),
        ..DueFilter::default()
    };
    let prefix = add_prefix(ctx);
    let events: Vec<CalendarEvent> = svc::due(&conn, &filter, today)?
        .into_iter()
        .map(|d| {
            let last = d
                .last_review
                .map_or_else(|| "never".to_string(), |l| l.to_string());
            CalendarEvent {
                uid: format!("spm-review-{}-{}@spm", d.project_id, d.due.format("%Y%m%d")),
                date: d.due,
                summary: format!("Review due: {} ({})", d.title, d.project),
                description: format!(
                    "Staff lead: {}\nStatus: {}\nLast review: {last}\nRecord it with: {}",
                    d.lead.as_deref().unwrap_or("none"),
                    d.status,
                    add_command(&prefix, &d.project)
                ),
            }
        })
        .collect();
    // An iCalendar file holds at least one event (RFC 5545 §3.4): with none, write nothing.
    if events.is_empty() {
        ctx.note(&format!(
            "no reviews fall due by {until}; no calendar was written"
        ));
        return Ok(());
    }
    let count = events.len();
    ctx.write_out(|w| ics::write(w, "spm reviews", &events, now_utc()))?;
    if ctx.output.is_some() {
        let dates = if count == 1 { "date" } else { "dates" };
        ctx.note(&format!("wrote {count} review {dates} up to {until}"));
    }
    Ok(())
}
