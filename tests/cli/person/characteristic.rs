//! `spm person characteristic set/clear`: self-declared characteristics.

use super::{amira, characteristics};
use crate::common::person;

#[test]
fn characteristic_set_records_and_replaces_and_prefer_not_to_say_is_an_answer() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "characteristic",
        "set",
        "1",
        "disability",
        "Prefer Not To Say",
    ]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "recorded disability = \"prefer not to say\" for Amira Hassan <a.hassan@example.ac.uk> (#1)"
        ),
        "{out:?}"
    );
    env.ok(&[
        "person",
        "characteristic",
        "set",
        "a.hassan@example.ac.uk",
        "first-generation",
        "prefer-not-to-say",
    ]);
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "no"]);
    assert_eq!(
        characteristics(&env, "1"),
        [
            ("care-leaver".into(), "no".into()),
            ("disability".into(), "prefer not to say".into()),
            ("first-generation".into(), "prefer not to say".into()),
        ]
    );
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "yes"]);
    assert_eq!(
        characteristics(&env, "1")[0],
        ("care-leaver".to_string(), "yes".to_string())
    );
    // The log says a characteristic changed, never its value.
    let history = person(&env, "1")["history"].to_string();
    assert!(history.contains("care-leaver"), "{history}");
    assert!(!history.contains("prefer not to say"), "{history}");
}

#[test]
fn characteristic_bad_categories_and_values_are_refused() {
    let env = amira();
    for category in [
        "sexual orientation",
        "dis_ability",
        "catégorie",
        "",
        "x".repeat(41).as_str(),
    ] {
        env.refused(
            &["person", "characteristic", "set", "1", category, "no"],
            65,
            "characteristic category",
        );
    }
    env.refused(
        &["person", "characteristic", "set", "1", "disability", "  "],
        65,
        "give a value",
    );
    env.refused(
        &[
            "person",
            "characteristic",
            "set",
            "1",
            "disability",
            &"y".repeat(101),
        ],
        65,
        "up to 100 characters",
    );
    env.clap_fails(
        &["person", "characteristic", "set", "1", "disability"],
        "<VALUE>",
    );
}

#[test]
fn characteristic_a_category_with_capitals_is_read_in_lower_case() {
    // Categories are codes, read case-insensitively like project codes.
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "Disability", "no"]);
    let category: String = env
        .conn()
        .query_row("SELECT category FROM person_characteristics", [], |r| {
            r.get(0)
        })
        .expect("a characteristic");
    assert_eq!(category, "disability");
}

#[test]
fn characteristic_of_an_erased_person_is_refused() {
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&["person", "forget", "1", "--yes"]);
    env.refused(
        &["person", "characteristic", "set", "1", "disability", "yes"],
        65,
        "was forgotten; nothing more is recorded about them",
    );
    // Forgetting took the characteristics away.
    env.refused(
        &["person", "characteristic", "clear", "1", "disability"],
        65,
        "no disability is recorded",
    );
}

#[test]
fn characteristic_clear_makes_it_not_recorded_again() {
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "no"]);
    let out = env.run_ok(&["person", "characteristic", "clear", "1", "disability"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("disability is no longer recorded"),
        "{out:?}"
    );
    assert_eq!(
        characteristics(&env, "1"),
        [("care-leaver".to_string(), "no".to_string())]
    );
    env.refused(
        &["person", "characteristic", "clear", "1", "disability"],
        65,
        "no disability is recorded for Amira Hassan",
    );
    env.refused(
        &["person", "characteristic", "clear", "1", "religion"],
        65,
        "no religion is recorded",
    );
    env.clap_fails(&["person", "characteristic", "clear", "1"], "<CATEGORY>");
}
