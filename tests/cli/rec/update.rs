//! `spm rec update`: changes of status, the history, and what it refuses.

use super::{add, history, logged, set, setup, show};
use crate::common::TODAY;

#[test]
fn every_change_of_status_is_kept_and_times_are_measured() {
    let env = setup();
    let id = add(&env, &["--from", "lib", "--on", "2026-01-10"]);
    set(&env, &id, "accepted", "2026-02-01", &[]);
    let r = show(&env, &id);
    assert_eq!(r["decided_on"], "2026-02-01");
    assert_eq!(r["days_to_decision"], 22);
    assert!(r["days_to_close"].is_null());
    set(
        &env,
        &id,
        "implemented",
        "2026-03-01",
        &["--response", "open until midnight from January"],
    );
    let r = show(&env, &id);
    assert_eq!(r["status"], "implemented");
    assert_eq!(r["response"], "open until midnight from January");
    assert_eq!(r["days_to_decision"], 22);
    assert_eq!(r["closed_on"], "2026-03-01");
    assert_eq!(r["days_to_close"], 50);
    assert_eq!(
        history(&env, &id),
        [
            ("2026-01-10".into(), "proposed".into(), None),
            ("2026-02-01".into(), "accepted".into(), None),
            (
                "2026-03-01".into(),
                "implemented".into(),
                Some("open until midnight from January".into())
            ),
        ]
    );
    assert_eq!(logged(&env, &id, "update"), 2);
    // The same in CSV and JSON lists.
    let row = &env.list("rec", &[])[0];
    assert_eq!(
        (
            row["days_to_decision"].as_i64(),
            row["days_to_close"].as_i64()
        ),
        (Some(22), Some(50))
    );
    // And in the table of `show`.
    let table = env.ok(&["rec", "show", &id]);
    for needle in [
        "Status history",
        "Days to close",
        "50",
        "Change log",
        "implemented",
    ] {
        assert!(table.contains(needle), "{needle} in {table}");
    }
}

#[test]
fn update_defaults_to_today_and_allows_the_same_day() {
    let env = setup();
    let id = add(&env, &["--on", "2026-11-01"]);
    env.ok(&["rec", "update", &id, "--status", "ACCEPTED"]);
    env.ok(&["rec", "update", &id, "--status", "in_progress"]);
    let h = history(&env, &id);
    assert_eq!(h[1], (TODAY.into(), "accepted".into(), None));
    assert_eq!(h[2], (TODAY.into(), "in-progress".into(), None));
    assert_eq!(show(&env, &id)["days_to_decision"], 22);
}

#[test]
fn the_response_alone_changes_without_a_history_entry() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.ok(&[
        "rec",
        "update",
        &id,
        "--response",
        "we are looking at the costs",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["status"], "proposed");
    assert_eq!(r["response"], "we are looking at the costs");
    assert_eq!(history(&env, &id).len(), 1);
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--response",
            " we are looking at the costs ",
        ],
        65,
        "already has that response",
    );
    env.ok(&["rec", "update", &id, "--response", ""]);
    assert!(show(&env, &id)["response"].is_null());
}

#[test]
fn not_adopted_needs_a_reason() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--status",
            "not-adopted",
            "--on",
            "2026-02-01",
        ],
        65,
        "without a reason: add --response",
    );
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--status",
            "not-adopted",
            "--response",
            "  ",
        ],
        65,
        "without a reason",
    );
    // A response given earlier is the reason.
    env.ok(&["rec", "update", &id, "--response", "no budget this year"]);
    set(&env, &id, "not-adopted", "2026-02-01", &[]);
    let h = history(&env, &id);
    assert_eq!(
        h[1],
        (
            "2026-02-01".into(),
            "not-adopted".into(),
            Some("no budget this year".into())
        )
    );
    assert_eq!(show(&env, &id)["days_to_close"], 22);
    env.refused(
        &["rec", "update", &id, "--response", ""],
        65,
        "without a reason",
    );
}

#[test]
fn update_refuses_bad_changes() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(&env, &id, "accepted", "2026-02-01", &[]);
    let up = |extra: &[&'static str]| {
        let mut args = vec!["rec", "update", "1"];
        args.extend_from_slice(extra);
        args
    };
    env.refused(&up(&["--status", "accepted"]), 65, "already accepted");
    env.refused(
        &up(&["--status", "implemented", "--on", "2026-01-31"]),
        65,
        "before recommendation 1's last change of status on 2026-02-01",
    );
    env.refused(
        &up(&["--status", "implemented", "--on", "2026-11-24"]),
        65,
        "in the future",
    );
    env.refused(
        &up(&["--status", "proposed"]),
        65,
        "not taken back to proposed",
    );
    env.refused(
        &up(&["--status", "adopted"]),
        65,
        "unknown recommendation status",
    );
    env.refused(
        &up(&["--status", "implemented", "--on", "1 March"]),
        65,
        "YYYY-MM-DD",
    );
    env.refused(&up(&[]), 64, "nothing to change");
    env.refused(&up(&["--on", "2026-03-01"]), 64, "add --status");
    env.refused(
        &["rec", "update", "66", "--status", "accepted"],
        66,
        "no recommendation with id \"66\"",
    );
    env.clap_fails(&["rec", "update", "0", "--status", "accepted"], "");
    env.clap_fails(&["rec", "update", "--status", "accepted"], "<ID>");
}
