//! `spm panel insight add/list/remove`.

use serde_json::json;

use super::{insight, session, show};
use crate::common::{Env, read_csv, stderr_of};

#[test]
fn insight_add_prints_its_id_and_shows_in_the_session() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let out = env.run_ok(&[
        "panel",
        "insight",
        "add",
        &s,
        "  Feedback arrives after the next assignment is due  ",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(
        stderr_of(&out).contains("added insight 1 to panel session 1"),
        "{}",
        stderr_of(&out)
    );
    insight(&env, &s, "Rubrics help\nwhen they are shared early");
    let shown = show(&env, &s);
    let texts: Vec<&str> = shown["insights"]
        .as_array()
        .expect("insights")
        .iter()
        .map(|i| i["text"].as_str().expect("a text"))
        .collect();
    assert_eq!(
        texts,
        vec![
            "Feedback arrives after the next assignment is due",
            "Rubrics help\nwhen they are shared early"
        ]
    );
    let history = shown["history"].as_array().expect("a history");
    assert_eq!(history.len(), 3);
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["fields"]["insight_added"], 1);
    assert_eq!(env.list("panel", &[])[0]["insights"], 2);
}

#[test]
fn insight_add_refuses_unknown_sessions_and_blank_text() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    env.refused(
        &["panel", "insight", "add", "9", "Feedback is late"],
        66,
        "no panel session with id \"9\"; run \"spm panel list\" to see the ids",
    );
    env.refused(
        &["panel", "insight", "add", &s, "  \n "],
        65,
        "an insight needs text",
    );
    env.refused(
        &["panel", "insight", "add", &s, "late\u{1b}[31m"],
        65,
        "control characters",
    );
    let long = "x".repeat(20_001);
    env.refused(
        &["panel", "insight", "add", &s, &long],
        65,
        "longer than 20000 characters",
    );
    for bad in ["0", "-1", "x", "99999999999999999999"] {
        env.clap_fails(&["panel", "insight", "add", bad, "text"], "");
    }
    env.clap_fails(&["panel", "insight", "add", &s], "<TEXT>");
    env.clap_fails(&["panel", "insight"], "");
}

#[test]
fn insight_list_in_every_format() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    insight(&env, &s, "=1+2 is how one panellist scored it");
    insight(&env, &s, "Rubrics help");
    let rows = env.json_list(&["panel", "insight", "list", &s]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "text", "added", "published_on"]);
    assert_eq!(rows[1]["text"], "Rubrics help");
    let (header, csv_rows) = read_csv(&env.ok(&["--format", "csv", "panel", "insight", "ls", &s]));
    assert_eq!(header, ["id", "text", "added", "published_on"]);
    assert_eq!(csv_rows[0][1], "'=1+2 is how one panellist scored it");
    let md = env.ok(&["--format", "md", "panel", "insight", "list", &s]);
    assert!(
        md.starts_with("| Id | Insight | Added | Published |\n|---|---|---|---|\n"),
        "{md}"
    );
    let table = env.ok(&["panel", "insight", "list", &s]);
    assert!(table.contains("Rubrics help"), "{table}");
    env.refused(
        &["panel", "insight", "list", "7"],
        66,
        "no panel session with id \"7\"",
    );
    env.clap_fails(&["panel", "insight", "list", "0"], "");
}

#[test]
fn insight_remove_needs_confirmation_and_is_logged() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    let i = insight(&env, &s, "Typo'd insight");
    env.refused(
        &["panel", "insight", "remove", &i],
        64,
        "removing insight 1 needs confirmation: add --yes",
    );
    env.refused(
        &["panel", "insight", "rm", "5", "--yes"],
        66,
        "no panel insight with id \"5\"",
    );
    env.clap_fails(&["panel", "insight", "rm", "-3", "--yes"], "");
    let out = env.run_ok(&["panel", "insight", "rm", &i, "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("removed insight 1 of panel session 1"),
        "{}",
        stderr_of(&out)
    );
    let shown = show(&env, &s);
    assert_eq!(shown["insights"], json!([]));
    let last = shown["history"]
        .as_array()
        .and_then(|h| h.last().cloned())
        .expect("a history");
    assert_eq!(last["fields"]["insight_removed"], 1);
    assert_eq!(last["fields"]["text"], "Typo'd insight");
}
