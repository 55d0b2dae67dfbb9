//! `spm person request add/list/close`: data-protection requests and when they are due.

use serde_json::{Value as Json, json};

use super::{amira, requests};
use crate::common::{TODAY, person, read_csv};

#[test]
fn request_add_prints_the_id_and_is_due_one_calendar_month_later() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-01-31",
        "--note",
        "by email",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "recorded request 1: access for Amira Hassan, received 2026-01-31, due 2026-02-28"
        ),
        "{stderr}"
    );
    for (received, due) in [
        ("2024-01-31", "2024-02-29"),
        ("2026-03-31", "2026-04-30"),
        ("2025-12-15", "2026-01-15"),
    ] {
        env.ok(&[
            "person",
            "request",
            "add",
            "a.hassan@example.ac.uk",
            "erasure",
            "--received",
            received,
        ]);
        let last = requests(&env, &[])
            .into_iter()
            .find(|r| r["received"] == received)
            .expect("the request");
        assert_eq!(last["due"], due, "received {received}");
    }
    // Received today by default.
    let id: i64 = env
        .ok(&["person", "request", "add", "Amira Hassan", "erasure"])
        .trim_end()
        .parse()
        .expect("a request id");
    assert_eq!(id, 5);
    let r = requests(&env, &[])
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap();
    assert_eq!(r["received"], TODAY);
    assert_eq!(r["due"], "2026-12-23");
}

#[test]
fn request_add_bad_input_is_refused() {
    let env = amira();
    env.refused(
        &[
            "person",
            "request",
            "add",
            "1",
            "access",
            "--received",
            "2026-11-24",
        ],
        65,
        "after today (2026-11-23)",
    );
    env.refused(
        &[
            "person",
            "request",
            "add",
            "1",
            "access",
            "--received",
            "2024-02-30",
        ],
        65,
        "not a day of the calendar",
    );
    env.refused(
        &["person", "request", "add", "1", "deletion"],
        65,
        "unknown request kind \"deletion\"",
    );
    env.refused(
        &["person", "request", "add", "2", "access"],
        66,
        "no person with id",
    );
    env.clap_fails(&["person", "request", "add", "1"], "<KIND>");
}

#[test]
fn request_list_shows_what_is_due_overdue_and_closed() {
    let env = amira();
    let add = |received: &str, kind: &str| {
        env.ok(&[
            "person",
            "request",
            "add",
            "1",
            kind,
            "--received",
            received,
        ])
        .trim_end()
        .to_string()
    };
    add("2026-11-20", "erasure"); // 1: due 2026-12-20
    add("2026-10-23", "access"); // 2: due today
    add("2026-01-31", "access"); // 3: due 2026-02-28
    add("2026-09-01", "erasure"); // 4: due 2026-10-01, closed
    env.ok(&["person", "request", "close", "4", "--on", "2026-09-20"]);
    let all = requests(&env, &[]);
    let ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [3, 4, 2, 1], "soonest due first");
    let keys: Vec<&str> = all[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "person",
            "kind",
            "received",
            "due",
            "closed_on",
            "state"
        ]
    );
    let states: Vec<&str> = all.iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(
        states,
        ["268 days overdue", "closed", "due today", "due in 27 days"]
    );
    assert_eq!(all[1]["closed_on"], "2026-09-20");
    assert_eq!(all[0]["person"], "Amira Hassan");
    let open: Vec<i64> = requests(&env, &["--open"])
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(open, [3, 2, 1]);
    // person show lists them too.
    let p = person(&env, "1");
    let states: Vec<&str> = p["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 4);
    assert!(states.contains(&"268 days overdue"), "{states:?}");
    // And the CSV has the same columns.
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "request", "ls"]));
    assert_eq!(header[6], "state");
    assert_eq!(rows.len(), 4);
}

#[test]
fn request_close_records_the_day_it_was_answered() {
    let env = amira();
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-01",
    ]);
    env.ok(&["person", "request", "add", "1", "erasure"]);
    let out = env.run_ok(&["person", "request", "close", "1", "--on", "2026-11-01"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("closed request 1 (access for Amira Hassan) on 2026-11-01")
    );
    env.ok(&["person", "request", "close", "2"]);
    let closed: Vec<Json> = requests(&env, &[])
        .iter()
        .map(|r| r["closed_on"].clone())
        .collect();
    assert_eq!(closed, [json!("2026-11-01"), json!(TODAY)]);
    assert!(requests(&env, &["--open"]).is_empty());
}

#[test]
fn request_close_bad_input_is_refused() {
    let env = amira();
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-01",
    ]);
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-10-31"],
        65,
        "2026-10-31 is before request 1 arrived on 2026-11-01",
    );
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-02-30"],
        65,
        "not a day",
    );
    env.refused(
        &["person", "request", "close", "2"],
        66,
        "no request with id \"2\"",
    );
    for id in ["0", "-1", "abc"] {
        env.clap_fails(&["person", "request", "close", id], "");
    }
    env.ok(&["person", "request", "close", "1", "--on", "2026-11-10"]);
    env.refused(
        &["person", "request", "close", "1"],
        65,
        "request 1 was closed already, on 2026-11-10",
    );
}
