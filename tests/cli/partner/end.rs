//! `spm project partner end`: the day someone left a project, and what it refuses.

use super::{P, join, partner_args, people, row};
use crate::common::{TODAY, partner_log as log};

#[test]
fn end_records_the_day_they_left() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    let out = env.run_ok(&partner_args(
        "end",
        &[P, "ola@example.ac.uk", "--on", "2026-06-30"],
    ));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Ola Stu left peer (student-partner) on 2026-06-30\n"
    );
    assert_eq!(row(&env, P, 2, "student-partner")["to"], "2026-06-30");
    // Today, and on the day they joined, are fine too.
    join(&env, P, "1", "lead", &["--from", TODAY]);
    env.ok(&partner_args("end", &[P, "1", "--on", TODAY]));
    assert_eq!(row(&env, P, 1, "lead")["to"], TODAY);
}

#[test]
fn end_bad_dates_are_refused() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-11-24"]),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2025-09-30"]),
        65,
        "the end date 2025-09-30 is before the start date 2025-10-01",
    );
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.clap_fails(&partner_args("end", &[P, "2"]), "--on <DATE>");
    env.ok(&partner_args("end", &[P, "2", "--on", "2026-06-30"]));
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-07-01"]),
        65,
        "Ola Stu left peer already, on 2026-06-30",
    );
}

#[test]
fn end_with_several_roles_needs_role() {
    let env = people();
    join(&env, P, "4", "external-partner", &[]);
    join(&env, P, "4", "lead", &[]);
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY]),
        65,
        "Ext Partner has 2 roles on peer (external-partner, lead); say which with --role",
    );
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY, "--role", "intern"]),
        66,
        "no partner \"Ext Partner on peer\"",
    );
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY, "--role", "chief"]),
        65,
        "unknown role",
    );
    env.ok(&partner_args(
        "end",
        &[P, "4", "--on", TODAY, "--role", "lead"],
    ));
    assert_eq!(row(&env, P, 4, "lead")["to"], TODAY);
    assert!(row(&env, P, 4, "external-partner")["to"].is_null());
}

#[test]
fn end_someone_not_on_the_project_or_an_unknown_project_is_refused() {
    let env = people();
    env.refused(
        &partner_args("end", &[P, "2", "--on", TODAY]),
        66,
        "no partner \"Ola Stu on peer\"",
    );
    env.refused(
        &partner_args("end", &["nope", "2", "--on", TODAY]),
        66,
        "no project with code",
    );
}

#[test]
fn end_before_a_logged_contribution_is_refused() {
    let env = people();
    join(&env, P, "2", "panellist", &["--from", "2026-01-01"]);
    log(&env, P, "2", &["--hours", "3", "--on", "2026-11-20"]);
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-11-01"]),
        65,
        "2026-11-20",
    );
}
