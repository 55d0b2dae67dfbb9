//! `spm review due` and the due dates behind it: cadence, pauses, reopening, today.

use std::collections::BTreeSet;

use chrono::Duration;

use super::{annual, due, due_of, due_pairs, one_project, project, review, show_project};
use crate::common::{Env, add_project, day, read_csv};

/// The JSON keys of a row of `review due`, in order.
const DUE_KEYS: &[&str] = &[
    "project",
    "title",
    "lead",
    "status",
    "last_review",
    "due",
    "days_overdue",
];

/// What `review due` shows for the demo on `TODAY` (default 30 days): project, due date and
/// days overdue, most overdue first.
const DEMO_DUE: &[(&str, &str, i64)] = &[
    ("mh-peer-2025", "2026-10-01", 53),
    ("cm-commuter-2025", "2026-11-01", 22),
    ("catalyst-access-2025", "2026-11-10", 13),
    ("intern-archives-2025", "2026-12-20", -27),
];

#[test]
fn due_on_the_demo_lists_overdue_and_the_next_30_days_most_overdue_first() {
    let env = Env::demo();
    let rows = due(&env, &[]);
    let got: Vec<(&str, &str, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["project"].as_str().unwrap(),
                r["due"].as_str().unwrap(),
                r["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, DEMO_DUE);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, DUE_KEYS);
    assert_eq!(rows[0]["lead"], "Dr A. Khan");
    assert_eq!(rows[0]["title"], "Mental health peer support");
    assert_eq!(rows[0]["status"], "active");
    assert!(rows[0]["last_review"].is_null());
    assert_eq!(rows[3]["last_review"], "2026-06-20");
}

#[test]
fn due_in_every_format() {
    let env = Env::demo();
    let table = env.ok(&["review", "due"]);
    for needle in [
        "When",
        "53 days overdue",
        "22 days overdue",
        "13 days overdue",
        "due in 27 days",
    ] {
        assert!(table.contains(needle), "no {needle:?} in {table}");
    }

    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "review", "due"]));
    assert_eq!(header, DUE_KEYS);
    assert_eq!(
        rows[0],
        [
            "mh-peer-2025",
            "Mental health peer support",
            "Dr A. Khan",
            "active",
            "",
            "2026-10-01",
            "53"
        ]
    );
    assert_eq!(rows[3][6], "-27");
    assert_eq!(rows.len(), 4);

    let md = env.ok(&["--format", "md", "review", "due"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 6, "{md}");
    assert!(
        lines[0].starts_with("| Project |") && lines[0].ends_with("| When |"),
        "{md}"
    );
    assert!(lines[2].contains("| 53 days overdue |"), "{md}");
    assert!(lines[5].contains("| due in 27 days |"), "{md}");

    assert_eq!(due(&env, &[]).len(), 4);
}

#[test]
fn due_today_says_so() {
    let env = one_project("2025-11-23");
    let table = env.ok(&["review", "due"]);
    assert!(table.contains("due today"), "{table}");
    assert_eq!(due(&env, &[])[0]["days_overdue"], 0);
}

#[test]
fn due_overdue_until_within_and_lead_filter_the_list() {
    let env = Env::demo();
    let projects = |args: &[&str]| -> Vec<String> {
        due_pairs(&env, args).into_iter().map(|(p, _)| p).collect()
    };
    assert_eq!(
        projects(&["--overdue"]),
        ["mh-peer-2025", "cm-commuter-2025", "catalyst-access-2025"]
    );
    assert_eq!(
        projects(&["--within", "0d"]),
        ["mh-peer-2025", "cm-commuter-2025", "catalyst-access-2025"]
    );
    assert_eq!(
        projects(&["--until", "2026-11-09"]),
        ["mh-peer-2025", "cm-commuter-2025"]
    );
    assert_eq!(projects(&["--until", "2026-12-20"]).len(), 4);
    // Three weeks reach 2026-12-14, four weeks 2026-12-21 (intern-archives-2025 is due 12-20).
    assert_eq!(projects(&["--within", "3w"]).len(), 3);
    assert_eq!(projects(&["--within", "4w"]).len(), 4);
    assert_eq!(projects(&["--within", "26d"]).len(), 3);
    assert_eq!(projects(&["--within", "27d"]).len(), 4);
    assert_eq!(projects(&["--within", "3m"]).len(), 4);
    assert_eq!(
        projects(&["--within", "1y"]),
        [
            "mh-peer-2025",
            "cm-commuter-2025",
            "catalyst-access-2025",
            "intern-archives-2025",
            "reading-lists-2025",
            "sep-autumn-2026",
        ]
    );
    assert_eq!(projects(&["--lead", "khan"]), ["mh-peer-2025"]);
    assert_eq!(
        projects(&["--lead", "Halls", "--within", "1y"]),
        ["cm-commuter-2025", "sep-autumn-2026"]
    );
    assert!(projects(&["--lead", "Nobody"]).is_empty());
}

#[test]
fn due_with_nothing_due_prints_an_empty_list_in_every_format() {
    let env = Env::demo();
    let args = |format: &'static str| vec!["--format", format, "review", "due", "--lead", "Nobody"];
    assert_eq!(env.ok(&args("json")).trim(), "[]");
    assert_eq!(env.ok(&args("csv")), format!("{}\n", DUE_KEYS.join(",")));
    assert_eq!(env.ok(&args("md")).lines().count(), 2);
    assert!(env.ok(&args("table")).contains("When"));
}

#[test]
fn due_within_with_until_or_overdue_is_a_clap_error() {
    let env = Env::demo();
    env.clap_fails(
        &["review", "due", "--within", "30d", "--until", "2027-01-01"],
        "cannot be used with",
    );
    env.clap_fails(
        &["review", "due", "--within", "30d", "--overdue"],
        "cannot be used with",
    );
    env.clap_fails(
        &["review", "due", "--until", "2027-01-01", "--overdue"],
        "cannot be used with",
    );
}

#[test]
fn due_bad_spans_and_dates_are_refused() {
    let env = Env::demo();
    for span in ["30", "--within=-3d", "11y", "abc", "", "3x", "d"] {
        let args: Vec<&str> = if span.starts_with("--") {
            vec!["review", "due", span]
        } else {
            vec!["review", "due", "--within", span]
        };
        env.refused(&args, 65, "span");
    }
    // Written apart, "-3d" looks like a flag to clap.
    env.clap_fails(&["review", "due", "--within", "-3d"], "");
    env.refused(&["review", "due", "--until", "2026-13-01"], 65, "date");
}

#[test]
fn due_one_cadence_after_the_last_review_else_after_the_start() {
    let env = one_project("2025-03-15");
    assert_eq!(due_of(&env, "x").as_deref(), Some("2026-03-15"));
    annual(&env, "x", "2026-04-01");
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-04-01"));
    // An older review recorded later does not move the due date back.
    review(
        &env,
        "x",
        &[
            "--on",
            "2025-09-01",
            "--kind",
            "interim",
            "--decision",
            "adapt",
        ],
    );
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-04-01"));
    assert_eq!(
        due(&env, &["--within", "10y"])[0]["last_review"],
        "2026-04-01"
    );
}

#[test]
fn due_follows_the_projects_cadence() {
    let env = Env::fresh();
    project(&env, "six", "2026-01-10", &["--cadence", "6m"]);
    project(&env, "three", "2026-01-10", &["--cadence", "3m"]);
    assert_eq!(due_of(&env, "six").as_deref(), Some("2026-07-10"));
    assert_eq!(due_of(&env, "three").as_deref(), Some("2026-04-10"));
    // The demo's intern-archives-2025 has a 6-month cadence, last reviewed 2026-06-20.
    let demo = Env::demo();
    assert_eq!(
        due_of(&demo, "intern-archives-2025").as_deref(),
        Some("2026-12-20")
    );
}

#[test]
fn completed_withdrawn_and_paused_projects_are_not_due() {
    let env = Env::fresh();
    for code in ["done", "gone", "resting"] {
        project(&env, code, "2025-01-01", &[]);
    }
    env.ok(&[
        "project",
        "status",
        "done",
        "completed",
        "--on",
        "2025-03-01",
    ]);
    env.ok(&[
        "project",
        "status",
        "gone",
        "withdrawn",
        "--on",
        "2025-03-01",
    ]);
    env.ok(&[
        "project",
        "status",
        "resting",
        "paused",
        "--on",
        "2025-03-01",
    ]);
    assert!(due(&env, &["--within", "10y"]).is_empty());
    assert!(show_project(&env, "resting")["next_review"].is_null());

    let demo = Env::demo();
    let due_codes: BTreeSet<String> = due_pairs(&demo, &["--within", "10y"])
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for code in [
        "assessment-2024",
        "cm-feedback-2024",
        "welcome-2024",
        "reps-forum-2025",
    ] {
        assert!(!due_codes.contains(code), "{code} should not be due");
    }
}

#[test]
fn a_pause_moves_the_due_date_on_by_its_length() {
    let env = one_project("2025-01-01");
    env.ok(&["project", "status", "x", "paused", "--on", "2025-06-01"]);
    env.ok(&["project", "status", "x", "active", "--on", "2025-09-01"]);
    // Paused for 92 days (June, July and August).
    let expected = day("2026-01-01") + Duration::days(92);
    assert_eq!(expected, day("2026-04-03"));
    assert_eq!(due_of(&env, "x"), Some(expected.to_string()));
    assert_eq!(show_project(&env, "x")["next_review"], "2026-04-03");
}

#[test]
fn only_the_part_of_a_pause_after_the_last_review_moves_the_due_date() {
    let env = one_project("2024-01-01");
    env.ok(&["project", "status", "x", "paused", "--on", "2025-03-01"]);
    annual(&env, "x", "2026-01-01");
    assert_eq!(due_of(&env, "x"), None, "not due while paused");
    env.ok(&["project", "status", "x", "active", "--on", "2026-02-01"]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-02-01"));
}

#[test]
fn proposed_projects_are_not_due_until_they_become_active() {
    let env = Env::fresh();
    add_project(&env, "planned", &["--start", "2025-06-01"]);
    add_project(&env, "someday", &[]);
    assert!(due(&env, &["--within", "10y"]).is_empty());
    // Activated late, it is counted from the day it really began, not its planned start.
    env.ok(&[
        "project",
        "status",
        "planned",
        "active",
        "--on",
        "2026-01-15",
    ]);
    assert_eq!(due_of(&env, "planned").as_deref(), Some("2027-01-15"));
    let demo = Env::demo();
    assert_eq!(due_of(&demo, "lab-methods-2026"), None);
    assert_eq!(due_of(&demo, "data-ethics-2026"), None);
}

#[test]
fn a_reopened_project_is_not_overdue_on_the_day_it_reopens() {
    // Time spent completed stops the clock, as a pause does.
    let env = one_project("2025-06-01");
    env.ok(&["project", "status", "x", "completed", "--on", "2025-09-01"]);
    assert_eq!(due_of(&env, "x"), None);
    env.ok(&["project", "status", "x", "active", "--on", "2026-11-01"]);
    // 2026-06-01 plus the 426 days it was closed.
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-08-01"));
}

#[test]
fn due_dates_add_months_to_the_end_of_shorter_months() {
    let env = Env::fresh();
    project(&env, "jan31", "2025-01-31", &["--cadence", "1m"]);
    project(&env, "leap-jan31", "2024-01-31", &["--cadence", "1m"]);
    project(&env, "leap-day", "2023-06-01", &[]);
    annual(&env, "leap-day", "2024-02-29");
    assert_eq!(due_of(&env, "jan31").as_deref(), Some("2025-02-28"));
    assert_eq!(due_of(&env, "leap-jan31").as_deref(), Some("2024-02-29"));
    assert_eq!(due_of(&env, "leap-day").as_deref(), Some("2025-02-28"));
}

#[test]
fn due_dates_across_the_academic_years_edge() {
    let env = Env::fresh();
    project(&env, "last-day", "2025-08-31", &[]);
    project(&env, "first-day", "2024-09-01", &[]);
    annual(&env, "first-day", "2026-09-01");
    assert_eq!(due_of(&env, "last-day").as_deref(), Some("2026-08-31"));
    assert_eq!(due_of(&env, "first-day").as_deref(), Some("2027-09-01"));
}

#[test]
fn due_depends_on_today() {
    let env = one_project("2024-02-29");
    let out = env.run_with(
        &[("SPM_TODAY", "2025-02-20")],
        &["--format", "json", "review", "due"],
    );
    assert!(out.status.success());
    let rows = crate::common::json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows[0]["due"], "2025-02-28");
    assert_eq!(rows[0]["days_overdue"], -8);
}
