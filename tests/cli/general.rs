//! The whole binary: help, completions, exit codes, output plumbing.

use crate::common::{Env, mode, set_mode};

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

/// build.rs links the unwinder into the program on Linux with glibc, so that no start pays
/// for loading libgcc_s.so and running its start-up code.
#[cfg(static_unwinder)]
#[test]
fn the_program_does_not_load_libgcc_s() {
    let program = std::fs::read(env!("CARGO_BIN_EXE_spm")).expect("the spm binary");
    let named = program
        .windows(b"libgcc_s.so".len())
        .any(|w| w == b"libgcc_s.so");
    assert!(!named, "spm names libgcc_s.so among the libraries it loads");
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
fn an_unknown_format_is_a_bad_value() {
    let env = Env::demo();
    env.clap_fails(&["--format", "xml", "project", "list"], "xml");
}

/// One exit code for one kind of mistake, whether clap or spm notices it (the README's
/// table): a missing argument, value or command, or an unknown flag, 64; a value that is not
/// one spm takes, 65; help and version, 0.
#[test]
fn exit_codes_are_the_same_whoever_notices_the_mistake() {
    let env = Env::demo();
    let cases: &[(&[&str], i32, &str)] = &[
        // Missing: clap notices a missing positional argument, spm a missing flag.
        (&["project", "show"], 64, "required"),
        (
            &["project", "add", "X", "--level", "partnership"],
            64,
            "--form is required",
        ),
        (&["project", "status", "mh-peer-2025"], 64, "required"),
        (&["review", "show"], 64, "required"),
        (&["--db"], 64, "a value is required"),
        (&["project", "list", "--status"], 64, "a value is required"),
        (&["project"], 64, "Usage:"),
        (&[], 64, "Usage:"),
        // Unknown flags and commands, and a flag given twice.
        (&["project", "list", "--colour"], 64, "unexpected argument"),
        (&["project", "frobnicate"], 64, "unrecognized subcommand"),
        (&["review", "show", "-1"], 64, "unexpected argument"),
        (
            &["--quiet", "--quiet", "project", "list"],
            64,
            "cannot be used multiple times",
        ),
        // Values: clap's own (a number, a shell, a format) and spm's (an enumeration, a date).
        (&["review", "show", "abc"], 65, "invalid value"),
        (&["review", "show", "0"], 65, "invalid value"),
        (&["completions", "tcsh"], 65, "invalid value"),
        (&["--format", "xml", "project", "list"], 65, "invalid value"),
        (
            &["project", "list", "--status", "activ"],
            65,
            "did you mean",
        ),
        (&["project", "list", "--year", "2025/27"], 65, "2025/27"),
    ];
    for (args, code, needle) in cases {
        let out = env.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "spm {args:?}: {stderr}");
        assert!(stderr.contains(needle), "spm {args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "spm {args:?} wrote to stdout");
    }
    for args in [
        &["--help"][..],
        &["--version"],
        &["project", "--help"],
        &["help", "review"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "spm {args:?}");
        assert!(!out.stdout.is_empty(), "spm {args:?} printed nothing");
    }
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

#[test]
fn output_through_a_link_rewrites_the_file_it_points_to() {
    let env = Env::demo();
    let real = env.path("shared-report.csv");
    std::fs::write(&real, "old contents\n").expect("a report");
    set_mode(&real, 0o644);
    let link = env.path("link.csv");
    std::os::unix::fs::symlink(&real, &link).expect("a link");
    env.ok(&["--format", "csv", "project", "list", "-o", "link.csv"]);
    let meta = std::fs::symlink_metadata(&link).expect("the link");
    assert!(meta.file_type().is_symlink(), "the link must stay a link");
    let text = std::fs::read_to_string(&real).expect("the report");
    assert!(text.starts_with("code,title,"), "{text}");
    assert_eq!(mode(&real), 0o644, "an existing file keeps its permissions");
}

#[test]
fn a_new_output_file_is_private() {
    let env = Env::demo();
    env.ok(&["--format", "json", "project", "list", "-o", "projects.json"]);
    assert_eq!(mode(&env.path("projects.json")), 0o600);
}

#[test]
fn output_to_a_named_pipe_writes_into_the_pipe() {
    let env = Env::demo();
    let fifo = env.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("the pipe reads"))
    };
    env.ok(&[
        "--format",
        "csv",
        "project",
        "list",
        "-o",
        fifo.to_str().expect("UTF-8"),
    ]);
    let text = reader.join().expect("the reader ends");
    assert!(text.starts_with("code,title,"), "{text}");
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("the pipe")
        .file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "the pipe must stay a pipe"
    );
}

#[test]
fn completions_into_a_closed_pipe_or_a_full_disk_do_not_panic() {
    let env = Env::new();
    let mut child = env
        .std_cmd(&["completions", "fish"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spm starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("spm ends");
    assert!(out.status.success(), "status {}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = env
        .std_cmd(&["completions", "bash"])
        .stdout(full)
        .output()
        .expect("spm runs");
    assert_eq!(out.status.code(), Some(74));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn a_search_text_too_long_is_bad_input_for_every_filter() {
    let env = Env::demo();
    let long = "x".repeat(100_000);
    for args in [
        vec!["project", "list", "--search", &long],
        vec!["project", "list", "--lead", &long],
        vec!["person", "list", "--search", &long],
        vec!["review", "due", "--lead", &long],
    ] {
        let stderr = env.refused(
            &args,
            65,
            "is 100000 characters long; search for at most 200",
        );
        assert!(stderr.len() < 200, "{stderr}");
    }
    // At the limit, a search is a search.
    let most = "x".repeat(200);
    env.ok(&["project", "list", "--search", &most]);
}

#[test]
fn dates_before_1900_are_refused_for_consent_status_and_start() {
    let env = Env::demo();
    for args in [
        vec![
            "person",
            "add",
            "Ana Silva",
            "--kind",
            "student",
            "--consent",
            "1899-09-01",
        ],
        vec![
            "project",
            "status",
            "mh-peer-2025",
            "paused",
            "--on",
            "0202-01-01",
        ],
        vec!["project", "edit", "mh-peer-2025", "--start", "1066-10-14"],
        vec![
            "project",
            "add",
            "Old",
            "--form",
            "educational-research",
            "--level",
            "partnership",
            "--start",
            "1899-12-31",
        ],
    ] {
        env.refused(&args, 65, "is before 1900; check the year");
    }
}

/// Who the change log names is read once, at the edge, and reaches every way of writing: a
/// command, `init --demo`, and an import of a file.
#[test]
fn the_change_log_names_spm_user_else_the_login() {
    let env = Env::new();
    let actors = || -> Vec<String> {
        let conn = env.conn();
        let mut stmt = conn
            .prepare("SELECT DISTINCT actor FROM changes ORDER BY actor")
            .expect("a query");
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .expect("the actors")
    };
    env.run_with(&[("SPM_USER", "alice")], &["init", "--demo"]);
    assert_eq!(actors(), ["alice"]);
    let out = env.run_with(
        &[("SPM_USER", "bob")],
        &[
            "project",
            "add",
            "Peer support",
            "--form",
            "wider-student-experience",
            "--level",
            "partnership",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        env.path("people.csv"),
        "name,email,kind\nSam Lee,sam@example.ac.uk,student\n",
    )
    .expect("a file");
    // Without SPM_USER, the login (the tests' USER).
    env.ok(&["-q", "person", "import", "people.csv"]);
    // A blank SPM_USER counts as none.
    env.run_with(
        &[("SPM_USER", " ")],
        &[
            "project",
            "edit",
            "peer-support",
            "--department",
            "Sociology",
        ],
    );
    assert_eq!(actors(), ["alice", "bob", "tester"]);
}
