//! The stored next review dates (`projects.next_review_due` and `last_review_on`): kept by
//! every command that changes what they depend on, verified and repaired by `spm db check`,
//! worked out again by a migration, a restore and `spm dev generate`.

use std::path::Path;

use serde_json::Value as Json;

use crate::common::{Env, FORM, LEVEL, json, read_csv};

/// (project, due date, last review) of each row of `review due --within 10y`, in order.
fn due(env: &Env) -> Vec<(String, String, String)> {
    env.json_list(&["review", "due", "--within", "10y"])
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (text("project"), text("due"), text("last_review"))
        })
        .collect()
}

/// When `code`'s next review is due, looking ten years ahead.
fn due_of(env: &Env, code: &str) -> Option<String> {
    due(env)
        .into_iter()
        .find(|(p, _, _)| p == code)
        .map(|(_, d, _)| d)
}

/// `spm --format json db check`, which must pass, parsed.
fn check(env: &Env) -> Json {
    json(&env.ok(&["--format", "json", "db", "check"]))
}

/// Runs SQL on the database as another program would.
fn write_directly(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).expect("the database opens");
    conn.execute_batch(sql).expect("the SQL runs");
}

#[test]
fn every_change_of_a_project_or_its_reviews_moves_the_stored_date() {
    let env = Env::fresh();
    env.ok(&[
        "project",
        "add",
        "X",
        "--form",
        FORM,
        "--level",
        LEVEL,
        "--code",
        "x",
        "--status",
        "active",
        "--start",
        "2025-01-01",
    ]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2026-01-01"));
    env.ok(&["project", "edit", "x", "--cadence", "6m"]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2025-07-01"));
    env.ok(&["project", "edit", "x", "--start", "2025-02-01"]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2025-08-01"));
    let id = env.ok(&[
        "review",
        "add",
        "x",
        "--on",
        "2025-06-01",
        "--decision",
        "continue",
    ]);
    let id = id.trim();
    assert_eq!(
        due(&env),
        [("x".into(), "2025-12-01".into(), "2025-06-01".into())]
    );
    env.ok(&["review", "edit", id, "--on", "2025-07-15"]);
    assert_eq!(
        due(&env),
        [("x".into(), "2026-01-15".into(), "2025-07-15".into())]
    );
    env.ok(&["project", "status", "x", "paused", "--on", "2025-08-01"]);
    assert_eq!(due_of(&env, "x"), None);
    env.ok(&["project", "status", "x", "active", "--on", "2025-08-11"]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2026-01-25"));
    env.ok(&["review", "remove", id, "--yes"]);
    // Counted from the start again: the pause began on the day it fell due, so it moves
    // nothing.
    assert_eq!(
        due(&env),
        [("x".into(), "2025-08-01".into(), String::new())]
    );
    assert_eq!(check(&env)["review_dates"], "ok");
}

#[test]
fn db_check_reports_wrong_stored_dates_and_fix_works_them_out_again() {
    let env = Env::demo();
    let listed = due(&env);
    write_directly(
        &env.db,
        "UPDATE projects SET next_review_due = '2000-01-01' WHERE code = 'mh-peer-2025';
         UPDATE projects SET last_review_on = NULL WHERE code = 'intern-archives-2025';
         UPDATE projects SET next_review_due = '2026-12-01' WHERE status = 'completed';",
    );
    let before = env.dump();
    let args = ["--format", "json", "db", "check"];
    let out = env.run(&args);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.trim_end().lines().count() == 1,
        "{stderr}"
    );
    assert!(
        stderr.contains("hold a wrong next or last review date")
            && stderr.contains("spm db check --fix"),
        "{stderr}"
    );
    let report = json(&String::from_utf8_lossy(&out.stdout));
    let dates = report["review_dates"].as_str().unwrap_or_default();
    assert!(
        dates.contains("mh-peer-2025: next review 2000-01-01, should be 2026-10-01"),
        "{dates}"
    );
    assert!(
        dates.contains("intern-archives-2025: last review none, should be 2026-06-20"),
        "{dates}"
    );
    assert!(dates.contains("should be none"), "{dates}");
    assert_eq!(report["integrity"], "ok");
    assert_eq!(
        before,
        env.dump(),
        "db check without --fix changed the database"
    );

    let out = env.run(&["--format", "json", "db", "check", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("worked out the review dates of ") && stderr.contains(" projects again"),
        "{stderr}"
    );
    let report = json(&String::from_utf8_lossy(&out.stdout));
    let dates = report["review_dates"].as_str().unwrap_or_default();
    assert!(dates.starts_with("ok (worked out again: "), "{dates}");
    assert_eq!(check(&env)["review_dates"], "ok");
    assert_eq!(due(&env), listed);
}

#[test]
fn a_stored_date_that_is_not_a_date_is_an_error_that_names_the_fix() {
    let env = Env::demo();
    write_directly(
        &env.db,
        "UPDATE projects SET next_review_due = '2026-10-1' WHERE code = 'mh-peer-2025';",
    );
    let stderr = env.fails_unchanged(&["review", "due"], 65);
    assert!(
        stderr.contains("mh-peer-2025 holds \"2026-10-1\" as a review date")
            && stderr.contains("spm db check --fix"),
        "{stderr}"
    );
    env.ok(&["db", "check", "--fix"]);
    assert_eq!(due_of(&env, "mh-peer-2025").as_deref(), Some("2026-10-01"));
}

#[test]
fn an_import_gives_new_and_updated_projects_their_dates() {
    let env = Env::fresh();
    let file = env.path("projects.csv");
    std::fs::write(
        &file,
        format!(
            "code,title,form,level_planned,status,start_date,review_cadence\n\
             a,A,{FORM},{LEVEL},active,2025-03-01,12m\n\
             b,B,{FORM},{LEVEL},proposed,,12m\n\
             c,C,{FORM},{LEVEL},completed,2024-01-01,12m\n"
        ),
    )
    .expect("the file is written");
    let path = file.to_str().expect("a UTF-8 path");
    env.ok(&["project", "import", path]);
    assert_eq!(
        due(&env),
        [("a".into(), "2026-03-01".into(), String::new())]
    );
    std::fs::write(
        &file,
        format!(
            "code,title,form,level_planned,status,review_cadence\n\
             a,A,{FORM},{LEVEL},active,6m\n\
             b,B,{FORM},{LEVEL},active,12m\n"
        ),
    )
    .expect("the file is written");
    env.ok(&["project", "import", "--update", path]);
    // b became active today (2026-11-23), by the import.
    assert_eq!(
        due(&env),
        [
            ("a".into(), "2025-09-01".into(), String::new()),
            ("b".into(), "2027-11-23".into(), String::new()),
        ]
    );
    assert_eq!(check(&env)["review_dates"], "ok");
}

#[test]
fn a_restore_works_the_dates_out_again_whatever_the_export_says() {
    let env = Env::demo();
    let out = env.path("archive/");
    env.ok(&["export", "-o", out.to_str().expect("a UTF-8 path")]);
    // An export edited in a spreadsheet: the stored dates wiped out.
    let csv = out.join("projects.csv");
    let (header, rows) = read_csv(&std::fs::read_to_string(&csv).expect("the projects"));
    let wiped: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| *h == "next_review_due" || *h == "last_review_on")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(wiped.len(), 2, "{header:?}");
    let mut w = csv::Writer::from_path(&csv).expect("the file is written");
    w.write_record(&header).expect("the header");
    for mut row in rows {
        for &i in &wiped {
            row[i].clear();
        }
        w.write_record(&row).expect("a row");
    }
    w.flush().expect("the file is written");
    drop(w);
    let new = env.path("restored.db");
    let new = new.to_str().expect("a UTF-8 path");
    env.ok(&["--db", new, "restore", out.to_str().expect("a UTF-8 path")]);
    let restored = Env {
        dir: tempfile::tempdir().expect("a folder"),
        db: new.into(),
    };
    assert_eq!(due(&restored), due(&env));
    assert_eq!(check(&restored)["review_dates"], "ok");
}

#[test]
fn a_version_5_database_gets_its_dates_when_it_is_migrated() {
    let env = Env::demo();
    env.ok(&[
        "project",
        "status",
        "mh-peer-2025",
        "paused",
        "--on",
        "2026-01-01",
    ]);
    env.ok(&[
        "project",
        "status",
        "mh-peer-2025",
        "active",
        "--on",
        "2026-02-01",
    ]);
    let listed = due(&env);
    // The demo as schema 5 held it: no stored dates, no index, and no link to the project
    // it continues (step 12's; step 10 makes projects again without it).
    write_directly(
        &env.db,
        "DROP INDEX projects_continues;
         ALTER TABLE projects DROP COLUMN continues_id;
         DROP INDEX projects_next_review;
         ALTER TABLE projects DROP COLUMN next_review_due;
         ALTER TABLE projects DROP COLUMN last_review_on;
         PRAGMA user_version = 5;",
    );
    assert_eq!(due(&env), listed);
    let report = check(&env);
    assert_eq!(report["schema_version"], crate::common::SCHEMA);
    assert_eq!(report["review_dates"], "ok");
}
