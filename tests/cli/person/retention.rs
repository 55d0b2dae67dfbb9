//! `spm person retention`: people kept longer than the retention period, and forgetting them.

use super::{lead_of, names_of, partners, retention, retention_env};
use crate::common::{Env, TODAY, person, read_csv};

/// The value of a setting, read from the database.
fn setting(env: &Env, key: &str) -> Option<String> {
    env.conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
}

#[test]
fn retention_dry_run_lists_only_people_kept_too_long_and_changes_nothing() {
    let env = retention_env();
    let before = env.dump();
    let (rows, stderr) = retention(&env, &["--dry-run"]);
    assert_eq!(
        names_of(&rows),
        [
            "Ancient Student",
            "Older Student",
            "Dr Old Lead",
            "Old Student"
        ]
    );
    let ended: Vec<&str> = rows.iter().map(|r| r["ended"].as_str().unwrap()).collect();
    assert_eq!(
        ended,
        ["2015-06-30", "2019-03-31", "2019-06-30", "2019-06-30"]
    );
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "name", "kind", "ended"]);
    assert_eq!(rows[2]["kind"], "staff");
    assert!(
        stderr.contains("4 people are kept more than 6 years"),
        "{stderr}"
    );
    assert!(stderr.contains("--dry-run"), "{stderr}");
    assert_eq!(before, env.dump(), "a dry run changed the database");
}

#[test]
fn retention_without_yes_and_no_terminal_is_refused() {
    let env = retention_env();
    let before = env.dump();
    let out = env.run(&["person", "retention"]);
    assert_eq!(out.status.code(), Some(64), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: forgetting people past retention needs confirmation: add --yes"),
        "{stderr}"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn retention_without_yes_refuses_before_it_prints_or_saves_anything() {
    let env = retention_env();
    env.refused(&["person", "retention"], 64, "--yes");
    env.refused(&["person", "retention", "--years", "10"], 64, "--yes");
}

#[test]
fn retention_yes_erases_them_and_keeps_the_rest() {
    let env = retention_env();
    let out = env.run_ok(&["--format", "csv", "person", "retention", "--yes"]);
    let (_, rows) = read_csv(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows.len(), 4);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("forgot 4 people kept more than 6 years")
    );
    let people = env.list("person", &[]);
    let erased: Vec<i64> = people
        .iter()
        .filter(|p| p["erased_on"] == TODAY)
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(erased, [1, 2, 3, 4]);
    for p in &people {
        if p["erased_on"].is_null() {
            continue;
        }
        assert_eq!(p["name"], format!("former participant #{}", p["id"]));
        assert!(p["email"].is_null());
    }
    assert_eq!(person(&env, "5")["name"], "Recent Student");
    assert_eq!(person(&env, "6")["name"], "Current Student");
    assert_eq!(lead_of(&env, "old-2019"), "former participant #1");
    assert_eq!(partners(&env, "old-2019").len(), 3, "their roles stay");
    // Nobody is left to forget.
    let (rows, stderr) = retention(&env, &["--dry-run"]);
    assert!(rows.is_empty());
    assert!(stderr.contains("nobody has been kept more than 6 years"));
}

#[test]
fn retention_years_saves_the_period_and_looks_again() {
    let env = retention_env();
    let (rows, stderr) = retention(&env, &["--years", "10", "--dry-run"]);
    assert_eq!(names_of(&rows), ["Ancient Student"]);
    assert!(
        stderr.contains("the retention period is now 10 years"),
        "{stderr}"
    );
    assert_eq!(setting(&env, "retention_years").as_deref(), Some("10"));
    // Saved for next time.
    let (rows, _) = retention(&env, &["--dry-run"]);
    assert_eq!(names_of(&rows), ["Ancient Student"]);
    let (rows, _) = retention(&env, &["--years", "1", "--dry-run"]);
    assert_eq!(rows.len(), 5, "Recent Student left more than a year ago");
    let (rows, _) = retention(&env, &["--years", "12", "--dry-run"]);
    assert!(rows.is_empty());
}

#[test]
fn retention_bad_flags_are_clap_errors() {
    let env = retention_env();
    for years in ["0", "101", "-1", "six"] {
        env.clap_fails(&["person", "retention", "--years", years], "");
    }
    env.clap_fails(
        &["person", "retention", "--dry-run", "--yes"],
        "cannot be used with",
    );
    assert_eq!(setting(&env, "retention_years"), None);
}
