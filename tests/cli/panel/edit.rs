//! `spm panel edit`: fields, the change log, and what it refuses.

use serde_json::json;

use super::{add_args, raise, session, show};
use crate::common::{Env, stderr_of};

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
