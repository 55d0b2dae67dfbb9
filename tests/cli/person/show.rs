//! `spm person show`: the record, consent, totals and sections.

use serde_json::json;

use super::{LIST_KEYS, amira, partners};
use crate::common::{TODAY, add_person, add_project, person};

#[test]
fn show_json_has_the_record_consent_totals_and_sections() {
    let env = amira();
    let p = person(&env, "a.hassan@example.ac.uk");
    let keys: Vec<&str> = p
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<&str> = LIST_KEYS.to_vec();
    expected.extend([
        "notes",
        "consent",
        "consent_to_name",
        "named_in_public",
        "hours",
        "paid",
        "projects",
        "leads",
        "requests",
        "history",
    ]);
    assert_eq!(keys, expected);
    assert_eq!(p["consent"], "on record");
    assert_eq!(p["paid"], 0.0);
    assert_eq!(p["projects"], json!([]));
    assert_eq!(p["requests"], json!([]));
    assert_eq!(p["history"].as_array().unwrap().len(), 1);
}

#[test]
fn show_says_when_there_is_no_consent_for_today() {
    let env = amira();
    add_person(&env, "Nia Obi", "student", &[]);
    assert_eq!(
        person(&env, "Nia Obi")["consent"],
        "none on record for today"
    );
    env.ok(&["person", "edit", "1", "--consent-withdrawn", "2026-11-20"]);
    assert_eq!(person(&env, "1")["consent"], "none on record for today");
    env.ok(&["person", "forget", "1", "--yes"]);
    assert_eq!(person(&env, "1")["consent"], "forgotten");
}

#[test]
fn show_as_a_table_has_the_record_and_its_sections() {
    let env = amira();
    let out = env.ok(&["person", "show", "1"]);
    for text in [
        "Amira Hassan",
        "a.hassan@example.ac.uk",
        "Consent",
        "on record",
        "Hours in all",
        "Paid in all",
        "£0.00",
        "Projects",
        "Data-protection requests",
        "History",
        "registered",
    ] {
        assert!(out.contains(text), "{text} missing from:\n{out}");
    }
}

#[test]
fn show_hours_are_a_number_like_everywhere_else() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&["project", "partner", "add", "x", "1", "--role", "intern"]);
    env.ok(&[
        "project", "partner", "log", "x", "1", "--hours", "1:30", "--on", TODAY,
    ]);
    assert_eq!(env.show("project", "x")["hours"], 1.5);
    assert_eq!(partners(&env, "x")[0]["hours"], 1.5);
    assert_eq!(person(&env, "1")["projects"][0]["hours"], 1.5);
    assert_eq!(person(&env, "1")["hours"], 1.5);
}
