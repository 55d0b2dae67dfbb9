//! `spm rec communicated`: when and how students were told, and telling them again.

use super::{add, logged, set, setup, show};
use crate::common::TODAY;

#[test]
fn communicated_records_when_and_how_students_were_told() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-02-01"],
        65,
        "still proposed",
    );
    set(&env, &id, "accepted", "2026-02-01", &[]);
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-01-31"],
        65,
        "before recommendation 1 was decided on 2026-02-01",
    );
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-13-01"],
        65,
        "not a day",
    );
    env.refused(
        &["rec", "communicated", &id, "--channel", "news\u{1b}letter"],
        65,
        "control characters",
    );
    env.refused(
        &["rec", "communicated", "66"],
        66,
        "no recommendation with id",
    );
    env.clap_fails(&["rec", "communicated", "x"], "");
    env.ok(&[
        "rec",
        "communicated",
        &id,
        "--on",
        "2026-02-10",
        "--channel",
        "students' union newsletter",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["communicated_on"], "2026-02-10");
    assert_eq!(r["channel"], "students' union newsletter");
    env.refused(
        &[
            "rec",
            "communicated",
            &id,
            "--on",
            "2026-02-10",
            "--channel",
            "students' union newsletter",
        ],
        65,
        "already recorded as communicated on 2026-02-10",
    );
    // Told again today, after the outcome changed.
    set(&env, &id, "implemented", "2026-03-01", &[]);
    env.ok(&["rec", "communicated", &id]);
    let r = show(&env, &id);
    assert_eq!(r["communicated_on"], TODAY);
    assert!(r["channel"].is_null());
    assert_eq!(logged(&env, &id, "update"), 4);
}

#[test]
fn a_new_outcome_must_be_told_again() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(
        &env,
        &id,
        "not-adopted",
        "2026-02-01",
        &["--response", "No budget this year"],
    );
    env.ok(&[
        "rec",
        "communicated",
        &id,
        "--on",
        "2026-02-10",
        "--channel",
        "newsletter",
    ]);
    assert_eq!(show(&env, &id)["communicated_on"], "2026-02-10");
    // Students were told it was not adopted; now it is done, which they have not heard.
    set(
        &env,
        &id,
        "implemented",
        "2026-06-01",
        &["--response", "Opened until 10pm"],
    );
    let rec = show(&env, &id);
    assert!(rec["communicated_on"].is_null(), "{rec}");
    assert!(rec["channel"].is_null(), "{rec}");
    // The board no longer claims it was told; telling it again records the new day.
    env.ok(&["rec", "communicated", &id, "--on", "2026-06-10"]);
    assert_eq!(show(&env, &id)["communicated_on"], "2026-06-10");
}
