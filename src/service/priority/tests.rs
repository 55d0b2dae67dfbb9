//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::service::database::open_in_memory;

fn with_projects() -> anyhow::Result<Connection> {
    let conn = open_in_memory()?;
    for code in ["mh", "voice"] {
        conn.execute(
            "INSERT INTO projects (code, title, form, level_planned, academic_year)
             VALUES (?1, ?1, 'wider-student-experience', 'partnership', '2021/22')",
            [code],
        )?;
    }
    Ok(conn)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn texts(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn set_creates_replaces_and_leaves_alone() -> anyhow::Result<()> {
    let mut conn = with_projects()?;
    let y = AcademicYear(2021);
    let s = set(&mut conn, y, "MH", &texts(&["a", " b ", "A", ""]), today())?;
    assert_eq!(s.outcome, SetOutcome::Created);
    assert_eq!(s.priority.objectives, texts(&["a", "b"]));
    let s = set(&mut conn, y, "mh", &texts(&["a", "b"]), today())?;
    assert_eq!(s.outcome, SetOutcome::Unchanged);
    let s = set(&mut conn, y, "mh", &texts(&["c"]), today())?;
    assert_eq!(s.outcome, SetOutcome::Replaced);
    assert_eq!(get(&conn, y, "mh")?.objectives, texts(&["c"]));
    assert_eq!(history(&conn, s.priority.id)?.len(), 2);
    assert!(set(&mut conn, y, "mh", &texts(&[" "]), today()).is_err());
    Ok(())
}

#[test]
fn carrying_forward_copies_objectives_and_remembers_the_origin() -> anyhow::Result<()> {
    let mut conn = with_projects()?;
    let (from, to) = (AcademicYear(2021), AcademicYear(2022));
    set(&mut conn, from, "mh", &texts(&["one", "two"]), today())?;
    set(&mut conn, from, "voice", &texts(&["three"]), today())?;
    set(&mut conn, to, "voice", &texts(&["new"]), today())?;
    let plan = plan_carry(&conn, from, to, today())?;
    assert_eq!(plan.proposals.len(), 1);
    assert_eq!(plan.already.len(), 1);
    let ids: Vec<i64> = plan.proposals.iter().map(|p| p.id).collect();
    let carried = carry(&mut conn, to, &ids)?;
    assert_eq!(carried[0].objectives, texts(&["one", "two"]));
    assert_eq!(carried[0].carried_from, Some(from));
    assert!(matches!(
        carry(&mut conn, to, &ids),
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        remove(&mut conn, from, "mh"),
        Err(Error::Conflict(_))
    ));
    assert!(plan_carry(&conn, to, from, today()).is_err());
    remove(&mut conn, to, "mh")?;
    remove(&mut conn, from, "mh")?;
    Ok(())
}

#[test]
fn a_year_after_the_next_is_refused() -> anyhow::Result<()> {
    let mut conn = with_projects()?;
    // On 23 November 2026 the year is 2026/27: 2027/28 may be planned, 2028/29 not.
    set(&mut conn, AcademicYear(2027), "mh", &texts(&["a"]), today())?;
    let err = set(&mut conn, AcademicYear(2028), "mh", &texts(&["a"]), today())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("2028/29 is too far ahead"), "{err}");
    assert!(plan_carry(&conn, AcademicYear(2027), AcademicYear(2028), today()).is_err());
    Ok(())
}
