//! `spm project remove` (and `rm`).

use super::{add, one_project};
use crate::common::Env;

#[test]
fn remove_with_yes_deletes_the_project_only() {
    let env = Env::demo();
    let out = env.run(&["project", "remove", "reps-forum-2025", "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("removed project reps-forum-2025"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.refused(
        &["project", "show", "reps-forum-2025"],
        66,
        "no project with code",
    );
    let left = env.codes("project", &[]);
    assert_eq!(left.len(), 14);
    assert!(!left.iter().any(|c| c == "reps-forum-2025"));
}

#[test]
fn remove_rm_is_an_alias_with_short_y() {
    let (env, code) = one_project();
    env.ok(&["project", "rm", &code, "-y"]);
    assert!(env.codes("project", &[]).is_empty());
    // The code is free again.
    assert_eq!(add(&env, "Mental health peer support", &[]), code);
}

#[test]
fn remove_then_add_gives_the_new_project_a_history_of_its_own() {
    // The change log keeps the removed project's entries; a new project must not inherit
    // them (SQLite reuses the highest rowid once it is deleted).
    let env = Env::new();
    let old = add(&env, "Registered by mistake", &[]);
    env.ok(&["project", "rm", &old, "--yes"]);
    let new = add(&env, "Brand new project", &[]);
    let p = env.show("project", &new);
    let history = p["history"].as_array().expect("history");
    assert_eq!(history.len(), 1, "{p}");
    assert_eq!(history[0]["action"], "insert");
}
