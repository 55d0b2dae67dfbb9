//! The two ways of inserting projects write the same rows.

use super::*;
use crate::model::{AcademicYear, Cadence, Form, Level};
use crate::service::database::open_in_memory;
use crate::service::person::{self, NewPerson};

fn day(s: &str) -> NaiveDate {
    crate::model::parse_date(s).expect("a valid test date")
}

/// 150 projects (more than two chunks of a multi-row INSERT) of every status, with and
/// without themes, a lead, a budget, timestamps and a change-log entry, in runs.
fn projects(lead: i64) -> Vec<Ready> {
    let statuses = [
        Status::Proposed,
        Status::Active,
        Status::Paused,
        Status::Completed,
        Status::Withdrawn,
    ];
    (0..150)
        .map(|i: i64| {
            let status = statuses[i as usize % statuses.len()];
            let start = (status != Status::Proposed).then(|| day("2024-10-01"));
            let end =
                matches!(status, Status::Completed | Status::Withdrawn).then(|| day("2025-06-30"));
            // Runs of projects with and without timestamps, so that a batch is split.
            let stamped = (i / 40) % 2 == 1;
            let stamp = |s: &str| {
                if stamped {
                    s.to_string()
                } else {
                    String::new()
                }
            };
            Ready {
                project: Project {
                    id: 0,
                    code: format!("p-{i}"),
                    title: format!("Project {i}"),
                    summary: (i % 3 == 0).then(|| format!("summary {i}")),
                    form: Form::ALL[i as usize % Form::ALL.len()],
                    activity: None,
                    level_planned: Level::Partnership,
                    level_achieved: (status == Status::Completed).then_some(Level::StudentLed),
                    status,
                    department: (i % 2 == 0).then(|| "History".to_string()),
                    academic_year: AcademicYear(2024),
                    start_date: start,
                    end_date: end,
                    lead: None,
                    lead_email: None,
                    themes: (0..i % 4).map(|k| format!("theme {k}")).collect(),
                    budget: (i % 5 == 0).then_some(Money(i * 100)),
                    cadence: Cadence(if i % 7 == 0 { 6 } else { 12 }),
                    created_at: stamp("2024-10-01T09:00:00Z"),
                    updated_at: stamp("2025-06-30T09:00:00Z"),
                    continues: None,
                },
                lead_id: (i % 2 == 1).then_some(lead),
                since: start.map(|s| end.unwrap_or(s)),
                logged: (i % 6 != 0).then(|| format!("{{\"line\":{}}}", i + 2)),
            }
        })
        .collect()
}

/// Every row the writers wrote, as text, but the timestamps the database gave (now).
fn written(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for sql in [
        "SELECT id, code, title, summary, form, activity, level_planned, level_achieved, status,
            department, academic_year, start_date, end_date, lead_id, budget_pence,
            review_cadence_months,
            CASE WHEN created_at LIKE '%T09:00:00Z' THEN created_at END,
            CASE WHEN updated_at LIKE '%T09:00:00Z' THEN updated_at END
         FROM projects ORDER BY id",
        "SELECT project_id, theme FROM project_themes ORDER BY project_id, theme",
        "SELECT id, project_id, status, on_date, note FROM project_status_history ORDER BY id",
        "SELECT id, actor, entity, entity_id, action, fields FROM changes
         WHERE entity = 'project' ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql)?;
        let width = stmt.column_count();
        let rows = stmt.query_map([], |r| {
            (0..width)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|v| v.join("|"))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

#[test]
fn one_at_a_time_and_many_at_once_write_the_same_rows() -> anyhow::Result<()> {
    let mut one = open_in_memory()?;
    let mut many = open_in_memory()?;
    let today = day("2025-10-01");
    let mut lead = 0;
    for conn in [&mut one, &mut many] {
        let tx = crate::db::begin_write(conn)?;
        lead = person::insert(
            &tx,
            NewPerson::new("Sam Lead", crate::model::PersonKind::Staff),
            today,
        )?
        .id;
        tx.commit()?;
    }
    let tx = crate::db::begin_write(&mut one)?;
    let mut writer = Writer::new(&tx);
    let mut singly = projects(lead);
    for r in &mut singly {
        writer.insert(r)?;
    }
    drop(writer);
    tx.commit()?;
    let tx = crate::db::begin_write(&mut many)?;
    let mut together = projects(lead);
    Writer::new(&tx).insert_all(&mut together)?;
    tx.commit()?;
    let ids = |ready: &[Ready]| ready.iter().map(|r| r.project.id).collect::<Vec<_>>();
    assert_eq!(ids(&singly), ids(&together));
    let (a, b) = (written(&one)?, written(&many)?);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    // Everything was written: 150 projects, 223 themes, a history entry for each project
    // not proposed, and the 125 change-log entries asked for.
    let count = |sql: &str| one.query_row(sql, [], |r| r.get::<_, i64>(0));
    assert_eq!(count("SELECT count(*) FROM projects")?, 150);
    assert_eq!(count("SELECT count(*) FROM project_themes")?, 223);
    assert_eq!(count("SELECT count(*) FROM project_status_history")?, 120);
    assert_eq!(
        count("SELECT count(*) FROM changes WHERE entity = 'project'")?,
        125
    );
    assert_eq!(
        count("SELECT count(*) FROM projects WHERE created_at = '2024-10-01T09:00:00Z'")?,
        70
    );
    Ok(())
}
