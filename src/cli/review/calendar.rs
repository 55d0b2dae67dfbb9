//! `spm review calendar`: the reviews falling due as an iCalendar (.ics) file of all-day
//! events.

use clap::Args as ClapArgs;

use super::{add_command, add_prefix, horizon};
use crate::cli::{Ctx, FormatArg};
use crate::model::Span;
use crate::model::date::now_utc;
use crate::output::ics::{self, CalendarEvent};
use crate::service::review::{self as svc, DueFilter};

pub const EXAMPLES: &str = "\
Examples:
  spm review calendar -o reviews.ics
  spm review calendar --within 90d -o next-term.ics

Each project's next review is one all-day event with a UID of its own, whatever the date:
when a review is recorded, or the project's cadence or status changes, the event moves to
the new date with a higher SEQUENCE, so importing the new file (or a calendar subscribed to
it) moves the event instead of adding a second one. With nothing due the file is still
written, a calendar with no events, so a subscription drops what is no longer due. Only
iCalendar is written: any other --format, or a file named .csv, .json, .md or .xlsx, is
refused (\"spm review due -o due.csv\" lists the reviews due).";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// How far ahead to look, e.g. 90d or 1y [default: 365d]; overdue reviews are included
    #[arg(long, value_name = "SPAN")]
    within: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
