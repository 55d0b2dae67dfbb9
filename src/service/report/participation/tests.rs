//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::service::database::open_in_memory;
use rusqlite::params;

/// A project in academic year `year` running from `start` to `end` (either may be NULL).
fn project(
    conn: &Connection,
    code: &str,
    year: &str,
    start: Option<&str>,
    end: Option<&str>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO projects (code, title, form, level_planned, academic_year, start_date, end_date)
         VALUES (?1, ?1, 'wider-student-experience', 'partnership', ?2, ?3, ?4)",
        params![code, year, start, end],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A person of `kind` with a level and department (either may be NULL).
fn person(
    conn: &Connection,
    kind: &str,
    level: Option<&str>,
    dept: Option<&str>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO people (name, kind, level, department) VALUES ('someone', ?1, ?2, ?3)",
        params![kind, level, dept],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A place for `person` on `project` as `role` (dates may be NULL); returns its id.
fn place(
    conn: &Connection,
    project: i64,
    person: i64,
    role: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO project_partners (project_id, person_id, role, from_date, to_date)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![project, person, role, from, to],
    )?;
    Ok(conn.last_insert_rowid())
}

fn contribution(conn: &Connection, partner: i64, on: &str, minutes: i64) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO contributions (partner_id, on_date, minutes) VALUES (?1, ?2, ?3)",
        params![partner, on, minutes],
    )?;
    Ok(())
}

fn characteristic(
    conn: &Connection,
    person: i64,
    category: &str,
    value: &str,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO person_characteristics (person_id, category, value) VALUES (?1, ?2, ?3)",
        params![person, category, value],
    )?;
    Ok(())
}

/// (group, exact people, hours) of each row.
fn figures(report: &Participation) -> Vec<(String, u64, f64)> {
    report
        .rows
        .iter()
        .map(|r| (r.group.clone(), r.people, r.hours))
        .collect()
}

fn year(s: &str) -> anyhow::Result<Option<AcademicYear>> {
    Ok(Some(s.parse()?))
}

#[test]
fn counts_people_once_per_group_and_lists_every_kind() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let p = project(&conn, "a", "2025/26", None, None)?;
    let q = project(&conn, "b", "2025/26", None, None)?;
    let ann = person(&conn, "student", Some("ug"), Some("History"))?;
    let bob = person(&conn, "staff", None, Some("history"))?;
    let a1 = place(&conn, p, ann, "student-partner", None, None)?;
    let a2 = place(&conn, q, ann, "intern", None, None)?;
    place(&conn, p, bob, "lead", None, None)?;
    contribution(&conn, a1, "2025-10-01", 90)?;
    contribution(&conn, a2, "2025-10-02", 30)?;

    let by_kind = participation(&conn, None, &GroupBy::Kind)?;
    assert_eq!(
        figures(&by_kind),
        vec![
            ("external".into(), 0, 0.0),
            ("staff".into(), 1, 0.0),
            ("student".into(), 1, 2.0),
            ("Total".into(), 2, 2.0),
        ]
    );
    assert!(by_kind.rows.iter().all(|r| r.population == 2));
    assert_eq!(by_kind.rows.last().map(|r| r.kind), Some(RowKind::Total));

    let by_role = participation(&conn, None, &GroupBy::Role)?;
    let roles: Vec<_> = figures(&by_role)
        .into_iter()
        .filter(|(_, n, _)| *n > 0)
        .collect();
    assert_eq!(
        roles,
        vec![
            ("intern".into(), 1, 0.5),
            ("lead".into(), 1, 0.0),
            ("student-partner".into(), 1, 1.5),
            ("Total".into(), 2, 2.0),
        ]
    );

    // Departments that differ only in case are one group.
    let by_dept = participation(&conn, None, &"dept".parse()?)?;
    assert_eq!(
        figures(&by_dept),
        vec![
            ("History".into(), 2, 2.0),
            ("not recorded".into(), 0, 0.0),
            ("Total".into(), 2, 2.0),
        ]
    );

    let by_level = participation(&conn, None, &GroupBy::Level)?;
    let levels: Vec<_> = by_level.rows.iter().map(|r| r.group.as_str()).collect();
    assert_eq!(levels, ["pgr", "pgt", "ug", "not recorded", "Total"]);
    Ok(())
}

#[test]
fn characteristics_keep_prefer_not_to_say_apart_from_not_recorded() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let p = project(&conn, "a", "2025/26", None, None)?;
    let mut ids = Vec::new();
    for _ in 0..4 {
        let id = person(&conn, "student", None, None)?;
        place(&conn, p, id, "student-partner", None, None)?;
        ids.push(id);
    }
    characteristic(&conn, ids[0], "disability", "yes")?;
    characteristic(&conn, ids[1], "disability", "prefer not to say")?;
    characteristic(&conn, ids[2], "disability", "yes")?;
    // A forgotten person still counts, but not under what they declared.
    conn.execute(
        "UPDATE people SET erased_on = '2026-01-01' WHERE id = ?1",
        [ids[2]],
    )?;
    let report = participation(&conn, None, &"Disability".parse()?)?;
    assert_eq!(
        figures(&report),
        vec![
            ("prefer not to say".into(), 1, 0.0),
            ("yes".into(), 1, 0.0),
            ("not recorded".into(), 2, 0.0),
            ("Total".into(), 4, 0.0),
        ]
    );
    Ok(())
}

#[test]
fn an_unknown_grouping_lists_the_choices() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let err = participation(&conn, None, &"colour".parse()?).map(|_| ());
    let Err(Error::Invalid(message)) = err else {
        anyhow::bail!("expected Invalid, got {err:?}");
    };
    assert!(message.contains("kind, level, dept or role"), "{message}");
    let id = person(&conn, "student", None, None)?;
    characteristic(&conn, id, "ethnicity", "white")?;
    let err = participation(&conn, None, &"colour".parse()?).map(|_| ());
    let Err(Error::Invalid(message)) = err else {
        anyhow::bail!("expected Invalid, got {err:?}");
    };
    assert!(
        message.contains("a recorded characteristic (ethnicity)"),
        "{message}"
    );
    assert!("  ".parse::<GroupBy>().is_err());
    Ok(())
}

#[test]
fn a_year_counts_places_that_overlap_it() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    // Dated by the place, by the project, or only by the project's academic year.
    let dated = project(
        &conn,
        "dated",
        "2024/25",
        Some("2024-10-01"),
        Some("2025-06-30"),
    )?;
    let open = project(&conn, "open", "2024/25", Some("2024-10-01"), None)?;
    let undated = project(&conn, "undated", "2026/27", None, None)?;
    let early = person(&conn, "student", None, None)?;
    let lasting = person(&conn, "staff", None, None)?;
    let joined = person(&conn, "external", None, None)?;
    let later = person(&conn, "student", None, None)?;
    place(&conn, dated, early, "student-partner", None, None)?;
    let l = place(&conn, open, lasting, "lead", None, None)?;
    place(
        &conn,
        dated,
        joined,
        "panellist",
        Some("2025-08-31"),
        Some("2025-09-01"),
    )?;
    place(&conn, undated, later, "intern", None, None)?;
    contribution(&conn, l, "2025-08-31", 60)?;
    contribution(&conn, l, "2025-09-01", 120)?;

    let total = |y: Option<AcademicYear>| -> anyhow::Result<(u64, f64)> {
        let report = participation(&conn, y, &GroupBy::Kind)?;
        let row = report
            .rows
            .last()
            .ok_or_else(|| anyhow::anyhow!("no total"))?;
        Ok((row.people, row.hours))
    };
    assert_eq!(total(year("2023/24")?)?, (0, 0.0));
    assert_eq!(total(year("2024/25")?)?, (3, 1.0));
    // The place that ends on 1 September overlaps 2025/26 by a day.
    assert_eq!(total(year("2025/26")?)?, (2, 2.0));
    assert_eq!(total(year("2026/27")?)?, (2, 0.0));
    assert_eq!(total(None)?, (4, 3.0));

    // The year can start on another day.
    settings::set(&conn, settings::YEAR_START, "08-01")?;
    assert_eq!(total(year("2025/26")?)?, (2, 3.0));
    Ok(())
}

#[test]
fn a_period_counts_in_each_year_pro_rata_by_day() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let p = project(&conn, "p", "2025/26", Some("2025-06-01"), None)?;
    let ann = person(&conn, "student", None, None)?;
    let a = place(&conn, p, ann, "student-partner", None, None)?;
    // 10 hours over 10 days, 31 August to 9 September: 1 day in 2024/25, 9 in 2025/26.
    conn.execute(
        "INSERT INTO contributions (partner_id, on_date, to_date, minutes)
         VALUES (?1, '2025-08-31', '2025-09-09', 600)",
        [a],
    )?;
    // Replaced entries count for nothing: one corrected (3h to 2h), one reversed.
    contribution(&conn, a, "2025-10-01", 180)?;
    let corrected = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO contributions (partner_id, on_date, minutes, replaces_id)
         VALUES (?1, '2025-10-01', 120, ?2)",
        params![a, corrected],
    )?;
    contribution(&conn, a, "2025-10-02", 240)?;
    let reversed = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO contributions (partner_id, on_date, replaces_id, reversal)
         VALUES (?1, '2025-10-02', ?2, 1)",
        params![a, reversed],
    )?;
    let hours = |y: Option<AcademicYear>| -> anyhow::Result<f64> {
        let report = participation(&conn, y, &GroupBy::Kind)?;
        Ok(report.rows.last().map_or(0.0, |r| r.hours))
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(hours(year("2024/25")?)?, 1.0));
    assert!(close(hours(year("2025/26")?)?, 9.0 + 2.0));
    assert!(close(hours(None)?, 10.0 + 2.0));
    Ok(())
}

#[test]
fn shown_figures_are_rounded_and_suppressed() {
    let report = Participation {
        by: GroupBy::Kind,
        year: None,
        rows: vec![
            GroupRow {
                group: "student".into(),
                kind: RowKind::Group,
                people: 7,
                hours: 70.0,
                population: 30,
            },
            GroupRow {
                group: "Total".into(),
                kind: RowKind::Total,
                people: 30,
                hours: 90.0,
                population: 30,
            },
        ],
    };
    let shown = report.shown(false);
    assert_eq!(shown[0].people, 5);
    // 5 of 30, from the rounded counts, in whole numbers.
    assert_eq!(shown[0].percent, Figure::Value(17.0));
    assert_eq!(shown[0].average_hours, Figure::Suppressed);
    assert_eq!(shown[1].people, 30);
    // Withheld with the group's, or the difference would give the group's hours away.
    assert_eq!(shown[1].average_hours, Figure::Suppressed);
    let exact = report.shown(true);
    assert_eq!(exact[0].people, 7);
    assert_eq!(exact[0].average_hours, Figure::Value(10.0));
}
