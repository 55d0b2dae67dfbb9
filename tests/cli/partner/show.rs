//! Partners in `project show` and `person show`: roles, hours and payments, and the change log in
//! `person export`.

use serde_json::{Value as Json, json};

use super::{P, join, list, partner_args, people};
use crate::common::{partner_log as log, person};

#[test]
fn project_show_totals_the_partners_hours_and_payments() {
    let env = people();
    let before = env.show("project", P);
    assert_eq!(before["hours"], 0.0);
    assert_eq!(before["paid"], 0.0);
    assert_eq!(before["partners"], json!([]));
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    join(&env, P, "3", "intern", &[]);
    join(&env, P, "1", "lead", &[]);
    log(
        &env,
        P,
        "2",
        &["--hours", "6", "--paid", "90", "--on", "2026-11-01"],
    );
    log(&env, P, "3", &["--hours", "1:30", "--paid", "22.50"]);
    let p = env.show("project", P);
    assert_eq!(p["hours"], 7.5);
    assert_eq!(p["paid"], 112.5);
    // The partners section: the rows of `partner list`.
    assert_eq!(p["partners"], Json::Array(list(&env, P)));
    let table = env.ok(&["project", "show", P]);
    for text in [
        "Partners",
        "Partners' hours",
        "Paid to partners",
        "£112.50",
        "Ola Stu",
        "Nia Obi",
        "Dr A. Khan",
    ] {
        assert!(table.contains(text), "{text} missing from:\n{table}");
    }
    let count = table
        .lines()
        .find(|l| l.contains("Partners ") && !l.contains("hours"))
        .expect("the partners line");
    assert!(count.contains(" 3 "), "{count}");
    // Another project's partners are not counted.
    join(&env, "welcome", "2", "intern", &[]);
    log(
        &env,
        "welcome",
        "2",
        &["--hours", "2", "--on", "2026-11-02"],
    );
    assert_eq!(env.show("project", P)["hours"], 7.5);
    assert_eq!(env.show("project", "welcome")["hours"], 2.0);
}

#[test]
fn project_show_json_keeps_the_partner_count_beside_the_section() {
    let env = people();
    join(&env, P, "2", "student-partner", &[]);
    join(&env, P, "3", "intern", &[]);
    let p = env.show("project", P);
    let obj = p.as_object().unwrap();
    let counts: Vec<&Json> = obj
        .iter()
        .filter(|(k, v)| k.contains("partner") && v.is_number())
        .map(|(_, v)| v)
        .collect();
    assert_eq!(counts, [&json!(2)], "{p}");
    let sections = obj
        .iter()
        .filter(|(k, v)| k.contains("partner") && v.as_array().is_some_and(|a| a.len() == 2))
        .count();
    assert_eq!(sections, 1, "{p}");
}

#[test]
fn person_show_lists_every_project_role_with_hours_and_payments() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    join(&env, "welcome", "2", "intern", &[]);
    log(
        &env,
        P,
        "2",
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
    log(
        &env,
        "welcome",
        "2",
        &["--hours", "2", "--recognition", "certificate"],
    );
    let p = person(&env, "ola@example.ac.uk");
    assert_eq!(p["paid"], 90.0);
    let hours = &p["hours"];
    assert!(
        hours == &json!(8.0) || hours == &json!("8"),
        "hours in all: {hours}"
    );
    let projects = p["projects"].as_array().unwrap();
    let seen: Vec<(&str, &str)> = projects
        .iter()
        .map(|r| (r["project"].as_str().unwrap(), r["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [("peer", "student-partner"), ("welcome", "intern")],
        "newest year first"
    );
    let keys: Vec<&str> = projects[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "project",
            "title",
            "role",
            "from",
            "to",
            "hours",
            "paid",
            "recognition"
        ]
    );
    assert_eq!(projects[0]["title"], "Project peer");
    assert_eq!(projects[0]["from"], "2025-10-01");
    assert_eq!(projects[0]["hours"], 6.0);
    assert_eq!(projects[0]["paid"], 90.0);
    assert_eq!(projects[0]["recognition"], json!(["payment"]));
    assert_eq!(projects[1]["hours"], 2.0);
    assert_eq!(projects[1]["paid"], 0.0);
    assert_eq!(projects[1]["recognition"], json!(["certificate"]));
    let table = env.ok(&["person", "show", "2"]);
    for text in ["peer", "welcome", "£90.00", "Hours in all"] {
        assert!(table.contains(text), "{text} missing from:\n{table}");
    }
}

#[test]
fn partner_changes_are_in_the_persons_export_log() {
    let env = people();
    join(&env, P, "2", "intern", &["--from", "2025-10-01"]);
    log(&env, P, "2", &["--hours", "2", "--on", "2026-11-01"]);
    env.ok(&partner_args("end", &[P, "2", "--on", "2026-11-10"]));
    let doc = crate::common::json(&env.ok(&["person", "export", "2"]));
    let partner_log: Vec<&Json> = doc["change_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entity"] == "partner")
        .collect();
    assert_eq!(partner_log.len(), 3);
    assert_eq!(partner_log[0]["action"], "insert");
    assert_eq!(partner_log[0]["fields"]["role"], "intern");
    assert_eq!(partner_log[1]["fields"]["minutes"], 120);
    assert_eq!(partner_log[2]["fields"]["to"], json!([null, "2026-11-10"]));
}
