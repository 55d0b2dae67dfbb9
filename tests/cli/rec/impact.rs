//! `spm rec impact`: whether an implemented recommendation worked, shown by `rec show` and
//! the board; re-recorded and logged; refused for what cannot have an impact yet.

use super::{add, logged, set, setup, show};
use crate::common::Env;

/// A recommendation raised 2026-01-10 and implemented on 2026-02-01; its id.
fn implemented(env: &Env) -> String {
    let id = add(env, &["--on", "2026-01-10", "--theme", "study space"]);
    set(
        env,
        &id,
        "implemented",
        "2026-02-01",
        &["--response", "open until midnight from May"],
    );
    id
}

#[test]
fn an_impact_is_recorded_and_shown_by_show_and_the_board() {
    let env = setup();
    let id = implemented(&env);
    let out = env.run_ok(&[
        "rec",
        "impact",
        &id,
        "--on",
        "2026-06-30",
        "--worked",
        "Partly",
        "--evidence",
        "late-night visits doubled; the survey score rose 4 points",
    ]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("recorded the impact of recommendation 1: partly (checked 2026-06-30)")
    );
    let r = show(&env, &id);
    assert_eq!(r["impact_checked_on"], "2026-06-30");
    assert_eq!(r["impact_worked"], "partly");
    assert_eq!(
        r["impact_evidence"],
        "late-night visits doubled; the survey score rose 4 points"
    );
    let board = env.json_list(&["rec", "board"]);
    assert_eq!(board.len(), 1, "{board:?}");
    assert_eq!(board[0]["impact_worked"], "partly");
    assert_eq!(board[0]["impact_checked_on"], "2026-06-30");
    let md = env.ok(&["--format", "md", "rec", "board"]);
    assert!(md.contains("| Did it work? |"), "{md}");
    assert!(md.contains("| Done | Partly |"), "{md}");
    // Checked with no evidence, by default today.
    env.ok(&["rec", "impact", &id, "--worked", "unknown"]);
    let r = show(&env, &id);
    assert_eq!(r["impact_checked_on"], crate::common::TODAY);
    assert_eq!(r["impact_worked"], "unknown");
    assert!(r["impact_evidence"].is_null());
}

#[test]
fn recording_again_replaces_the_impact_and_logs_old_and_new() {
    let env = setup();
    let id = implemented(&env);
    let args = ["rec", "impact", &id, "--on", "2026-06-30", "--worked", "no"];
    env.ok(&args);
    let before = logged(&env, &id, "update");
    // The same verdict on the same day changes nothing.
    env.refused(
        &args,
        65,
        "already recorded as this on 2026-06-30; nothing was changed",
    );
    let out = env.run_ok(&[
        "rec",
        "impact",
        &id,
        "--on",
        "2026-09-30",
        "--worked",
        "yes",
        "--evidence",
        "the autumn survey",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("replaced the impact"));
    let rows: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM recommendation_impacts", [], |r| {
            r.get(0)
        })
        .expect("a count");
    assert_eq!(rows, 1);
    assert_eq!(show(&env, &id)["impact_worked"], "yes");
    assert_eq!(logged(&env, &id, "update"), before + 1);
    let fields: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'recommendation' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an entry");
    assert!(
        fields.contains("\"impact_worked\":[\"no\",\"yes\"]"),
        "{fields}"
    );
    assert!(
        fields.contains("\"impact_checked_on\":[\"2026-06-30\",\"2026-09-30\"]"),
        "{fields}"
    );
    assert!(
        fields.contains("\"impact_evidence\":[null,\"the autumn survey\"]"),
        "{fields}"
    );
}

#[test]
fn a_partly_implemented_recommendation_can_be_checked() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(&env, &id, "partly-implemented", "2026-03-01", &[]);
    env.ok(&[
        "rec",
        "impact",
        &id,
        "--on",
        "2026-03-01",
        "--worked",
        "yes",
    ]);
    assert_eq!(show(&env, &id)["impact_worked"], "yes");
}

#[test]
fn an_impact_is_refused_for_what_cannot_have_one() {
    let env = setup();
    let proposed = add(&env, &["--on", "2026-01-10"]);
    let accepted = add(&env, &["--on", "2026-01-10"]);
    set(&env, &accepted, "accepted", "2026-01-20", &[]);
    let done = implemented(&env);
    for (id, status) in [(&proposed, "proposed"), (&accepted, "accepted")] {
        env.refused(
            &["rec", "impact", id, "--worked", "yes"],
            65,
            &format!("recommendation {id} is {status}, and only an implemented"),
        );
    }
    env.refused(
        &["rec", "impact", "99", "--worked", "yes"],
        66,
        "no recommendation with id \"99\"",
    );
    env.refused(
        &["rec", "impact", &done, "--worked", "yess"],
        65,
        "unknown impact verdict \"yess\"; did you mean \"yes\"?",
    );
    env.refused(
        &[
            "rec",
            "impact",
            &done,
            "--worked",
            "yes",
            "--on",
            "2026-12-01",
        ],
        65,
        "is in the future (today is 2026-11-23)",
    );
    env.refused(
        &[
            "rec",
            "impact",
            &done,
            "--worked",
            "yes",
            "--on",
            "2026-01-31",
        ],
        65,
        "2026-01-31 is before recommendation 3 was implemented on 2026-02-01",
    );
    env.refused(
        &[
            "rec",
            "impact",
            &done,
            "--worked",
            "yes",
            "--on",
            "2026-02-30",
        ],
        65,
        "2026-02-30",
    );
    env.clap_fails(&["rec", "impact", &done], "--worked");
    let rows: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM recommendation_impacts", [], |r| {
            r.get(0)
        })
        .expect("a count");
    assert_eq!(rows, 0);
}

#[test]
fn the_demo_holds_a_checked_impact() {
    let env = Env::demo();
    let r = show(&env, "1");
    assert_eq!(r["impact_worked"], "yes");
    assert_eq!(r["impact_checked_on"], "2026-07-15");
}
