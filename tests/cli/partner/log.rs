//! `spm project partner log`: hours, payments and recognition, and what it refuses.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::{P, join, partner_args, people, row};
use crate::common::{TODAY, partner_log as log, partner_log_args as log_args};

/// The recognitions of a row, as a set.
fn recognitions(row: &Json) -> BTreeSet<String> {
    row["recognition"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn log_hours_payments_and_recognition_add_up() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    let stderr = log(
        &env,
        P,
        "ola@example.ac.uk",
        &[
            "--hours",
            "6",
            "--paid",
            "90",
            "--on",
            "2026-11-01",
            "--recognition",
            "payment",
            "--note",
            "co-facilitated",
        ],
    );
    assert_eq!(
        stderr,
        "logged entry 1 for Ola Stu on peer (2026-11-01): 6 hours, £90.00 paid; in all 6 hours, £90.00 paid\n"
    );
    log(&env, P, "2", &["--hours", "1.5", "--on", "2026-11-02"]);
    let stderr = log(
        &env,
        P,
        "Ola Stu",
        &[
            "--hours",
            "1:30",
            "--on",
            "2026-11-03",
            "--paid",
            "£1,012.50",
            "--recognition",
            "certificate",
        ],
    );
    assert!(
        stderr.contains("1.5 hours, £1,012.50 paid; in all 9 hours, £1,102.50 paid"),
        "{stderr}"
    );
    log(&env, P, "2", &["--recognition", "transcript"]);
    log(&env, P, "2", &["--recognition", "payment", "--on", TODAY]);
    let r = row(&env, P, 2, "student-partner");
    assert_eq!(r["hours"], 9.0);
    assert_eq!(r["paid"], 1102.5);
    assert_eq!(
        recognitions(&r),
        ["certificate", "payment", "transcript"]
            .map(String::from)
            .into()
    );
    // Minutes and pence, exactly.
    let (minutes, pence): (i64, i64) = env
        .conn()
        .query_row(
            "SELECT sum(minutes), sum(paid_pence) FROM contributions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((minutes, pence), (540, 110_250));
}

#[test]
fn log_defaults_to_today() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    let stderr = log(&env, P, "2", &["--hours", "0.25"]);
    assert!(
        stderr.contains(&format!("({TODAY}): 0.25 hours")),
        "{stderr}"
    );
    let on: String = env
        .conn()
        .query_row("SELECT on_date FROM contributions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(on, TODAY);
}

#[test]
fn log_more_than_24_hours_in_a_day_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    join(&env, "lists", "2", "student-partner", &[]);
    for hours in ["25", "24.5", "24:01", "1000"] {
        env.refused(
            &log_args(P, "2", &["--hours", hours, "--on", "2026-11-01"]),
            65,
            "hours",
        );
    }
    log(&env, P, "2", &["--hours", "20", "--on", "2026-11-01"]);
    let err = env.refused(
        &log_args(P, "2", &["--hours", "4.5", "--on", "2026-11-01"]),
        65,
        "Ola Stu already has 20",
    );
    assert!(!err.is_empty());
    // Across projects too.
    env.refused(
        &log_args("lists", "2", &["--hours", "5", "--on", "2026-11-01"]),
        65,
        "more than 24",
    );
    // Exactly 24 is fine; another day is another day.
    log(&env, "lists", "2", &["--hours", "4", "--on", "2026-11-01"]);
    log(&env, P, "2", &["--hours", "24", "--on", "2026-11-02"]);
    env.refused(
        &log_args(P, "2", &["--hours", "0:01", "--on", "2026-11-01"]),
        65,
        "already has 24",
    );
    // Someone else's hours are theirs.
    join(&env, P, "3", "intern", &[]);
    log(&env, P, "3", &["--hours", "24", "--on", "2026-11-01"]);
}

#[test]
fn log_bad_hours_and_amounts_are_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    for hours in ["abc", "six", "1:60", "1.2.3", "1e3", ""] {
        env.refused(
            &log_args(P, "2", &["--hours", hours]),
            65,
            "is not a number of hours",
        );
    }
    env.clap_fails(&log_args(P, "2", &["--hours", "-1"]), "");
    for paid in ["-5", "-0.01", "£-5"] {
        env.refused(&log_args(P, "2", &["--paid", paid]), 65, "amount");
    }
    env.refused(
        &log_args(P, "2", &["--paid", "-5"]),
        65,
        "is negative; amounts are zero or more",
    );
    env.refused(&log_args(P, "2", &["--paid", "12.345"]), 65, "amount");
    for paid in ["abc", "1,2", "£", "ten pounds"] {
        env.refused(
            &log_args(P, "2", &["--paid", paid]),
            65,
            "is not an amount of money",
        );
    }
    env.refused(
        &log_args(P, "2", &["--recognition", "medal"]),
        65,
        "unknown recognition \"medal\"",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
}

#[test]
fn log_with_nothing_to_log_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    for extra in [
        &[][..],
        &["--note", "came along"],
        &["--hours", "0", "--paid", "0"],
        &["--hours", "0:00", "--on", "2026-11-01"],
    ] {
        env.refused(&log_args(P, "2", extra), 64, "nothing to log");
    }
}

#[test]
fn log_outside_their_time_on_the_project_is_refused() {
    let env = people();
    join(
        &env,
        P,
        "2",
        "intern",
        &["--from", "2026-01-01", "--to", "2026-06-30"],
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-11-24"]),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-07-01"]),
        65,
        "2026-07-01 is after Ola Stu left peer on 2026-06-30",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2025-12-31"]),
        65,
        "2025-12-31 is before Ola Stu joined peer on 2026-01-01",
    );
    // The first and last days count.
    log(&env, P, "2", &["--hours", "1", "--on", "2026-01-01"]);
    log(&env, P, "2", &["--hours", "1", "--on", "2026-06-30"]);
    // After `end`, too.
    join(&env, P, "3", "intern", &[]);
    env.ok(&partner_args("end", &[P, "3", "--on", "2026-11-10"]));
    env.refused(
        &log_args(P, "3", &["--hours", "1"]),
        65,
        "after Nia Obi left peer on 2026-11-10",
    );
}

#[test]
fn log_with_several_roles_needs_role() {
    let env = people();
    join(&env, P, "4", "external-partner", &[]);
    join(&env, P, "4", "lead", &[]);
    env.refused(
        &log_args(P, "4", &["--hours", "1"]),
        65,
        "say which with --role",
    );
    log(&env, P, "4", &["--hours", "1", "--role", "lead"]);
    assert_eq!(row(&env, P, 4, "lead")["hours"], 1.0);
    assert_eq!(row(&env, P, 4, "external-partner")["hours"], 0.0);
}

#[test]
fn log_for_someone_not_on_the_project_is_refused() {
    let env = people();
    env.refused(
        &log_args(P, "2", &["--hours", "1"]),
        66,
        "no partner \"Ola Stu on peer\"",
    );
    env.refused(
        &log_args("nope", "2", &["--hours", "1"]),
        66,
        "no project with code",
    );
}
