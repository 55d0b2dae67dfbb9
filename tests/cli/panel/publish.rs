//! `spm panel insight publish/unpublish`: an insight approved for the public pages, its day
//! moved, and taken off again; each in the session's history.

use super::{insight, session, show};
use crate::common::{Env, TODAY, stderr_of};

/// The `published_on` of each insight of `session`, in order (null when not published).
fn published(env: &Env, session: &str) -> Vec<serde_json::Value> {
    env.json_list(&["panel", "insight", "list", session])
        .iter()
        .map(|i| i["published_on"].clone())
        .collect()
}

#[test]
fn an_insight_is_published_moved_and_taken_off_again() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let first = insight(&env, &s, "Feedback arrives late");
    insight(&env, &s, "Rubrics help");
    let out = env.run_ok(&["panel", "insight", "publish", &first, "--on", "2025-11-01"]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("insight 1 is approved for the public pages from 2025-11-01"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        published(&env, &s),
        [serde_json::json!("2025-11-01"), serde_json::Value::Null]
    );
    env.refused(
        &["panel", "insight", "publish", &first, "--on", "2025-11-01"],
        65,
        "insight 1 is already published, approved on 2025-11-01; nothing was changed",
    );
    env.ok(&["panel", "insight", "publish", &first]);
    assert_eq!(published(&env, &s)[0], TODAY);
    let out = env.run_ok(&["panel", "insight", "unpublish", &first]);
    assert!(
        stderr_of(&out)
            .contains("insight 1 is off the public pages (it was approved on 2026-11-23)")
    );
    assert!(published(&env, &s)[0].is_null());
    // Each step is in the session's history.
    let history = show(&env, &s)["history"].clone();
    let entries = history.as_array().expect("a history");
    let fields: Vec<&serde_json::Value> = entries.iter().map(|e| &e["fields"]).collect();
    assert_eq!(fields[3]["insight_published"], 1);
    assert_eq!(
        fields[3]["published_on"],
        serde_json::json!([null, "2025-11-01"])
    );
    assert_eq!(
        fields[4]["published_on"],
        serde_json::json!(["2025-11-01", TODAY])
    );
    assert_eq!(fields[5]["insight_unpublished"], 1);
}

#[test]
fn publishing_an_insight_refuses_bad_input() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let id = insight(&env, &s, "Feedback arrives late");
    env.refused(
        &["panel", "insight", "publish", &id, "--on", "2025-10-13"],
        65,
        "2025-10-13 is before panel session 1 was held on 2025-10-14",
    );
    env.refused(
        &["panel", "insight", "publish", &id, "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["panel", "insight", "publish", &id, "--on", "yesterday"],
        65,
        "is not written YYYY-MM-DD",
    );
    env.refused(
        &["panel", "insight", "publish", "9"],
        66,
        "no panel insight with id \"9\"",
    );
    env.refused(
        &["panel", "insight", "unpublish", &id],
        65,
        "insight 1 is not published; nothing was changed",
    );
    env.refused(
        &["panel", "insight", "unpublish", "9"],
        66,
        "no panel insight with id \"9\"",
    );
    env.clap_fails(&["panel", "insight", "publish", "-1"], "");
    env.clap_fails(&["panel", "insight", "unpublish"], "");
}

#[test]
fn removing_a_published_insight_takes_it_off_the_public_pages() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let id = insight(&env, &s, "Feedback arrives late");
    env.ok(&["panel", "insight", "publish", &id]);
    env.ok(&["panel", "insight", "remove", &id, "--yes"]);
    let left: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM insight_publications", [], |r| {
            r.get(0)
        })
        .expect("a count");
    assert_eq!(left, 0);
}
