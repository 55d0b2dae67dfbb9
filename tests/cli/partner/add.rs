//! `spm project partner add`: consent, roles that suit the person, and what it refuses.

use serde_json::json;

use super::{P, add_args, join, list, partner_args, people, roles, row};
use crate::common::add_person;

/// Who may take which role: (role, the people of tests' `people()` who may: 1 staff, 2 a
/// student, 4 external). The one table of `Role::kinds`, as `partner add --help` shows it.
const RULES: &[(&str, &[&str])] = &[
    ("student-partner", &["2"]),
    ("staff-partner", &["1"]),
    ("external-partner", &["4"]),
    ("lead", &["1", "2", "4"]),
    ("change-maker", &["2"]),
    ("panellist", &["2"]),
    ("intern", &["2"]),
    ("academic-rep", &["2"]),
];

#[test]
fn add_a_consenting_student_says_so_on_stderr() {
    let env = people();
    let stderr = join(
        &env,
        P,
        "ola@example.ac.uk",
        "student-partner",
        &["--from", "2025-10-01"],
    );
    assert_eq!(stderr, "Ola Stu is student-partner on peer\n");
    let r = row(&env, P, 2, "student-partner");
    assert_eq!(r["person"], "Ola Stu");
    assert_eq!(r["kind"], "student");
    assert_eq!(r["from"], "2025-10-01");
    assert!(r["to"].is_null());
    assert_eq!(r["hours"], 0.0);
    assert_eq!(r["paid"], 0.0);
    assert_eq!(r["recognition"], json!([]));
}

#[test]
fn add_a_student_without_consent_warns_but_adds_them() {
    let env = people();
    let stderr = join(&env, P, "Nia Obi", "change-maker", &[]);
    for text in [
        "warning: Nia Obi has no consent on record",
        "2026-11-23",
        "\"spm person edit 3 --consent DATE\"",
    ] {
        assert!(stderr.contains(text), "{text} missing from {stderr}");
    }
    assert!(stderr.contains("Nia Obi is change-maker on peer"));
    assert_eq!(roles(&env, P), [(3, "change-maker".to_string())]);
}

#[test]
fn add_warns_when_consent_does_not_hold_on_the_day_they_join() {
    let env = people();
    // Consent given after they joined.
    let stderr = join(&env, P, "2", "intern", &["--from", "2025-06-01"]);
    assert!(
        stderr.contains("warning: Ola Stu") && stderr.contains("2025-06-01"),
        "{stderr}"
    );
    // Consent that ran out, and consent withdrawn.
    add_person(
        &env,
        "Expired Consent",
        "student",
        &["--consent", "2024-09-01", "--consent-expires", "2025-08-31"],
    );
    let stderr = join(&env, P, "Expired Consent", "panellist", &[]);
    assert!(stderr.contains("warning: Expired Consent"), "{stderr}");
    env.ok(&["person", "edit", "2", "--consent-withdrawn", "2026-11-01"]);
    let stderr = join(&env, P, "2", "panellist", &[]);
    assert!(stderr.contains("warning: Ola Stu"), "{stderr}");
    // Staff and external partners need none.
    for (who, role) in [("1", "staff-partner"), ("4", "external-partner")] {
        let stderr = join(&env, P, who, role, &[]);
        assert!(!stderr.contains("warning"), "{stderr}");
    }
}

#[test]
fn add_require_consent_refuses_a_student_without_it() {
    let env = people();
    env.refused(
        &add_args(
            P,
            "nia@example.ac.uk",
            "student-partner",
            &["--require-consent"],
        ),
        65,
        "Nia Obi has no consent on record",
    );
    env.refused(
        &add_args(
            P,
            "ola@example.ac.uk",
            "student-partner",
            &["--require-consent", "--from", "2025-08-31"],
        ),
        65,
        "2025-08-31",
    );
    let stderr = join(
        &env,
        P,
        "ola@example.ac.uk",
        "student-partner",
        &["--require-consent"],
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    join(&env, P, "Dr A. Khan", "lead", &["--require-consent"]);
}

#[test]
fn add_roles_must_suit_the_kind_of_person() {
    let env = people();
    let kinds = [
        ("1", "Dr A. Khan is a member of staff"),
        ("2", "Ola Stu is a student"),
        ("4", "Ext Partner is an external partner"),
    ];
    let mut added = 0;
    for (role, who) in RULES {
        for (id, is) in kinds {
            if who.contains(&id) {
                join(&env, P, id, role, &[]);
                added += 1;
            } else {
                let err = env.refused(&add_args(P, id, role, &[]), 65, is);
                assert!(err.contains(&format!("and {role} is a role for")), "{err}");
            }
        }
    }
    assert_eq!(list(&env, P).len(), added);
    // The message says who the role is for and what this person may take.
    env.refused(
        &add_args("lists", "4", "staff-partner", &[]),
        65,
        "Ext Partner is an external partner, and staff-partner is a role for staff; an external partner takes external-partner or lead",
    );
    env.refused(
        &add_args("lists", "1", "intern", &[]),
        65,
        "intern is a role for students; a member of staff takes staff-partner or lead",
    );
    // Help shows the table.
    let help = env.ok(&["project", "partner", "add", "--help"]);
    for (role, who) in [
        ("external-partner", "external partners"),
        ("lead", "everyone"),
        ("academic-rep", "students"),
    ] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(role) && l.trim_end().ends_with(who)),
            "{role}: {help}"
        );
    }
}

#[test]
fn add_the_same_role_twice_is_refused_but_another_role_or_project_is_fine() {
    let env = people();
    join(&env, P, "2", "student-partner", &[]);
    env.refused(
        &add_args(P, "Ola Stu", "student-partner", &["--from", "2026-01-01"]),
        65,
        "Ola Stu is already student-partner on peer",
    );
    join(&env, P, "2", "intern", &[]);
    join(&env, "lists", "2", "student-partner", &[]);
    assert_eq!(list(&env, P).len(), 2);
}

#[test]
fn add_an_end_before_the_start_is_refused() {
    let env = people();
    env.refused(
        &add_args(
            P,
            "2",
            "intern",
            &["--from", "2026-01-01", "--to", "2025-12-31"],
        ),
        65,
        "the end date 2025-12-31 is before the start date 2026-01-01",
    );
    // One day is fine.
    join(
        &env,
        P,
        "2",
        "intern",
        &["--from", "2026-01-01", "--to", "2026-01-01"],
    );
}

#[test]
fn add_bad_input_is_refused() {
    let env = people();
    env.refused(
        &add_args("nope", "2", "intern", &[]),
        66,
        "no project with code \"nope\"",
    );
    env.refused(
        &add_args(P, "Nobody Here", "intern", &[]),
        66,
        "no person called \"Nobody Here\"",
    );
    env.refused(&add_args(P, "2", "boss", &[]), 65, "unknown role \"boss\"");
    env.refused(
        &add_args(P, "2", "intern", &["--from", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.refused(
        &add_args(P, "2", "intern", &["--to", "31/12/2026"]),
        65,
        "date",
    );
    env.clap_fails(&partner_args("add", &[P, "2"]), "--role <ROLE>");
    env.clap_fails(&partner_args("add", &[P]), "<PERSON>");
}

#[test]
fn add_an_erased_person_is_refused() {
    let env = people();
    env.ok(&["person", "forget", "2", "--yes"]);
    env.refused(
        &add_args(P, "2", "intern", &[]),
        65,
        "former participant #2 was forgotten and cannot join a project",
    );
}
