//! `spm person add`: what it prints, every flag, and what it refuses.

use super::{amira, env_count};
use crate::common::{Env, TODAY, add_person, person, student};

/// `spm person add NAME --kind KIND` and then `extra`.
fn add_args<'a>(name: &'a str, kind: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["person", "add", name, "--kind", kind];
    args.extend_from_slice(extra);
    args
}

#[test]
fn add_prints_only_the_new_id_and_names_the_person_on_stderr() {
    let env = Env::fresh();
    let out = env.run_ok(&add_args(
        "Amira Hassan",
        "student",
        &["--email", "a.hassan@example.ac.uk"],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("registered Amira Hassan <a.hassan@example.ac.uk> (#1) (student)"),
        "{stderr}"
    );
    // After the demo's people.
    let demo = Env::demo();
    let next = env_count(&demo) + 1;
    assert_eq!(
        add_person(&demo, "Nia Obi", "student", &[]),
        next.to_string()
    );
}

#[test]
fn add_every_flag_round_trips_through_json_show() {
    let env = amira();
    let p = person(&env, "1");
    assert_eq!(p["id"], 1);
    assert_eq!(p["name"], "Amira Hassan");
    assert_eq!(p["email"], "a.hassan@example.ac.uk");
    assert_eq!(p["kind"], "student");
    assert_eq!(p["department"], "Economics");
    assert_eq!(p["level"], "ug");
    assert_eq!(p["consent_given"], "2025-10-01");
    assert_eq!(p["consent_expires"], "2026-12-10");
    assert!(p["consent_withdrawn"].is_null());
    assert!(p["erased_on"].is_null());
    assert_eq!(p["notes"], "prefers email");
    assert_eq!(p["consent"], "on record");
    let history = p["history"].as_array().expect("a history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["actor"], "tester");
    assert_eq!(history[0]["fields"]["email"], "a.hassan@example.ac.uk");
}

#[test]
fn add_text_is_trimmed_and_the_department_alias_works() {
    let env = Env::fresh();
    let id = add_person(
        &env,
        "  Nia Obi  ",
        "external",
        &["--department", " Careers ", "--email", " nia@example.org "],
    );
    let p = person(&env, &id);
    assert_eq!(p["name"], "Nia Obi");
    assert_eq!(p["department"], "Careers");
    assert_eq!(p["email"], "nia@example.org");
    assert_eq!(p["kind"], "external");
    assert!(p["level"].is_null());
}

#[test]
fn add_without_a_kind_or_a_name_and_no_terminal_is_refused() {
    let env = Env::fresh();
    env.refused(&["person", "add", "Amira Hassan"], 64, "--kind is required");
    env.refused(
        &["person", "add", "--kind", "student"],
        64,
        "no terminal to ask",
    );
    env.refused(&["person", "add"], 64, "a name is needed");
    env.clap_fails(&["person", "add", "Amira Hassan", "--kind"], "");
}

#[test]
fn add_a_blank_name_is_refused() {
    let env = Env::fresh();
    env.refused(&add_args("   ", "student", &[]), 65, "needs a name");
}

#[test]
fn add_malformed_emails_are_refused() {
    let env = Env::fresh();
    for email in [
        "a.hassan",
        "a.hassan@",
        "@example.ac.uk",
        "a@example",
        "a b@example.ac.uk",
        "a@@example.ac.uk",
        "a@example..ac.uk",
        "<a@example.ac.uk>",
    ] {
        env.refused(
            &add_args("Amira Hassan", "student", &["--email", email]),
            65,
            "is not an email address",
        );
    }
}

#[test]
fn add_an_email_taken_in_any_case_is_refused_naming_the_existing_record() {
    let env = amira();
    for email in ["a.hassan@example.ac.uk", "A.Hassan@EXAMPLE.ac.uk"] {
        let err = env.refused(
            &add_args("Someone Else", "staff", &["--email", email]),
            65,
            "already belongs to Amira Hassan <a.hassan@example.ac.uk> (#1)",
        );
        assert!(err.contains("spm person edit 1"), "{err}");
    }
}

#[test]
fn add_the_same_name_and_kind_with_no_email_to_tell_them_apart_is_refused() {
    let env = Env::fresh();
    add_person(&env, "Bob Jones", "staff", &[]);
    let err = env.refused(
        &add_args("bob jones", "staff", &[]),
        65,
        "Bob Jones (#1) is already registered as staff, with no email",
    );
    assert!(
        err.contains("spm person show 1") && err.contains("spm person edit 1 --email EMAIL"),
        "{err}"
    );
    // An email on the new one alone does not tell them apart either: the one registered
    // without an email is most likely the same person, whose record wants the email.
    let err = env.refused(
        &add_args(
            "Bob Jones",
            "staff",
            &[
                "--email",
                "bob@example.ac.uk",
                "--dept",
                "Law and Economics",
            ],
        ),
        65,
        "already registered",
    );
    assert!(
        err.contains(
            "add these details to their record with \"spm person edit 1 --email bob@example.ac.uk --dept 'Law and Economics'\""
        ),
        "{err}"
    );
    // Another kind is another person.
    assert_eq!(add_person(&env, "Bob Jones", "student", &[]), "2");

    // Two with emails are told apart.
    let env = Env::fresh();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    assert_eq!(student(&env, "Sam Lee", "s.lee2@example.ac.uk"), "2");
    env.refused(
        &add_args("Sam Lee", "student", &[]),
        65,
        "already registered",
    );
}

#[test]
fn add_bad_consent_dates_are_refused() {
    let env = Env::fresh();
    let cases: &[(&[&str], &str)] = &[
        (&["--consent", "2026-11-24"], "after today (2026-11-23)"),
        (
            &["--consent", "2026-11-01", "--consent-expires", "2026-10-31"],
            "cannot expire (2026-10-31) before it was given (2026-11-01)",
        ),
        (&["--consent-expires", "2027-01-01"], "add --consent DATE"),
        (&["--consent", "2024-02-30"], "not a day of the calendar"),
        (&["--consent-expires", "2024-02-30"], "not a day"),
        (&["--consent", "yesterday"], "date"),
    ];
    for (extra, needle) in cases {
        env.refused(&add_args("Amira Hassan", "student", extra), 65, needle);
    }
    // Consent given today, expiring the same day, is fine.
    add_person(
        &env,
        "Amira Hassan",
        "student",
        &["--consent", TODAY, "--consent-expires", TODAY],
    );
}

#[test]
fn add_a_name_that_is_only_digits_is_refused() {
    let env = Env::fresh();
    for name in ["123", "#12", "007"] {
        env.refused(&add_args(name, "student", &[]), 65, "is only a number");
    }
    // Digits within a name are fine.
    add_person(&env, "Agent 007", "external", &[]);
}

#[test]
fn add_bad_kinds_and_levels_are_refused() {
    let env = Env::fresh();
    env.refused(
        &add_args("Amira Hassan", "teacher", &[]),
        65,
        "unknown person kind \"teacher\"",
    );
    env.refused(
        &add_args("Amira Hassan", "student", &["--level", "phd"]),
        65,
        "unknown level of study \"phd\"",
    );
    // Names are read in any case.
    let id = add_person(&env, "Amira Hassan", "STUDENT", &["--level", "PGT"]);
    let p = person(&env, &id);
    assert_eq!(p["kind"], "student");
    assert_eq!(p["level"], "pgt");
}
