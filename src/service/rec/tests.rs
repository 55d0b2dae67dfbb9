//! Unit tests of the recommendation service (compiled only under #[cfg(test)], from mod.rs).

use super::*;
use crate::model::date::testing::day;
use crate::model::{AcademicYear, Form, Level};
use crate::service::database::open_in_memory;
use crate::service::project::{self, NewProject};

/// A database with project `lib-2025` and one recommendation from it raised on 2026-01-10.
fn one() -> anyhow::Result<(Connection, i64)> {
    let mut conn = open_in_memory()?;
    let mut p = NewProject::new("Library", Form::WiderExperience, Level::Partnership);
    p.code = Some("lib-2025".into());
    project::add(&mut conn, p, day("2025-10-01"))?;
    let new = NewRec::new(
        Source::Project("lib-2025".into()),
        "  the library closes too early ",
        "open until midnight in exams",
        "Library Services",
        day("2026-01-10"),
    );
    let rec = add(&mut conn, new, day("2026-11-23"))?;
    Ok((conn, rec.id))
}

fn status(s: RecStatus, on: &str) -> StatusUpdate {
    StatusUpdate {
        status: Some(s),
        response: None,
        on: Some(day(on)),
    }
}

#[test]
fn time_to_decision_and_to_close_come_from_the_history() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    let rec = get(&conn, id)?;
    assert_eq!(rec.finding, "the library closes too early");
    assert_eq!(rec.source(), "lib-2025");
    assert_eq!((rec.days_to_decision(), rec.days_to_close()), (None, None));
    update(
        &mut conn,
        id,
        status(RecStatus::Accepted, "2026-02-01"),
        today,
    )?;
    let rec = update(
        &mut conn,
        id,
        status(RecStatus::Implemented, "2026-03-01"),
        today,
    )?;
    assert_eq!(rec.days_to_decision(), Some(22));
    assert_eq!(rec.days_to_close(), Some(50));
    let history: Vec<RecStatus> = status_history(&conn, id)?
        .iter()
        .map(|h| h.status)
        .collect();
    assert_eq!(
        history,
        [
            RecStatus::Proposed,
            RecStatus::Accepted,
            RecStatus::Implemented
        ]
    );
    Ok(())
}

#[test]
fn reopening_clears_the_closing_day_until_it_closes_again() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    update(
        &mut conn,
        id,
        status(RecStatus::BeyondControl, "2026-02-01"),
        today,
    )?;
    let rec = update(
        &mut conn,
        id,
        status(RecStatus::InProgress, "2026-04-01"),
        today,
    )?;
    assert_eq!(rec.closed_on, None);
    assert_eq!(rec.decided_on, Some(day("2026-02-01")));
    update(
        &mut conn,
        id,
        status(RecStatus::Implemented, "2026-05-01"),
        today,
    )?;
    let rec = update(
        &mut conn,
        id,
        status(RecStatus::PartlyImplemented, "2026-06-01"),
        today,
    )?;
    assert_eq!(rec.closed_on, Some(day("2026-05-01")));
    Ok(())
}

#[test]
fn not_adopted_needs_a_reason_and_keeps_it_in_the_history() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    let err = update(
        &mut conn,
        id,
        status(RecStatus::NotAdopted, "2026-02-01"),
        today,
    );
    assert!(matches!(err, Err(Error::Invalid(_))), "{err:?}");
    let mut change = status(RecStatus::NotAdopted, "2026-02-01");
    change.response = Some(Some("no budget this year".into()));
    update(&mut conn, id, change, today)?;
    let last = status_history(&conn, id)?.pop();
    assert_eq!(
        last.and_then(|h| h.response).as_deref(),
        Some("no budget this year")
    );
    let clear = StatusUpdate {
        response: Some(None),
        ..StatusUpdate::default()
    };
    assert!(matches!(
        update(&mut conn, id, clear, today),
        Err(Error::Invalid(_))
    ));
    Ok(())
}

#[test]
fn dates_never_go_back_or_into_the_future() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    update(
        &mut conn,
        id,
        status(RecStatus::Accepted, "2026-02-01"),
        today,
    )?;
    for (s, on) in [
        (RecStatus::InProgress, "2026-01-31"),
        (RecStatus::InProgress, "2026-11-24"),
        (RecStatus::Accepted, "2026-03-01"),
        (RecStatus::Proposed, "2026-03-01"),
    ] {
        let r = update(&mut conn, id, status(s, on), today);
        assert!(matches!(r, Err(Error::Invalid(_))), "{s} on {on}: {r:?}");
    }
    // The same day as the last change is fine.
    update(
        &mut conn,
        id,
        status(RecStatus::InProgress, "2026-02-01"),
        today,
    )?;
    Ok(())
}

#[test]
fn communicated_only_once_decided() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    let r = communicated(&mut conn, id, day("2026-02-01"), None, today);
    assert!(matches!(r, Err(Error::Invalid(_))), "{r:?}");
    update(
        &mut conn,
        id,
        status(RecStatus::Accepted, "2026-02-01"),
        today,
    )?;
    let r = communicated(&mut conn, id, day("2026-01-31"), None, today);
    assert!(matches!(r, Err(Error::Invalid(_))), "{r:?}");
    let rec = communicated(
        &mut conn,
        id,
        day("2026-02-03"),
        Some(" newsletter "),
        today,
    )?;
    assert_eq!(rec.communicated_on, Some(day("2026-02-03")));
    assert_eq!(rec.channel.as_deref(), Some("newsletter"));
    Ok(())
}

#[test]
fn filters_and_the_board() -> anyhow::Result<()> {
    let (mut conn, id) = one()?;
    let today = day("2026-11-23");
    let mut other = NewRec::new(Source::Elsewhere, "f", "r", "Estates", day("2025-06-01"));
    other.due = Some(day("2025-07-01"));
    other.theme = Some("Study Space".into());
    let old = add(&mut conn, other.clone(), today)?;
    other.theme = Some("study space".into());
    other.due = None;
    let same = add(&mut conn, other, today)?;
    // A theme takes the spelling it already has.
    assert_eq!(same.theme.as_deref(), Some("Study Space"));
    let overdue = RecFilter {
        overdue: true,
        ..RecFilter::default()
    };
    let ids: Vec<i64> = list(&conn, &overdue, today)?.iter().map(|r| r.id).collect();
    assert_eq!(ids, [old.id]);
    let year = RecFilter {
        year: Some(AcademicYear(2025)),
        ..RecFilter::default()
    };
    let ids: Vec<i64> = list(&conn, &year, today)?.iter().map(|r| r.id).collect();
    assert_eq!(ids, [id]);
    assert!(board(&conn, None)?.is_empty());
    update(
        &mut conn,
        id,
        status(RecStatus::Accepted, "2026-02-01"),
        today,
    )?;
    update(
        &mut conn,
        old.id,
        status(RecStatus::Implemented, "2026-02-01"),
        today,
    )?;
    let themes: Vec<(String, Vec<i64>)> = board(&conn, None)?
        .into_iter()
        .map(|g| (g.theme, g.items.iter().map(|r| r.id).collect()))
        .collect();
    assert_eq!(
        themes,
        [
            ("Study Space".to_string(), vec![old.id]),
            (OTHER.to_string(), vec![id])
        ]
    );
    assert!(list(&conn, &overdue, today)?.is_empty());
    Ok(())
}

#[test]
fn the_board_groups_by_theme_with_other_last() -> anyhow::Result<()> {
    let (mut conn, untitled) = one()?;
    let today = day("2026-11-23");
    let mut ids = Vec::new();
    for (theme, raised) in [
        ("other", "2025-09-10"),
        ("Wellbeing", "2025-10-01"),
        ("assessment", "2025-11-01"),
        ("wellbeing", "2025-09-20"),
    ] {
        let mut new = NewRec::new(Source::Elsewhere, "f", "r", "Registry", day(raised));
        new.theme = Some(theme.into());
        let rec = add(&mut conn, new, today)?;
        update(
            &mut conn,
            rec.id,
            status(RecStatus::Accepted, "2026-02-01"),
            today,
        )?;
        ids.push(rec.id);
    }
    // Undecided: not on the board.
    let mut undecided = NewRec::new(Source::Elsewhere, "f", "r", "Registry", day("2025-09-01"));
    undecided.theme = Some("teaching".into());
    add(&mut conn, undecided, today)?;
    update(
        &mut conn,
        untitled,
        status(RecStatus::Implemented, "2026-02-01"),
        today,
    )?;
    let themes: Vec<(String, Vec<i64>)> = board(&conn, None)?
        .into_iter()
        .map(|g| (g.theme, g.items.iter().map(|r| r.id).collect()))
        .collect();
    assert_eq!(
        themes,
        [
            ("assessment".to_string(), vec![ids[2]]),
            // One theme in any case, as first spelt, oldest raised first.
            ("Wellbeing".to_string(), vec![ids[3], ids[1]]),
            // A theme called "other" takes the items without one, at the end.
            ("other".to_string(), vec![ids[0], untitled]),
        ]
    );
    assert!(board(&conn, Some(AcademicYear(2030)))?.is_empty());
    Ok(())
}
