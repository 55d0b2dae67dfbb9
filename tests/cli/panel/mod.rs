//! Integration tests of spm panel: sessions of the Student Education Panel, their insights,
//! the recommendations raised from them, and the terms without a session.

use serde_json::{Value as Json, json};

use crate::common::{Env, read_csv, stderr_of};

/// The JSON keys of a session in `panel list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "year",
    "term",
    "on",
    "topic",
    "question",
    "panellists",
    "insights",
    "recommendations",
];

// ---------------------------------------------------------------------------------------------
// helpers

/// `spm panel add` for 2025/26 with `term`, `on` and a topic, then `extra`.
fn add_args<'a>(term: &'a str, on: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "panel",
        "add",
        "--year",
        "2025/26",
        "--term",
        term,
        "--on",
        on,
        "--topic",
        "Assessment feedback",
    ];
    args.extend_from_slice(extra);
    args
}

/// Records a 2025/26 session and returns its id.
fn session(env: &Env, term: &str, on: &str) -> String {
    let id = env.ok(&add_args(term, on, &[])).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not a session id: {id:?}");
    id
}

/// Adds an insight to `session` and returns its id.
fn insight(env: &Env, session: &str, text: &str) -> String {
    let id = env
        .ok(&["panel", "insight", "add", session, text])
        .trim_end()
        .to_string();
    assert!(id.parse::<u64>().is_ok(), "not an insight id: {id:?}");
    id
}

/// A recommendation raised from `session`, written straight into the database (`spm rec` is
/// another noun's business); returns its id.
fn raise(env: &Env, session: &str, recommendation: &str, status: &str) -> i64 {
    let conn = env.conn();
    conn.execute(
        "INSERT INTO recommendations (session_id, finding, recommendation, addressed_to, status,
            response, raised_on)
         VALUES (?1, 'feedback comes late', ?2, 'Registry', ?3, 'noted', '2025-10-20')",
        rusqlite::params![
            session.parse::<i64>().expect("an id"),
            recommendation,
            status
        ],
    )
    .expect("a recommendation");
    conn.last_insert_rowid()
}

/// `spm --format json panel show ID`, parsed.
fn show(env: &Env, id: &str) -> Json {
    env.show("panel", id)
}

/// The ids `panel list ARGS` shows, in order.
fn list_ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("panel", args)
        .iter()
        .map(|s| s["id"].as_i64().expect("an id"))
        .collect()
}

/// The terms `panel gaps ARGS` lists, in order (every row's year checked against `year`).
fn gaps(env: &Env, year: &str, args: &[&str]) -> Vec<String> {
    let mut full = vec!["panel", "gaps"];
    full.extend_from_slice(args);
    env.json_list(&full)
        .iter()
        .map(|g| {
            assert_eq!(g["year"], year, "{g}");
            g["term"].as_str().expect("a term").to_string()
        })
        .collect()
}

/// Sets the names of the terms, as a coordinator's configuration would.
fn set_terms(env: &Env, terms: &str) {
    env.conn()
        .execute(
            "INSERT INTO settings(key, value) VALUES ('terms', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [terms],
        )
        .expect("the terms setting");
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_only_the_new_session_id() {
    let env = Env::fresh();
    let out = env.run_ok(&add_args("autumn", "2025-10-14", &[]));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("recorded panel session 1: autumn 2025/26 on 2025-10-14"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn add_every_flag_round_trips_through_json_show() {
    let env = Env::fresh();
    let id = env
        .ok(&add_args(
            "Autumn",
            "2025-10-14",
            &[
                "--question",
                "  What makes feedback useful?  ",
                "--panellists",
                "14",
            ],
        ))
        .trim_end()
        .to_string();
    let s = show(&env, &id);
    assert_eq!(s["id"], 1);
    assert_eq!(s["year"], "2025/26");
    assert_eq!(s["term"], "autumn", "the term is stored in lower case");
    assert_eq!(s["on"], "2025-10-14");
    assert_eq!(s["topic"], "Assessment feedback");
    assert_eq!(s["question"], "What makes feedback useful?");
    assert_eq!(s["panellists"], 14);
    assert_eq!(s["insights"], json!([]));
    assert_eq!(s["recommendations"], json!([]));
    let history = s["history"].as_array().expect("a history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["actor"], "tester");
    assert_eq!(history[0]["fields"]["topic"], "Assessment feedback");
}

#[test]
fn add_without_a_year_takes_the_year_of_the_date() {
    let env = Env::fresh();
    env.ok(&[
        "panel",
        "add",
        "--term",
        "spring",
        "--on",
        "2026-05-05",
        "--topic",
        "Belonging",
    ]);
    env.ok(&[
        "panel",
        "add",
        "--term",
        "autumn",
        "--on",
        "2026-09-01",
        "--topic",
        "Belonging",
    ]);
    let years: Vec<Json> = env
        .list("panel", &[])
        .iter()
        .map(|s| s["year"].clone())
        .collect();
    assert_eq!(years, vec![json!("2026/27"), json!("2025/26")]);
}

#[test]
fn add_a_planned_session_up_to_a_year_ahead() {
    let env = Env::fresh();
    let out = env.run_ok(&[
        "panel",
        "add",
        "--year",
        "2027/28",
        "--term",
        "autumn",
        "--on",
        "2027-11-23",
        "--topic",
        "Timetabling",
    ]);
    assert!(stderr_of(&out).contains("(planned)"), "{}", stderr_of(&out));
    env.refused(
        &[
            "panel",
            "add",
            "--year",
            "2027/28",
            "--term",
            "autumn",
            "--on",
            "2027-11-24",
            "--topic",
            "Timetabling",
        ],
        65,
        "more than a year ahead (after 2027-11-23)",
    );
}

#[test]
fn add_a_second_session_in_a_term_is_kept_with_a_warning() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    let out = env.run_ok(&add_args("autumn", "2025-12-02", &[]));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
    let stderr = stderr_of(&out);
    assert!(
        stderr
            .contains("warning: the panel already met in autumn 2025/26 (session 1 on 2025-10-14)"),
        "{stderr}"
    );
    assert_eq!(list_ids(&env, &[]), vec![2, 1]);
    // -q keeps stderr for errors.
    let out = env.run_ok(&add_args("autumn", "2025-12-03", &["-q"]));
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
}

#[test]
fn add_refuses_bad_values_with_one_line_and_writes_nothing() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    let base = |year: &'static str, term: &'static str, on: &'static str| {
        vec![
            "panel", "add", "--year", year, "--term", term, "--on", on, "--topic", "Feedback",
        ]
    };
    let with = |mut args: Vec<&'static str>, extra: &[&'static str]| {
        args.extend_from_slice(extra);
        args
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            base("2025/27", "autumn", "2025-10-14"),
            "did you mean \"2025/26\"",
        ),
        (
            base("2025", "autumn", "2025-10-14"),
            "not of the form 2025/26",
        ),
        (
            base("25/26", "autumn", "2025-10-14"),
            "not of the form 2025/26",
        ),
        (
            base("2025/26", "summer", "2025-10-14"),
            "unknown term \"summer\"; the terms of the academic year are autumn, winter, spring",
        ),
        (base("2025/26", "", "2025-10-14"), "unknown term \"\""),
        (
            base("2025/26", "autumn", "2025-08-31"),
            "the session date 2025-08-31 is not in academic year 2025/26 (2025-09-01 to 2026-08-31)",
        ),
        (
            base("2025/26", "autumn", "2026-09-01"),
            "not in academic year 2025/26",
        ),
        (
            base("2025/26", "autumn", "2025-02-30"),
            "not a day of the calendar",
        ),
        (base("2025/26", "autumn", "14/10/2025"), "YYYY-MM-DD"),
        (base("2025/26", "autumn", ""), "YYYY-MM-DD"),
        (
            vec![
                "panel",
                "add",
                "--year",
                "2025/26",
                "--term",
                "autumn",
                "--on",
                "2025-10-14",
                "--topic",
                "  \t ",
            ],
            "a panel session needs a topic",
        ),
        (
            with(
                base("2025/26", "autumn", "2025-10-14"),
                &["--panellists", "10001"],
            ),
            "more than 10000; check --panellists",
        ),
        (
            with(
                base("2025/26", "autumn", "2025-10-14"),
                &["--question", "why\u{7}"],
            ),
            "control characters",
        ),
    ];
    for (args, needle) in cases {
        env.refused(&args, 65, needle);
    }
}

#[test]
fn add_refuses_missing_and_malformed_flags_through_clap() {
    let env = Env::fresh();
    let full = add_args("autumn", "2025-10-14", &[]);
    for missing in ["--term", "--on", "--topic"] {
        let i = full.iter().position(|a| *a == missing).expect("the flag");
        let mut args = full.clone();
        args.drain(i..i + 2);
        env.clap_fails(&args, missing);
    }
    for bad in ["-5", "many", "99999999999", "1.5", ""] {
        let mut args = full.clone();
        args.extend(["--panellists", bad]);
        env.clap_fails(&args, "");
    }
    env.clap_fails(&["panel", "add", "--year"], "");
    env.clap_fails(&["panel"], "");
    env.clap_fails(&["panel", "hold"], "unrecognized subcommand");
}

#[test]
fn add_zero_panellists_is_accepted() {
    let env = Env::fresh();
    let id = env
        .ok(&add_args("winter", "2026-01-20", &["--panellists", "0"]))
        .trim_end()
        .to_string();
    assert_eq!(show(&env, &id)["panellists"], 0);
}

// ---------------------------------------------------------------------------------------------
// insights

#[test]
fn insight_add_prints_its_id_and_shows_in_the_session() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let out = env.run_ok(&[
        "panel",
        "insight",
        "add",
        &s,
        "  Feedback arrives after the next assignment is due  ",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(
        stderr_of(&out).contains("added insight 1 to panel session 1"),
        "{}",
        stderr_of(&out)
    );
    insight(&env, &s, "Rubrics help\nwhen they are shared early");
    let shown = show(&env, &s);
    let texts: Vec<&str> = shown["insights"]
        .as_array()
        .expect("insights")
        .iter()
        .map(|i| i["text"].as_str().expect("a text"))
        .collect();
    assert_eq!(
        texts,
        vec![
            "Feedback arrives after the next assignment is due",
            "Rubrics help\nwhen they are shared early"
        ]
    );
    let history = shown["history"].as_array().expect("a history");
    assert_eq!(history.len(), 3);
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["fields"]["insight_added"], 1);
    assert_eq!(env.list("panel", &[])[0]["insights"], 2);
}

#[test]
fn insight_add_refuses_unknown_sessions_and_blank_text() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    env.refused(
        &["panel", "insight", "add", "9", "Feedback is late"],
        66,
        "no panel session with id \"9\"; run \"spm panel list\" to see the ids",
    );
    env.refused(
        &["panel", "insight", "add", &s, "  \n "],
        65,
        "an insight needs text",
    );
    env.refused(
        &["panel", "insight", "add", &s, "late\u{1b}[31m"],
        65,
        "control characters",
    );
    let long = "x".repeat(20_001);
    env.refused(
        &["panel", "insight", "add", &s, &long],
        65,
        "longer than 20000 characters",
    );
    for bad in ["0", "-1", "x", "99999999999999999999"] {
        env.clap_fails(&["panel", "insight", "add", bad, "text"], "");
    }
    env.clap_fails(&["panel", "insight", "add", &s], "<TEXT>");
    env.clap_fails(&["panel", "insight"], "");
}

#[test]
fn insight_list_in_every_format() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    insight(&env, &s, "=1+2 is how one panellist scored it");
    insight(&env, &s, "Rubrics help");
    let rows = env.json_list(&["panel", "insight", "list", &s]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "text", "added"]);
    assert_eq!(rows[1]["text"], "Rubrics help");
    let (header, csv_rows) = read_csv(&env.ok(&["--format", "csv", "panel", "insight", "ls", &s]));
    assert_eq!(header, ["id", "text", "added"]);
    assert_eq!(csv_rows[0][1], "'=1+2 is how one panellist scored it");
    let md = env.ok(&["--format", "md", "panel", "insight", "list", &s]);
    assert!(
        md.starts_with("| Id | Insight | Added |\n|---|---|---|\n"),
        "{md}"
    );
    let table = env.ok(&["panel", "insight", "list", &s]);
    assert!(table.contains("Rubrics help"), "{table}");
    env.refused(
        &["panel", "insight", "list", "7"],
        66,
        "no panel session with id \"7\"",
    );
    env.clap_fails(&["panel", "insight", "list", "0"], "");
}

#[test]
fn insight_remove_needs_confirmation_and_is_logged() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let i = insight(&env, &s, "Typo'd insight");
    env.refused(
        &["panel", "insight", "remove", &i],
        64,
        "removing insight 1 needs confirmation: add --yes",
    );
    env.refused(
        &["panel", "insight", "rm", "5", "--yes"],
        66,
        "no panel insight with id \"5\"",
    );
    env.clap_fails(&["panel", "insight", "rm", "-3", "--yes"], "");
    let out = env.run_ok(&["panel", "insight", "rm", &i, "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("removed insight 1 of panel session 1"),
        "{}",
        stderr_of(&out)
    );
    let shown = show(&env, &s);
    assert_eq!(shown["insights"], json!([]));
    let last = shown["history"]
        .as_array()
        .and_then(|h| h.last().cloned())
        .expect("a history");
    assert_eq!(last["fields"]["insight_removed"], 1);
    assert_eq!(last["fields"]["text"], "Typo'd insight");
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_is_newest_first_with_counts_and_filters() {
    let env = Env::fresh();
    let autumn = session(&env, "autumn", "2025-10-14");
    let spring = session(&env, "spring", "2026-05-05");
    session(&env, "winter", "2026-01-20");
    env.ok(&[
        "panel",
        "add",
        "--term",
        "autumn",
        "--on",
        "2026-10-06",
        "--topic",
        "Timetables",
    ]);
    insight(&env, &autumn, "one");
    insight(&env, &autumn, "two");
    raise(&env, &autumn, "return work within three weeks", "accepted");
    raise(&env, &spring, "more quiet study space", "proposed");
    assert_eq!(list_ids(&env, &[]), vec![4, 2, 3, 1]);
    assert_eq!(list_ids(&env, &["--year", "2025/26"]), vec![2, 3, 1]);
    assert_eq!(
        list_ids(&env, &["--year", "2025-2026", "--term", "AUTUMN"]),
        vec![1]
    );
    assert_eq!(list_ids(&env, &["--term", "autumn"]), vec![4, 1]);
    assert!(list_ids(&env, &["--year", "2024/25"]).is_empty());
    let rows = env.list("panel", &["--year", "2025/26"]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, LIST_KEYS);
    let first = &rows[2];
    assert_eq!(first["on"], "2025-10-14");
    assert_eq!(first["insights"], 2);
    assert_eq!(first["recommendations"], 1);
    assert!(first["question"].is_null());
    assert!(first["panellists"].is_null());
    assert_eq!(rows[0]["recommendations"], 1);
    assert_eq!(rows[1]["insights"], 0);
}

#[test]
fn list_refuses_bad_filters() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    env.refused(&["panel", "list", "--year", "2025/27"], 65, "did you mean");
    env.refused(&["panel", "list", "--year", "last"], 65, "not of the form");
    env.refused(
        &["panel", "list", "--term", "autum"],
        65,
        "autumn, winter, spring",
    );
    env.clap_fails(&["panel", "list", "--year"], "");
    env.clap_fails(&["panel", "ls", "--colour"], "");
}

#[test]
fn list_in_every_format() {
    let env = Env::fresh();
    env.ok(&add_args(
        "autumn",
        "2025-10-14",
        &["--question", "=HYPERLINK(\"x\")", "--panellists", "9"],
    ));
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "panel", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(
        rows,
        vec![vec![
            "1",
            "2025/26",
            "autumn",
            "2025-10-14",
            "Assessment feedback",
            "'=HYPERLINK(\"x\")",
            "9",
            "0",
            "0"
        ]]
    );
    let md = env.ok(&["--format", "md", "panel", "list"]);
    assert_eq!(
        md,
        "| Id | Year | Term | On | Topic | Panellists | Insights | Recommendations |\n\
         |---|---|---|---|---|---|---|---|\n\
         | 1 | 2025/26 | autumn | 2025-10-14 | Assessment feedback | 9 | 0 | 0 |\n"
    );
    let table = env.ok(&["panel", "ls"]);
    assert!(table.contains("Assessment feedback"), "{table}");
    assert!(
        !table.contains("HYPERLINK"),
        "a table leaves the question to show: {table}"
    );
    let empty = Env::fresh();
    assert_eq!(empty.ok(&["--format", "json", "panel", "list"]), "[]\n");
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_lists_insights_and_the_recommendations_raised() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    insight(&env, &s, "Feedback is late");
    let a = raise(&env, &s, "return work within three weeks", "in-progress");
    let b = raise(&env, &s, "publish marking criteria", "not-adopted");
    let other = session(&env, "winter", "2026-01-20");
    raise(&env, &other, "elsewhere", "proposed");
    let shown = show(&env, &s);
    assert_eq!(
        shown["recommendations"],
        json!([
            {"id": a, "recommendation": "return work within three weeks", "to": "Registry",
             "status": "in-progress"},
            {"id": b, "recommendation": "publish marking criteria", "to": "Registry",
             "status": "not-adopted"},
        ])
    );
    let table = env.ok(&["panel", "show", &s]);
    for needle in [
        "Assessment feedback",
        "Insights",
        "Feedback is late",
        "Recommendations",
        "publish marking criteria",
        "not-adopted",
        "History",
        "recorded",
    ] {
        assert!(table.contains(needle), "{needle:?} missing from {table}");
    }
    let md = env.ok(&["--format", "md", "panel", "show", &s]);
    assert!(md.contains("## Recommendations"), "{md}");
    let (header, _) = read_csv(&env.ok(&["--format", "csv", "panel", "show", &s]));
    assert_eq!(
        header,
        [
            "id",
            "year",
            "term",
            "on",
            "topic",
            "question",
            "panellists"
        ]
    );
    let empty = env.ok(&["panel", "show", &other]);
    assert!(empty.contains("Insights\n(none)"), "{empty}");
}

#[test]
fn show_refuses_unknown_and_malformed_ids() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    env.refused(
        &["panel", "show", "2"],
        66,
        "no panel session with id \"2\"; run \"spm panel list\" to see the ids",
    );
    for bad in ["0", "-1", "one", "9223372036854775808"] {
        env.clap_fails(&["panel", "show", bad], "");
    }
    env.clap_fails(&["panel", "show"], "<ID>");
}

// ---------------------------------------------------------------------------------------------
// edit

#[test]
fn edit_changes_fields_and_logs_them() {
    let env = Env::fresh();
    let s = env
        .ok(&add_args(
            "autumn",
            "2025-10-14",
            &["--question", "Why?", "--panellists", "9"],
        ))
        .trim_end()
        .to_string();
    let out = env.run_ok(&[
        "panel",
        "edit",
        &s,
        "--on",
        "2025-10-21",
        "--topic",
        "Feedback on assessment",
        "--question",
        "",
        "--panellists",
        "",
    ]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("changed panel session 1: autumn 2025/26 on 2025-10-21"),
        "{}",
        stderr_of(&out)
    );
    let shown = show(&env, &s);
    assert_eq!(shown["on"], "2025-10-21");
    assert_eq!(shown["topic"], "Feedback on assessment");
    assert!(shown["question"].is_null());
    assert!(shown["panellists"].is_null());
    let last = &shown["history"][1];
    assert_eq!(last["action"], "update");
    assert_eq!(last["fields"]["on"], json!(["2025-10-14", "2025-10-21"]));
    assert_eq!(last["fields"]["panellists"], json!([9, null]));
    // The same values again: nothing changes, nothing is logged.
    let out = env.run_ok(&["panel", "edit", &s, "--on", "2025-10-21"]);
    assert!(stderr_of(&out).contains("unchanged"), "{}", stderr_of(&out));
    assert_eq!(show(&env, &s)["history"].as_array().map(Vec::len), Some(2));
}

#[test]
fn edit_into_a_term_with_a_session_warns() {
    let env = Env::fresh();
    session(&env, "winter", "2026-01-20");
    let s = session(&env, "autumn", "2025-10-14");
    let out = env.run_ok(&[
        "panel",
        "edit",
        &s,
        "--term",
        "winter",
        "--on",
        "2026-01-27",
    ]);
    assert!(
        stderr_of(&out).contains("warning: the panel already met in winter 2025/26 (session 1"),
        "{}",
        stderr_of(&out)
    );
    // Moving the year and the date together.
    env.ok(&[
        "panel",
        "edit",
        &s,
        "--year",
        "2026/27",
        "--on",
        "2026-10-06",
    ]);
    assert_eq!(show(&env, &s)["year"], "2026/27");
}

#[test]
fn edit_refuses_bad_values_and_writes_nothing() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["panel", "edit", &s], 64, "nothing to change"),
        (
            vec!["panel", "edit", "9", "--on", "2025-10-21"],
            66,
            "no panel session with id \"9\"",
        ),
        (
            vec!["panel", "edit", &s, "--term", "lent"],
            65,
            "the terms of the academic year are autumn, winter, spring",
        ),
        (
            vec!["panel", "edit", &s, "--year", "2024/25"],
            65,
            "the session date 2025-10-14 is not in academic year 2024/25",
        ),
        (
            vec!["panel", "edit", &s, "--year", "2024"],
            65,
            "not of the form",
        ),
        (
            vec!["panel", "edit", &s, "--on", "2026-10-01"],
            65,
            "not in academic year 2025/26",
        ),
        (
            vec![
                "panel",
                "edit",
                &s,
                "--year",
                "2027/28",
                "--on",
                "2027-12-01",
            ],
            65,
            "more than a year ahead",
        ),
        (
            vec!["panel", "edit", &s, "--on", "2025-13-01"],
            65,
            "not a day",
        ),
        (
            vec!["panel", "edit", &s, "--topic", " "],
            65,
            "needs a topic",
        ),
        (
            vec!["panel", "edit", &s, "--panellists=-5"],
            65,
            "not a whole number of people",
        ),
        (
            vec!["panel", "edit", &s, "--panellists", "ten"],
            65,
            "not a whole number of people",
        ),
        (
            vec!["panel", "edit", &s, "--panellists", "20000"],
            65,
            "check --panellists",
        ),
    ];
    for (args, code, needle) in cases {
        env.refused(&args, code, needle);
    }
    env.clap_fails(&["panel", "edit", "0", "--on", "2025-10-21"], "");
    env.clap_fails(&["panel", "edit", &s, "--when", "2025-10-21"], "");
    env.clap_fails(&["panel", "edit", &s, "--panellists", "-5"], "");
}

// ---------------------------------------------------------------------------------------------
// remove

#[test]
fn remove_takes_the_session_and_its_insights() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    insight(&env, &s, "one");
    env.refused(
        &["panel", "remove", &s],
        64,
        "removing panel session 1 needs confirmation: add --yes",
    );
    let out = env.run_ok(&["panel", "rm", &s, "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out)
            .contains("removed panel session 1 (autumn 2025/26 on 2025-10-14) and its 1 insight"),
        "{}",
        stderr_of(&out)
    );
    assert!(list_ids(&env, &[]).is_empty());
    let left: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM panel_insights", [], |r| r.get(0))
        .expect("a count");
    assert_eq!(left, 0);
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'panel_session' AND action = 'delete'",
            [],
            |r| r.get(0),
        )
        .expect("the deletion is logged");
    assert!(logged.contains("\"one\""), "{logged}");
}

#[test]
fn remove_refuses_a_session_with_recommendations_and_unknown_ids() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let r = raise(&env, &s, "return work within three weeks", "accepted");
    // Refused before any question is asked, with or without --yes.
    for args in [
        vec!["panel", "remove", &s],
        vec!["panel", "remove", &s, "--yes"],
    ] {
        env.refused(
            &args,
            65,
            &format!("panel session 1 cannot be removed: recommendation {r} came from it"),
        );
    }
    env.refused(
        &["panel", "remove", "4", "--yes"],
        66,
        "no panel session with id \"4\"",
    );
    env.clap_fails(&["panel", "remove", "0", "--yes"], "");
}

// ---------------------------------------------------------------------------------------------
// gaps

#[test]
fn gaps_across_a_year_lists_the_terms_without_a_session() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    session(&env, "spring", "2026-05-05");
    assert_eq!(
        gaps(&env, "2025/26", &["--year", "2025/26"]),
        vec!["winter"]
    );
    // A second session in a term does not fill another.
    session(&env, "autumn", "2025-11-18");
    assert_eq!(
        gaps(&env, "2025/26", &["--year", "2025/26"]),
        vec!["winter"]
    );
    // Today (2026-11-23) is in the autumn term of 2026/27, where the panel has not met yet;
    // winter and spring are still to come, not gaps.
    assert_eq!(gaps(&env, "2026/27", &[]), vec!["autumn"]);
    let out = env.run_ok(&["panel", "gaps"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("still to come in 2026/27: winter, spring"),
        "{out:?}"
    );
    assert!(gaps(&env, "2027/28", &["--year", "2027/28"]).is_empty());
    let csv = env.ok(&["--format", "csv", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(csv, "year,term\n2025/26,winter\n");
    let md = env.ok(&["--format", "md", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(md, "| Year | Term |\n|---|---|\n| 2025/26 | winter |\n");
    let table = env.ok(&["panel", "gaps", "--year", "2025/26"]);
    assert!(
        table.contains("winter") && !table.contains("autumn"),
        "{table}"
    );
}

#[test]
fn gaps_when_every_term_has_met_is_an_empty_list_and_a_note() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    session(&env, "winter", "2026-01-20");
    session(&env, "spring", "2026-05-05");
    let out = env.run_ok(&["--format", "json", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
    assert!(
        stderr_of(&out).contains("the panel has met in every term of 2025/26"),
        "{}",
        stderr_of(&out)
    );
    let csv = env.ok(&["--format", "csv", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(csv, "year,term\n");
}

#[test]
fn gaps_follow_custom_term_names() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    set_terms(&env, "michaelmas,lent,summer");
    // The old session's term is no longer configured: it fills no term, and a note says so.
    let out = env.run_ok(&["--format", "json", "panel", "gaps", "--year", "2025/26"]);
    let rows: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    let terms: Vec<&str> = rows
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["term"].as_str().expect("a term"))
        .collect();
    assert_eq!(terms, vec!["michaelmas", "lent", "summer"]);
    assert!(
        stderr_of(&out).contains("panel session 1 on 2025-10-14 is in term \"autumn\""),
        "{}",
        stderr_of(&out)
    );
    env.refused(
        &add_args("autumn", "2025-10-21", &[]),
        65,
        "the terms of the academic year are michaelmas, lent, summer",
    );
    session(&env, "Michaelmas", "2025-11-04");
    session(&env, "summer", "2026-06-09");
    assert_eq!(gaps(&env, "2025/26", &["--year", "2025/26"]), vec!["lent"]);
    // The old name still finds the old session.
    assert_eq!(list_ids(&env, &["--term", "autumn"]), vec![1]);
    env.ok(&["panel", "edit", "1", "--term", "lent"]);
    assert!(gaps(&env, "2025/26", &["--year", "2025/26"]).is_empty());
}

#[test]
fn gaps_refuses_a_bad_year() {
    let env = Env::fresh();
    env.refused(&["panel", "gaps", "--year", "2025/27"], 65, "did you mean");
    env.refused(
        &["panel", "gaps", "--year", "twenty"],
        65,
        "not of the form",
    );
    env.clap_fails(&["panel", "gaps", "--year"], "");
    env.clap_fails(&["panel", "gaps", "2025/26"], "");
}

#[test]
fn gaps_on_a_database_with_a_broken_terms_setting_is_one_line() {
    let env = Env::fresh();
    set_terms(&env, " , ,");
    env.refused(&["panel", "gaps", "--year", "2025/26"], 65, "no term names");
    set_terms(&env, "first term,second term");
    env.refused(
        &add_args("first term", "2025-10-14", &[]),
        65,
        "not a term name",
    );
}

#[test]
fn a_session_cannot_move_after_a_recommendation_raised_from_it() {
    let env = Env::fresh();
    let id = session(&env, "autumn", "2025-10-15");
    raise(&env, &id, "Publish turnaround times", "proposed");
    env.refused(
        &["panel", "edit", &id, "--on", "2025-11-01"],
        65,
        "a recommendation was raised from session 1 on 2025-10-20",
    );
    env.ok(&["panel", "edit", &id, "--on", "2025-10-20"]);
}

#[test]
fn terms_are_shown_and_set_in_order() {
    let env = Env::fresh();
    assert_eq!(env.ok(&["panel", "terms"]), "autumn\nwinter\nspring\n");
    let out = env.run_ok(&["panel", "terms", "Michaelmas,Lent,summer"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "michaelmas\nlent\nsummer\n"
    );
    assert!(stderr_of(&out).contains("the terms are now michaelmas, lent, summer"));
    // The new names are the ones sessions and gaps use.
    env.refused(
        &[
            "panel",
            "add",
            "--year",
            "2025/26",
            "--term",
            "autumn",
            "--on",
            "2025-10-01",
            "--topic",
            "x",
        ],
        65,
        "michaelmas",
    );
    session(&env, "lent", "2026-02-01");
    for bad in ["a b", "x,x", ",", "Winter!"] {
        env.refused(&["panel", "terms", bad], 65, "term");
    }
}
