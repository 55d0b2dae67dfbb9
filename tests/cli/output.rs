//! Output faults: an output file that is the database, a full disk, a reader that stops,
//! a folder that cannot be written.

use std::fs;
use std::io::Read;
use std::process::Stdio;

use crate::common::Env;

/// A database big enough that its exports pass every buffer on the way to a file or pipe.
fn big() -> Env {
    let env = Env::new();
    env.ok(&["init", "-q"]);
    env.ok(&[
        "dev",
        "generate",
        "--projects",
        "2000",
        "--reviews",
        "2000",
        "--people",
        "300",
        "--seed",
        "7",
    ]);
    env
}

#[test]
fn no_output_replaces_the_database_by_any_name() {
    let env = Env::demo();
    std::os::unix::fs::symlink(&env.db, env.path("link.csv")).expect("a link");
    fs::hard_link(&env.db, env.path("hard.xlsx")).expect("a hard link");
    fs::create_dir(env.path("sub")).expect("a folder");
    let bytes = fs::read(&env.db).expect("the database");
    let cases: &[&[&str]] = &[
        &["--format", "csv", "project", "list", "-o", "spm.db"],
        &["project", "list", "-o", "./sub/../spm.db"],
        &["--format", "csv", "project", "list", "-o", "link.csv"],
        &["project", "list", "-o", "hard.xlsx"],
        &["--format", "json", "project", "list", "-o", "spm.db-wal"],
        &["project", "list", "-o", "spm.db-shm"],
        &["project", "list", "-o", "spm.db-journal"],
        &["export", "-o", "spm.db"],
        &["--format", "xlsx", "export", "-o", "link.csv"],
        &["--format", "csv", "export", "-o", "spm.db"],
        &["review", "calendar", "-o", "spm.db"],
        &["person", "export", "1", "-o", "link.csv"],
        &["report", "all", "-o", "spm.db"],
        &["--format", "csv", "report", "summary", "-o", "hard.xlsx"],
    ];
    for args in cases {
        let stderr = env.refused(args, 73, "cannot create");
        assert!(
            stderr.contains("the database itself")
                || stderr.contains("a file SQLite keeps beside the database"),
            "spm {args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    assert_eq!(fs::read(&env.db).expect("the database"), bytes);
    assert!(
        std::fs::symlink_metadata(env.path("link.csv"))
            .expect("the link")
            .file_type()
            .is_symlink()
    );
    // The same file names beside another database are ordinary outputs.
    env.ok(&["project", "list", "-o", "sub/spm.db"]);
}

#[test]
fn a_folder_export_never_writes_over_the_database() {
    // A database that happens to be named like a table's file, in the folder exported to.
    let env = Env::new();
    let db = env.path("out/projects.csv");
    // A folder named by SPM_DB is not made by spm: made here.
    fs::create_dir(env.path("out")).expect("a folder");
    env.cmd()
        .env("SPM_DB", &db)
        .args(["init", "--demo", "-q"])
        .assert()
        .success();
    let bytes = fs::read(&db).expect("the database");
    let out = env
        .cmd()
        .env("SPM_DB", &db)
        .args(["--format", "csv", "export", "-o", "out"])
        .output()
        .expect("spm runs");
    assert_eq!(out.status.code(), Some(73), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the database itself"));
    assert_eq!(fs::read(&db).expect("the database"), bytes);
}

#[test]
fn a_full_disk_is_one_clean_error() {
    let env = big();
    let cases: &[&[&str]] = &[
        &["--format", "xlsx", "export", "-o", "/dev/full"],
        &["--format", "xlsx", "project", "list", "-o", "/dev/full"],
        &["--format", "csv", "project", "list", "-o", "/dev/full"],
        &["report", "all", "-o", "/dev/full"],
    ];
    for args in cases {
        let stderr = env.fails_unchanged(args, 74);
        assert!(
            stderr.starts_with("error: cannot write") && stderr.contains("No space left"),
            "spm {args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "spm {args:?}: {stderr}");
    }
}

#[test]
fn a_reader_that_stops_early_is_not_a_failure() {
    let env = big();
    for args in [
        &["--format", "csv", "project", "list", "-o", "/dev/stdout"][..],
        &["--format", "csv", "project", "list"][..],
        &["--format", "json", "project", "list", "-o", "/dev/stdout"][..],
    ] {
        let mut child = env
            .std_cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spm starts");
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("spm ends");
        assert_eq!(out.status.code(), Some(0), "spm {args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "spm {args:?}");
    }
}

#[test]
fn a_named_pipe_whose_reader_stops_is_not_a_failure() {
    let env = big();
    let fifo = env.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = fs::File::open(fifo).expect("the pipe opens");
            let mut first = [0u8; 16];
            f.read_exact(&mut first).expect("some output");
        })
    };
    let out = env
        .std_cmd(&[
            "--format",
            "csv",
            "project",
            "list",
            "-o",
            fifo.to_str().expect("UTF-8"),
        ])
        .output()
        .expect("spm runs");
    reader.join().expect("the reader ends");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_refused() {
    let env = Env::demo();
    fs::write(env.path("plain"), "a file, not a folder\n").expect("a file");
    env.refused(
        &["project", "list", "-o", "no/such/folder/list.txt"],
        73,
        "does not exist",
    );
    env.refused(
        &["project", "list", "-o", "plain/list.txt"],
        73,
        "cannot create",
    );
    env.refused(
        &["--format", "csv", "export", "-o", "plain"],
        73,
        "it is a file",
    );
    assert!(!env.path("no").exists());
}
