//! iCalendar (RFC 5545) files, written with the `icalendar` crate: one all-day event per date.
//! A calendar with no events is written too (RFC 7986 and every calendar program accept one),
//! so a subscription to the file drops the events that are gone.

use std::io::{self, Write};

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Component, Event, EventLike};

/// One all-day event. The `uid` must be stable, so that importing the file again updates
/// the event instead of adding a second one; `sequence` must rise when the event changes
/// (its date moves), or a calendar program keeps the version it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub uid: String,
    pub sequence: u32,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// The UID of a project's next review: one event per project, whatever its date, so that
/// when the date moves the event moves with it.
pub fn next_review_uid(project_id: i64) -> String {
    format!("spm-next-review-{project_id}@spm")
}

/// Writes a calendar called `name` holding `events`, each stamped `stamp` (DTSTAMP).
pub fn write(
    out: &mut dyn Write,
    name: &str,
    events: &[CalendarEvent],
    stamp: DateTime<Utc>,
) -> io::Result<()> {
    // The calendar's own lines are written here and each event by the crate (which folds and
    // escapes it), one at a time, so memory stays flat however many events there are.
    let escaped = name
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n");
    write!(
        out,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//spm//Student Partnership Manager//EN\r\n\
         CALSCALE:GREGORIAN\r\nX-WR-CALNAME:{escaped}\r\n"
    )?;
    for e in events {
        // An all-day event ends (exclusively) on the next day (RFC 5545 §3.6.1).
        let end = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        let event = Event::new()
            .uid(&e.uid)
            .sequence(e.sequence)
            .timestamp(stamp)
            .starts(e.date)
            .ends(end)
            .summary(&e.summary)
            .description(&e.description)
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        let text = event
            .try_into_string()
            .map_err(|_| io::Error::other("cannot write a calendar event"))?;
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"END:VCALENDAR\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::Calendar;

    #[test]
    fn events_read_back_with_their_uids_and_dates() -> anyhow::Result<()> {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).ok_or(anyhow::anyhow!("date"))?;
        let events = vec![CalendarEvent {
            uid: "review-1-20261201@spm".into(),
            sequence: 7,
            date,
            summary: "Review due: a, b; c".into(),
            description: "Line one\nLine two, with a comma; and a semicolon".into(),
        }];
        let mut out = Vec::new();
        write(&mut out, "Reviews", &events, DateTime::<Utc>::UNIX_EPOCH)?;
        let text = String::from_utf8(out)?;
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261201\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20261202\r\n"), "{text}");
        let parsed: Calendar = text.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        let read: Vec<_> = parsed.events().collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].get_uid(), Some("review-1-20261201@spm"));
        assert_eq!(read[0].get_sequence(), Some(7));
        assert!(text.contains("DTSTAMP:19700101T000000Z\r\n"), "{text}");
        assert_eq!(read[0].get_summary(), Some("Review due: a, b; c"));
        assert_eq!(
            read[0].get_description(),
            Some("Line one\nLine two, with a comma; and a semicolon")
        );
        Ok(())
    }

    #[test]
    fn a_calendar_with_no_events_is_still_a_calendar() -> anyhow::Result<()> {
        let mut out = Vec::new();
        write(&mut out, "Reviews", &[], DateTime::<Utc>::UNIX_EPOCH)?;
        let text = String::from_utf8(out)?;
        assert!(
            text.ends_with("X-WR-CALNAME:Reviews\r\nEND:VCALENDAR\r\n"),
            "{text}"
        );
        let parsed: Calendar = text.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        assert_eq!(parsed.events().count(), 0);
        Ok(())
    }
}
