//! Closing reviews: recording (or editing into) one completes the project on its date.

use super::{add_args, due_of, one_project, review, show, show_project};
use crate::common::Env;

#[test]
fn a_closing_review_defaults_to_close_and_completes_an_active_project_on_its_date() {
    let env = Env::demo();
    let id = review(
        &env,
        "catalyst-access-2025",
        &[
            "--on",
            "2026-11-20",
            "--kind",
            "closing",
            "--score",
            "CP1=4",
        ],
    );
    let r = show(&env, &id);
    assert_eq!(r["kind"], "closing");
    assert_eq!(r["decision"], "close");

    let p = show_project(&env, "catalyst-access-2025");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-20");
    let last = p["status_history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("a status history")
        .clone();
    assert_eq!(last["status"], "completed");
    assert_eq!(last["on"], "2026-11-20");
    assert_eq!(
        due_of(&env, "catalyst-access-2025"),
        None,
        "completed: never due"
    );
}

#[test]
fn a_closing_review_completes_a_paused_project() {
    let env = Env::demo();
    review(
        &env,
        "reps-forum-2025",
        &[
            "--on",
            "2026-11-20",
            "--kind",
            "closing",
            "--decision",
            "close",
        ],
    );
    let p = show_project(&env, "reps-forum-2025");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-20");
}

#[test]
fn a_closing_review_of_a_proposed_project_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args(
            "lab-methods-2026",
            &["--on", "2026-11-20", "--kind", "closing"],
        ),
        65,
        "proposed",
    );
}

#[test]
fn a_review_before_the_projects_start_is_refused() {
    let env = Env::demo();
    // mh-peer-2025 started on 2025-10-01.
    env.refused(
        &add_args(
            "mh-peer-2025",
            &["--on", "2025-09-30", "--decision", "adapt"],
        ),
        65,
        "before project mh-peer-2025 started on 2025-10-01",
    );
    env.refused(
        &["review", "edit", "5", "--on", "2020-01-01"],
        65,
        "started on 2026-01-12",
    );
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2025-10-01",
            "--kind",
            "interim",
            "--decision",
            "adapt",
        ],
    );
    assert_eq!(show(&env, &id)["on"], "2025-10-01");
}

#[test]
fn a_closing_review_before_the_projects_last_change_of_status_is_refused() {
    let env = Env::demo();
    // mh-peer-2025 became active on 2025-10-01.
    env.refused(
        &add_args("mh-peer-2025", &["--on", "2025-09-01", "--kind", "closing"]),
        65,
        "2025-10-01",
    );
}

#[test]
fn deciding_to_close_at_an_annual_review_does_not_complete_the_project() {
    let env = Env::demo();
    let out = env.run_ok(&add_args(
        "cm-commuter-2025",
        &["--on", "2026-11-20", "--decision", "close"],
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--kind closing"), "{stderr}");
    let p = show_project(&env, "cm-commuter-2025");
    assert_eq!(p["status"], "active");
    assert!(p["end_date"].is_null());
    assert_eq!(
        due_of(&env, "cm-commuter-2025").as_deref(),
        Some("2027-11-20")
    );
}

#[test]
fn editing_a_closing_review_of_a_reopened_project_leaves_it_open() {
    let env = one_project("2025-06-01");
    let id = review(&env, "x", &["--on", "2026-03-01", "--kind", "closing"]);
    assert_eq!(show_project(&env, "x")["status"], "completed");
    env.ok(&["project", "status", "x", "active", "--on", "2026-06-01"]);
    env.ok(&["review", "edit", &id, "--reviewer", "Typo fixed"]);
    assert_eq!(show_project(&env, "x")["status"], "active");
    let out = env.run_ok(&[
        "review",
        "edit",
        &id,
        "--kind",
        "annual",
        "--decision",
        "continue",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("changed review"), "{err}");
    assert!(!err.contains("stays completed"), "{err}");
}
