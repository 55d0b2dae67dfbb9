//! Running the real binary on a database in a temporary folder, with a fixed "today".

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use serde_json::Value;
use tempfile::TempDir;

/// The day every test runs on.
/// The schema version this spm writes: what `init` and `db check` report.
pub const SCHEMA: i64 = 13;

pub const TODAY: &str = "2026-11-23";

/// The form and level every test project gets unless it says otherwise.
pub const FORM: &str = "wider-student-experience";
pub const LEVEL: &str = "partnership";

/// A temporary folder holding one database.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    /// A folder with no database yet (the first command creates it).
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("spm.db");
        Env { dir, db }
    }

    /// A database that exists already but holds no projects (so a failing command can be
    /// checked to leave it as it was).
    pub fn fresh() -> Env {
        let env = Env::new();
        env.ok(&["init"]);
        env
    }

    /// A database holding the demo programme.
    pub fn demo() -> Env {
        let env = Env::new();
        env.ok(&["init", "--demo"]);
        env
    }

    /// A path inside the temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The spm command, isolated: its database, a fixed day, no colour, a known user.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("spm").expect("the spm binary");
        cmd.current_dir(self.dir.path())
            .env("SPM_DB", &self.db)
            .env("SPM_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("USER", "tester")
            .env_remove("SPM_USER")
            .env_remove("SPM_FORMAT")
            .env_remove("SPM_SMTP_PASSWORD");
        cmd
    }

    /// A plain `std::process::Command` for spm with the same isolation as `cmd`, for tests
    /// that need to choose where stdout goes (a pipe, /dev/full).
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let isolated = self.cmd();
        let mut cmd = std::process::Command::new(isolated.get_program());
        for (key, value) in isolated.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        if let Some(dir) = isolated.get_current_dir() {
            cmd.current_dir(dir);
        }
        cmd.args(args).stdin(Stdio::null());
        cmd
    }

    /// Runs spm with `args` and returns what happened.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(&[], args)
    }

    /// Runs spm with `args` and the environment variables `vars` set on top of `cmd`'s.
    pub fn run_with(&self, vars: &[(&str, &str)], args: &[&str]) -> Output {
        self.cmd()
            .envs(vars.iter().copied())
            .args(args)
            .output()
            .expect("spm runs")
    }

    /// Runs spm, failing the test (with everything shown) unless it exits 0; returns
    /// everything it wrote (for tests of stderr).
    pub fn run_ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        if !out.status.success() {
            panic!("{}", explain(args, &out, "to succeed"));
        }
        out
    }

    /// Runs spm and returns its stdout, failing the test (with everything shown) unless it exits 0.
    pub fn ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.run_ok(args).stdout).expect("stdout is UTF-8")
    }

    /// Runs spm expecting exit `code`, one `error: ...` line on stderr and nothing on stdout;
    /// returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        expect_error(args, &self.run(args), code)
    }

    /// As `fails`, and checks that the database holds exactly what it held before.
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.dump();
        let stderr = self.fails(args, code);
        assert_eq!(before, self.dump(), "spm {args:?} changed the database");
        stderr
    }

    /// As `fails_unchanged`, and checks that the error message contains `needle`.
    pub fn refused(&self, args: &[&str], code: i32, needle: &str) -> String {
        let stderr = self.fails_unchanged(args, code);
        assert!(
            stderr.contains(needle),
            "spm {args:?}: expected {needle:?} in {stderr:?}"
        );
        stderr
    }

    /// Expects clap to refuse `args`: exit 65 for a value it cannot take ("invalid value":
    /// `--format xml`, an id that is not a number), as when spm finds a value invalid, else
    /// exit 64 for a usage mistake (an unknown flag, a missing argument or value); `needle` on
    /// stderr (when `needle` is empty, "error:" for a bad argument or "Usage:" for a noun with
    /// no verb), nothing on stdout, and the database unchanged. Returns stderr.
    pub fn clap_fails(&self, args: &[&str], needle: &str) -> String {
        let before = self.dump();
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = if stderr.contains("error: invalid value") {
            65
        } else {
            64
        };
        if out.status.code() != Some(code) {
            panic!("{}", explain(args, &out, &format!("to exit {code}")));
        }
        if needle.is_empty() {
            assert!(
                stderr.contains("error:") || stderr.contains("Usage:"),
                "spm {args:?}: {stderr}"
            );
        } else {
            assert!(stderr.contains(needle), "spm {args:?}: {stderr}");
        }
        assert!(
            out.stdout.is_empty(),
            "spm {args:?}: stdout should be empty"
        );
        assert_eq!(before, self.dump(), "spm {args:?} changed the database");
        stderr
    }

    /// Runs `spm --format json ARGS` and returns the JSON list it prints.
    pub fn json_list(&self, args: &[&str]) -> Vec<Value> {
        let mut full = vec!["--format", "json"];
        full.extend_from_slice(args);
        match json(&self.ok(&full)) {
            Value::Array(items) => items,
            other => panic!("spm {full:?}: expected a JSON list, got {other}"),
        }
    }

    /// What `spm --format json NOUN list ARGS` prints: one object per item, in order.
    pub fn list(&self, noun: &str, args: &[&str]) -> Vec<Value> {
        let mut full = vec![noun, "list"];
        full.extend_from_slice(args);
        self.json_list(&full)
    }

    /// The codes `spm NOUN list ARGS` shows, in order, read from its JSON.
    pub fn codes(&self, noun: &str, args: &[&str]) -> Vec<String> {
        codes_of(&self.list(noun, args))
    }

    /// `spm --format json NOUN show CODE`, parsed.
    pub fn show(&self, noun: &str, code: &str) -> Value {
        json(&self.ok(&["--format", "json", noun, "show", code]))
    }

    /// Every row of every table, as text: to compare a database before and after.
    pub fn dump(&self) -> Vec<String> {
        dump(&self.db)
    }

    /// Opens the database directly (read-only use in assertions).
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("the test database opens")
    }
}

/// Every row of every table of the database at `path`, as text (empty when there is no file).
pub fn dump(path: &Path) -> Vec<String> {
    if !path.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open(path).expect("the database opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the table names");
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("a select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("the rows");
        while let Some(row) = rows.next().expect("a row") {
            let cells: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).expect("a cell") {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect();
            out.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    out
}

/// Checks a run that should have failed: exit `code`, one `error: ...` line on stderr and
/// nothing on stdout. Returns stderr.
pub fn expect_error(args: &[&str], out: &Output, code: i32) -> String {
    if out.status.code() != Some(code) {
        panic!("{}", explain(args, out, &format!("to exit {code}")));
    }
    let stderr = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    assert!(
        stderr.starts_with("error: ") && stderr.trim_end().lines().count() == 1,
        "spm {args:?}: expected one error line, got {stderr:?}"
    );
    assert!(
        out.stdout.is_empty(),
        "spm {args:?}: stdout should be empty on error"
    );
    stderr
}

/// The `code` field of each object of a JSON list, in order.
pub fn codes_of(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|item| item["code"].as_str().expect("a code").to_string())
        .collect()
}

/// Everything about a run, for a failing assertion.
pub fn explain(args: &[&str], out: &Output, expected: &str) -> String {
    format!(
        "expected spm {args:?} {expected}\nstatus: {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Reads CSV text back into its header and records, as a spreadsheet would.
pub fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

/// Parses JSON output.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A date written YYYY-MM-DD.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// What a run wrote on stderr, as text.
pub fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

/// Sets the permission bits of a file or folder.
pub fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

// ---------------------------------------------------------------------------------------------
// records many tests need: projects, people, partners

/// `spm project add TITLE --form FORM --level LEVEL` and then `extra`.
pub fn project_add_args<'a>(title: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "add", title, "--form", FORM, "--level", LEVEL];
    args.extend_from_slice(extra);
    args
}

/// Adds a project `code` (titled "Project CODE") with the default form and level plus `extra`.
pub fn add_project(env: &Env, code: &str, extra: &[&str]) {
    let title = format!("Project {code}");
    let mut args = vec![
        "project", "add", &title, "--form", FORM, "--level", LEVEL, "--code", code,
    ];
    args.extend_from_slice(extra);
    assert_eq!(env.ok(&args).trim_end(), code);
}

/// Registers a person (`spm person add NAME --kind KIND EXTRA...`) and returns the id printed
/// on stdout.
pub fn add_person(env: &Env, name: &str, kind: &str, extra: &[&str]) -> String {
    let mut args = vec!["person", "add", name, "--kind", kind];
    args.extend_from_slice(extra);
    let id = env.ok(&args).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not a person id: {id:?}");
    id
}

/// Registers a student with `email` who consented on 2025-09-01; returns the id.
pub fn student(env: &Env, name: &str, email: &str) -> String {
    add_person(
        env,
        name,
        "student",
        &["--email", email, "--consent", "2025-09-01"],
    )
}

/// `spm --format json person show KEY`, parsed.
pub fn person(env: &Env, key: &str) -> Value {
    env.show("person", key)
}

/// `spm project partner log PROJECT WHO` and then `extra`.
pub fn partner_log_args<'a>(project: &'a str, who: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "partner", "log", project, who];
    args.extend_from_slice(extra);
    args
}

/// Logs a contribution with `spm project partner log`, expecting nothing on stdout; returns
/// stderr.
pub fn partner_log(env: &Env, project: &str, who: &str, extra: &[&str]) -> String {
    let out = env.run_ok(&partner_log_args(project, who, extra));
    assert!(
        out.stdout.is_empty(),
        "partner log prints nothing on stdout"
    );
    stderr_of(&out)
}

/// A real PNG image of one dark blue pixel: a logo for `spm settings set logo`.
pub const LOGO_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x90\xf5\x9f\x08\x00\x01\x8a\x00\xfe\x07\xf1\x37\x65\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
