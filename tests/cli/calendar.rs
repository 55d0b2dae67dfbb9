//! `spm review calendar`: the calendar of reviews due, read back with a real iCalendar parser
//! (the `icalendar` crate's), as a calendar program that subscribes to the file would.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, DatePerhapsTime};

use crate::common::{Env, TODAY, day};

/// One event as a calendar program keeps it.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    day: NaiveDate,
    sequence: u32,
    stamp: DateTime<Utc>,
    summary: String,
}

/// The events of an iCalendar text, by UID; fails on a UID seen twice.
fn events_of(text: &str) -> BTreeMap<String, Event> {
    let cal: Calendar = text
        .parse()
        .unwrap_or_else(|e| panic!("not an iCalendar ({e}): {text}"));
    let mut out = BTreeMap::new();
    for e in cal.events() {
        let uid = e.get_uid().expect("a UID").to_string();
        let day = match e.get_start() {
            Some(DatePerhapsTime::Date(d)) => d,
            other => panic!("{uid}: DTSTART is not a date: {other:?}"),
        };
        let event = Event {
            day,
            sequence: e.get_sequence().expect("a SEQUENCE"),
            stamp: e.get_timestamp().expect("a valid DTSTAMP"),
            summary: e.get_summary().expect("a SUMMARY").to_string(),
        };
        assert!(out.insert(uid.clone(), event).is_none(), "{uid} twice");
    }
    out
}

/// `review calendar ARGS` on stdout: its text and events.
fn calendar(env: &Env, args: &[&str]) -> (String, BTreeMap<String, Event>) {
    let mut full = vec!["review", "calendar"];
    full.extend_from_slice(args);
    let text = env.ok(&full);
    let events = events_of(&text);
    (text, events)
}

/// The calendar written to `name` (as a subscription would fetch it): its events.
fn written(env: &Env, name: &str) -> BTreeMap<String, Event> {
    env.run_ok(&["review", "calendar", "-o", name]);
    let text = std::fs::read_to_string(env.path(name)).expect("the calendar file");
    assert_crlf(&text);
    events_of(&text)
}

/// The database id of project `code`.
fn project_id(env: &Env, code: &str) -> i64 {
    env.conn()
        .query_row("SELECT id FROM projects WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .expect("the project's id")
}

/// The UID of `code`'s next review: the project's, whatever the date.
fn uid(env: &Env, code: &str) -> String {
    format!("spm-next-review-{}@spm", project_id(env, code))
}

/// `review due ARGS` as (project code, due date) pairs.
fn due_pairs(env: &Env, args: &[&str]) -> Vec<(String, NaiveDate)> {
    let mut full = vec!["review", "due"];
    full.extend_from_slice(args);
    env.json_list(&full)
        .iter()
        .map(|r| {
            (
                r["project"].as_str().expect("a project").to_string(),
                day(r["due"].as_str().expect("a due date")),
            )
        })
        .collect()
}

/// `text` with every line checked to end with CRLF.
fn assert_crlf(text: &str) {
    assert!(!text.is_empty());
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "line without CRLF: {line:?}");
    }
}

/// Records an annual review of `code` on `on`; returns its id.
fn review(env: &Env, code: &str, on: &str) -> String {
    env.ok(&["review", "add", code, "--on", on, "--decision", "continue"])
        .trim()
        .to_string()
}

#[test]
fn one_event_per_project_due_within_a_year() {
    let env = Env::demo();
    let (text, events) = calendar(&env, &[]);
    assert_crlf(&text);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20261001\r\n"), "{text}");

    let due = due_pairs(&env, &["--within", "365d"]);
    assert_eq!(due.len(), 6);
    let expected: BTreeMap<String, NaiveDate> = due
        .iter()
        .map(|(code, date)| (uid(&env, code), *date))
        .collect();
    let got: BTreeMap<String, NaiveDate> = events.iter().map(|(u, e)| (u.clone(), e.day)).collect();
    assert_eq!(got, expected);
    assert_eq!(
        events["spm-next-review-1@spm"].summary,
        "Review due: Mental health peer support (mh-peer-2025)"
    );
    // DTSTAMP is a valid UTC time: midnight of the day spm runs on (SPM_TODAY).
    let midnight = day(TODAY).and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    assert!(events.values().all(|e| e.stamp == midnight), "{events:?}");
}

#[test]
fn the_calendar_is_the_same_from_one_run_to_the_next() {
    let env = Env::demo();
    let (first, _) = calendar(&env, &[]);
    let (second, _) = calendar(&env, &[]);
    assert_eq!(first, second);
}

#[test]
fn a_review_recorded_moves_the_projects_event_with_a_higher_sequence() {
    let env = Env::demo();
    let before = written(&env, "reviews.ics");
    let mh = uid(&env, "mh-peer-2025");
    assert_eq!(before[&mh].day, day("2026-10-01"));

    let id = review(&env, "mh-peer-2025", TODAY);
    let after = written(&env, "reviews.ics");
    // The same event, at the new date (a year after the review), and a higher SEQUENCE, so a
    // calendar program moves it instead of keeping the old one beside it.
    assert_eq!(after.len(), before.len());
    assert_eq!(after[&mh].day, day("2027-11-23"));
    assert!(after[&mh].sequence > before[&mh].sequence, "{after:?}");
    // Every other project keeps its event and date.
    for (u, e) in &before {
        if *u != mh {
            assert_eq!(after[u].day, e.day, "{u}");
            assert!(after[u].sequence >= e.sequence, "{u}");
        }
    }

    // Removing the review moves the date back, earlier, and SEQUENCE still rises.
    env.ok(&["review", "remove", &id, "--yes"]);
    let back = written(&env, "reviews.ics");
    assert_eq!(back[&mh].day, day("2026-10-01"));
    assert!(back[&mh].sequence > after[&mh].sequence, "{back:?}");
}

#[test]
fn a_change_of_cadence_moves_the_event_too() {
    let env = Env::demo();
    let before = written(&env, "reviews.ics");
    let mh = uid(&env, "mh-peer-2025");
    env.ok(&["project", "edit", "mh-peer-2025", "--cadence", "6m"]);
    let after = written(&env, "reviews.ics");
    assert_ne!(after[&mh].day, before[&mh].day);
    assert!(after[&mh].sequence > before[&mh].sequence);
}

#[test]
fn a_project_no_longer_due_leaves_the_calendar() {
    let env = Env::demo();
    let before = written(&env, "reviews.ics");
    let mh = uid(&env, "mh-peer-2025");
    assert!(before.contains_key(&mh));
    env.ok(&["project", "status", "mh-peer-2025", "paused"]);
    let after = written(&env, "reviews.ics");
    assert!(!after.contains_key(&mh), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);
}

#[test]
fn with_nothing_due_the_calendar_is_written_empty() {
    // So a calendar subscribed to the file drops the reviews that are no longer due.
    let env = Env::fresh();
    std::fs::write(env.path("reviews.ics"), "an older calendar").expect("a file");
    let out = env.run_ok(&["review", "calendar", "-o", "reviews.ics"]);
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no reviews fall due by 2027-11-23: the calendar has no events"),
        "{err}"
    );
    let text = std::fs::read_to_string(env.path("reviews.ics")).expect("the calendar");
    assert_crlf(&text);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    assert!(events_of(&text).is_empty());
    // On stdout too.
    let (text, events) = calendar(&env, &[]);
    assert!(text.contains("BEGIN:VCALENDAR\r\n") && events.is_empty());
}

#[test]
fn within_limits_the_events() {
    let env = Env::demo();
    assert_eq!(calendar(&env, &["--within", "30d"]).1.len(), 4);
    assert_eq!(calendar(&env, &["--within", "0d"]).1.len(), 3);
    for span in ["30", "11y", "abc"] {
        env.refused(&["review", "calendar", "--within", span], 65, "span");
    }
}

#[test]
fn to_a_file_nothing_goes_to_stdout() {
    let env = Env::demo();
    let out = env.run_ok(&["review", "calendar", "-o", "reviews.ics"]);
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wrote 6 review dates up to 2027-11-23"),
        "{err}"
    );
    let text = std::fs::read_to_string(env.path("reviews.ics")).expect("the calendar file");
    assert_eq!(text, calendar(&env, &[]).0);

    let missing = env.path("no such folder/reviews.ics");
    env.refused(
        &[
            "review",
            "calendar",
            "-o",
            missing.to_str().expect("a path"),
        ],
        73,
        "does not exist",
    );
}

#[test]
fn the_calendar_is_ics_whatever_the_file_is_called_but_no_other_format() {
    let env = Env::demo();
    let (expected, _) = calendar(&env, &[]);
    // --format ics, a file of another name, or an .ICS in capitals: the same calendar.
    assert_eq!(env.ok(&["--format", "ics", "review", "calendar"]), expected);
    for name in ["reviews.txt", "reviews.ICS", "reviews"] {
        env.ok(&["review", "calendar", "-o", name]);
        let text = std::fs::read_to_string(env.path(name)).expect("the calendar");
        assert_eq!(text, expected, "{name}");
    }
    env.ok(&["--format", "ics", "review", "calendar", "-o", "again.ics"]);

    // A list's format, asked for or implied by the file's name, is refused: no file.
    let cases: [(&[&str], &str); 5] = [
        (
            &["--format", "csv", "review", "calendar"],
            "writes ics only, not csv",
        ),
        (
            &["--format", "json", "review", "calendar", "-o", "x.out"],
            "not json",
        ),
        (&["review", "calendar", "-o", "due.csv"], "name ends .csv"),
        (
            &["review", "calendar", "-o", "due.xlsx"],
            "review due -o due.csv",
        ),
        (
            &["--format", "md", "review", "calendar", "-o", "x.ics"],
            "does not match",
        ),
    ];
    for (args, needle) in cases {
        env.refused(args, 64, needle);
    }
    for name in ["x.out", "due.csv", "due.xlsx", "x.ics"] {
        assert!(!env.path(name).exists(), "{name} was written");
    }
}

#[test]
fn only_the_calendar_writes_ics() {
    let env = Env::demo();
    for args in [
        &["project", "list", "-o", "projects.ics"][..],
        &["--format", "ics", "review", "due"],
        &["report", "all", "-o", "year.ics"],
        &["review", "remind", "-o", "remind.ics"],
        &["export", "-o", "all.ics"],
    ] {
        env.refused(args, 64, "only \"spm review calendar\" writes ics");
    }
    assert!(!env.path("projects.ics").exists());
}
