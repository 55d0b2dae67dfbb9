//! `spm review remove` (and `rm`): the review goes with its scores and outcomes.

use super::{annual, due_of, list_ids, one_project, review, rows_of, show_project};
use crate::common::Env;

#[test]
fn remove_without_yes_and_no_terminal_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "remove", "1"], 64, "--yes");
}

#[test]
fn remove_deletes_the_review_with_its_scores_and_outcomes() {
    let env = Env::demo();
    assert_eq!(rows_of(&env, "review_scores", "1"), 5);
    assert_eq!(rows_of(&env, "review_outcomes", "1"), 3);
    let out = env.run_ok(&["review", "remove", "1", "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("removed review 1"));
    assert_eq!(list_ids(&env, &[]), [5, 4, 2, 3]);
    assert_eq!(rows_of(&env, "review_scores", "1"), 0);
    assert_eq!(rows_of(&env, "review_outcomes", "1"), 0);
    env.refused(&["review", "show", "1"], 66, "no review");
    env.refused(&["review", "remove", "1", "--yes"], 66, "no review");
}

#[test]
fn rm_is_an_alias_and_bad_ids_are_clap_errors() {
    let env = Env::demo();
    env.ok(&["review", "rm", "5", "-y"]);
    assert_eq!(list_ids(&env, &[]), [4, 2, 3, 1]);
    for id in ["0", "-1", "abc", "99999999999999999999"] {
        env.clap_fails(&["review", "remove", id, "--yes"], "");
    }
}

#[test]
fn removing_the_last_review_brings_the_due_date_back() {
    let env = Env::demo();
    assert_eq!(
        due_of(&env, "intern-archives-2025").as_deref(),
        Some("2026-12-20")
    );
    env.ok(&["review", "remove", "5", "--yes"]);
    // Never reviewed: six months after its start, 2026-01-12.
    assert_eq!(
        due_of(&env, "intern-archives-2025").as_deref(),
        Some("2026-07-12")
    );
}

#[test]
fn removing_a_closing_review_leaves_the_project_completed() {
    let env = one_project("2025-01-01");
    let id = review(&env, "x", &["--on", "2026-11-20", "--kind", "closing"]);
    let out = env.run_ok(&["review", "remove", &id, "--yes"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stays completed"), "{stderr}");
    assert_eq!(show_project(&env, "x")["status"], "completed");
}

#[test]
fn a_project_with_reviews_cannot_be_removed() {
    let env = one_project("2025-01-01");
    let id = annual(&env, "x", "2026-01-01");
    env.refused(
        &["project", "remove", "x", "--yes"],
        65,
        "withdraw it instead",
    );
    env.ok(&["review", "remove", &id, "--yes"]);
    env.ok(&["project", "remove", "x", "--yes"]);
}
