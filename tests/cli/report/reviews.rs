//! `spm report reviews`: compliance with the review cadence, by department.

use rusqlite::params;
use serde_json::{Value as Json, json};

use super::{rows_of, where_is};
use crate::common::Env;

/// A project in `dept`, with `status`, started `start`, reviewed on each of `reviews`.
fn reviewed(env: &Env, code: &str, dept: &str, status: &str, start: &str, reviews: &[&str]) {
    let conn = env.conn();
    conn.execute(
        "INSERT INTO projects (code, title, form, level_planned, status, department,
             academic_year, start_date)
         VALUES (?1, ?1, 'educational-research', 'partnership', ?2, ?3, '2023/24', ?4)",
        params![code, status, dept, start],
    )
    .expect("a project");
    let id = conn.last_insert_rowid();
    for on in reviews {
        conn.execute(
            "INSERT INTO reviews (project_id, framework_id, on_date, kind, decision)
             VALUES (?1, (SELECT min(id) FROM frameworks), ?2, 'annual', 'continue')",
            params![id, on],
        )
        .expect("a review");
    }
    // Rows written straight into the file, as another program would write them, get their
    // stored next review date from `db check --fix`.
    env.ok(&["db", "check", "--fix"]);
}

#[test]
fn reviews_counts_compliance_by_department() {
    let env = Env::demo();
    let rows = rows_of(&env, "reviews", &[]);
    let total = rows.last().expect("a total row");
    assert_eq!(
        *total,
        json!({"department": "Total", "projects": 13, "on_time": 4, "late": 0,
               "overdue": 3, "never_reviewed": 6})
    );
    assert_eq!(
        *where_is(&rows, "department", "Student Services")[0],
        json!({"department": "Student Services", "projects": 3, "on_time": 0, "late": 0,
               "overdue": 1, "never_reviewed": 2})
    );

    // Reviewed a year and a day after starting: late; then within a year of that: on time,
    // but only the last review counts.
    let env = Env::fresh();
    reviewed(
        &env,
        "late",
        "History",
        "completed",
        "2024-01-10",
        &["2025-01-11"],
    );
    reviewed(
        &env,
        "fine",
        "history",
        "completed",
        "2024-01-10",
        &["2025-01-10"],
    );
    reviewed(
        &env,
        "mended",
        "Physics",
        "completed",
        "2023-01-10",
        &["2024-06-01", "2025-05-01"],
    );
    reviewed(&env, "never", "Physics", "completed", "2024-01-10", &[]);
    reviewed(
        &env,
        "due",
        "Physics",
        "active",
        "2024-01-10",
        &["2025-01-10"],
    );
    reviewed(&env, "ok", "Physics", "active", "2026-01-10", &[]);
    let rows = rows_of(&env, "reviews", &[]);
    let cells = |r: &Json| {
        (
            r["department"].as_str().unwrap_or_default().to_string(),
            [
                &r["projects"],
                &r["on_time"],
                &r["late"],
                &r["overdue"],
                &r["never_reviewed"],
            ]
            .map(|v| v.as_i64().unwrap_or(-1)),
        )
    };
    assert_eq!(
        rows.iter().map(cells).collect::<Vec<_>>(),
        [
            ("History".to_string(), [2, 1, 1, 0, 0]),
            ("Physics".to_string(), [4, 1, 0, 1, 2]),
            ("Total".to_string(), [6, 2, 1, 1, 2]),
        ]
    );
    let physics = rows_of(&env, "reviews", &["--dept", "physics"]);
    assert_eq!(physics.len(), 2);
    assert_eq!(physics[1]["projects"], json!(4));
}
