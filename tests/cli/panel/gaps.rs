//! `spm panel gaps`: the terms of a year without a session.

use serde_json::Value as Json;

use super::{add_args, list_ids, session};
use crate::common::{Env, stderr_of};

/// The terms `panel gaps ARGS` lists, in order (every row's year checked against `year`).
fn gaps(env: &Env, year: &str, args: &[&str]) -> Vec<String> {
    let mut full = vec!["panel", "gaps"];
    full.extend_from_slice(args);
    env.json_list(&full)
        .iter()
        .map(|g| {
            assert_eq!(g["year"], year, "{g}");
            g["term"].as_str().expect("a term").to_string()
        })
        .collect()
}

/// Sets the names of the terms, as a coordinator's configuration would.
fn set_terms(env: &Env, terms: &str) {
    env.conn()
        .execute(
            "INSERT INTO settings(key, value) VALUES ('terms', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [terms],
        )
        .expect("the terms setting");
}

#[test]
fn gaps_across_a_year_lists_the_terms_without_a_session() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    session(&env, "spring", "2026-05-05");
    assert_eq!(
        gaps(&env, "2025/26", &["--year", "2025/26"]),
        vec!["winter"]
    );
    // A second session in a term does not fill another.
    session(&env, "autumn", "2025-11-18");
    assert_eq!(
        gaps(&env, "2025/26", &["--year", "2025/26"]),
        vec!["winter"]
    );
    // Today (2026-11-23) is in the autumn term of 2026/27, where the panel has not met yet;
    // winter and spring are still to come, not gaps.
    assert_eq!(gaps(&env, "2026/27", &[]), vec!["autumn"]);
    let out = env.run_ok(&["panel", "gaps"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("still to come in 2026/27: winter, spring"),
        "{out:?}"
    );
    assert!(gaps(&env, "2027/28", &["--year", "2027/28"]).is_empty());
    let csv = env.ok(&["--format", "csv", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(csv, "year,term\n2025/26,winter\n");
    let md = env.ok(&["--format", "md", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(md, "| Year | Term |\n|---|---|\n| 2025/26 | winter |\n");
    let table = env.ok(&["panel", "gaps", "--year", "2025/26"]);
    assert!(
        table.contains("winter") && !table.contains("autumn"),
        "{table}"
    );
}

#[test]
fn gaps_when_every_term_has_met_is_an_empty_list_and_a_note() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    session(&env, "winter", "2026-01-20");
    session(&env, "spring", "2026-05-05");
    let out = env.run_ok(&["--format", "json", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
    assert!(
        stderr_of(&out).contains("the panel has met in every term of 2025/26"),
        "{}",
        stderr_of(&out)
    );
    let csv = env.ok(&["--format", "csv", "panel", "gaps", "--year", "2025/26"]);
    assert_eq!(csv, "year,term\n");
}

#[test]
fn gaps_follow_custom_term_names() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    set_terms(&env, "michaelmas,lent,summer");
    // The old session's term is no longer configured: it fills no term, and a note says so.
    let out = env.run_ok(&["--format", "json", "panel", "gaps", "--year", "2025/26"]);
    let rows: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    let terms: Vec<&str> = rows
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["term"].as_str().expect("a term"))
        .collect();
    assert_eq!(terms, vec!["michaelmas", "lent", "summer"]);
    assert!(
        stderr_of(&out).contains("panel session 1 on 2025-10-14 is in term \"autumn\""),
        "{}",
        stderr_of(&out)
    );
    env.refused(
        &add_args("autumn", "2025-10-21", &[]),
        65,
        "the terms of the academic year are michaelmas, lent, summer",
    );
    session(&env, "Michaelmas", "2025-11-04");
    session(&env, "summer", "2026-06-09");
    assert_eq!(gaps(&env, "2025/26", &["--year", "2025/26"]), vec!["lent"]);
    // The old name still finds the old session.
    assert_eq!(list_ids(&env, &["--term", "autumn"]), vec![1]);
    env.ok(&["panel", "edit", "1", "--term", "lent"]);
    assert!(gaps(&env, "2025/26", &["--year", "2025/26"]).is_empty());
}

#[test]
fn gaps_refuses_a_bad_year() {
    let env = Env::fresh();
    env.refused(&["panel", "gaps", "--year", "2025/27"], 65, "did you mean");
    env.refused(
        &["panel", "gaps", "--year", "twenty"],
        65,
        "not of the form",
    );
    env.clap_fails(&["panel", "gaps", "--year"], "");
    env.clap_fails(&["panel", "gaps", "2025/26"], "");
}

#[test]
fn gaps_on_a_database_with_a_broken_terms_setting_is_one_line() {
    let env = Env::fresh();
    set_terms(&env, " , ,");
    env.refused(&["panel", "gaps", "--year", "2025/26"], 65, "no term names");
    set_terms(&env, "first term,second term");
    env.refused(
        &add_args("first term", "2025-10-14", &[]),
        65,
        "not a term name",
    );
}
