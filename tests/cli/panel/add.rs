//! `spm panel add`: every flag, the year and term, and what it refuses.

use serde_json::{Value as Json, json};

use super::{add_args, list_ids, session, show};
use crate::common::{Env, stderr_of};

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
