//! Corrections and reversals of the log's entries, and the reports that count hours by year.

use serde_json::{Value as Json, json};

use super::{P, entries, entry_args, env, log, statuses, totals};
use crate::common::Env;

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
        "was forgotten",
    );
    env.refused(&entry_args("reverse", &["1"]), 65, "was forgotten");
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
