//! `spm review due`, `remind` and `calendar`: when the next reviews fall due.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use crate::cli::args::{Date, parse_opt};
use crate::cli::{Ctx, FormatArg, Silent};
use crate::model::date::{iso, now_utc};
use crate::model::{Due, Span};
use crate::output::ics::{self, CalendarEvent};
use crate::output::remind::{self as text, LeadBlock, Reminder, lateness};
use crate::output::{Column, Format, Kind, Value, col};
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
fn nothing_due(args: &DueArgs, until: Option<NaiveDate>) -> anyhow::Result<String> {
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
    matches!(format, Format::Table | Format::Md)
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
    // Refused now, not only when something is due.
    ctx.document_format()?;
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
    ctx.only(
        FormatArg::Ics,
        "review calendar",
        "give -o FILE.ics, or leave --format out (for a list of the reviews due: spm review due -o due.csv)",
    )?;
    let today = ctx.today()?;
    let until = horizon(args.within.as_deref(), Span::Days(365), today)?;
    let conn = ctx.read()?;
    let filter = DueFilter {
        until: Some(until),
        ..DueFilter::default()
    };
    let prefix = add_prefix(ctx);
    let sequence = calendar_sequence(&conn)?;
    let events: Vec<CalendarEvent> = svc::due(&conn, &filter, today)?
        .into_iter()
        .map(|d| {
            let last = d
                .last_review
                .map_or_else(|| "never".to_string(), |l| l.to_string());
            CalendarEvent {
                uid: ics::next_review_uid(d.project_id),
                sequence,
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
    let count = events.len();
    // Written even with no events: a calendar subscribed to the file then drops the reviews
    // that are no longer due, instead of keeping the last ones it saw.
    ctx.write_plain(|w| ics::write(w, "spm reviews", &events, now_utc()))?;
    if count == 0 {
        ctx.note(&format!(
            "no reviews fall due by {until}: the calendar has no events"
        ));
    } else if ctx.output.is_some() {
        let dates = if count == 1 { "date" } else { "dates" };
        ctx.note(&format!("wrote {count} review {dates} up to {until}"));
    }
    Ok(())
}

/// The SEQUENCE of every event: the number of the latest entry in the change log. Each
/// event's UID is its project's, so when a review is recorded, edited or removed, or the
/// project's status, start or cadence changes, the same event moves to its new date; a
/// calendar program takes the move only from a higher SEQUENCE. Every such change is logged,
/// and the log is append-only (its ids only grow, and an export and import keep them), so
/// the number rises whenever a date can have moved and never falls, with no state kept
/// outside the database. Changes to other records raise it too, which only makes a calendar
/// program look at an event again.
fn calendar_sequence(conn: &crate::db::Connection) -> anyhow::Result<u32> {
    let latest = crate::service::changes::latest(conn)?;
    // RFC 5545's integers are 32-bit and signed.
    Ok(u32::try_from(latest.clamp(0, i64::from(i32::MAX))).unwrap_or(0))
}
