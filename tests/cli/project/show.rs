//! `spm project show`: the fields and the history, in every format.

use super::{KEYS, edit, one_project};
use crate::common::Env;

#[test]
fn show_table_has_the_fields_and_both_history_sections() {
    let env = Env::demo();
    let text = env.ok(&["project", "show", "mh-peer-2025"]);
    for needle in [
        "Code",
        "mh-peer-2025",
        "Mental health peer support",
        "Planned level",
        "Achieved level",
        "Student Services",
        "2025/26",
        "2025-10-01",
        "Dr A. Khan",
        "mental health, wellbeing",
        "£2,500.00",
        "Review cadence",
        "Status history",
        "History",
        "tester",
        "created",
    ] {
        assert!(text.contains(needle), "no {needle:?} in {text}");
    }
    let status_at = text.find("Status history").expect("a status history");
    let history_at = text.rfind("\nHistory").expect("a history");
    assert!(status_at < history_at, "{text}");
}

#[test]
fn show_table_says_none_when_there_is_no_status_history() {
    let (env, code) = one_project();
    let text = env.ok(&["project", "show", &code]);
    assert!(text.contains("Status history\n(none)"), "{text}");
}

#[test]
fn show_json_has_the_fields_and_history_arrays() {
    let env = Env::demo();
    let p = env.show("project", "assessment-2024");
    for key in KEYS {
        assert!(p.get(key).is_some(), "no {key} in {p}");
    }
    assert_eq!(p["status"], "completed");
    assert_eq!(p["budget"], 800.0);
    let statuses = p["status_history"]
        .as_array()
        .expect("status_history array");
    assert_eq!(statuses.len(), 1, "{p}");
    assert_eq!(statuses[0]["status"], "completed");
    assert_eq!(statuses[0]["on"], "2025-06-30");
    let history = p["history"].as_array().expect("history array");
    assert_eq!(history.len(), 1, "{p}");
    for key in ["at", "actor", "action", "fields"] {
        assert!(history[0].get(key).is_some(), "no {key} in {p}");
    }
}

#[test]
fn show_markdown_has_the_fields_and_sections() {
    let env = Env::demo();
    let text = env.ok(&["--format", "md", "project", "show", "mh-peer-2025"]);
    assert!(
        text.starts_with("| Field | Value |\n|---|---|\n| Code | mh-peer-2025 |"),
        "{text}"
    );
    assert!(text.contains("## Status history"), "{text}");
    assert!(text.contains("## History"), "{text}");
}

#[test]
fn show_history_after_an_edit_has_the_old_and_new_values() {
    let (env, code) = one_project();
    edit(
        &env,
        &code,
        &["--title", "Peer wellbeing support", "--dept", "Law"],
    );
    let p = env.show("project", &code);
    let history = p["history"].as_array().expect("history array");
    assert_eq!(history.len(), 2, "{p}");
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["actor"], "tester");
    let fields = &history[1]["fields"];
    assert_eq!(
        fields["title"],
        serde_json::json!(["Mental health peer support", "Peer wellbeing support"]),
        "{p}"
    );
    assert_eq!(fields["department"][1], "Law", "{p}");
    // People read the same change as a sentence.
    let table = env.ok(&["project", "show", &code]);
    assert!(
        table.contains("title: Mental health peer support → Peer wellbeing support"),
        "{table}"
    );
}

#[test]
fn show_codes_are_case_insensitive() {
    let env = Env::demo();
    assert_eq!(
        env.show("project", " MH-Peer-2025 ")["code"],
        "mh-peer-2025"
    );
}

#[test]
fn show_json_history_has_old_and_new_values_as_data() {
    let (env, code) = one_project();
    env.ok(&["project", "edit", &code, "--title", "A better title"]);
    let p = env.show("project", &code);
    let change = &p["history"][1]["fields"];
    assert_eq!(change["title"][1], "A better title", "{p}");
    assert!(change["title"][0].is_string(), "{p}");
}
