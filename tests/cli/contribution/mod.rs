//! `spm project partner log --from --to` and `spm project partner contribution
//! list|correct|reverse`: hours over a period (at most 24 a day of it), the log listed entry by
//! entry, and (in `correct.rs`) corrections and reversals that keep the old entry and log both,
//! and the reports that count a period's hours by year.

mod correct;

use serde_json::{Value as Json, json};

use crate::common::{
    Env, add_person, add_project, partner_log as log, partner_log_args as log_args, read_csv,
    student,
};

/// The project most tests use.
const P: &str = "peer";

/// The JSON keys of a row of `contribution list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "person",
    "role",
    "on",
    "to",
    "hours",
    "paid",
    "recognition",
    "note",
    "replaces",
    "status",
    "reason",
];

/// A fresh database with projects `peer` (active from 2025-09-01) and `lists`, and Ola Stu
/// (#1, a student) on both since 2025-09-01, and Nia Obi (#2, a student) on `peer`.
fn env() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        P,
        &[
            "--year",
            "2025/26",
            "--status",
            "active",
            "--start",
            "2025-09-01",
        ],
    );
    add_project(&env, "lists", &["--year", "2025/26"]);
    assert_eq!(student(&env, "Ola Stu", "ola@example.ac.uk"), "1");
    assert_eq!(student(&env, "Nia Obi", "nia@example.ac.uk"), "2");
    for (project, who) in [(P, "1"), ("lists", "1"), (P, "2")] {
        env.ok(&[
            "project",
            "partner",
            "add",
            project,
            who,
            "--role",
            "student-partner",
            "--from",
            "2025-09-01",
        ]);
    }
    env
}

/// `spm project partner contribution VERB REST...`.
fn entry_args<'a>(verb: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "partner", "contribution", verb];
    args.extend_from_slice(rest);
    args
}

/// The rows of `contribution list PROJECT EXTRA...`, as JSON.
fn entries(env: &Env, project: &str, extra: &[&str]) -> Vec<Json> {
    let mut rest = vec![project];
    rest.extend_from_slice(extra);
    env.json_list(&entry_args("list", &rest))
}

/// (id, hours, status) of each entry of a project.
fn statuses(env: &Env, project: &str) -> Vec<(i64, f64, String)> {
    entries(env, project, &[])
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().unwrap(),
                e["hours"].as_f64().unwrap(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The hours and pay of a person's row in `project partner list`.
fn totals(env: &Env, project: &str, person_id: i64) -> (f64, f64) {
    let rows = env.json_list(&["project", "partner", "list", project]);
    let row = rows
        .iter()
        .find(|r| r["person_id"] == person_id)
        .expect("the partner's row");
    (
        row["hours"].as_f64().unwrap(),
        row["paid"].as_f64().unwrap(),
    )
}

// ---------------------------------------------------------------------------------------------
// log over a period

#[test]
fn log_hours_over_a_period_at_most_24_a_day_of_it() {
    let env = env();
    let err = log(
        &env,
        P,
        "1",
        &[
            "--hours",
            "70",
            "--from",
            "2026-09-01",
            "--to",
            "2026-09-30",
        ],
    );
    assert_eq!(
        err,
        "logged entry 1 for Ola Stu on peer (2026-09-01 to 2026-09-30): 70 hours, £0.00 paid; in all 70 hours, £0.00 paid\n"
    );
    // 70 hours over two days is 35 a day.
    env.refused(
        &log_args(
            P,
            "1",
            &[
                "--hours",
                "70",
                "--from",
                "2026-10-01",
                "--to",
                "2026-10-02",
            ],
        ),
        65,
        "70 hours over the 2 days from 2026-10-01 to 2026-10-02 is more than 24 hours a day",
    );
    // 48 over two is fine; a day of the period then holds 24, so nothing more fits that day.
    log(
        &env,
        P,
        "1",
        &[
            "--hours",
            "48",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-02",
        ],
    );
    env.refused(
        &log_args("lists", "1", &["--hours", "0:01", "--on", "2026-10-02"]),
        65,
        "Ola Stu already has 24h logged on 2026-10-02",
    );
    // September holds 2.33 hours a day of the 70: 21.75 more on one day is too many, 21.5 is not
    // (24 - 2.33 = 21.67), on any project.
    env.refused(
        &log_args("lists", "1", &["--hours", "21.75", "--on", "2026-09-15"]),
        65,
        "Ola Stu already has 2.33h logged on 2026-09-15; with these that is more than 24 hours in a day",
    );
    log(
        &env,
        "lists",
        "1",
        &["--hours", "21.5", "--on", "2026-09-15"],
    );
    // A second period over the first: each day's shares add up.
    env.refused(
        &log_args(
            "lists",
            "1",
            &[
                "--hours",
                "110",
                "--from",
                "2026-09-10",
                "--to",
                "2026-09-14",
            ],
        ),
        65,
        "Ola Stu already has 2.33h logged on 2026-09-10; with 22h a day from this period that is more than 24 hours in a day",
    );
    // Someone else's hours are theirs.
    log(
        &env,
        P,
        "2",
        &[
            "--hours",
            "48",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-02",
        ],
    );
    let rows = entries(&env, P, &["ola@example.ac.uk"]);
    assert_eq!(rows[0]["on"], "2026-09-01");
    assert_eq!(rows[0]["to"], "2026-09-30");
    assert_eq!(rows[1]["to"], "2026-10-02");
    assert_eq!(totals(&env, P, 1).0, 118.0);
    // The period is stored as it was given: first and last day, in minutes.
    let (on, to, minutes): (String, String, i64) = env
        .conn()
        .query_row(
            "SELECT on_date, to_date, minutes FROM contributions WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (on.as_str(), to.as_str(), minutes),
        ("2026-09-01", "2026-09-30", 4200)
    );
}

#[test]
fn log_a_period_of_one_day_is_a_day() {
    let env = env();
    log(
        &env,
        P,
        "1",
        &["--hours", "5", "--from", "2026-11-02", "--to", "2026-11-02"],
    );
    let rows = entries(&env, P, &[]);
    assert_eq!(
        (&rows[0]["on"], &rows[0]["to"]),
        (&json!("2026-11-02"), &Json::Null)
    );
    env.refused(
        &log_args(
            P,
            "1",
            &[
                "--hours",
                "25",
                "--from",
                "2026-11-03",
                "--to",
                "2026-11-03",
            ],
        ),
        65,
        "25 hours is more than there are in a day (24)",
    );
}

#[test]
fn log_a_bad_period_is_refused() {
    let env = env();
    let period = |from: &'static str, to: &'static str| -> Vec<&'static str> {
        log_args(P, "1", &["--hours", "10", "--from", from, "--to", to])
    };
    env.refused(
        &period("2026-11-30", "2026-11-01"),
        65,
        "the period ends on 2026-11-01, before it starts on 2026-11-30",
    );
    env.refused(
        &period("2025-09-01", "2026-09-02"),
        65,
        "is 367 days; log at most a year (366 days) in one entry",
    );
    env.refused(
        &period("2026-11-20", "2026-11-24"),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &period("2025-08-25", "2025-09-05"),
        65,
        "2025-08-25 is before Ola Stu joined peer on 2025-09-01",
    );
    env.refused(
        &period("2026-11-01", "2026-13-01"),
        65,
        "not a day of the calendar",
    );
    env.refused(
        &log_args(
            P,
            "1",
            &[
                "--hours",
                "8785",
                "--from",
                "2025-11-01",
                "--to",
                "2026-10-31",
            ],
        ),
        65,
        "more than there are in a year",
    );
    // The two ends come together, and never with --on.
    env.clap_fails(
        &log_args(P, "1", &["--hours", "1", "--from", "2026-11-01"]),
        "--to",
    );
    env.clap_fails(
        &log_args(P, "1", &["--hours", "1", "--to", "2026-11-01"]),
        "--from",
    );
    env.clap_fails(
        &log_args(
            P,
            "1",
            &[
                "--hours",
                "1",
                "--on",
                "2026-11-01",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-02",
            ],
        ),
        "--on",
    );
    // After they left, the period must end by the day they left.
    env.ok(&["project", "partner", "end", P, "2", "--on", "2026-11-10"]);
    env.refused(
        &log_args(
            P,
            "2",
            &["--hours", "1", "--from", "2026-11-01", "--to", "2026-11-11"],
        ),
        65,
        "2026-11-11 is after Nia Obi left peer on 2026-11-10",
    );
}

#[test]
fn end_before_the_last_day_of_a_period_is_refused() {
    let env = env();
    log(
        &env,
        P,
        "2",
        &[
            "--hours",
            "10",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
        ],
    );
    env.refused(
        &["project", "partner", "end", P, "2", "--on", "2026-10-15"],
        65,
        "Nia Obi has a contribution logged on 2026-10-31, after 2026-10-15",
    );
    // Reversed, the period no longer holds them there.
    env.run_ok(&entry_args("reverse", &["1"]));
    env.ok(&["project", "partner", "end", P, "2", "--on", "2026-10-15"]);
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_every_entry_with_every_key() {
    let env = env();
    log(
        &env,
        P,
        "1",
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
            "workshop",
        ],
    );
    log(
        &env,
        P,
        "2",
        &["--recognition", "voucher", "--on", "2026-10-01"],
    );
    log(&env, "lists", "1", &["--hours", "2", "--on", "2026-10-05"]);
    let rows = entries(&env, P, &[]);
    for r in &rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, LIST_KEYS);
    }
    // By date; only the project's.
    assert_eq!(
        rows[0],
        json!({"id": 2, "person": "Nia Obi", "role": "student-partner", "on": "2026-10-01",
               "to": null, "hours": 0.0, "paid": 0.0, "recognition": "voucher", "note": null,
               "replaces": null, "status": "counts", "reason": null})
    );
    assert_eq!(rows[1]["note"], "workshop");
    assert_eq!(rows.len(), 2);
    // One person's; one role's.
    assert_eq!(entries(&env, P, &["Nia Obi"]).len(), 1);
    assert_eq!(
        entries(&env, P, &["1", "--role", "student-partner"]).len(),
        1
    );
    assert_eq!(entries(&env, "lists", &[]).len(), 1);
    // Someone with two roles: both roles' entries, unless one is named.
    env.ok(&["project", "partner", "add", P, "1", "--role", "lead"]);
    log(
        &env,
        P,
        "1",
        &["--hours", "1", "--role", "lead", "--on", "2026-11-02"],
    );
    assert_eq!(entries(&env, P, &["1"]).len(), 2);
    let lead = entries(&env, P, &["1", "--role", "lead"]);
    assert_eq!((lead.len(), &lead[0]["role"]), (1, &json!("lead")));
    // CSV and a table, and an empty list.
    let csv = env.ok(&[
        "--format",
        "csv",
        "project",
        "partner",
        "contribution",
        "list",
        P,
    ]);
    let (header, body) = read_csv(&csv);
    assert_eq!(header, LIST_KEYS);
    assert_eq!(body.len(), 3);
    let table = env.ok(&["project", "partner", "contribution", "ls", P]);
    assert!(
        table.contains("Status") && table.contains("voucher"),
        "{table}"
    );
    add_project(&env, "empty", &[]);
    assert!(entries(&env, "empty", &[]).is_empty());
}

#[test]
fn list_bad_input_is_refused() {
    let env = env();
    env.refused(&entry_args("list", &["nope"]), 66, "no project with code");
    env.refused(&entry_args("list", &[P, "nobody"]), 66, "no person");
    add_person(&env, "Outsider", "staff", &[]);
    env.refused(
        &entry_args("list", &[P, "Outsider"]),
        66,
        "no partner \"Outsider on peer\"",
    );
    env.refused(
        &entry_args("list", &[P, "1", "--role", "chief"]),
        65,
        "unknown role",
    );
    env.clap_fails(&entry_args("list", &[P, "--role", "lead"]), "<PERSON>");
    env.clap_fails(&entry_args("list", &[]), "<PROJECT>");
}
