//! `spm rec add`: what it records, and what it refuses.

use super::{add, add_args, history, logged, setup, show};
use crate::common::TODAY;

#[test]
fn add_prints_the_id_and_records_it_as_proposed() {
    let env = setup();
    let id = add(
        &env,
        &[
            "--from",
            "LIB",
            "--owner",
            "dr a. khan",
            "--due",
            "2026-03-31",
            "--theme",
            " study space ",
            "--on",
            "2026-01-10",
        ],
    );
    assert_eq!(id, "1");
    let r = show(&env, &id);
    assert_eq!(r["source"], "lib");
    assert_eq!(r["project"], "lib");
    assert!(r["session"].is_null());
    assert_eq!(r["finding"], "the library closes too early");
    assert_eq!(r["recommendation"], "open until midnight in exams");
    assert_eq!(r["to"], "Library Services");
    assert_eq!(r["owner"], "Dr A. Khan");
    assert_eq!(r["due"], "2026-03-31");
    assert_eq!(r["theme"], "study space");
    assert_eq!(r["status"], "proposed");
    assert_eq!(r["raised_on"], "2026-01-10");
    assert!(r["days_to_decision"].is_null() && r["days_to_close"].is_null());
    assert_eq!(
        history(&env, &id),
        [("2026-01-10".into(), "proposed".into(), None)]
    );
    assert_eq!(logged(&env, &id, "insert"), 1);
    let out = env.run_ok(&add_args(&["--from", "lib"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("recorded recommendation 2 from lib to Library Services"),
        "{stderr}"
    );
}

#[test]
fn add_from_a_panel_session_or_elsewhere_raised_today_by_default() {
    let env = setup();
    let panel = add(&env, &["--panel", "1"]);
    let r = show(&env, &panel);
    assert_eq!(r["source"], "panel #1");
    assert_eq!(r["session"], 1);
    assert!(r["project"].is_null());
    assert_eq!(r["raised_on"], TODAY);
    let other = add(&env, &[]);
    assert_eq!(show(&env, &other)["source"], "elsewhere");
}

#[test]
fn add_refuses_unknown_sources_and_owners() {
    let env = setup();
    env.refused(
        &add_args(&["--from", "nope"]),
        66,
        "no project with code \"nope\"",
    );
    env.refused(
        &add_args(&["--panel", "66"]),
        66,
        "no panel session with id \"66\"",
    );
    env.refused(
        &add_args(&["--owner", "Nobody Here"]),
        66,
        "no person called",
    );
    env.refused(&add_args(&["--owner", "99"]), 66, "no person with id");
    env.ok(&[
        "person",
        "add",
        "Sam Lee",
        "--kind",
        "staff",
        "--email",
        "s1@example.ac.uk",
    ]);
    env.ok(&[
        "person",
        "add",
        "Sam Lee",
        "--kind",
        "staff",
        "--email",
        "s2@example.ac.uk",
    ]);
    env.refused(
        &add_args(&["--owner", "sam lee"]),
        65,
        "more than one person",
    );
}

#[test]
fn add_refuses_bad_text_and_dates() {
    let env = setup();
    let base = |finding: &'static str, rec: &'static str, to: &'static str| {
        vec![
            "rec",
            "add",
            "--finding",
            finding,
            "--recommendation",
            rec,
            "--to",
            to,
        ]
    };
    env.refused(&base("  ", "r", "Estates"), 65, "needs a finding");
    env.refused(&base("f", "", "Estates"), 65, "needs its text");
    env.refused(&base("f", "r", " "), 65, "give --to");
    env.refused(
        &base("f", "r", "Estates\nand Facilities"),
        65,
        "not one line",
    );
    env.refused(&base("f\u{7}", "r", "Estates"), 65, "control characters");
    env.refused(&add_args(&["--on", "2026-11-24"]), 65, "in the future");
    env.refused(
        &add_args(&["--on", "2026-01-10", "--due", "2026-01-09"]),
        65,
        "before the recommendation was raised",
    );
    env.refused(
        &add_args(&["--due", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.refused(&add_args(&["--on", "10/01/2026"]), 65, "YYYY-MM-DD");
    env.refused(
        &add_args(&["--panel", "1", "--on", "2025-11-09"]),
        65,
        "before panel session 1 was held on 2025-11-10",
    );
}

#[test]
fn add_flags_clap_refuses() {
    let env = setup();
    env.clap_fails(
        &add_args(&["--from", "lib", "--panel", "1"]),
        "cannot be used with",
    );
    env.clap_fails(&add_args(&["--panel", "0"]), "");
    env.clap_fails(&add_args(&["--panel", "first"]), "");
    env.clap_fails(
        &["rec", "add", "--recommendation", "r", "--to", "Estates"],
        "--finding",
    );
    env.clap_fails(
        &["rec", "add", "--finding", "f", "--to", "Estates"],
        "--recommendation",
    );
    env.clap_fails(
        &["rec", "add", "--finding", "f", "--recommendation", "r"],
        "--to",
    );
    env.clap_fails(&add_args(&["--colour", "red"]), "");
}
