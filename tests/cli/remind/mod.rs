//! `spm remind`: everything that needs someone, from every source, for cron.

use serde_json::Value;

use crate::common::Env;

mod cron;
mod dry_run;
mod send;

/// A database where only what a test adds is due: the panel has met this term (autumn
/// 2026/27, today being 2026-11-23).
fn quiet() -> Env {
    let env = Env::fresh();
    env.ok(&[
        "panel",
        "add",
        "--term",
        "autumn",
        "--on",
        "2026-10-14",
        "--topic",
        "Belonging",
    ]);
    env
}

fn staff(env: &Env, name: &str, email: Option<&str>) {
    let mut args = vec!["person", "add", name, "--kind", "staff"];
    if let Some(email) = email {
        args.extend(["--email", email]);
    }
    env.ok(&args);
}

/// Adds a recommendation (from nowhere) owned by `owner`, due on `due`; returns its id.
fn rec(env: &Env, text: &str, owner: Option<&str>, due: Option<&str>) -> String {
    let mut args = vec![
        "rec",
        "add",
        "--finding",
        "students said so",
        "--recommendation",
        text,
        "--to",
        "Registry",
        "--on",
        "2026-01-10",
    ];
    if let Some(owner) = owner {
        args.extend(["--owner", owner]);
    }
    if let Some(due) = due {
        args.extend(["--due", due]);
    }
    env.ok(&args).trim().to_string()
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json", "remind"];
    all.extend(args);
    serde_json::from_str(&env.ok(&all)).expect("remind writes JSON")
}

/// How many items each source has, in the JSON.
fn counts(v: &Value) -> Vec<(String, usize)> {
    let grouped = |key: &str, inner: &str| -> usize {
        v[key]
            .as_array()
            .map(|gs| {
                gs.iter()
                    .map(|g| g[inner].as_array().map_or(0, Vec::len))
                    .sum()
            })
            .unwrap_or(0)
    };
    let list = |key: &str| v[key].as_array().map_or(0, Vec::len);
    vec![
        ("reviews".into(), grouped("reviews", "reviews")),
        ("recs".into(), grouped("recommendations", "recommendations")),
        ("requests".into(), list("requests")),
        ("consent".into(), list("consents")),
        ("impact".into(), list("impacts")),
        ("panel".into(), usize::from(!v["panel"].is_null())),
    ]
}

#[test]
fn nothing_due_is_silent_and_exits_0() {
    let env = quiet();
    for args in [
        &["remind"][..],
        &["remind", "--exit-code"],
        &["remind", "--within", "60d"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {:?}", out.stdout);
        assert!(out.stderr.is_empty(), "{args:?}: {:?}", out.stderr);
    }
    let v = json(&env, &[]);
    assert!(counts(&v).iter().all(|(_, n)| *n == 0), "{v}");
    assert_eq!(v["today"], "2026-11-23");
    assert_eq!(v["until"], "2026-12-07");
}

#[test]
fn the_demo_has_something_from_every_source() {
    let env = Env::demo();
    let out = env.run(&["remind"]);
    assert_eq!(out.status.code(), Some(0));
    let expected = "\
Reminders for 2026-11-23: 3 project reviews, 2 recommendations, 1
data-protection request, 1 consent expiring, 1 impact to check and a panel
session.

Project reviews due by 2026-12-07, by staff lead
  Dr A. Khan <a.khan@example.ac.uk>
    mh-peer-2025  Mental health peer support
        due 2026-10-01, 53 days overdue
        spm review add mh-peer-2025
  Dr P. Murphy
    catalyst-access-2025  Accessible lecture materials
        due 2026-11-10, 13 days overdue
        spm review add catalyst-access-2025
  L. Halls
    cm-commuter-2025  Change Makers: the commuter student experience
        due 2026-11-01, 22 days overdue
        spm review add cm-commuter-2025

Recommendations due by 2026-12-07, by owner
  Prof. J. Osei <j.osei@example.ac.uk>
    #5  Publish a course-level statement on AI use for every module.
        to Pro-Director for Education, accepted; due 2026-12-04, due in 11 days
        spm rec update 5 --status STATUS --response TEXT
  No owner
    #4  Open a common room for commuter students.
        to Estates, proposed; due 2026-10-31, 23 days overdue
        spm rec update 4 --status STATUS --response TEXT

Data-protection requests due (answer within one calendar month)
  #1  access request from Tom Evans (person 4)
      received 2026-10-29, due 2026-11-29, due in 6 days
      spm person request close 1

Consent expiring
  Amira Hassan (person 3)
      consent expires 2026-12-15, in 22 days
      spm person edit 3 --consent DATE --consent-expires DATE

Impact to check (implemented six months ago or more, not checked since)
  #6  Rewrite every marking rubric in plain English.
      implemented on 2026-02-02; owner Dr M. Rossi
      spm rec impact 6 --worked yes|partly|no|unknown --evidence TEXT

Student Education Panel
  The autumn term of 2026/27 has begun and the panel has not met in it.
      spm panel add --term autumn --on DATE --topic TEXT
";
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert!(out.stderr.is_empty());
    // Exit 1 with --exit-code, the same text.
    let out = env.run(&["remind", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    // The panel: on the first day of the winter term nobody has met in it.
    let out = env.run_with(
        &[("SPM_TODAY", "2027-01-04")],
        &["remind", "--only", "panel"],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Reminders for 2027-01-04: a panel session.\n\nStudent Education Panel\n  The winter term of 2026/27 has begun and the panel has not met in it.\n      spm panel add --term winter --on DATE --topic TEXT\n"
    );
}

#[test]
fn only_picks_sources_and_each_is_alone() {
    let env = Env::demo();
    let all = counts(&json(&env, &[]));
    for (source, n) in &all {
        let v = json(&env, &["--only", source]);
        for (other, m) in counts(&v) {
            if other == *source {
                assert_eq!(m, *n, "--only {source}");
            } else {
                assert_eq!(m, 0, "--only {source} has {other}");
            }
        }
        let text = env.ok(&["remind", "--only", source]);
        assert_eq!(text.is_empty(), *n == 0, "--only {source}: {text}");
    }
    let two = counts(&json(&env, &["--only", "requests,consent"]));
    assert_eq!(two[2].1 + two[3].1, 2);
    assert_eq!(two[0].1 + two[1].1 + two[4].1 + two[5].1, 0);
    let repeated = counts(&json(&env, &["--only", "requests", "--only", "consent"]));
    assert_eq!(repeated, two);
}

#[test]
fn recommendations_are_grouped_by_owner_with_those_without_one_last() {
    let env = quiet();
    staff(&env, "Zoë Ávila", Some("z.avila@example.ac.uk"));
    staff(&env, "Ben Adams", None);
    let a = rec(&env, "first for Zoë", Some("Zoë Ávila"), Some("2026-11-01"));
    let b = rec(&env, "for Ben", Some("Ben Adams"), Some("2026-12-07"));
    let c = rec(
        &env,
        "second for Zoë",
        Some("Zoë Ávila"),
        Some("2026-11-30"),
    );
    let d = rec(&env, "nobody's", None, Some("2026-11-20"));
    // Not due: past the horizon, no due date, or closed.
    rec(&env, "later", Some("Ben Adams"), Some("2026-12-08"));
    rec(&env, "undated", Some("Ben Adams"), None);
    let done = rec(&env, "done", Some("Ben Adams"), Some("2026-11-01"));
    env.ok(&[
        "rec",
        "update",
        &done,
        "--status",
        "implemented",
        "--response",
        "done",
    ]);
    let v = json(&env, &["--only", "recs"]);
    let groups: Vec<(String, Vec<String>)> = v["recommendations"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|g| {
            (
                g["owner"]["name"].as_str().unwrap_or("-").to_string(),
                g["recommendations"]
                    .as_array()
                    .expect("a list")
                    .iter()
                    .map(|r| r["id"].to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Ben Adams".to_string(), vec![b]),
            ("Zoë Ávila".to_string(), vec![a, c]),
            ("-".to_string(), vec![d]),
        ]
    );
    // --within looks further.
    let v = json(&env, &["--only", "recs", "--within", "30d"]);
    assert_eq!(counts(&v)[1].1, 5);
}

#[test]
fn requests_consent_and_impact_have_their_own_horizons() {
    let env = quiet();
    // Requests: due one month after receipt; reminded within 7 days of it, or overdue.
    env.ok(&["person", "add", "Ann Student", "--kind", "student"]);
    env.ok(&["person", "add", "Bo Student", "--kind", "student"]);
    env.ok(&["person", "add", "Cy Student", "--kind", "student"]);
    env.ok(&[
        "person",
        "request",
        "add",
        "Ann Student",
        "access",
        "--received",
        "2026-10-30",
    ]);
    env.ok(&[
        "person",
        "request",
        "add",
        "Bo Student",
        "erasure",
        "--received",
        "2026-11-01",
    ]);
    env.ok(&[
        "person",
        "request",
        "add",
        "Cy Student",
        "access",
        "--received",
        "2026-10-01",
    ]);
    env.ok(&["person", "request", "close", "3", "--on", "2026-10-20"]);
    let v = json(&env, &["--only", "requests"]);
    let due: Vec<&str> = v["requests"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| r["due"].as_str())
        .collect();
    assert_eq!(due, ["2026-11-30"]);
    // Consent: expiring from today to 30 days on; not one withdrawn or already expired.
    for (name, expires) in [
        ("Dee", "2026-11-23"),
        ("Eve", "2026-12-23"),
        ("Fay", "2026-12-24"),
        ("Gus", "2026-11-22"),
    ] {
        env.ok(&[
            "person",
            "add",
            name,
            "--kind",
            "student",
            "--consent",
            "2026-01-01",
            "--consent-expires",
            expires,
        ]);
    }
    env.ok(&["person", "edit", "Eve", "--consent-withdrawn", "2026-11-20"]);
    let v = json(&env, &["--only", "consent"]);
    let people: Vec<&str> = v["consents"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["person"].as_str())
        .collect();
    assert_eq!(people, ["Dee"]);
    // Impact: implemented six months ago or more, not checked.
    let old = rec(&env, "old", None, None);
    let recent = rec(&env, "recent", None, None);
    let checked = rec(&env, "checked", None, None);
    for (id, on) in [
        (&old, "2026-05-23"),
        (&recent, "2026-05-24"),
        (&checked, "2026-01-10"),
    ] {
        env.ok(&[
            "rec",
            "update",
            id,
            "--status",
            "implemented",
            "--on",
            on,
            "--response",
            "done",
        ]);
    }
    env.ok(&[
        "rec",
        "impact",
        &checked,
        "--worked",
        "yes",
        "--evidence",
        "survey",
    ]);
    let v = json(&env, &["--only", "impact"]);
    let ids: Vec<String> = v["impacts"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| i["id"].to_string())
        .collect();
    assert_eq!(ids, [old]);
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let env = Env::demo();
    env.refused(&["remind", "--within", "soon"], 65, "is not a span of time");
    env.refused(
        &["remind", "--format", "csv"],
        64,
        "remind writes text or json only",
    );
    env.refused(
        &["remind", "-o", "due.xlsx"],
        64,
        "remind writes text or json only",
    );
    env.clap_fails(&["remind", "--only", "everything"], "invalid value");
    assert!(!env.path("due.xlsx").exists());
}
