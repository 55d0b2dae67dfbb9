//! The database file: `spm db path|check|backup`, `spm init`, `spm completions`, and how spm
//! treats files that are new, empty, foreign, damaged or from a newer spm.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Env, SCHEMA, dump, expect_error, explain, json, mode};

/// A path's `-wal` companion.
fn wal(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// The codes of the projects in the database at `path`, read directly.
fn project_codes(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("the database opens");
    let mut stmt = conn
        .prepare("SELECT code FROM projects ORDER BY code")
        .expect("a select");
    stmt.query_map([], |r| r.get(0))
        .expect("the rows")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("the codes")
}

/// Runs `f` on a direct connection to `path`, then closes it (checkpointing its WAL).
fn write_directly(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("the database opens");
    conn.execute_batch(sql).expect("the SQL runs");
    conn.close().expect("the connection closes");
    assert!(!wal(path).exists(), "our connection left a -wal behind");
}

/// Every command that opens the database, each as a refused file would meet it.
const OPENING_COMMANDS: &[&[&str]] = &[
    &["principle", "list"],
    &["principle", "frameworks"],
    &["project", "list"],
    &["init"],
    &["db", "check"],
    &["principle", "adopt", "spa"],
];

// ----- db path -----

#[test]
fn db_path_prints_spm_db_and_does_not_create_it() {
    let env = Env::new();
    assert_eq!(env.ok(&["db", "path"]), format!("{}\n", env.db.display()));
    assert!(!env.db.exists(), "db path must not create the database");
    assert!(
        fs::read_dir(env.dir.path()).unwrap().next().is_none(),
        "db path wrote nothing at all"
    );
}

#[test]
fn db_flag_overrides_spm_db() {
    let env = Env::new();
    let other = env.path("other.db");
    let other_s = other.to_str().unwrap();
    assert_eq!(
        env.ok(&["--db", other_s, "db", "path"]),
        format!("{other_s}\n")
    );
    // The global flag may come after the subcommand too.
    assert_eq!(
        env.ok(&["db", "path", "--db", other_s]),
        format!("{other_s}\n")
    );
    assert!(!other.exists() && !env.db.exists());
    // And commands use it: init makes other.db, not $SPM_DB.
    env.ok(&["--db", other_s, "init"]);
    assert!(other.exists());
    assert!(!env.db.exists(), "$SPM_DB was used despite --db");
    let check = json(&env.ok(&["--db", other_s, "--format", "json", "db", "check"]));
    assert_eq!(check["path"], other_s);
}

#[test]
fn db_path_refuses_stray_arguments() {
    let env = Env::fresh();
    env.clap_fails(&["db", "path", "extra"], "");
    env.clap_fails(&["db", "path", "--db"], "");
    env.clap_fails(&["db"], "");
    env.clap_fails(&["db", "frobnicate"], "");
}

// ----- creating the database -----

#[test]
fn the_first_write_creates_the_database_with_mode_0600() {
    let env = Env::new();
    let out = env.run_ok(&["principle", "adopt", "spa"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("created a new database at"),
        "{out:?}"
    );
    assert_eq!(mode(&env.db), 0o600);
    // The second command does not create it again.
    let out = env.run(&["principle", "adopt", "lse-principles"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("created"));
    assert_eq!(mode(&env.db), 0o600);
}

/// In spm's default place (no --db, no SPM_DB) the first write makes the folder too.
#[test]
fn the_first_write_to_the_default_place_creates_its_folders() {
    let env = Env::new();
    let home = env.path("home");
    let run = |args: &[&str]| {
        env.cmd()
            .env_remove("SPM_DB")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .args(args)
            .output()
            .expect("spm runs")
    };
    let default = home.join(".local/share/spm/spm.db");
    let out = run(&["project", "list"]);
    expect_error(&["project", "list"], &out, 66);
    assert!(!home.exists(), "a read made the default folder");
    let out = run(&["principle", "adopt", "spa"]);
    assert!(out.status.success(), "{out:?}");
    assert!(default.is_file());
    assert_eq!(mode(&default), 0o600);
    assert_eq!(mode(default.parent().unwrap()), 0o700);
    let frameworks: i64 = rusqlite::Connection::open(&default)
        .unwrap()
        .query_row("SELECT count(*) FROM frameworks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(frameworks, 3);
}

/// A folder the user named (--db, SPM_DB) that is not there is a typo: never made, by a
/// read (66) or a write, `spm init` included (73).
#[test]
fn a_named_database_in_a_missing_folder_is_refused() {
    let env = Env::new();
    let nested = env.path("a/b/c/spm.db");
    let nested_s = nested.to_str().unwrap();
    let err = env.fails(&["--db", nested_s, "principle", "frameworks"], 66);
    assert!(err.contains("the folder") && err.contains("--db"), "{err}");
    for write in [
        &["init"][..],
        &["principle", "adopt", "spa"],
        &["init", "--demo"],
    ] {
        let mut args = vec!["--db", nested_s];
        args.extend_from_slice(write);
        let err = env.fails(&args, 73);
        assert!(
            err.contains("does not exist") && err.contains("check --db"),
            "{err}"
        );
    }
    let out = env.run_with(&[("SPM_DB", nested_s)], &["project", "add", "X"]);
    expect_error(&["project", "add"], &out, 64);
    let args = [
        "project",
        "add",
        "X",
        "--form",
        "disciplinary-research",
        "--level",
        "partnership",
    ];
    let out = env.run_with(&[("SPM_DB", nested_s)], &args);
    let err = expect_error(&args, &out, 73);
    assert!(err.contains("check SPM_DB"), "{err}");
    assert!(!env.path("a").exists(), "a folder was made");
}

#[test]
fn a_db_path_under_a_regular_file_cannot_be_created() {
    let env = Env::new();
    let blocker = env.path("blocker");
    fs::write(&blocker, "just a file").unwrap();
    let db = blocker.join("spm.db");
    let args = ["--db", db.to_str().unwrap(), "principle", "adopt", "spa"];
    let err = env.fails(&args, 73);
    assert!(err.contains("cannot create"), "{err}");
    let args = ["--db", db.to_str().unwrap(), "principle", "list"];
    env.fails(&args, 66);
    assert_eq!(fs::read(&blocker).unwrap(), b"just a file");
    assert!(!env.db.exists());
    // Deeper still.
    let deeper = blocker.join("x/y/spm.db");
    env.fails(&["--db", deeper.to_str().unwrap(), "init"], 73);
}

#[test]
fn a_folder_given_as_the_database_is_refused() {
    let env = Env::new();
    let folder = env.path("folder");
    fs::create_dir(&folder).unwrap();
    let err = env.fails(&["--db", folder.to_str().unwrap(), "principle", "list"], 65);
    assert!(err.contains("is a folder"), "{err}");
    assert!(fs::read_dir(&folder).unwrap().next().is_none());
}

// ----- init -----

#[test]
fn init_creates_an_empty_database_with_the_frameworks() {
    let env = Env::new();
    let out = env.run_ok(&["init"]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("ready (schema version {SCHEMA})")),
        "{stderr}"
    );
    assert_eq!(mode(&env.db), 0o600);
    assert!(env.list("project", &[]).is_empty());
    assert_eq!(env.json_list(&["principle", "frameworks"]).len(), 3);
    // init again is harmless: nothing changes.
    let before = env.dump();
    env.ok(&["init"]);
    assert_eq!(before, env.dump());
}

#[test]
fn init_demo_loads_twelve_projects() {
    let env = Env::new();
    let out = env.run_ok(&["init", "--demo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "loaded the demo: 15 projects, 5 reviews, 15 people in 8 project roles, \
         3 priority projects, 3 panel sessions, 6 recommendations, 3 fund applications"
    ));
    assert_eq!(env.list("project", &[]).len(), 15);
    assert_eq!(project_codes(&env.db).len(), 15);
    // A database made with plain init can take the demo while it holds no projects.
    let other = Env::fresh();
    other.ok(&["init", "--demo"]);
    assert_eq!(project_codes(&other.db), project_codes(&env.db));
}

#[test]
fn init_demo_twice_is_refused() {
    let env = Env::demo();
    env.refused(&["init", "--demo"], 65, "already holds 15 projects");
    env.clap_fails(&["init", "--demo=yes"], "");
    env.clap_fails(&["init", "extra"], "");
}

// ----- db check -----

#[test]
fn db_check_passes_a_healthy_database() {
    let env = Env::demo();
    let table = env.ok(&["db", "check"]);
    assert!(
        table.contains("Integrity") && table.contains("ok"),
        "{table}"
    );
    let report = json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(report["integrity"], "ok");
    assert_eq!(report["foreign_keys"], "ok");
    assert_eq!(report["schema_version"], SCHEMA);
    assert_eq!(report["projects"], 15);
    assert_eq!(report["path"], env.db.to_str().unwrap());
    env.clap_fails(&["db", "check", "extra"], "");
}

#[test]
fn db_check_fails_a_database_with_broken_foreign_keys() {
    let env = Env::demo();
    write_directly(
        &env.db,
        "PRAGMA foreign_keys = OFF;
         INSERT INTO project_themes (project_id, theme) VALUES (9999, 'orphan');",
    );
    let before = env.dump();
    let args = ["--format", "json", "db", "check"];
    let out = env.run(&args);
    assert_eq!(
        out.status.code(),
        Some(65),
        "{}",
        explain(&args, &out, "to exit 65")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.trim_end().lines().count() == 1,
        "{stderr}"
    );
    assert!(stderr.contains("failed its check"), "{stderr}");
    // The report still says what is wrong.
    let report = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(report["integrity"], "ok");
    let fk = report["foreign_keys"].as_str().unwrap();
    assert!(
        fk.contains("project_themes") && fk.contains("projects"),
        "{fk}"
    );
    assert_eq!(before, env.dump(), "db check changed the database");
    // The table form exits 65 too.
    assert_eq!(env.run(&["db", "check"]).status.code(), Some(65));
}

// ----- opening -----

/// The journal mode recorded in the file at `path`.
fn journal_mode(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("the database opens");
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("the journal mode")
}

#[test]
fn commands_that_only_read_leave_the_database_file_as_it_was() {
    let env = Env::demo();
    let before = fs::read(&env.db).expect("the database file");
    for args in [
        &["review", "due"][..],
        &["review", "remind"],
        &["project", "list"],
        &["principle", "list"],
        &["report", "summary"],
        &["db", "check"],
    ] {
        env.ok(args);
        assert_eq!(
            before,
            fs::read(&env.db).expect("the file"),
            "spm {args:?} wrote to it"
        );
        assert!(!wal(&env.db).exists(), "spm {args:?} left a -wal behind");
    }
}

#[test]
fn a_database_in_rollback_mode_is_switched_to_wal_on_first_use() {
    // A backup is one self-contained file in rollback mode; used as the database, it is
    // switched to WAL once, and stays so.
    let env = Env::demo();
    let copy = env.path("copy.db");
    env.run_ok(&["db", "backup", copy.to_str().unwrap()]);
    assert_eq!(journal_mode(&copy), "delete");
    env.ok(&["--db", copy.to_str().unwrap(), "project", "list"]);
    assert_eq!(journal_mode(&copy), "wal");
    assert_eq!(
        journal_mode(&env.db),
        "wal",
        "spm init makes a WAL database"
    );
}

// ----- db backup -----

#[test]
fn db_backup_writes_a_private_copy_with_the_same_data() {
    let env = Env::demo();
    let copy = env.path("backups-spm.db");
    let out = env.run_ok(&["db", "backup", copy.to_str().unwrap()]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("backed up"));
    assert_eq!(mode(&copy), 0o600);
    assert!(!wal(&copy).exists(), "the copy is one self-contained file");
    assert_eq!(project_codes(&copy).len(), 15);
    assert_eq!(project_codes(&copy), project_codes(&env.db));
    assert_eq!(dump(&copy), env.dump(), "the copy holds every row");
    // The copy is itself a usable spm database.
    let check = json(&env.ok(&[
        "--db",
        copy.to_str().unwrap(),
        "--format",
        "json",
        "db",
        "check",
    ]));
    assert_eq!(check["integrity"], "ok");
    assert_eq!(check["projects"], 15);
    // No temporary file is left beside it.
    let names: Vec<String> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".spm-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn db_backup_does_not_overwrite_without_force() {
    let env = Env::demo();
    let copy = env.path("existing.db");
    fs::write(&copy, "precious").unwrap();
    let err = env.fails_unchanged(&["db", "backup", copy.to_str().unwrap()], 65);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read(&copy).unwrap(), b"precious");
    // With --force it is replaced by a copy of the database.
    env.ok(&["db", "backup", copy.to_str().unwrap(), "--force"]);
    assert_eq!(project_codes(&copy).len(), 15);
    assert_eq!(dump(&copy), env.dump());
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn db_backup_to_a_missing_folder_cannot_create() {
    let env = Env::demo();
    let copy = env.path("no/such/folder/spm.db");
    env.refused(
        &["db", "backup", copy.to_str().unwrap()],
        73,
        "does not exist",
    );
    assert!(!env.path("no").exists());
}

#[test]
fn db_backup_onto_the_database_itself_is_refused() {
    let env = Env::demo();
    let bytes = fs::read(&env.db).unwrap();
    env.refused(
        &["db", "backup", env.db.to_str().unwrap()],
        73,
        "the database itself",
    );
    // Even with --force, and by another spelling of the same path.
    env.refused(
        &["db", "backup", "--force", "./spm.db"],
        73,
        "the database itself",
    );
    // Nor onto the files SQLite keeps beside it.
    env.refused(
        &["db", "backup", "--force", "spm.db-wal"],
        73,
        "a file SQLite keeps beside the database",
    );
    assert_eq!(fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn db_backup_refuses_a_folder_and_a_missing_file_argument() {
    let env = Env::demo();
    let folder = env.path("backups");
    fs::create_dir(&folder).unwrap();
    env.refused(
        &["db", "backup", folder.to_str().unwrap()],
        65,
        "is a folder",
    );
    assert!(fs::read_dir(&folder).unwrap().next().is_none());
    env.clap_fails(&["db", "backup"], "");
    env.clap_fails(&["db", "backup", "a.db", "b.db"], "");
    env.clap_fails(&["db", "backup", "a.db", "--force=no"], "");
}

// ----- files spm will not use -----

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let env = Env::new();
    fs::write(&env.db, "hello world\n").unwrap();
    for args in OPENING_COMMANDS {
        let err = env.fails(args, 65);
        assert!(err.contains("is not an SQLite database"), "{args:?}: {err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(fs::read(&env.db).unwrap(), b"hello world\n", "{args:?}");
    }
    assert!(!wal(&env.db).exists());
    // A backup of it is refused too, and writes nothing.
    let copy = env.path("copy.db");
    env.fails(&["db", "backup", copy.to_str().unwrap()], 65);
    assert!(!copy.exists());
}

#[test]
fn a_zero_byte_file_is_a_new_database_only_for_init() {
    let env = Env::new();
    fs::File::create(&env.db).unwrap();
    for args in [
        &["principle", "list"][..],
        &[
            "project",
            "add",
            "A project",
            "--form",
            "educational-research",
            "--level",
            "partnership",
        ],
        &["db", "check"],
        &["review", "remind"],
        &["export", "-o", "all.xlsx"],
    ] {
        let err = env.fails(args, 65);
        assert!(
            err.contains("is an empty file, not an spm database; run \"spm init\""),
            "{args:?}: {err}"
        );
        assert_eq!(
            fs::metadata(&env.db).unwrap().len(),
            0,
            "{args:?} wrote to it"
        );
    }
    let out = env.run_ok(&["init"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("created a new database"));
    let report = json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(report["integrity"], "ok");
    assert_eq!(report["schema_version"], SCHEMA);
    assert_eq!(env.json_list(&["principle", "list"]).len(), 10);
}

/// Runs spm with a limit on the size of the files it writes (`ulimit -f`, in blocks of 512
/// bytes), as a nearly full disk would stop it; SIGXFSZ is ignored so writes fail instead.
fn with_file_limit(env: &Env, blocks: u32, args: &str) -> std::process::Output {
    // std_cmd's isolation (database, day, user), with sh in front to set the limit.
    let isolated = env.std_cmd(&[]);
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" {args}"
        ))
        .arg(isolated.get_program())
        .current_dir(env.dir.path());
    for (key, value) in isolated.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    sh.output().expect("sh runs")
}

#[test]
fn init_that_runs_out_of_room_leaves_no_file_behind() {
    // Too small for the schema, then room for the schema but not the demo.
    for blocks in [40, 300] {
        let env = Env::new();
        let out = with_file_limit(&env, blocks, "init --demo");
        assert_eq!(out.status.code(), Some(74), "{blocks}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(!env.db.exists(), "{blocks}: a database was left behind");
        // With room, the same command makes it.
        env.ok(&["init", "--demo"]);
        assert_eq!(env.codes("project", &[]).len(), 15);
    }
}

#[test]
fn a_database_from_a_newer_spm_is_refused_untouched() {
    let env = Env::new();
    env.ok(&["init", "--demo"]);
    write_directly(&env.db, "PRAGMA user_version = 99;");
    let bytes = fs::read(&env.db).unwrap();
    for args in OPENING_COMMANDS {
        let err = env.fails(args, 65);
        assert!(err.contains("newer spm"), "{args:?}: {err}");
        assert!(err.contains("schema version 99"), "{err}");
        assert!(
            fs::read(&env.db).unwrap() == bytes,
            "{args:?} changed the file"
        );
    }
    let copy = env.path("copy.db");
    env.fails(&["db", "backup", copy.to_str().unwrap()], 65);
    assert!(!copy.exists());
    assert!(fs::read(&env.db).unwrap() == bytes);
    assert!(!wal(&env.db).exists(), "spm left a -wal behind");
    // db path does not open it, so it still answers.
    assert_eq!(env.ok(&["db", "path"]), format!("{}\n", env.db.display()));
}

#[test]
fn an_sqlite_database_of_another_program_is_refused_untouched() {
    let env = Env::new();
    write_directly(
        &env.db,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('mine');",
    );
    let bytes = fs::read(&env.db).unwrap();
    let before = env.dump();
    for args in OPENING_COMMANDS {
        let err = env.fails(args, 65);
        assert!(err.contains("not an spm database"), "{args:?}: {err}");
        assert!(
            fs::read(&env.db).unwrap() == bytes,
            "{args:?} changed the file"
        );
    }
    assert_eq!(before, env.dump());
}

#[test]
fn an_sqlite_database_with_another_application_id_is_refused() {
    let env = Env::new();
    write_directly(&env.db, "PRAGMA application_id = 1234;");
    let bytes = fs::read(&env.db).unwrap();
    let err = env.fails(&["init"], 65);
    assert!(err.contains("not an spm database"), "{err}");
    assert!(fs::read(&env.db).unwrap() == bytes);
}

// ----- completions -----

#[test]
fn completions_print_a_script_for_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("spm"), "{shell}: {script}");
        for word in ["principle", "backup", "framework", "replaced-by"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    assert!(env.ok(&["completions", "bash"]).contains("complete"));
    assert!(env.ok(&["completions", "zsh"]).starts_with("#compdef spm"));
    assert!(env.ok(&["completions", "fish"]).contains("complete -c spm"));
    assert!(!env.db.exists(), "completions must not create the database");
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let env = Env::fresh();
    let stderr = env.clap_fails(&["completions", "tcsh"], "");
    env.clap_fails(&["completions"], "");
    assert!(
        stderr.contains("tcsh") && stderr.contains("bash"),
        "{stderr}"
    );
}

// ----- SPM_TODAY -----

/// A day that is not in the calendar, for `SPM_TODAY`.
const IMPOSSIBLE_DAY: &[(&str, &str)] = &[("SPM_TODAY", "2026-02-30")];

#[test]
fn an_impossible_spm_today_fails_dated_commands() {
    let env = Env::fresh();
    for args in [&["principle", "retire", "CP3"][..], &["init", "--demo"][..]] {
        let before = env.dump();
        let err = expect_error(args, &env.run_with(IMPOSSIBLE_DAY, args), 65);
        assert!(err.contains("SPM_TODAY"), "{args:?}: {err}");
        assert!(err.contains("2026-02-30"), "{args:?}: {err}");
        assert_eq!(before, env.dump(), "{args:?} changed the database");
    }
    // Commands that need no date still work, and an explicit date does not need today.
    for args in [
        &["principle", "list"][..],
        &["principle", "retire", "CP3", "--on", "2026-01-01"][..],
    ] {
        let out = env.run_with(IMPOSSIBLE_DAY, args);
        assert!(
            out.status.success(),
            "{}",
            explain(args, &out, "to succeed")
        );
    }
}

#[test]
fn an_empty_spm_db_falls_back_to_the_default_path() {
    let env = Env::new();
    let home = env.path("home");
    let out = env
        .cmd()
        .env("SPM_DB", "")
        .env("HOME", &home)
        .env_remove("XDG_DATA_HOME")
        .args(["db", "path"])
        .output()
        .expect("spm runs");
    assert!(out.status.success(), "{out:?}");
    let expected = home.join(".local/share/spm/spm.db");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        expected.display().to_string()
    );
}

#[test]
fn init_demo_with_an_impossible_day_creates_nothing() {
    let env = Env::new();
    let out = env.run_with(IMPOSSIBLE_DAY, &["init", "--demo"]);
    assert_eq!(out.status.code(), Some(65), "{out:?}");
    assert!(
        !env.db.exists(),
        "a failed init must not leave a database behind"
    );
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let env = Env::demo();
    let whole = std::fs::read(&env.db).expect("the database file");
    let half = env.path("half.db");
    std::fs::write(&half, &whole[..whole.len() / 2]).expect("a truncated copy");
    let before = std::fs::read(&half).expect("the truncated copy");
    for args in [&["project", "list"][..], &["db", "check"][..]] {
        let mut full = vec!["--db", half.to_str().expect("UTF-8")];
        full.extend_from_slice(args);
        let err = env.fails(&full, 65);
        assert!(err.contains("damaged"), "{args:?}: {err}");
        assert_eq!(err.matches("malformed").count(), 1, "said once: {err}");
    }
    assert_eq!(before, std::fs::read(&half).expect("the truncated copy"));
}

#[test]
fn an_empty_file_made_into_a_database_becomes_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    std::fs::write(&env.db, b"").expect("an empty file");
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    env.ok(&["init"]);
    let mode = std::fs::metadata(&env.db)
        .expect("the db")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_named_pipe_as_the_database_is_refused_at_once() {
    let env = Env::new();
    let made = std::process::Command::new("mkfifo")
        .arg(&env.db)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let err = env.fails(&["project", "list"], 65);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_negative_schema_version_is_refused() {
    let env = Env::demo();
    env.conn()
        .execute_batch("PRAGMA user_version = -1;")
        .expect("the version is set");
    let before = std::fs::read(&env.db).expect("the file");
    let err = env.fails(&["project", "list"], 65);
    assert!(err.contains("impossible schema version"), "{err}");
    assert_eq!(before, std::fs::read(&env.db).expect("the file"));
}
