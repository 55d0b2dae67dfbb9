//! `spm rec publish` and `unpublish`: a decided recommendation approved for the public pages
//! in the words to publish, changed, taken off again; shown by `rec show` and `rec list`.

use super::{add, logged, set, setup, show};
use crate::common::TODAY;

/// The ids `spm rec list ARGS` shows, in order.
fn ids(env: &crate::common::Env, args: &[&str]) -> Vec<String> {
    env.list("rec", args)
        .iter()
        .map(|r| r["id"].to_string())
        .collect()
}

#[test]
fn a_decided_recommendation_is_published_in_its_own_words_by_default() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(
        &env,
        &id,
        "implemented",
        "2026-02-01",
        &["--response", "open until midnight from May"],
    );
    let out = env.run_ok(&["rec", "publish", &id, "--on", "2026-02-05"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("recommendation 1 is approved for the public pages from 2026-02-05")
    );
    let r = show(&env, &id);
    assert_eq!(r["published_on"], "2026-02-05");
    assert_eq!(r["published_by"], "tester");
    assert_eq!(r["public_said"], "the library closes too early");
    assert_eq!(r["public_did"], "open until midnight from May");
    assert_eq!(logged(&env, &id, "update"), 2);
    // The change log says what was approved.
    let fields: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'recommendation' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an entry");
    assert!(
        fields.contains("\"public_said\":[null,\"the library closes too early\"]"),
        "{fields}"
    );
}

#[test]
fn publishing_again_changes_only_the_words_given_and_is_logged() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(&env, &id, "accepted", "2026-02-01", &[]);
    env.ok(&[
        "rec",
        "publish",
        &id,
        "--said",
        "You said the library shuts too early",
        "--on",
        "2026-02-02",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["public_said"], "You said the library shuts too early");
    assert!(r["public_did"].is_null(), "no response yet, so no we did");
    // The same words on the same day change nothing.
    env.refused(
        &["rec", "publish", &id, "--on", "2026-02-02"],
        65,
        "already published with these words on 2026-02-02; nothing was changed",
    );
    env.ok(&[
        "rec",
        "publish",
        &id,
        "--did",
        "We will open later in exams",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["public_said"], "You said the library shuts too early");
    assert_eq!(r["public_did"], "We will open later in exams");
    assert_eq!(r["published_on"], TODAY);
    // `--did ""` takes the we did off again.
    env.ok(&["rec", "publish", &id, "--did", ""]);
    assert!(show(&env, &id)["public_did"].is_null());
    assert_eq!(logged(&env, &id, "update"), 4);
    // A new response is not published until it is approved.
    env.ok(&["rec", "update", &id, "--response", "open until 1am"]);
    let err = env.refused(&["rec", "publish", &id], 65, "nothing was changed");
    assert!(err.contains("its response has changed since: publish that with --did"));
}

#[test]
fn publishing_is_refused_before_a_decision_and_for_bad_input() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.refused(
        &["rec", "publish", &id],
        65,
        "recommendation 1 is still proposed, and nothing is published before leadership decides",
    );
    set(&env, &id, "accepted", "2026-02-01", &[]);
    env.refused(
        &["rec", "publish", &id, "--on", "2026-01-31"],
        65,
        "2026-01-31 is before recommendation 1 was decided on 2026-02-01",
    );
    env.refused(
        &["rec", "publish", &id, "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["rec", "publish", &id, "--on", "2026-02-30"],
        65,
        "not a day",
    );
    env.refused(
        &["rec", "publish", &id, "--said", "  "],
        65,
        "--said cannot be blank",
    );
    env.refused(
        &["rec", "publish", &id, "--said", "bad\u{7}text"],
        65,
        "control characters",
    );
    env.refused(
        &["rec", "publish", "9"],
        66,
        "no recommendation with id \"9\"",
    );
    env.clap_fails(&["rec", "publish", "0"], "");
    env.clap_fails(&["rec", "publish"], "");
    env.refused(
        &["rec", "unpublish", &id],
        65,
        "recommendation 1 is not published; nothing was changed",
    );
    env.refused(
        &["rec", "unpublish", "9"],
        66,
        "no recommendation with id \"9\"",
    );
}

#[test]
fn unpublished_recommendations_leave_the_public_pages_and_lists_say_which_are_on() {
    let env = setup();
    let first = add(&env, &["--on", "2026-01-10"]);
    let second = add(&env, &["--on", "2026-01-11"]);
    set(&env, &first, "accepted", "2026-02-01", &[]);
    set(&env, &second, "accepted", "2026-02-01", &[]);
    env.ok(&["rec", "publish", &first, "--on", "2026-02-03"]);
    assert_eq!(ids(&env, &["--published"]), [first.as_str()]);
    assert_eq!(ids(&env, &["--unpublished"]), [second.as_str()]);
    let listed = env.list("rec", &[]);
    assert_eq!(listed[0]["published_on"], "2026-02-03");
    assert!(listed[1]["published_on"].is_null());
    env.clap_fails(
        &["rec", "list", "--published", "--unpublished"],
        "cannot be used with",
    );
    let out = env.run_ok(&["rec", "unpublish", &first]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("recommendation 1 is off the public pages (it was approved on 2026-02-03)")
    );
    let r = show(&env, &first);
    assert!(r["published_on"].is_null() && r["public_said"].is_null());
    assert!(ids(&env, &["--published"]).is_empty());
    // The change log keeps what was published.
    let fields: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'recommendation' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an entry");
    assert!(
        fields.contains("\"published_on\":[\"2026-02-03\",null]"),
        "{fields}"
    );
}

#[test]
fn a_new_response_to_a_published_recommendation_says_the_public_words_stay() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(
        &env,
        &id,
        "implemented",
        "2026-02-01",
        &["--response", "open until midnight"],
    );
    env.ok(&["rec", "publish", &id, "--on", "2026-02-05"]);
    let out = env.run_ok(&["rec", "update", &id, "--response", "open all night in May"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!(
            "recommendation {id} is on the public pages with what was done as approved on 2026-02-05; they keep those words until you approve new ones with \"spm rec publish {id} --did TEXT\""
        )),
        "{said}"
    );
    assert_eq!(show(&env, &id)["public_did"], "open until midnight");
    // Not published, or published with the same words: no note.
    env.ok(&["rec", "publish", &id, "--did", "open all night from May"]);
    let out = env.run_ok(&[
        "rec",
        "update",
        &id,
        "--response",
        "open all night from May",
    ]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("public pages"));
    env.ok(&["rec", "unpublish", &id]);
    let out = env.run_ok(&["rec", "update", &id, "--response", "open at night"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("public pages"));
}
