//! Several programs at the same database at once (DESIGN.md §5): a writer holding it, cron's
//! reminder during an import, two imports at once, a backup during writes.

use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Env, expect_error};

/// A connection holding the database's write lock (an open `BEGIN IMMEDIATE` transaction
/// that has written a project), as a long import or another coordinator's spm would.
fn writer(env: &Env) -> rusqlite::Connection {
    let conn = env.conn();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO projects (code, title, form, level_planned, academic_year)
         VALUES ('uncommitted', 'Not yet saved', 'educational-research', 'partnership', '2026/27');",
    )
    .expect("the writer takes the lock");
    conn
}

/// The projects' codes, as the database holds them now.
fn count_projects(env: &Env) -> i64 {
    env.conn()
        .query_row("SELECT count(*) FROM projects", [], |r| r.get(0))
        .expect("a count")
}

/// A CSV of `n` projects with codes, for importing.
fn projects_csv(env: &Env, name: &str, n: usize) -> String {
    let mut text = String::from("code,title,form,level,year\n");
    for i in 0..n {
        text.push_str(&format!(
            "bulk-{i},Bulk project {i},educational-research,partnership,2026/27\n"
        ));
    }
    let path = env.path(name);
    std::fs::write(&path, text).expect("the CSV is written");
    path.display().to_string()
}

#[test]
fn a_write_waits_for_the_busy_timeout_then_fails_with_75_and_changes_nothing() {
    let env = Env::demo();
    let file = projects_csv(&env, "some.csv", 3);
    let before = env.dump();
    let lock = writer(&env);
    for args in [
        vec![
            "project",
            "add",
            "Blocked",
            "--form",
            "educational-research",
            "--level",
            "partnership",
        ],
        vec!["project", "import", file.as_str()],
    ] {
        let started = Instant::now();
        let out = env.run(&args);
        let stderr = expect_error(&args, &out, 75);
        assert!(stderr.contains("busy"), "{stderr}");
        assert!(
            started.elapsed() >= Duration::from_secs(4),
            "spm gave up before the busy timeout: {:?}",
            started.elapsed()
        );
    }
    drop(lock);
    assert_eq!(before, env.dump(), "a refused write changed the database");
}

#[test]
fn reminders_and_lists_read_while_another_program_writes() {
    let env = Env::demo();
    let quiet = env.ok(&["review", "remind"]);
    let lock = writer(&env);
    // Cron's reminder during an import: readers do not wait for the writer, and see only
    // what it has committed.
    let started = Instant::now();
    assert_eq!(env.ok(&["review", "remind"]), quiet);
    let codes = env.codes("project", &[]);
    assert!(!codes.contains(&"uncommitted".to_string()), "{codes:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "readers waited for the writer: {:?}",
        started.elapsed()
    );
    drop(lock);
    assert!(
        !env.codes("project", &[])
            .contains(&"uncommitted".to_string())
    );
}

#[test]
fn two_imports_of_one_file_at_once_add_each_project_once() {
    let env = Env::fresh();
    let file = projects_csv(&env, "bulk.csv", 300);
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let mut cmd = env.std_cmd(&["project", "import", &file]);
            thread::spawn(move || cmd.output().expect("spm runs"))
        })
        .collect();
    let outs: Vec<_> = runs
        .into_iter()
        .map(|t| t.join().expect("the import thread"))
        .collect();
    for out in &outs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let said: Vec<String> = outs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(
        said.iter().any(|s| s.contains("added 300 projects")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|s| s.contains("added 0 projects, 300 already registered")),
        "{said:?}"
    );
    assert_eq!(count_projects(&env), 300);
}

#[test]
fn a_backup_taken_during_writes_is_whole() {
    let env = Env::fresh();
    let adds = {
        let cmds: Vec<_> = (0..15)
            .map(|i| {
                let title = format!("Written during the backup {i}");
                env.std_cmd(&[
                    "project",
                    "add",
                    &title,
                    "--form",
                    "educational-research",
                    "--level",
                    "partnership",
                ])
            })
            .collect();
        thread::spawn(move || {
            cmds.into_iter()
                .map(|mut c| c.output().expect("spm runs").status.success())
                .collect::<Vec<_>>()
        })
    };
    let backup = env.path("backup.db");
    let backup_arg = backup.display().to_string();
    env.ok(&["db", "backup", &backup_arg]);
    let results = adds.join().expect("the writing thread");
    assert!(results.iter().all(|ok| *ok), "{results:?}");
    // The backup is a consistent database: it passes the check, and every project in it has
    // the change-log entry written in the same transaction.
    env.ok(&["--db", &backup_arg, "db", "check"]);
    let conn = rusqlite::Connection::open(&backup).expect("the backup opens");
    let (projects, logged): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM projects),
                    (SELECT count(*) FROM changes WHERE entity = 'project' AND action = 'insert')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the counts");
    assert_eq!(projects, logged);
    assert!(projects <= 15);
    assert_eq!(count_projects(&env), 15);
}
