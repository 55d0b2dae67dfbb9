//! `spm fund ...`: apply, decide, spend, list and show, with the cap enforced on every request
//! and award and spend kept within each award.

use serde_json::{Value as Json, json};

use crate::common::{Env, add_project, read_csv};

/// The JSON keys of a row of `fund list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "project",
    "theme",
    "requested",
    "decision",
    "awarded",
    "spent",
    "remaining",
    "applied_on",
    "decided_on",
];

const THEME: &str = "student voices, partnership and academic support";

// ---------------------------------------------------------------------------------------------
// helpers

/// A fresh database with two projects, `mh` and `voice`.
fn projects() -> Env {
    let env = Env::fresh();
    for code in ["mh", "voice"] {
        add_project(&env, code, &[]);
    }
    env
}

/// `spm fund apply PROJECT --amount AMOUNT --theme THEME --on ON`; returns the id.
fn apply(env: &Env, project: &str, amount: &str, on: &str) -> String {
    let id = env
        .ok(&[
            "fund", "apply", project, "--amount", amount, "--theme", THEME, "--on", on,
        ])
        .trim_end()
        .to_string();
    assert!(id.parse::<u64>().is_ok(), "not an application id: {id:?}");
    id
}

/// An application of `mh` for £8,000 on 2026-10-01, awarded £6,000 on 2026-10-15.
fn awarded() -> (Env, String) {
    let env = projects();
    let id = apply(&env, "mh", "8000", "2026-10-01");
    env.ok(&[
        "fund",
        "decide",
        &id,
        "--award",
        "6000",
        "--on",
        "2026-10-15",
    ]);
    (env, id)
}

/// `spm --format json fund show ID`, parsed.
fn show(env: &Env, id: &str) -> Json {
    env.show("fund", id)
}

/// `spm fund decide ID` and then `extra`.
fn decide<'a>(id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["fund", "decide", id];
    args.extend_from_slice(extra);
    args
}

/// `spm fund spend ID --amount AMOUNT --on ON --note NOTE`.
fn spend<'a>(id: &'a str, amount: &'a str, on: &'a str, note: &'a str) -> Vec<&'a str> {
    vec![
        "fund", "spend", id, "--amount", amount, "--on", on, "--note", note,
    ]
}

/// Sets the fund's cap, in pence, straight in the database.
fn set_cap(env: &Env, pence: &str) {
    env.conn()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('fund_cap_pence', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [pence],
        )
        .expect("the cap is set");
}

// ---------------------------------------------------------------------------------------------
// apply

#[test]
fn apply_prints_the_id_and_the_application_is_listed_pending() {
    let env = projects();
    let out = env.run_ok(&[
        "fund",
        "apply",
        "MH",
        "--amount",
        "8000",
        "--theme",
        THEME,
        "--on",
        "2026-10-01",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("£8,000.00"), "{stderr}");
    assert!(stderr.contains("£10,000.00"), "the cap is named: {stderr}");
    let list = env.list("fund", &[]);
    assert_eq!(list.len(), 1);
    let keys: Vec<&str> = list[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, LIST_KEYS);
    assert_eq!(
        list[0],
        json!({
            "id": 1, "project": "mh", "theme": THEME, "requested": 8000.0,
            "decision": "pending", "awarded": null, "spent": 0.0, "remaining": null,
            "applied_on": "2026-10-01", "decided_on": null
        })
    );
}

#[test]
fn apply_reads_money_as_people_write_it_and_defaults_to_today() {
    let env = projects();
    let id = env
        .ok(&[
            "fund",
            "apply",
            "voice",
            "--amount",
            "£8,000.50",
            "--theme",
            "belonging",
        ])
        .trim_end()
        .to_string();
    let a = show(&env, &id);
    assert_eq!(a["requested"], json!(8000.5));
    assert_eq!(a["applied_on"], json!(crate::common::TODAY));
    assert_eq!(a["theme"], json!("belonging"));
    // Exactly the cap is allowed.
    apply(&env, "voice", "10,000", "2026-10-01");
}

#[test]
fn apply_refuses_bad_input_and_writes_nothing() {
    let env = projects();
    let base = |amount: &'static str| {
        vec![
            "fund",
            "apply",
            "mh",
            "--amount",
            amount,
            "--theme",
            THEME,
            "--on",
            "2026-10-01",
        ]
    };
    env.refused(&base("10000.01"), 65, "cap of £10,000.00");
    env.refused(&base("12000"), 65, "£12,000.00");
    env.refused(&base("0"), 65, "more than £0.00");
    env.refused(&base("-5"), 65, "negative");
    env.refused(&base("lots"), 65, "not an amount of money");
    env.refused(&base("2.555"), 65, "two decimal places");
    env.refused(
        &["fund", "apply", "nope", "--amount", "100", "--theme", THEME],
        66,
        "no project with code \"nope\"",
    );
    env.refused(
        &[
            "fund",
            "apply",
            "mh",
            "--amount",
            "100",
            "--theme",
            THEME,
            "--on",
            "2026-11-24",
        ],
        65,
        "in the future",
    );
    env.refused(
        &[
            "fund",
            "apply",
            "mh",
            "--amount",
            "100",
            "--theme",
            THEME,
            "--on",
            "2026-02-30",
        ],
        65,
        "not a day of the calendar",
    );
    env.refused(
        &["fund", "apply", "mh", "--amount", "100", "--theme", "  "],
        65,
        "needs a theme",
    );
    env.refused(
        &["fund", "apply", "mh", "--amount", "100", "--theme", "a\nb"],
        65,
        "one line",
    );
    env.clap_fails(&["fund", "apply", "mh", "--theme", THEME], "--amount");
    env.clap_fails(&["fund", "apply", "mh", "--amount", "100"], "--theme");
    env.clap_fails(&["fund", "apply", "--amount", "100", "--theme", THEME], "");
    assert!(env.list("fund", &[]).is_empty());
}

#[test]
fn a_custom_cap_holds_for_requests() {
    let env = projects();
    set_cap(&env, "500000");
    env.refused(
        &[
            "fund", "apply", "mh", "--amount", "5000.01", "--theme", THEME,
        ],
        65,
        "cap of £5,000.00",
    );
    apply(&env, "mh", "5000", "2026-10-01");
}

// ---------------------------------------------------------------------------------------------
// decide

#[test]
fn an_award_is_recorded_with_its_date_and_note() {
    let env = projects();
    let id = apply(&env, "mh", "8000", "2026-10-01");
    let out = env.run_ok(&decide(
        &id,
        &["--award", "6000", "--on", "2026-10-15", "--note", "panel"],
    ));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("awarded £6,000.00"));
    let a = show(&env, &id);
    assert_eq!(a["decision"], json!("awarded"));
    assert_eq!(a["awarded"], json!(6000.0));
    assert_eq!(a["decided_on"], json!("2026-10-15"));
    assert_eq!(a["decision_note"], json!("panel"));
    assert_eq!(a["remaining"], json!(6000.0));
    // The whole amount asked for, and a decision on the day of the application, are fine.
    let other = apply(&env, "voice", "2000", "2026-10-01");
    env.ok(&decide(&other, &["--award", "2000", "--on", "2026-10-01"]));
}

#[test]
fn a_rejection_is_recorded_and_defaults_to_today() {
    let env = projects();
    let id = apply(&env, "mh", "8000", "2026-10-01");
    env.ok(&decide(&id, &["--reject", "--note", "outside the themes"]));
    let a = show(&env, &id);
    assert_eq!(a["decision"], json!("rejected"));
    assert_eq!(a["awarded"], json!(null));
    assert_eq!(a["remaining"], json!(null));
    assert_eq!(a["decided_on"], json!(crate::common::TODAY));
}

#[test]
fn decide_needs_exactly_one_of_award_and_reject() {
    let env = projects();
    let id = apply(&env, "mh", "8000", "2026-10-01");
    env.clap_fails(&decide(&id, &[]), "--award");
    env.clap_fails(
        &decide(&id, &["--award", "10", "--reject"]),
        "cannot be used",
    );
    env.clap_fails(&decide(&id, &["--award"]), "");
    env.clap_fails(&["fund", "decide", "0", "--reject"], "");
    env.clap_fails(&["fund", "decide", "x", "--reject"], "");
}

#[test]
fn decide_refuses_bad_input_and_writes_nothing() {
    let env = projects();
    let id = apply(&env, "mh", "8000", "2026-10-01");
    env.refused(&decide(&id, &["--award", "12000"]), 65, "cap of £10,000.00");
    env.refused(
        &decide(&id, &["--award", "8000.01"]),
        65,
        "£8,000.00 requested",
    );
    env.refused(&decide(&id, &["--award", "0"]), 65, "more than £0.00");
    env.refused(&decide(&id, &["--award", "-1"]), 65, "negative");
    env.refused(&decide(&id, &["--award", "six"]), 65, "not an amount");
    env.refused(
        &decide(&id, &["--reject", "--on", "2026-09-30"]),
        65,
        "before application 1 was made on 2026-10-01",
    );
    env.refused(
        &decide(&id, &["--reject", "--on", "2026-11-24"]),
        65,
        "in the future",
    );
    env.refused(
        &decide(&id, &["--reject", "--on", "soon"]),
        65,
        "YYYY-MM-DD",
    );
    env.refused(
        &decide(&id, &["--reject", "--note", "a\u{7}b"]),
        65,
        "control characters",
    );
    env.refused(
        &decide("99", &["--reject"]),
        66,
        "no fund application with id \"99\"",
    );
    assert_eq!(show(&env, &id)["decision"], json!("pending"));
}

#[test]
fn an_application_is_decided_once() {
    let (env, id) = awarded();
    env.refused(&decide(&id, &["--reject"]), 65, "already awarded £6,000.00");
    env.refused(
        &decide(&id, &["--award", "100"]),
        65,
        "a decision is made once",
    );
    let other = apply(&env, "voice", "100", "2026-10-01");
    env.ok(&decide(&other, &["--reject"]));
    env.refused(&decide(&other, &["--award", "100"]), 65, "already rejected");
}

#[test]
fn decide_correct_replaces_a_mistaken_decision_and_keeps_the_first_in_the_history() {
    let (env, id) = awarded();
    env.ok(&spend(&id, "1200", "2026-11-02", "catering for the launch"));
    // Money is spent from the award: it cannot drop below that, nor be rejected.
    let spent = show(&env, &id)["spent"].clone();
    env.refused(
        &decide(&id, &["--reject", "--correct"]),
        65,
        "cannot be rejected now",
    );
    env.refused(
        &decide(&id, &["--award", "1", "--correct"]),
        65,
        "less than the",
    );
    env.ok(&decide(
        &id,
        &["--award", "5000", "--correct", "--note", "typo"],
    ));
    let a = show(&env, &id);
    assert_eq!(a["awarded"], 5000.0, "{a}");
    assert_eq!(a["spent"], spent);
    assert_eq!(a["decided_on"], "2026-10-15", "a correction keeps the day");
    let history = a["history"].to_string();
    assert!(
        history.contains("6000") && history.contains("5000"),
        "{history}"
    );
    // A rejection made in error becomes an award.
    let other = apply(&env, "voice", "100", "2026-10-01");
    env.ok(&decide(&other, &["--reject"]));
    env.ok(&decide(&other, &["--award", "80", "--correct"]));
    assert_eq!(show(&env, &other)["awarded"], 80.0);
}

#[test]
fn a_custom_cap_holds_for_awards() {
    let env = projects();
    let id = apply(&env, "mh", "10000", "2026-10-01");
    set_cap(&env, "500000");
    env.refused(&decide(&id, &["--award", "6000"]), 65, "cap of £5,000.00");
    env.ok(&decide(&id, &["--award", "5000"]));
    assert_eq!(show(&env, &id)["awarded"], json!(5000.0));
}

// ---------------------------------------------------------------------------------------------
// spend

#[test]
fn spend_is_recorded_down_to_the_last_penny() {
    let (env, id) = awarded();
    let out = env.run_ok(&spend(&id, "1200", "2026-10-20", "catering"));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("£4,800.00 of the award of £6,000.00 remains"),
        "{stderr}"
    );
    env.ok(&spend(&id, "£4,799.99", "2026-10-15", "payments"));
    env.ok(&spend(&id, "0.01", "2026-11-23", "the last penny"));
    let a = show(&env, &id);
    assert_eq!(a["spent"], json!(6000.0));
    assert_eq!(a["remaining"], json!(0.0));
    let days: Vec<&str> = a["spend"]
        .as_array()
        .expect("the spend")
        .iter()
        .map(|s| s["on"].as_str().expect("a date"))
        .collect();
    assert_eq!(days, ["2026-10-15", "2026-10-20", "2026-11-23"]);
    assert_eq!(a["spend"][1]["note"], json!("catering"));
    assert_eq!(a["spend"][1]["amount"], json!(1200.0));
    env.refused(
        &spend(&id, "0.01", "2026-11-23", "more"),
        65,
        "£0.00 remains",
    );
}

#[test]
fn spend_beyond_the_award_is_refused_naming_what_remains() {
    let (env, id) = awarded();
    env.ok(&spend(&id, "5200", "2026-10-20", "room hire"));
    env.refused(
        &spend(&id, "800.01", "2026-10-21", "more"),
        65,
        "£800.00 remains (£5,200.00 spent)",
    );
    env.refused(
        &spend(&id, "6001", "2026-10-21", "more"),
        65,
        "beyond the award",
    );
}

#[test]
fn spend_refuses_bad_input_and_writes_nothing() {
    let (env, id) = awarded();
    env.refused(
        &spend(&id, "100", "2026-10-14", "early"),
        65,
        "before application 1 was awarded on 2026-10-15",
    );
    env.refused(
        &spend(&id, "100", "2026-11-24", "later"),
        65,
        "in the future",
    );
    env.refused(&spend(&id, "100", "2026-13-01", "x"), 65, "not a day");
    env.refused(&spend(&id, "100", "2026-10-20", "   "), 65, "needs a note");
    env.refused(&spend(&id, "0", "2026-10-20", "x"), 65, "more than £0.00");
    env.refused(&spend(&id, "-100", "2026-10-20", "x"), 65, "negative");
    env.refused(
        &spend("42", "100", "2026-10-20", "x"),
        66,
        "no fund application",
    );
    env.clap_fails(
        &["fund", "spend", &id, "--amount", "100", "--note", "x"],
        "--on",
    );
    env.clap_fails(
        &[
            "fund",
            "spend",
            &id,
            "--amount",
            "100",
            "--on",
            "2026-10-20",
        ],
        "--note",
    );
    env.clap_fails(
        &["fund", "spend", &id, "--on", "2026-10-20", "--note", "x"],
        "--amount",
    );
    assert_eq!(show(&env, &id)["spent"], json!(0.0));
}

#[test]
fn spend_needs_an_award() {
    let env = projects();
    let pending = apply(&env, "mh", "1000", "2026-10-01");
    env.refused(
        &spend(&pending, "100", "2026-10-20", "x"),
        65,
        "has no award yet",
    );
    let rejected = apply(&env, "voice", "1000", "2026-10-01");
    env.ok(&decide(&rejected, &["--reject", "--on", "2026-10-02"]));
    env.refused(
        &spend(&rejected, "100", "2026-10-20", "x"),
        65,
        "was rejected",
    );
}

// ---------------------------------------------------------------------------------------------
// list and show

#[test]
fn list_shows_the_newest_first_and_filters_by_year_and_project() {
    let env = projects();
    let old = apply(&env, "mh", "1000", "2025-10-01");
    let edge = apply(&env, "voice", "2000", "2026-08-31");
    let new = apply(&env, "mh", "3000", "2026-09-01");
    let ids = |args: &[&str]| -> Vec<String> {
        env.list("fund", args)
            .iter()
            .map(|a| a["id"].to_string())
            .collect()
    };
    let (old, edge, new) = (old.as_str(), edge.as_str(), new.as_str());
    assert_eq!(ids(&[]), [new, edge, old]);
    assert_eq!(ids(&["--year", "2025/26"]), [edge, old]);
    assert_eq!(ids(&["--year", "2026-27"]), [new]);
    assert!(ids(&["--year", "2024/25"]).is_empty());
    assert_eq!(ids(&["--project", "MH"]), [new, old]);
    assert_eq!(ids(&["--project", "mh", "--year", "2025/26"]), [old]);
    env.refused(&["fund", "list", "--year", "2025/27"], 65, "consecutive");
    env.refused(&["fund", "list", "--year", "soon"], 65, "academic year");
    env.refused(&["fund", "list", "--project", "nope"], 66, "no project");
    env.clap_fails(&["fund", "list", "--year"], "");
}

#[test]
fn list_totals_what_was_spent_and_remains() {
    let (env, id) = awarded();
    env.ok(&spend(&id, "1200", "2026-10-20", "catering"));
    env.ok(&spend(&id, "300.50", "2026-10-21", "printing"));
    let list = env.list("fund", &[]);
    assert_eq!(list[0]["spent"], json!(1500.5));
    assert_eq!(list[0]["remaining"], json!(4499.5));
    let table = env.ok(&["fund", "list"]);
    for needle in [
        "£8,000.00",
        "£6,000.00",
        "£1,500.50",
        "£4,499.50",
        "awarded",
    ] {
        assert!(table.contains(needle), "{needle} in\n{table}");
    }
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "fund", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(rows[0][3], "8000.00");
    assert_eq!(rows[0][7], "4499.50");
}

#[test]
fn show_has_the_spend_and_the_history() {
    let (env, id) = awarded();
    env.ok(&spend(&id, "1200", "2026-10-20", "catering"));
    let a = show(&env, &id);
    assert_eq!(a["project"], json!("mh"));
    assert_eq!(a["title"], json!("Project mh"));
    assert_eq!(a["spend"].as_array().map(Vec::len), Some(1));
    let history = a["history"].as_array().expect("the history");
    let actions: Vec<&str> = history
        .iter()
        .map(|h| h["action"].as_str().expect("an action"))
        .collect();
    assert_eq!(actions, ["insert", "update", "update"]);
    assert_eq!(
        history[1]["fields"]["decision"],
        json!(["pending", "awarded"])
    );
    assert_eq!(history[2]["fields"]["spent"], json!(["0.00", "1200.00"]));
    assert_eq!(history[2]["fields"]["spend_note"], json!("catering"));
    let table = env.ok(&["fund", "show", &id]);
    for needle in ["Spend", "catering", "History", "applied", "£4,800.00"] {
        assert!(table.contains(needle), "{needle} in\n{table}");
    }
    env.refused(&["fund", "show", "7"], 66, "run \"spm fund list\"");
    env.clap_fails(&["fund", "show", "0"], "");
    env.clap_fails(&["fund", "show", "-3"], "");
}

#[test]
fn every_fund_command_has_help_with_examples() {
    let env = Env::new();
    for cmd in ["apply", "decide", "spend", "list", "show"] {
        let help = env.ok(&["fund", cmd, "--help"]);
        assert!(help.contains("Examples:"), "spm fund {cmd} --help:\n{help}");
    }
    assert!(env.ok(&["fund", "--help"]).contains("Examples:"));
    assert!(!env.db.exists());
}

#[test]
fn the_cap_is_shown_and_set() {
    let env = projects();
    assert_eq!(env.ok(&["fund", "cap"]), "10000.00\n");
    let out = env.run_ok(&["fund", "cap", "£12,000"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "12000.00\n");
    // Requests and awards are held to the new cap.
    apply(&env, "mh", "11000", "2026-11-01");
    for bad in ["0", "-5", "lots"] {
        env.fails_unchanged(&["fund", "cap", bad], 65);
    }
}
