//! `spm person edit`: every field, the change log, and what it refuses.

use serde_json::json;

use super::amira;
use crate::common::{add_person, add_project, person, student};

#[test]
fn edit_every_field_and_log_the_change() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "edit",
        "Amira Hassan",
        "--name",
        "Amira Hassan-Ali",
        "--email",
        "amira@example.org",
        "--kind",
        "external",
        "--dept",
        "Law",
        "--level",
        "pgr",
        "--consent",
        "2026-01-01",
        "--consent-expires",
        "2027-01-01",
        "--consent-withdrawn",
        "2026-11-20",
        "--notes",
        "moved on",
    ]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("updated Amira Hassan-Ali <amira@example.org> (#1): name, email, kind"),
        "{stderr}"
    );
    let p = person(&env, "1");
    assert_eq!(p["name"], "Amira Hassan-Ali");
    assert_eq!(p["email"], "amira@example.org");
    assert_eq!(p["kind"], "external");
    assert_eq!(p["department"], "Law");
    assert_eq!(p["level"], "pgr");
    assert_eq!(p["consent_given"], "2026-01-01");
    assert_eq!(p["consent_expires"], "2027-01-01");
    assert_eq!(p["consent_withdrawn"], "2026-11-20");
    assert_eq!(p["notes"], "moved on");
    let history = p["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["action"], "update");
    assert_eq!(
        history[1]["fields"]["name"],
        json!(["Amira Hassan", "Amira Hassan-Ali"])
    );
    assert_eq!(
        history[1]["fields"]["email"],
        json!(["a.hassan@example.ac.uk", "amira@example.org"])
    );
    // Found by the new email, not the old one.
    assert_eq!(person(&env, "AMIRA@example.org")["id"], 1);
    env.refused(
        &["person", "show", "a.hassan@example.ac.uk"],
        66,
        "no person",
    );
}

#[test]
fn edit_empty_values_clear_optional_fields() {
    let env = amira();
    env.ok(&[
        "person",
        "edit",
        "1",
        "--email",
        "",
        "--dept",
        "",
        "--level",
        "",
        "--notes",
        " ",
        "--consent-expires",
        "",
    ]);
    let p = person(&env, "1");
    for key in ["email", "department", "level", "notes", "consent_expires"] {
        assert!(p[key].is_null(), "{key}: {p}");
    }
    assert_eq!(p["consent_given"], "2025-10-01");
    env.ok(&["person", "edit", "1", "--consent", ""]);
    assert!(person(&env, "1")["consent_given"].is_null());
}

#[test]
fn edit_to_the_same_values_says_unchanged_and_logs_nothing() {
    let env = amira();
    let out = env.run_ok(&["person", "edit", "1", "--dept", "Economics"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is unchanged"));
    assert_eq!(person(&env, "1")["history"].as_array().unwrap().len(), 1);
}

#[test]
fn edit_with_nothing_to_change_is_refused() {
    let env = amira();
    env.refused(&["person", "edit", "1"], 64, "nothing to change");
    env.clap_fails(&["person", "edit"], "<PERSON>");
}

#[test]
fn edit_bad_values_are_refused() {
    let env = amira();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    add_person(&env, "Bob Jones", "student", &[]);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--consent-withdrawn", "2026-11-24"],
            65,
            "after today (2026-11-23)",
        ),
        (
            &["--consent-withdrawn", "2025-09-30"],
            65,
            "cannot be withdrawn (2025-09-30) before it was given (2025-10-01)",
        ),
        (&["--consent", "2026-11-24"], 65, "after today"),
        (
            &["--consent-expires", "2025-09-30"],
            65,
            "cannot expire (2025-09-30)",
        ),
        (&["--consent", ""], 65, "add --consent DATE"),
        (
            &["--consent", "2024-02-30"],
            65,
            "not a day of the calendar",
        ),
        (&["--email", "not-an-email"], 65, "is not an email address"),
        (
            &["--email", "SAM.LEE@example.ac.uk"],
            65,
            "already belongs to Sam Lee <sam.lee@example.ac.uk> (#2)",
        ),
        (&["--name", "42"], 65, "is only a number"),
        (&["--name", ""], 65, "needs a name"),
        (
            &["--name", "Bob Jones", "--email", ""],
            65,
            "already registered",
        ),
        (&["--level", "phd"], 65, "unknown level of study"),
        (&["--kind", "teacher"], 65, "unknown person kind"),
    ];
    for (extra, code, needle) in cases {
        let mut args = vec!["person", "edit", "1"];
        args.extend_from_slice(extra);
        env.refused(&args, *code, needle);
    }
    // Its own email in another case is not a clash.
    env.ok(&["person", "edit", "1", "--email", "A.Hassan@example.ac.uk"]);
    assert_eq!(person(&env, "1")["email"], "A.Hassan@example.ac.uk");
}

#[test]
fn edit_an_erased_person_is_refused() {
    let env = amira();
    env.ok(&["person", "forget", "1", "--yes"]);
    env.refused(
        &["person", "edit", "1", "--notes", "back again"],
        65,
        "a forgotten record cannot be edited",
    );
    env.refused(
        &["person", "edit", "former participant #1", "--name", "Amira"],
        65,
        "forgotten",
    );
}

#[test]
fn edit_the_kind_of_someone_with_roles_that_no_longer_suit_is_refused() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "student-partner",
    ]);
    env.refused(
        &["person", "edit", "1", "--kind", "staff"],
        65,
        "student-partner",
    );
}

#[test]
fn consent_to_be_named_is_given_withdrawn_and_shown_apart_from_consent_to_take_part() {
    let env = amira();
    let p = person(&env, "1");
    assert!(p["consent_to_name"].is_null());
    assert_eq!(p["named_in_public"], false);
    let out = env.run_ok(&[
        "person",
        "edit",
        "Amira Hassan",
        "--consent-to-name",
        "2026-11-01",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(": consent to name"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = person(&env, "1");
    assert_eq!(p["consent_to_name"], "2026-11-01");
    assert_eq!(p["named_in_public"], true);
    let history = p["history"].as_array().expect("a history");
    assert_eq!(
        history.last().expect("an entry")["fields"]["consent_to_name"],
        json!([null, "2026-11-01"])
    );
    // Without consent to take part, nobody is named, whatever else they agreed to.
    env.ok(&["person", "edit", "1", "--consent-withdrawn", "2026-11-20"]);
    assert_eq!(person(&env, "1")["named_in_public"], false);
    assert_eq!(person(&env, "1")["consent_to_name"], "2026-11-01");
    // Withdrawn by clearing it.
    env.ok(&["person", "edit", "1", "--consent-to-name", ""]);
    assert!(person(&env, "1")["consent_to_name"].is_null());
    // Bad input: the database is left as it was.
    env.refused(
        &["person", "edit", "1", "--consent-to-name", "2026-11-24"],
        65,
        "consent to be named is recorded when it is given: 2026-11-24 is after today",
    );
    env.refused(
        &["person", "edit", "1", "--consent-to-name", "1/11/2026"],
        65,
        "is not written YYYY-MM-DD",
    );
    env.refused(
        &[
            "person",
            "edit",
            "nobody",
            "--consent-to-name",
            "2026-11-01",
        ],
        66,
        "no person",
    );
    env.clap_fails(&["person", "edit", "1", "--consent-to-name"], "");
}

#[test]
fn forgetting_a_person_withdraws_their_consent_to_be_named() {
    let env = amira();
    env.ok(&["person", "edit", "1", "--consent-to-name", "2026-11-01"]);
    env.ok(&["person", "forget", "1", "--yes"]);
    let named: Option<String> = env
        .conn()
        .query_row("SELECT consent_to_name FROM people WHERE id = 1", [], |r| {
            r.get(0)
        })
        .expect("the row");
    assert_eq!(named, None);
}
