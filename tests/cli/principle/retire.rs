//! `spm principle retire`: off the list but kept, the change log, and what it refuses.

use super::{SPA_CODES, add_args, find, principle_changes, principle_id, with_own_framework};
use crate::common::{Env, TODAY, json};

#[test]
fn retire_takes_a_principle_off_the_list_but_keeps_it() {
    let env = Env::fresh();
    let before = principle_changes(&env).len();
    let out = env.run_ok(&[
        "principle",
        "retire",
        "cp3",
        "--replaced-by",
        "cp4",
        "--on",
        "2026-09-01",
    ]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("retired principle CP3 on 2026-09-01, replaced by CP4"),
        "{stderr}"
    );
    let listed = env.codes("principle", &[]);
    assert!(!listed.contains(&"CP3".to_string()), "{listed:?}");
    assert_eq!(listed.len(), 9);
    let all = env.list("principle", &["--all"]);
    assert_eq!(all.len(), 10);
    assert_eq!(all[2]["code"], "CP3");
    assert_eq!(all[2]["retired_on"], "2026-09-01");
    assert_eq!(all[2]["replaced_by"], "CP4");
    assert!(find(&all, "CP4")["retired_on"].is_null());
    let table = env.ok(&["principle", "list", "--all"]);
    assert!(table.contains("Replaced by") && table.contains("2026-09-01"));
    let p = env.show("principle", "CP3");
    assert_eq!(p["status"], "retired");
    assert_eq!(p["retired_on"], "2026-09-01");
    assert_eq!(p["replaced_by"], "CP4");
    assert!(env.ok(&["principle", "show", "CP3"]).contains("retired"));
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(
        (fws[0]["principles"].as_i64(), fws[0]["retired"].as_i64()),
        (Some(9), Some(1))
    );
    // The change log records the retirement as an update.
    let changes = principle_changes(&env);
    assert_eq!(changes.len(), before + 1);
    let (id, action, _, fields) = changes.last().unwrap();
    assert_eq!(*id, principle_id(&env, "CP3"));
    assert_eq!(action, "update");
    let fields = json(fields);
    assert_eq!(fields["retired_on"][1], "2026-09-01");
    assert_eq!(fields["replaced_by"][1], "CP4");
}

#[test]
fn retire_defaults_to_today() {
    let env = Env::fresh();
    let stderr = String::from_utf8(env.run(&["principle", "retire", "CP4"]).stderr).unwrap();
    assert!(
        stderr.contains(&format!("retired principle CP4 on {TODAY}")),
        "{stderr}"
    );
    let p = env.show("principle", "CP4");
    assert_eq!(p["retired_on"], TODAY);
    assert!(p["replaced_by"].is_null());
    assert_eq!(principle_changes(&env).len(), 1);
}

#[test]
fn retire_refuses_a_principle_retired_already() {
    let env = Env::fresh();
    env.ok(&["principle", "retire", "CP3", "--on", "2026-01-05"]);
    env.refused(
        &["principle", "retire", "CP3"],
        65,
        "already retired on 2026-01-05",
    );
    env.fails_unchanged(&["principle", "retire", "cp3", "--on", "2026-02-01"], 65);
}

#[test]
fn retire_refuses_bad_replacements() {
    let env = Env::fresh();
    env.ok(&["principle", "retire", "CP2"]);
    for (replacement, code, message) in [
        ("cp3", 65, "cannot replace itself"),
        ("HFH1", 65, "same framework"),
        ("CP2", 65, "\"CP2\" is retired too"),
        ("CP99", 66, "no principle with code \"CP99\""),
    ] {
        env.refused(
            &["principle", "retire", "CP3", "--replaced-by", replacement],
            code,
            message,
        );
    }
    env.clap_fails(&["principle", "retire", "CP3", "--replaced-by"], "error:");
}

#[test]
fn retire_refuses_unknown_codes_and_bad_dates() {
    let env = Env::fresh();
    env.refused(
        &["principle", "retire", "CP99"],
        66,
        "no principle with code \"CP99\"",
    );
    for bad in ["2026-02-30", "yesterday", "1/9/2026", "2026-9-1"] {
        env.refused(&["principle", "retire", "CP3", "--on", bad], 65, bad);
    }
    env.clap_fails(&["principle", "retire"], "error:");
    env.clap_fails(&["principle", "retire", "CP3", "--on"], "error:");
}

#[test]
fn retire_refuses_a_value_whose_principles_are_in_use() {
    let env = Env::fresh();
    let err = env.refused(
        &["principle", "retire", "SPA1"],
        65,
        "still has principles in use",
    );
    assert!(err.contains("SPA1.1, SPA1.2, SPA1.3"), "{err}");
    env.ok(&["principle", "retire", "SPA1.1"]);
    env.ok(&["principle", "retire", "SPA1.2", "--replaced-by", "SPA1.3"]);
    env.refused(&["principle", "retire", "SPA1"], 65, "(SPA1.3)");
    env.ok(&["principle", "retire", "SPA1.3"]);
    env.ok(&["principle", "retire", "SPA1"]);
    let spa = env.codes("principle", &["--framework", "spa"]);
    assert_eq!(spa, SPA_CODES[4..]);
    // The value's show still lists its retired principles, with their dates.
    let v = env.show("principle", "SPA1");
    assert_eq!(v["status"], "retired");
    let children = v["principles"].as_array().unwrap();
    assert_eq!(children.len(), 3);
    assert!(children.iter().all(|c| c["retired_on"] == TODAY));
}

#[test]
fn add_and_retire_are_written_to_the_change_log() {
    let env = Env::fresh();
    assert!(principle_changes(&env).is_empty());
    env.ok(&add_args("OWN1", "New", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "CP1", "--replaced-by", "CP2"]);
    // Failures write nothing.
    env.fails_unchanged(&["principle", "retire", "CP1"], 65);
    env.fails_unchanged(&add_args("OWN1", "Again", &["--framework", "ours"]), 65);
    let changes = principle_changes(&env);
    let summary: Vec<(i64, &str)> = changes
        .iter()
        .map(|(id, action, _, _)| (*id, action.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (principle_id(&env, "OWN1"), "insert"),
            (principle_id(&env, "CP1"), "update")
        ]
    );
    assert!(changes.iter().all(|(_, _, actor, _)| actor == "tester"));
}

#[test]
fn retire_refuses_the_last_principle_of_the_adopted_framework() {
    let env = with_own_framework();
    env.ok(&["principle", "adopt", "ours"]);
    let err = env.refused(
        &["principle", "retire", "OWN1"],
        65,
        "last principle in use",
    );
    assert!(err.contains("adopt another framework"), "{err}");
    // Once another framework is adopted, it can go.
    env.ok(&["principle", "adopt", "lse-principles"]);
    env.ok(&["principle", "retire", "OWN1"]);
}
