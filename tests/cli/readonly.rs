//! A database the user can read but not write: a read-only file, a read-only folder, both,
//! and a write-ahead log left in a read-only folder. Every command that only reads works;
//! every command that writes is refused with exit 77; nothing is left beside the database.
//!
//! File permissions do not stop root, and CI runs the tests as root. There the reader is
//! another user: spm runs under `setpriv` (or `runuser`) as `nobody`, on files root made.
//! As any other user, plain `chmod` makes the files read-only. Either way each case first
//! proves that a write really is refused, so a setup that failed to take write access away
//! fails the test instead of passing it unexercised.

use std::fs;
use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{Env, TODAY, dump, set_mode};

/// The user and group the reader runs as when the tests run as root: `nobody`.
const NOBODY: u32 = 65534;

/// How the reader runs spm.
pub(crate) struct Reader {
    /// The command and arguments that run a program as the reader (empty: as ourselves).
    prefix: Vec<String>,
    /// The spm binary, where the reader can run it.
    bin: PathBuf,
    root: bool,
}

impl Reader {
    /// A reader for the files in `env`'s folder.
    pub(crate) fn new(env: &Env) -> Reader {
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_spm"));
        // SAFETY: geteuid has no preconditions and cannot fail.
        let root = unsafe { libc::geteuid() } == 0;
        if !root {
            return Reader {
                prefix: Vec::new(),
                bin,
                root,
            };
        }
        let id = NOBODY.to_string();
        let prefix: Vec<String> = if works(&["setpriv", "--version"]) {
            [
                "setpriv",
                &format!("--reuid={id}"),
                &format!("--regid={id}"),
                "--clear-groups",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        } else if works(&["runuser", "--help"]) {
            ["runuser", "-u", "nobody", "--"]
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            panic!(
                "these tests run as root, where file permissions stop nobody: they need setpriv or runuser to run spm as another user"
            );
        };
        // The reader reaches the folder and runs a copy of spm in it (the build folder may be
        // closed to other users).
        set_mode(env.dir.path(), 0o755);
        let copy = env.path("spm-bin");
        fs::copy(&bin, &copy).expect("a copy of spm");
        set_mode(&copy, 0o755);
        Reader {
            prefix,
            bin: copy,
            root,
        }
    }

    /// Runs spm as the reader on the database at `db`.
    pub(crate) fn run(&self, db: &Path, args: &[&str]) -> Output {
        let mut cmd = match self.prefix.split_first() {
            Some((program, rest)) => {
                let mut cmd = Command::new(program);
                cmd.args(rest).arg(&self.bin);
                cmd
            }
            None => Command::new(&self.bin),
        };
        cmd.arg("--db")
            .arg(db)
            .args(args)
            .env("SPM_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("USER", "reader")
            .env_remove("SPM_DB")
            .env_remove("SPM_USER")
            .current_dir("/");
        cmd.output().expect("spm runs")
    }

    /// Gives the file or folder at `path` to the reader (when we are root) with `mode`.
    pub(crate) fn give(&self, path: &Path, mode: u32) {
        if self.root {
            chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
        }
        set_mode(path, mode);
    }

    /// Keeps the file or folder at `path` from the reader: ours, with `mode` (as root, the
    /// reader is someone else; otherwise `mode` alone must say read-only).
    fn keep(&self, path: &Path, mode: u32) {
        set_mode(path, mode);
    }
}

/// Whether a program runs and succeeds.
fn works(args: &[&str]) -> bool {
    Command::new(args[0])
        .args(&args[1..])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Commands that only read, each of which must work on a database the reader cannot write.
const READS: &[&[&str]] = &[
    &["project", "list"],
    &["--format", "csv", "project", "list"],
    &["project", "show", "mh-peer-2025"],
    &["project", "partner", "list", "mh-peer-2025"],
    &["review", "due"],
    &["review", "remind"],
    &["review", "list"],
    &["review", "show", "1"],
    &["review", "calendar"],
    &["person", "list"],
    &["person", "show", "1"],
    &["person", "export", "1"],
    &["person", "request", "list"],
    &["person", "retention", "--dry-run"],
    &["principle", "list"],
    &["principle", "frameworks"],
    &["principle", "show", "CP1"],
    &["rec", "list"],
    &["rec", "board"],
    &["panel", "list"],
    &["panel", "terms"],
    &["panel", "gaps"],
    &["fund", "list"],
    &["priority", "list"],
    &["report", "summary"],
    &["report", "principles"],
    &["report", "participation"],
    &["db", "check"],
];

/// Commands that write, each of which must be refused with exit 77.
const WRITES: &[&[&str]] = &[
    &[
        "project",
        "add",
        "Read only",
        "--form",
        "educational-research",
        "--level",
        "partnership",
    ],
    &["project", "status", "mh-peer-2025", "paused"],
    &["principle", "adopt", "spa"],
    &["panel", "terms", "michaelmas,lent,summer"],
    &["db", "check", "--fix"],
];

/// A demo database in its own folder `shared`, made by us; returns its path.
pub(crate) fn shared_demo(env: &Env) -> PathBuf {
    fs::create_dir(env.path("shared")).expect("a folder");
    let db = env.path("shared/spm.db");
    env.cmd()
        .args([
            "--db",
            db.to_str().expect("a UTF-8 path"),
            "init",
            "--demo",
            "-q",
        ])
        .assert()
        .success();
    db
}

/// Every write refused with 77 (first, so that a setup that left the database writable
/// fails here), every read working, and the folder and database just as they were.
fn reads_work_and_writes_are_refused(reader: &Reader, db: &Path, why: &str) {
    let folder = db.parent().expect("a folder");
    let before = (names(folder), dump(db));
    for args in WRITES {
        let out = reader.run(db, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(77),
            "{why}: spm {args:?} was not refused as a write to a read-only database\n{stderr}"
        );
        assert!(
            stderr.contains("read-only for you") && stderr.contains("still work"),
            "{why}: spm {args:?}: {stderr}"
        );
    }
    for args in READS {
        let out = reader.run(db, args);
        assert!(
            out.status.success(),
            "{why}: spm {args:?} failed\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = reader.run(db, &["--format", "csv", "project", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("mh-peer-2025"));
    assert_eq!(
        before,
        (names(folder), dump(db)),
        "{why}: reading changed the folder or the database"
    );
}

#[test]
fn a_read_only_file_in_a_writable_folder_can_be_read() {
    let env = Env::new();
    let reader = Reader::new(&env);
    let db = shared_demo(&env);
    reader.give(&env.path("shared"), 0o755);
    reader.give(&db, 0o444);
    reads_work_and_writes_are_refused(&reader, &db, "a read-only file");
    // Made writable again, it takes writes: reading left nothing (a read-only -shm file,
    // say) that would stop its owner.
    reader.give(&db, 0o644);
    let out = reader.run(&db, WRITES[0]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_writable_file_in_a_read_only_folder_can_be_read() {
    let env = Env::new();
    let reader = Reader::new(&env);
    let db = shared_demo(&env);
    reader.give(&db, 0o644);
    reader.keep(&env.path("shared"), 0o555);
    reads_work_and_writes_are_refused(&reader, &db, "a read-only folder");
    reader.keep(&env.path("shared"), 0o755);
}

#[test]
fn a_read_only_file_in_a_read_only_folder_can_be_read() {
    let env = Env::new();
    let reader = Reader::new(&env);
    let db = shared_demo(&env);
    reader.keep(&db, 0o444);
    reader.keep(&env.path("shared"), 0o555);
    reads_work_and_writes_are_refused(&reader, &db, "a read-only file and folder");
    reader.keep(&env.path("shared"), 0o755);
}

/// A write-ahead log left with changes in a read-only folder: read through its `-shm` file
/// when that is there, and refused with a sentence that says why when it is not (reading
/// the file alone would silently miss the changes).
#[test]
fn a_write_ahead_log_in_a_read_only_folder_is_read_or_named() {
    let env = Env::new();
    let reader = Reader::new(&env);
    let db = shared_demo(&env);
    // A writer that never checkpoints, left open (as by a killed process).
    let conn = rusqlite::Connection::open(&db).expect("the database opens");
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0;
         UPDATE projects SET title = 'Changed in the log' WHERE code = 'mh-peer-2025';",
    )
    .expect("a write");
    std::mem::forget(conn);
    for name in ["spm.db", "spm.db-wal", "spm.db-shm"] {
        reader.keep(&env.path("shared").join(name), 0o444);
    }
    reader.keep(&env.path("shared"), 0o555);
    let out = reader.run(&db, &["--format", "csv", "project", "list"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Changed in the log"));
    let out = reader.run(&db, WRITES[0]);
    assert_eq!(out.status.code(), Some(77), "{out:?}");

    reader.keep(&env.path("shared"), 0o755);
    fs::remove_file(env.path("shared/spm.db-shm")).expect("the -shm file goes");
    reader.keep(&env.path("shared"), 0o555);
    let before = names(&env.path("shared"));
    let out = reader.run(&db, &["project", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(77), "{stderr}");
    assert!(
        stderr.contains("write-ahead log") && stderr.contains("spm.db-wal"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(before, names(&env.path("shared")));
    reader.keep(&env.path("shared"), 0o755);
}
