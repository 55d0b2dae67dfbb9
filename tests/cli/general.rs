//! The whole binary: help, completions, exit codes, output plumbing.

use crate::common::Env;

#[test]
fn help_lists_the_nouns_and_examples() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    for noun in [
        "project",
        "principle",
        "db",
        "init",
        "completions",
        "Examples:",
    ] {
        assert!(help.contains(noun), "--help lacks {noun}: {help}");
    }
    assert!(!env.db.exists(), "--help must not create the database");
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let env = Env::new();
    let out = env.run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!env.db.exists());
}
