//! `spm person forget`: the person is forgotten, their participation kept, and nothing of them is left
//! in the database or its WAL.

use serde_json::{Value as Json, json};

use super::{
    amira, amira_with_everything, export, files_of, holds, leads, partners, peer, requests,
};
use crate::common::{TODAY, add_person, add_project, person, student};

/// Asserts that `text` holds none of `secrets`, whatever the case.
fn holds_none(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !holds(text.as_bytes(), s),
            "{s:?} is still in {what}: {text}"
        );
    }
}

#[test]
fn forget_without_yes_and_no_terminal_is_refused() {
    let env = amira();
    env.refused(
        &["person", "forget", "1"],
        64,
        "forgetting Amira Hassan needs confirmation: add --yes",
    );
    assert_eq!(person(&env, "1")["email"], "a.hassan@example.ac.uk");
}

#[test]
fn forget_erases_the_person_but_keeps_their_participation() {
    let env = amira_with_everything();
    let out = env.run_ok(&["person", "forget", "a.hassan@example.ac.uk", "--yes"]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "forgot Amira Hassan <a.hassan@example.ac.uk> (#1): now former participant #1"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("backups"), "{stderr}");

    let p = person(&env, "1");
    assert_eq!(p["name"], "former participant #1");
    assert!(p["email"].is_null());
    assert!(p["notes"].is_null());
    assert_eq!(p["erased_on"], TODAY);
    assert_eq!(p["kind"], "student");
    assert_eq!(p["consent"], "forgotten");
    assert_eq!(person(&env, "former participant #1")["id"], 1);

    let doc = export(&env, "1");
    assert_eq!(doc["characteristics"], json!([]));
    assert_eq!(doc["contributions"].as_array().unwrap().len(), 2);

    // Roles, hours and payments stay, so the counts stay right.
    let rows = partners(&env, "x");
    assert_eq!(rows.len(), 2);
    let hers = rows
        .iter()
        .find(|r| r["person_id"] == 1)
        .expect("her partner row");
    assert_eq!(hers["person"], "former participant #1");
    assert_eq!(hers["hours"], 6.0);
    assert_eq!(hers["paid"], 90.0);
    let x = env.show("project", "x");
    assert_eq!(x["partners"].as_array().map(Vec::len), Some(2));
    assert_eq!(x["hours"], 9.0);
    assert_eq!(x["paid"], 90.0);
    assert_eq!(p["paid"], 90.0);
    assert_eq!(p["projects"].as_array().unwrap().len(), 1);
    assert_eq!(p["requests"].as_array().unwrap().len(), 1);

    // Her name is free again.
    add_person(&env, "Amira Hassan", "student", &[]);
}

#[test]
fn forget_a_second_time_only_runs_the_clean_up_again_without_asking() {
    let env = amira();
    env.ok(&["person", "forget", "1", "--yes"]);
    let before = env.dump();
    // No --yes and no terminal: nothing is left to forget, so nothing needs confirming.
    let out = env.run_ok(&["person", "forget", "1"]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "former participant #1 was forgotten already, on 2026-11-23; finished the clean-up: freed space in the database file is overwritten and its write-ahead log emptied"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn forget_a_lead_removes_their_name_from_the_project_and_its_history() {
    let env = leads();
    add_project(
        &env,
        "x",
        &[
            "--lead",
            "Dr Quentin Leadbetter",
            "--summary",
            "run by Dr Quentin Leadbetter",
        ],
    );
    env.ok(&["project", "edit", "x", "--lead", "Dr A. Khan"]);
    env.ok(&["project", "edit", "x", "--lead", "Dr Quentin Leadbetter"]);
    assert_eq!(person(&env, "Dr Quentin Leadbetter")["id"], 3);
    env.ok(&["person", "forget", "Dr Quentin Leadbetter", "--yes"]);
    let x = env.show("project", "x");
    assert_eq!(x["lead"], "former participant #3");
    assert_eq!(x["summary"], "run by former participant #3");
    assert!(!x.to_string().contains("Quentin"), "{x}");
    for (name, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "Quentin"), "the name is still in {name}");
    }
}

#[test]
fn forget_leaves_the_email_name_and_notes_in_neither_the_database_nor_its_wal() {
    let env = peer();
    let email = "q.vantablack@erasure-test.example";
    let name = "Quorra Vantablack";
    let old_name = "Quorra Z. Vantablack";
    let notes = "allergic to zebrafish 7731";
    let old_notes = "met at the octopus fair 4417";
    let id = add_person(
        &env,
        old_name,
        "student",
        &[
            "--email",
            "old.q.vantablack@erasure-test.example",
            "--consent",
            "2025-09-01",
            "--notes",
            old_notes,
            "--dept",
            "Economics",
        ],
    );
    env.ok(&[
        "person", "edit", &id, "--name", name, "--email", email, "--notes", notes,
    ]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "peer",
        email,
        "--role",
        "student-partner",
        "--from",
        "2025-10-01",
    ]);
    let review = env
        .ok(&[
            "review",
            "add",
            "peer",
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--reviewer",
            name,
            "--reviewer",
            "Dr A. Khan",
            "--went-well",
            &format!("{name} ({email}) ran the peer sessions"),
            "--lessons",
            &format!("ask {name} back"),
        ])
        .trim_end()
        .to_string();
    env.ok(&["person", "characteristic", "set", name, "disability", "no"]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "peer",
        name,
        "--hours",
        "2",
        "--paid",
        "30",
        "--on",
        "2026-11-02",
        "--note",
        &format!("thanks to {name}, see {email}"),
    ]);
    env.ok(&[
        "person",
        "request",
        "add",
        email,
        "erasure",
        "--note",
        &format!("{name} asked from {email}"),
    ]);
    // The data is in the files before.
    let before: Vec<u8> = files_of(&env.db).into_iter().flat_map(|(_, b)| b).collect();
    assert!(holds(&before, email));

    env.ok(&["person", "forget", email, "--yes"]);

    let secrets = [
        email,
        "old.q.vantablack",
        name,
        old_name,
        "Vantablack",
        notes,
        old_notes,
        "zebrafish",
        "octopus",
    ];
    for (file, bytes) in files_of(&env.db) {
        for s in secrets {
            assert!(!holds(&bytes, s), "{s:?} is still in {file}");
        }
    }

    let p = person(&env, &id);
    holds_none("person show", &p.to_string(), &secrets);
    assert_eq!(p["history"].as_array().unwrap().len(), 4);
    let r = env.show("review", &review);
    holds_none("review show", &r.to_string(), &secrets);
    assert_eq!(
        r["reviewers"],
        json!([format!("former participant #{id}"), "Dr A. Khan"])
    );
    assert!(
        r["went_well"]
            .as_str()
            .unwrap()
            .starts_with(&format!("former participant #{id}")),
        "{r}"
    );
    let project = env.show("project", "peer");
    holds_none("project show", &project.to_string(), &secrets);
    holds_none(
        "request list",
        &Json::Array(requests(&env, &[])).to_string(),
        &secrets,
    );
    holds_none("the export", &export(&env, &id).to_string(), &secrets);
    // Participation is still counted.
    assert_eq!(project["partners"].as_array().map(Vec::len), Some(1));
    assert_eq!(project["hours"], 2.0);
    assert_eq!(project["paid"], 30.0);
}

#[test]
fn forget_also_erases_the_name_and_email_written_in_another_case() {
    let env = peer();
    let id = student(&env, "Yara Vex", "Yara.Vex@erasure-test.example");
    let review = env
        .ok(&[
            "review",
            "add",
            "peer",
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--reviewer",
            "yara vex",
            "--went-well",
            "YARA VEX and yara.vex@erasure-test.example helped",
        ])
        .trim_end()
        .to_string();
    env.ok(&["person", "forget", &id, "--yes"]);
    let r = env.show("review", &review);
    holds_none("review show", &r.to_string(), &["yara"]);
    for (file, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "yara"), "the name is still in {file}");
    }
}

/// Forgetting answers the person's open erasure requests, and each one closed is in the
/// change log as "person request close" logs it: not their access request, not one closed
/// already, not another person's.
#[test]
fn forget_logs_each_erasure_request_it_closes_as_request_close_does() {
    let env = amira();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    for (who, kind, on) in [
        ("1", "erasure", "2026-11-01"),
        ("1", "access", "2026-11-02"),
        ("1", "erasure", "2026-11-03"),
        ("1", "erasure", "2026-11-04"),
        ("2", "erasure", "2026-11-05"),
    ] {
        env.ok(&["person", "request", "add", who, kind, "--received", on]);
    }
    // Request 4 is answered by hand first; request 5 is Sam's.
    env.ok(&["person", "request", "close", "4", "--on", "2026-11-10"]);
    let closings = |env: &crate::common::Env| -> Vec<(i64, String, Json)> {
        let conn = env.conn();
        let mut stmt = conn
            .prepare(
                "SELECT entity_id, actor, fields FROM changes
                 WHERE entity = 'data_request' AND action = 'update' ORDER BY id",
            )
            .expect("a query");
        stmt.query_map([], |r| {
            let fields: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                serde_json::from_str(&fields).expect("JSON"),
            ))
        })
        .and_then(|rows| rows.collect())
        .expect("the change log")
    };
    let by_hand = closings(&env);
    assert_eq!(
        by_hand,
        [(
            4,
            "tester".to_string(),
            json!({ "closed_on": [null, "2026-11-10"] })
        )]
    );

    env.ok(&["person", "forget", "1", "--yes"]);

    let closed = |id: i64| {
        (
            id,
            "tester".to_string(),
            json!({ "closed_on": [null, TODAY] }),
        )
    };
    assert_eq!(closings(&env), [by_hand[0].clone(), closed(1), closed(3)]);
    let open: Vec<i64> = requests(&env, &["--open"])
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(open, [2, 5], "her access request and Sam's stay open");
    // The person's export holds the entries too, as it does request close's.
    let doc = export(&env, "1");
    let logged = doc["change_log"]
        .as_array()
        .expect("a change log")
        .iter()
        .filter(|c| c["entity"] == "data_request" && c["action"] == "update")
        .count();
    assert_eq!(logged, 3);
}
