//! `spm project status`: moves through the life of a project and the dates they set.

use super::{add, one_project, status_args};
use crate::common::{Env, TODAY};

/// Moves project `code` on with `spm project status CODE REST...`, expecting success.
fn set_status(env: &Env, code: &str, rest: &[&str]) {
    env.ok(&status_args(code, rest));
}

#[test]
fn status_active_sets_a_missing_start_date_and_keeps_the_note() {
    let (env, code) = one_project();
    let out = env.run_ok(&status_args(
        &code,
        &["active", "--on", "2026-10-01", "--note", "kick-off meeting"],
    ));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is active from 2026-10-01"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = env.show("project", &code);
    assert_eq!(p["status"], "active");
    assert_eq!(p["start_date"], "2026-10-01");
    assert!(p["end_date"].is_null());
    assert_eq!(
        p["status_history"],
        serde_json::json!([{"on": "2026-10-01", "status": "active", "note": "kick-off meeting"}])
    );
    let history = p["history"].as_array().expect("history");
    let last = &history.last().expect("an entry")["fields"];
    assert_eq!(
        last["status"],
        serde_json::json!(["proposed", "active"]),
        "{p}"
    );
    assert_eq!(last["note"], "kick-off meeting", "{p}");
    let table = env.ok(&["project", "show", &code]);
    assert!(table.contains("status: proposed → active"), "{table}");
}

#[test]
fn status_active_keeps_an_earlier_start_and_brings_a_later_one_forward() {
    // (planned start, day it became active, start date afterwards)
    let cases = [
        ("2026-09-01", "2026-10-01", "2026-09-01"),
        ("2027-01-10", "2026-11-01", "2026-11-01"),
    ];
    for (i, (planned, on, expected)) in cases.into_iter().enumerate() {
        let env = Env::new();
        let code = add(&env, &format!("Planned {i}"), &["--start", planned]);
        set_status(&env, &code, &["active", "--on", on]);
        assert_eq!(
            env.show("project", &code)["start_date"],
            expected,
            "{planned} {on}"
        );
    }
}

#[test]
fn status_moves_through_paused_and_completed() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active", "--on", "2026-10-01"]);
    set_status(
        &env,
        &code,
        &["paused", "--on", "2026-10-15", "--note", "lead on leave"],
    );
    assert_eq!(env.show("project", &code)["status"], "paused");
    set_status(&env, &code, &["active", "--on", "2026-11-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    let p = env.show("project", &code);
    assert_eq!(p["status"], "completed");
    assert_eq!(p["start_date"], "2026-10-01");
    assert_eq!(p["end_date"], "2026-11-20");
    let moves: Vec<(&str, &str)> = p["status_history"]
        .as_array()
        .expect("status history")
        .iter()
        .map(|s| {
            (
                s["on"].as_str().unwrap_or(""),
                s["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("2026-10-01", "active"),
            ("2026-10-15", "paused"),
            ("2026-11-01", "active"),
            ("2026-11-20", "completed"),
        ]
    );
    assert_eq!(p["status_history"][1]["note"], "lead on leave");
    assert!(p["status_history"][2]["note"].is_null());
    // A completed project can be reopened.
    set_status(&env, &code, &["active", "--on", "2026-11-21"]);
    assert_eq!(env.show("project", &code)["status"], "active");
}

#[test]
fn status_completed_keeps_an_existing_end_date() {
    let env = Env::new();
    let code = add(
        &env,
        "Dated",
        &["--start", "2026-09-01", "--end", "2027-06-30"],
    );
    set_status(&env, &code, &["active", "--on", "2026-09-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    assert_eq!(env.show("project", &code)["end_date"], "2027-06-30");
}

#[test]
fn status_withdrawn_sets_a_missing_end_date() {
    let (env, code) = one_project();
    set_status(
        &env,
        &code,
        &["withdrawn", "--on", "2026-11-01", "--note", "no students"],
    );
    let p = env.show("project", &code);
    assert_eq!(p["status"], "withdrawn");
    assert_eq!(p["end_date"], "2026-11-01");
    assert!(p["start_date"].is_null());
    assert_eq!(p["status_history"][0]["note"], "no students");
}

#[test]
fn status_withdrawing_a_proposed_project_before_its_planned_start_is_allowed() {
    // The planned start is after today, so "end = today" would fall before it.
    let env = Env::new();
    let code = add(&env, "Next term", &["--start", "2027-01-10"]);
    set_status(&env, &code, &["withdrawn"]);
    let p = env.show("project", &code);
    assert_eq!(p["status"], "withdrawn");
    if let (Some(start), Some(end)) = (p["start_date"].as_str(), p["end_date"].as_str()) {
        assert!(end >= start, "end {end} before start {start}");
    }
}

#[test]
fn status_on_defaults_to_today() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active"]);
    let p = env.show("project", &code);
    assert_eq!(p["start_date"], TODAY);
    assert_eq!(p["status_history"][0]["on"], TODAY);
}

#[test]
fn status_a_move_the_life_of_a_project_does_not_allow_is_refused() {
    let env = Env::demo();
    for (args, message) in [
        (
            status_args("mh-peer-2025", &["active"]),
            r#"project "mh-peer-2025" is already active"#,
        ),
        (
            status_args("mh-peer-2025", &["proposed"]),
            "a project cannot go back to proposed",
        ),
        (
            status_args("lab-methods-2026", &["paused"]),
            r#"project "lab-methods-2026" cannot go from proposed to paused; from proposed it can go to: active, withdrawn"#,
        ),
        (
            status_args("assessment-2024", &["withdrawn"]),
            "cannot go from completed to withdrawn",
        ),
        // A move cannot be dated before the last one.
        (
            status_args("mh-peer-2025", &["paused", "--on", "2025-09-30"]),
            "2025-09-30 is before the project's last change of status on 2025-10-01",
        ),
    ] {
        env.refused(&args, 65, message);
    }
    // The same day as the last change is fine.
    set_status(&env, "mh-peer-2025", &["paused", "--on", "2025-10-01"]);
}

#[test]
fn status_bad_values_are_refused() {
    let env = Env::demo();
    for (rest, message) in [
        (
            &["paused", "--on", "2024-02-30"][..],
            "is not a day of the calendar",
        ),
        (&["paused", "--on", "1/2/03"], "is not written YYYY-MM-DD"),
        (&["pased"], r#"did you mean "paused"?"#),
        (
            &["paused", "--note", "bell\u{7}"],
            "the note contains control characters",
        ),
    ] {
        env.refused(&status_args("mh-peer-2025", rest), 65, message);
    }
}

#[test]
fn status_reopening_a_completed_project_clears_its_end_date() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active", "--on", "2025-10-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-06-30"]);
    set_status(
        &env,
        &code,
        &["active", "--on", "2026-09-01", "--note", "second year"],
    );
    let p = env.show("project", &code);
    assert!(p["end_date"].is_null(), "{p}");
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    assert_eq!(env.show("project", &code)["end_date"], "2026-11-20");
}

#[test]
fn status_in_the_future_is_refused() {
    let (env, code) = one_project();
    let err = env.refused(
        &status_args(&code, &["active", "--on", "9999-12-31"]),
        65,
        "in the future",
    );
    assert!(err.contains("today is 2026-11-23"), "{err}");
}
