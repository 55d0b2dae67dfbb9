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
    env.clap_fails(&["frobnicate"], "");
    assert!(!env.db.exists());
}

#[test]
fn every_command_prints_help_with_examples() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &["init"],
        &["project"],
        &["project", "add"],
        &["project", "list"],
        &["project", "show"],
        &["project", "edit"],
        &["project", "status"],
        &["project", "remove"],
        &["principle"],
        &["principle", "frameworks"],
        &["principle", "list"],
        &["principle", "show"],
        &["principle", "add"],
        &["principle", "retire"],
        &["principle", "adopt"],
        &["db"],
        &["db", "path"],
        &["db", "check"],
        &["db", "backup"],
        &["completions"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = env.ok(&args);
        assert!(
            help.contains("Examples:"),
            "spm {cmd:?} --help has no examples:\n{help}"
        );
        assert!(
            help.contains("Usage:"),
            "spm {cmd:?} --help has no usage line"
        );
    }
    assert!(!env.db.exists(), "help must not create the database");
}

#[test]
fn version_prints_the_package_version() {
    let env = Env::new();
    let out = env.ok(&["--version"]);
    assert_eq!(out.trim(), format!("spm {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn global_flags_work_after_the_subcommand_too() {
    let env = Env::demo();
    let before = env.ok(&["--format", "csv", "project", "list", "--status", "paused"]);
    let after = env.ok(&["project", "list", "--status", "paused", "--format", "csv"]);
    assert_eq!(before, after);
    assert!(before.starts_with("code,title,"), "{before}");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let env = Env::demo();
    env.clap_fails(&["--format", "xml", "project", "list"], "xml");
}

#[test]
fn quiet_silences_messages_but_not_data() {
    let env = Env::new();
    let out = env.run_ok(&[
        "-q",
        "project",
        "add",
        "Quiet one",
        "--form",
        "educational-research",
        "--level",
        "consultation",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "quiet-one-2026\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_database_held_by_another_writer_is_busy_with_exit_75() {
    let env = Env::demo();
    // A connection of the test's own that holds the write lock until it rolls back.
    let hold_the_write_lock = || {
        let holder = env.conn();
        holder
            .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
            .expect("the test holds the write lock");
        holder
    };
    let before = env.dump();
    let holder = hold_the_write_lock();
    let stderr = env.fails(
        &[
            "project",
            "add",
            "Blocked",
            "--form",
            "educational-research",
            "--level",
            "involvement",
        ],
        75,
    );
    assert!(stderr.contains("busy"), "{stderr}");
    holder
        .execute_batch("ROLLBACK")
        .expect("the lock is released");
    drop(holder);
    assert_eq!(before, env.dump());
    // Readers are not blocked by a writer in WAL mode.
    let holder = hold_the_write_lock();
    assert!(env.ok(&["project", "list"]).contains("mh-peer-2025"));
    holder
        .execute_batch("ROLLBACK")
        .expect("the lock is released");
}

#[test]
fn an_invalid_spm_today_is_refused() {
    let env = Env::demo();
    let out = env.run_with(
        &[("SPM_TODAY", "23/11/2026")],
        &[
            "project",
            "add",
            "T",
            "--form",
            "educational-research",
            "--level",
            "involvement",
        ],
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SPM_TODAY"));
}
