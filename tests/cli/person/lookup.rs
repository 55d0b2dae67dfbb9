//! The `<person>` argument every verb takes: an id, `#id`, an email or a name.

use super::amira;
use crate::common::{Env, TODAY, add_person, add_project, person, student};

/// A fresh database with two students called Sam Lee (#1 and #2), told apart by email.
fn two_sams() -> Env {
    let env = Env::fresh();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    student(&env, "Sam Lee", "s.lee2@example.ac.uk");
    env
}

#[test]
fn a_person_is_found_by_id_hash_id_email_or_name_in_any_case() {
    let env = amira();
    add_person(&env, "Dr A. Khan", "staff", &[]);
    for key in [
        "1",
        "#1",
        " 1 ",
        "a.hassan@example.ac.uk",
        "A.HASSAN@Example.AC.UK",
        "Amira Hassan",
        "amira hassan",
        "AMIRA HASSAN",
    ] {
        assert_eq!(person(&env, key)["id"], 1, "{key}");
    }
    assert_eq!(person(&env, "dr a. khan")["id"], 2);
}

#[test]
fn an_ambiguous_name_lists_the_matches_wherever_a_person_is_taken() {
    let env = two_sams();
    add_project(&env, "x", &[]);
    let needle = "more than one person is called \"sam lee\": Sam Lee <sam.lee@example.ac.uk> (#1), Sam Lee <s.lee2@example.ac.uk> (#2); give the id or the email instead";
    let commands: &[&[&str]] = &[
        &["person", "show", "sam lee"],
        &["person", "edit", "sam lee", "--notes", "x"],
        &["person", "export", "sam lee"],
        &["person", "forget", "sam lee", "--yes"],
        &["person", "request", "add", "sam lee", "access"],
        &[
            "person",
            "characteristic",
            "set",
            "sam lee",
            "disability",
            "no",
        ],
        &[
            "project", "partner", "add", "x", "sam lee", "--role", "intern",
        ],
        &["project", "edit", "x", "--lead", "sam lee"],
    ];
    for args in commands {
        env.refused(args, 65, needle);
    }
    // Either is found by id or email.
    assert_eq!(person(&env, "s.lee2@example.ac.uk")["id"], 2);
    assert_eq!(person(&env, "#1")["email"], "sam.lee@example.ac.uk");
}

#[test]
fn an_unknown_person_is_refused_wherever_a_person_is_taken() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "intern",
        "--from",
        "2026-01-01",
    ]);
    for (key, needle) in [
        ("99", "no person with id \"99\""),
        ("#99", "no person with id \"99\""),
        ("nobody@example.ac.uk", "no person with email"),
        ("Nobody Here", "no person called \"Nobody Here\""),
        ("99999999999999999999", "no person with id"),
    ] {
        let commands: Vec<Vec<&str>> = vec![
            vec!["person", "show", key],
            vec!["person", "edit", key, "--notes", "x"],
            vec!["person", "export", key],
            vec!["person", "forget", key, "--yes"],
            vec!["person", "request", "add", key, "erasure"],
            vec!["person", "characteristic", "set", key, "disability", "no"],
            vec!["person", "characteristic", "clear", key, "disability"],
            vec!["project", "partner", "add", "x", key, "--role", "intern"],
            vec!["project", "partner", "log", "x", key, "--hours", "1"],
            vec!["project", "partner", "end", "x", key, "--on", TODAY],
            vec!["project", "partner", "remove", "x", key, "--yes"],
        ];
        for args in &commands {
            env.refused(args, 66, needle);
        }
    }
}
