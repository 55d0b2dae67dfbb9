//! The stored next review dates against the dates worked out afresh, after random sequences
//! of every kind of change (compiled only under #[cfg(test)], from mod.rs).

use std::io::Write;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;

use super::next::stale;
use super::{NewReview, ReviewPatch};
use crate::model::{Cadence, Decision, Form, Level, ReviewKind, Status};
use crate::service::database::open_in_memory;
use crate::service::import::{self, ImportOptions};
use crate::service::project::{self, NewProject, ProjectPatch};
use crate::service::review;

const STATUSES: [Status; 5] = [
    Status::Proposed,
    Status::Active,
    Status::Paused,
    Status::Completed,
    Status::Withdrawn,
];

const KINDS: [ReviewKind; 3] = [ReviewKind::Annual, ReviewKind::Interim, ReviewKind::Closing];

/// One change, its numbers picked at random: a day is days after 2024-01-01 (some fall after
/// today, which the service refuses, as it refuses moves a project's life does not allow).
#[derive(Debug, Clone)]
enum Op {
    Add {
        status: usize,
        start: Option<u16>,
        months: u32,
    },
    Status {
        project: usize,
        status: usize,
        day: u16,
    },
    Review {
        project: usize,
        day: u16,
        kind: usize,
    },
    EditReview {
        review: usize,
        day: u16,
        kind: Option<usize>,
    },
    RemoveReview {
        review: usize,
    },
    Edit {
        project: usize,
        start: Option<Option<u16>>,
        months: Option<u32>,
    },
    RemoveProject {
        project: usize,
    },
    /// `spm project import --update` of one row, and a new project on a second row.
    Import {
        project: usize,
        status: usize,
        start: Option<u16>,
        months: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let day = 0u16..1100;
    let months = 1u32..=24;
    prop_oneof![
        3 => (0..5usize, proptest::option::of(day.clone()), months.clone())
            .prop_map(|(status, start, months)| Op::Add { status, start, months }),
        4 => (0..8usize, 0..5usize, day.clone())
            .prop_map(|(project, status, day)| Op::Status { project, status, day }),
        4 => (0..8usize, day.clone(), 0..3usize)
            .prop_map(|(project, day, kind)| Op::Review { project, day, kind }),
        2 => (0..8usize, day.clone(), proptest::option::of(0..3usize))
            .prop_map(|(review, day, kind)| Op::EditReview { review, day, kind }),
        1 => (0..8usize).prop_map(|review| Op::RemoveReview { review }),
        2 => (
            0..8usize,
            proptest::option::of(proptest::option::of(day.clone())),
            proptest::option::of(months.clone())
        )
            .prop_map(|(project, start, months)| Op::Edit { project, start, months }),
        1 => (0..8usize).prop_map(|project| Op::RemoveProject { project }),
        1 => (0..8usize, 0..5usize, proptest::option::of(day), months)
            .prop_map(|(project, status, start, months)| Op::Import { project, status, start, months }),
    ]
}

fn day(offset: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN) + Days::new(offset.into())
}

/// 2026-11-23.
fn today() -> NaiveDate {
    day(1057)
}

/// The `i`th of the codes registered (taken round), or a code no project has.
fn code(conn: &Connection, i: usize) -> anyhow::Result<String> {
    let codes: Vec<String> = conn
        .prepare("SELECT code FROM projects ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match codes.len() {
        0 => "none".to_string(),
        n => codes[i % n].clone(),
    })
}

/// The `i`th of the reviews recorded (taken round), or an id no review has.
fn review_id(conn: &Connection, i: usize) -> anyhow::Result<i64> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM reviews ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match ids.len() {
        0 => 0,
        n => ids[i % n],
    })
}

/// Makes the change; a change the service refuses is part of the test too (it must leave the
/// stored dates as they were), so its error is not a failure.
fn apply(conn: &mut Connection, dir: &tempfile::TempDir, n: usize, op: &Op) -> anyhow::Result<()> {
    let today = today();
    let _refused = match op {
        Op::Add {
            status,
            start,
            months,
        } => {
            let mut new =
                NewProject::new(format!("P{n}"), Form::WiderExperience, Level::Partnership);
            new.code = Some(format!("p{n}"));
            new.status = STATUSES[*status];
            new.start_date = start.map(day);
            new.cadence = Cadence(*months);
            project::add(conn, new, today).map(|_| ())
        }
        Op::Status {
            project: p,
            status,
            day: d,
        } => {
            let code = code(conn, *p)?;
            project::set_status(conn, &code, STATUSES[*status], day(*d), None, today).map(|_| ())
        }
        Op::Review {
            project: p,
            day: d,
            kind,
        } => {
            let kind = KINDS[*kind];
            let decision = match kind {
                ReviewKind::Closing => Decision::Close,
                _ => Decision::Continue,
            };
            let new = NewReview::new(code(conn, *p)?, day(*d), kind, decision);
            review::add(conn, new, today).map(|_| ())
        }
        Op::EditReview {
            review: r,
            day: d,
            kind,
        } => {
            let id = review_id(conn, *r)?;
            let patch = ReviewPatch {
                on: Some(day(*d)),
                kind: kind.map(|k| KINDS[k]),
                decision: kind.map(|k| match KINDS[k] {
                    ReviewKind::Closing => Decision::Close,
                    _ => Decision::Adapt,
                }),
                ..ReviewPatch::default()
            };
            review::edit(conn, id, patch, today).map(|_| ())
        }
        Op::RemoveReview { review: r } => {
            let id = review_id(conn, *r)?;
            review::remove(conn, id).map(|_| ())
        }
        Op::Edit {
            project: p,
            start,
            months,
        } => {
            let patch = ProjectPatch {
                start_date: start.map(|s| s.map(day)),
                cadence: months.map(Cadence),
                ..ProjectPatch::default()
            };
            project::edit(conn, &code(conn, *p)?, patch).map(|_| ())
        }
        Op::RemoveProject { project: p } => project::remove(conn, &code(conn, *p)?).map(|_| ()),
        Op::Import {
            project: p,
            status,
            start,
            months,
        } => {
            let path = dir.path().join(format!("import-{n}.csv"));
            let mut file = std::fs::File::create(&path)?;
            writeln!(
                file,
                "code,title,form,level_planned,status,start_date,review_cadence"
            )?;
            let start = start.map(|s| day(s).to_string()).unwrap_or_default();
            let status = STATUSES[*status];
            let form = Form::WiderExperience;
            let level = Level::Partnership;
            writeln!(
                file,
                "{},Imported,{form},{level},{status},{start},{months}m",
                code(conn, *p)?
            )?;
            writeln!(
                file,
                "i{n},Imported {n},{form},{level},{status},{start},{months}m"
            )?;
            drop(file);
            let opts = ImportOptions {
                update: true,
                ..ImportOptions::default()
            };
            import::projects(conn, &path, &opts, today, &mut |_, _| {}).map(|_| ())
        }
    };
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// After every change, made or refused, each project's stored dates are the ones worked
    /// out from scratch.
    #[test]
    fn stored_dates_are_always_the_ones_worked_out_afresh(ops in proptest::collection::vec(op(), 1..40)) {
        let check = || -> anyhow::Result<()> {
            let mut conn = open_in_memory()?;
            let dir = tempfile::tempdir()?;
            for (n, op) in ops.iter().enumerate() {
                apply(&mut conn, &dir, n, op)?;
                let wrong = stale(&conn, i64::MIN)?;
                anyhow::ensure!(wrong.is_empty(), "after {op:?}: {wrong:?}");
            }
            Ok(())
        };
        let result = check();
        prop_assert!(result.is_ok(), "{:?}", result.err());
    }
}

/// The property's changes do reach the interesting states: dates pushed back by a pause, a
/// date that goes away when the project stops, and one counted from an import.
#[test]
fn the_changes_move_the_dates_as_the_rule_says() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let dir = tempfile::tempdir()?;
    let due = |conn: &Connection| -> anyhow::Result<Option<String>> {
        Ok(conn.query_row(
            "SELECT next_review_due FROM projects WHERE code = 'p0'",
            [],
            |r| r.get(0),
        )?)
    };
    let steps = [
        (
            Op::Add {
                status: 1,
                start: Some(0),
                months: 12,
            },
            Some("2025-01-01"),
        ),
        (
            Op::Status {
                project: 0,
                status: 2,
                day: 31,
            },
            None,
        ),
        (
            Op::Status {
                project: 0,
                status: 1,
                day: 41,
            },
            Some("2025-01-11"),
        ),
        (
            Op::Review {
                project: 0,
                day: 400,
                kind: 0,
            },
            Some("2026-02-04"),
        ),
        (
            Op::Import {
                project: 0,
                status: 1,
                start: Some(0),
                months: 6,
            },
            Some("2025-08-04"),
        ),
        (Op::RemoveReview { review: 0 }, Some("2024-07-11")),
    ];
    for (n, (op, expected)) in steps.iter().enumerate() {
        apply(&mut conn, &dir, n, op)?;
        assert_eq!(due(&conn)?.as_deref(), *expected, "after {op:?}");
        assert!(stale(&conn, i64::MIN)?.is_empty(), "after {op:?}");
    }
    // The second row of the import is a new project, counted from its start.
    let imported: Option<String> = conn.query_row(
        "SELECT next_review_due FROM projects WHERE code = 'i4'",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(imported.as_deref(), Some("2024-07-01"));
    Ok(())
}

/// Projects far apart in numbering, in different chunks of the batch, all get their dates,
/// and a pause is read for the right one.
#[test]
fn the_batch_reaches_every_chunk_of_ids() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let dir = tempfile::tempdir()?;
    for (n, jump) in [(0, 0), (1, 5000), (2, 9000), (3, 20_000)] {
        if jump > 0 {
            conn.execute(
                "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'projects'",
                [jump],
            )?;
        }
        let add = Op::Add {
            status: 1,
            start: Some(0),
            months: 12,
        };
        apply(&mut conn, &dir, n, &add)?;
    }
    let pause = Op::Status {
        project: 2,
        status: 2,
        day: 31,
    };
    let resume = Op::Status {
        project: 2,
        status: 1,
        day: 41,
    };
    apply(&mut conn, &dir, 4, &pause)?;
    apply(&mut conn, &dir, 5, &resume)?;
    let stored = |conn: &Connection| -> anyhow::Result<Vec<(i64, Option<String>)>> {
        Ok(conn
            .prepare("SELECT id, next_review_due FROM projects ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let right = stored(&conn)?;
    assert_eq!(
        right.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [1, 5001, 9001, 20_001]
    );
    assert_eq!(right[2].1.as_deref(), Some("2025-01-11"));
    conn.execute(
        "UPDATE projects SET next_review_due = NULL, last_review_on = '2020-01-01'",
        [],
    )?;
    assert_eq!(stale(&conn, i64::MIN)?.len(), 4);
    assert_eq!(stale(&conn, 5001)?.len(), 3);
    assert_eq!(review::refresh_from(&conn, 9000)?, 2);
    assert_eq!(review::refresh_all(&conn)?, 2);
    assert_eq!(stored(&conn)?, right);
    assert!(stale(&conn, i64::MIN)?.is_empty());
    Ok(())
}
