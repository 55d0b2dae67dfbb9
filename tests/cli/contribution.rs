//! `spm project partner log --from --to` and `spm project partner contribution
//! list|correct|reverse`: hours over a period (at most 24 a day of it), the log listed entry by
//! entry, and corrections and reversals that keep the old entry and log both.

use serde_json::{Value as Json, json};

use crate::common::{Env, read_csv};
use crate::person::{add_person, add_project, student};

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

/// `spm project partner log PROJECT WHO EXTRA...`.
fn log_args<'a>(project: &'a str, who: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "partner", "log", project, who];
    args.extend_from_slice(extra);
    args
}

/// Logs; returns stderr.
fn log(env: &Env, project: &str, who: &str, extra: &[&str]) -> String {
    let out = env.run_ok(&log_args(project, who, extra));
    assert!(
        out.stdout.is_empty(),
        "partner log prints nothing on stdout"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
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
    assert_eq!(body.len(), 2);
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

// ---------------------------------------------------------------------------------------------
// correct

#[test]
fn correct_replaces_an_entry_and_the_log_keeps_both() {
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
        ],
    );
    let out = env.run_ok(&entry_args(
        "correct",
        &["1", "--hours", "5", "--reason", "the timesheet said 5"],
    ));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "entry 2 corrects entry 1 (Ola Stu on peer): was 2026-11-01: 6 hours, £90.00 paid, payment; now 2026-11-01: 5 hours, £90.00 paid, payment\n"
    );
    assert_eq!(
        statuses(&env, P),
        [
            (1, 6.0, "corrected by 2".to_string()),
            (2, 5.0, "counts".to_string())
        ]
    );
    let rows = entries(&env, P, &[]);
    assert_eq!(rows[1]["replaces"], 1);
    assert_eq!(rows[1]["reason"], "the timesheet said 5");
    assert_eq!(rows[1]["recognition"], "payment");
    assert_eq!(totals(&env, P, 1), (5.0, 90.0));
    // Both rows stay; the change log has the entry and its correction.
    let count: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM contributions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
    let logged: Vec<String> = env
        .conn()
        .prepare("SELECT fields FROM changes WHERE entity = 'partner' AND fields LIKE '%contribution%' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(logged.len(), 2, "{logged:?}");
    let correction: Json = serde_json::from_str(&logged[1]).unwrap();
    assert_eq!(correction["corrects"], 1);
    assert_eq!(correction["minutes"], json!([360, 300]));
    assert_eq!(correction["reason"], "the timesheet said 5");
    // The correction is corrected in its turn; the first cannot be again.
    env.refused(
        &entry_args("correct", &["1", "--hours", "4"]),
        65,
        "entry 1 was corrected by entry 2; correct entry 2 instead",
    );
    // A period, a payment and a recognition cleared; the note set.
    env.ok(&entry_args(
        "correct",
        &[
            "2",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--hours",
            "31",
            "--paid",
            "0",
            "--recognition",
            "",
            "--note",
            "October",
        ],
    ));
    let last = entries(&env, P, &[])
        .into_iter()
        .find(|e| e["id"] == 3)
        .unwrap();
    assert_eq!(
        (
            &last["on"],
            &last["to"],
            &last["hours"],
            &last["paid"],
            &last["recognition"],
            &last["note"]
        ),
        (
            &json!("2026-10-01"),
            &json!("2026-10-31"),
            &json!(31.0),
            &json!(0.0),
            &Json::Null,
            &json!("October")
        )
    );
    // And back to one day with --on.
    env.ok(&entry_args(
        "correct",
        &["3", "--on", "2026-10-03", "--hours", "3"],
    ));
    let last = entries(&env, P, &[])
        .into_iter()
        .find(|e| e["id"] == 4)
        .unwrap();
    assert_eq!(
        (&last["on"], &last["to"]),
        (&json!("2026-10-03"), &Json::Null)
    );
    assert_eq!(totals(&env, P, 1), (3.0, 0.0));
}

#[test]
fn correct_keeps_to_the_rules_of_log() {
    let env = env();
    log(&env, P, "1", &["--hours", "6", "--on", "2026-11-01"]);
    log(&env, "lists", "1", &["--hours", "18", "--on", "2026-11-02"]);
    // The entry's own hours do not count against it; others' do.
    env.ok(&entry_args("correct", &["1", "--hours", "24"]));
    env.refused(
        &entry_args("correct", &["3", "--on", "2026-11-02"]),
        65,
        "Ola Stu already has 18h logged on 2026-11-02",
    );
    env.refused(
        &entry_args("correct", &["3", "--hours", "25"]),
        65,
        "25 hours is more than there are in a day (24)",
    );
    env.refused(
        &entry_args("correct", &["3", "--on", "2026-11-24"]),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &entry_args("correct", &["3", "--on", "2025-08-31"]),
        65,
        "before Ola Stu joined peer",
    );
    env.refused(
        &entry_args(
            "correct",
            &["3", "--from", "2026-11-05", "--to", "2026-11-01"],
        ),
        65,
        "before it starts",
    );
    env.refused(
        &entry_args("correct", &["3", "--hours", "0"]),
        65,
        "the corrected entry would log nothing; to take entry 3 back, run \"spm project partner contribution reverse 3\"",
    );
    env.refused(
        &entry_args("correct", &["3", "--hours", "24"]),
        65,
        "the correction changes nothing in entry 3",
    );
    env.refused(
        &entry_args("correct", &["3", "--reason", "why not"]),
        64,
        "nothing to correct",
    );
    env.refused(
        &entry_args("correct", &["99", "--hours", "1"]),
        66,
        "no contribution with id \"99\"",
    );
    env.refused(
        &entry_args("correct", &["3", "--hours", "six"]),
        65,
        "is not a number of hours",
    );
    env.refused(&entry_args("correct", &["3", "--paid", "-1"]), 65, "amount");
    env.refused(
        &entry_args("correct", &["3", "--recognition", "medal"]),
        65,
        "unknown recognition",
    );
    env.clap_fails(&entry_args("correct", &["0", "--hours", "1"]), "");
    env.clap_fails(
        &entry_args("correct", &["3", "--from", "2026-11-01"]),
        "--to",
    );
    env.clap_fails(
        &entry_args(
            "correct",
            &[
                "3",
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
}

// ---------------------------------------------------------------------------------------------
// reverse

#[test]
fn reverse_takes_an_entry_back_and_keeps_it() {
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
        ],
    );
    log(&env, P, "1", &["--hours", "2", "--on", "2026-11-02"]);
    let out = env.run_ok(&entry_args(
        "reverse",
        &["1", "--reason", "the wrong student"],
    ));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "entry 3 reverses entry 1 (Ola Stu on peer, 2026-11-01: 6 hours, £90.00 paid, payment)\n"
    );
    assert_eq!(
        statuses(&env, P),
        [
            (1, 6.0, "reversed by 3".to_string()),
            (3, 0.0, "reverses 1".to_string()),
            (2, 2.0, "counts".to_string()),
        ]
    );
    assert_eq!(totals(&env, P, 1), (2.0, 0.0));
    let recognition = env.json_list(&["project", "partner", "list", P])[0]["recognition"].clone();
    assert_eq!(recognition, json!([]));
    // The day is free again.
    log(&env, "lists", "1", &["--hours", "22", "--on", "2026-11-01"]);
    // Neither the reversed entry nor the reversal can be put right again.
    env.refused(
        &entry_args("reverse", &["1"]),
        65,
        "entry 1 was reversed by entry 3; log the contribution again",
    );
    env.refused(
        &entry_args("correct", &["1", "--hours", "1"]),
        65,
        "entry 1 was reversed by entry 3",
    );
    env.refused(
        &entry_args("reverse", &["3"]),
        65,
        "entry 3 is the reversal of entry 1",
    );
    env.refused(
        &entry_args("reverse", &["99"]),
        66,
        "no contribution with id",
    );
    env.clap_fails(&entry_args("reverse", &["x"]), "");
    // The change log keeps the reversal with what it took back.
    let fields: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE fields LIKE '%\"reverses\"%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let fields: Json = serde_json::from_str(&fields).unwrap();
    assert_eq!(fields["minutes"], json!([360, 0]));
    assert_eq!(fields["reason"], "the wrong student");
}

#[test]
fn an_erased_persons_entries_are_not_put_right() {
    let env = env();
    log(&env, P, "2", &["--hours", "2", "--on", "2026-11-01"]);
    env.ok(&["person", "forget", "2", "--yes"]);
    env.refused(
        &entry_args("correct", &["1", "--hours", "3"]),
        65,
        "was erased",
    );
    env.refused(&entry_args("reverse", &["1"]), 65, "was erased");
    // Their hours still count.
    assert_eq!(statuses(&env, P), [(1, 2.0, "counts".to_string())]);
}

// ---------------------------------------------------------------------------------------------
// reports

/// The summary's value of `measure` in `section`, in exact figures.
fn summary(env: &Env, extra: &[&str]) -> Vec<Json> {
    let mut args = vec!["-q", "--format", "json", "report", "summary", "--raw"];
    args.extend_from_slice(extra);
    match crate::common::json(&env.ok(&args)) {
        Json::Array(rows) => rows,
        other => panic!("{other}"),
    }
}

fn hours_in(rows: &[Json]) -> Json {
    rows.iter()
        .find(|r| r["section"] == "partners" && r["measure"] == "hours")
        .map(|r| r["value"].clone())
        .expect("the hours")
}

#[test]
fn reports_count_a_periods_hours_in_each_year_pro_rata_by_day() {
    let env = env();
    // 20 hours over 20 days, 22 August to 10 September 2026: 10 days in each academic year.
    log(
        &env,
        P,
        "1",
        &[
            "--hours",
            "20",
            "--from",
            "2026-08-22",
            "--to",
            "2026-09-10",
        ],
    );
    // A corrected and a reversed entry count only as they stand.
    log(&env, P, "2", &["--hours", "4", "--on", "2026-10-01"]);
    env.ok(&entry_args("correct", &["2", "--hours", "3"]));
    log(&env, P, "2", &["--hours", "7", "--on", "2026-10-02"]);
    env.ok(&entry_args("reverse", &["4"]));
    assert_eq!(
        hours_in(&summary(&env, &["--year", "2025/26"])),
        json!(10.0)
    );
    assert_eq!(
        hours_in(&summary(&env, &["--year", "2026/27"])),
        json!(13.0)
    );
    assert_eq!(hours_in(&summary(&env, &[])), json!(23.0));
    // The participation report's average hours agree.
    let out = env.ok(&[
        "-q",
        "--format",
        "json",
        "report",
        "participation",
        "--raw",
        "--year",
        "2025/26",
    ]);
    let rows = match crate::common::json(&out) {
        Json::Array(rows) => rows,
        other => panic!("{other}"),
    };
    let total = rows.last().expect("the total");
    // Two people took part in 2025/26, Nia Obi with no hours then.
    assert_eq!(total["average_hours"], json!(5.0), "{total}");
}
