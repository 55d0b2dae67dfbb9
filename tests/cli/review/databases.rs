//! Reviews in the demo database and in a database from version 1.

use super::{annual, due_of, list_ids, show, show_project};
use crate::common::Env;

#[test]
fn init_demo_records_five_reviews() {
    let env = Env::new();
    let out = env.run_ok(&["init", "--demo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 reviews"));
    assert_eq!(list_ids(&env, &[]).len(), 5);
    let check = crate::common::json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["reviews"], 5);
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_project() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).expect("a new database");
        conn.execute_batch(include_str!("../../../migrations/0001_initial.sql"))
            .expect("the version 1 schema");
        conn.execute_batch(
            "PRAGMA application_id = 1397771569; PRAGMA user_version = 1;
             INSERT INTO frameworks (key, name) VALUES ('x', 'An old framework');
             INSERT INTO settings (key, value) VALUES ('adopted_framework', 'x');
             INSERT INTO projects (code, title, form, level_planned, status, academic_year,
                                   start_date)
             VALUES ('old', 'An old project', 'wider-student-experience', 'partnership',
                     'active', '2025/26', '2025-10-01');",
        )
        .expect("the version 1 rows");
    }
    let check = crate::common::json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["schema_version"], crate::common::SCHEMA);
    assert_eq!(check["projects"], 1);
    assert_eq!(check["reviews"], 0);
    let version: i64 = env
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, crate::common::SCHEMA);
    assert_eq!(show_project(&env, "old")["title"], "An old project");
    assert!(env.list("review", &[]).is_empty());
    assert_eq!(due_of(&env, "old").as_deref(), Some("2026-10-01"));
    let id = annual(&env, "old", "2026-10-02");
    assert_eq!(show(&env, &id)["framework"], "x");
}
