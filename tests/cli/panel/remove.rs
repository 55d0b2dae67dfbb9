//! `spm panel remove`: the session goes with its insights, unless a recommendation was raised from
//! it.

use super::{insight, list_ids, raise, session};
use crate::common::{Env, stderr_of};

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
