//! `spm report reviews`: review compliance by department. Each project that has started
//! (any status but proposed), running in the year when one is given, counts once, in the
//! first of these that fits it:
//!
//! 1. overdue: its next review is due before today (only active projects fall due, as in
//!    `spm review due`);
//! 2. never reviewed: it has no review at all;
//! 3. late: its last review was held after the day it was due;
//! 4. on time: its last review was held by the day it was due (or there was no date to
//!    count from).
//!
//! The day the last review was due is worked out as `spm review due` works out a next review:
//! one cadence after the review before it, or, for a first review, after the project started
//! (its start date, or the day it became active if that was later), with pauses and spells
//! closed before a reopening stopping the clock.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{IN_DEPT, RUNNING, Scope, department_label};
use crate::error::Result;
use crate::model::{Cadence, Status};
use crate::service::review::due_date;
use crate::service::review::{self, DueFilter};

/// The label of the row of every department.
pub const TOTAL: &str = "Total";

/// Where a project stands with its reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    OnTime,
    Late,
    Overdue,
    Never,
}

/// One department's projects by standing (all counts of projects, exact).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compliance {
    pub department: String,
    pub projects: u64,
    pub on_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub never: u64,
}

impl Compliance {
    fn add(&mut self, standing: Standing) {
        self.projects += 1;
        match standing {
            Standing::OnTime => self.on_time += 1,
            Standing::Late => self.late += 1,
            Standing::Overdue => self.overdue += 1,
            Standing::Never => self.never += 1,
        }
    }
}

/// A project as the report reads it.
struct Candidate {
    id: i64,
    department: Option<String>,
    start: Option<NaiveDate>,
    cadence: i64,
    last: Option<NaiveDate>,
    previous: Option<NaiveDate>,
    first_active: Option<NaiveDate>,
}

/// The departments in alphabetical order (any case together, "not recorded" last), then the
/// Total row.
///
/// Errors: `NotFound` for an unknown department; a database error when a query fails.
pub fn reviews(conn: &Connection, scope: &Scope, today: NaiveDate) -> Result<Vec<Compliance>> {
    let scope = scope.resolve(conn)?;
    const WHAT: &str = "cannot work out review compliance";
    let sql = format!(
        "SELECT p.id, p.department, p.start_date, p.review_cadence_months,
            (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id) AS last,
            (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id
                AND r.on_date < (SELECT max(x.on_date) FROM reviews x WHERE x.project_id = p.id)),
            (SELECT min(h.on_date) FROM project_status_history h
              WHERE h.project_id = p.id AND h.status = 'active')
         FROM projects p
         WHERE p.status <> 'proposed' AND {IN_DEPT} AND {RUNNING}"
    );
    let candidates = scope.rows(conn, &sql, WHAT, |r| {
        Ok(Candidate {
            id: r.get(0)?,
            department: r.get(1)?,
            start: r.get(2)?,
            cadence: r.get(3)?,
            last: r.get(4)?,
            previous: r.get(5)?,
            first_active: r.get(6)?,
        })
    })?;
    let overdue: HashSet<i64> = review::due(
        conn,
        &DueFilter {
            overdue: true,
            ..DueFilter::default()
        },
        today,
    )?
    .into_iter()
    .map(|d| d.project_id)
    .collect();
    let histories = histories(conn, &scope)?;
    let mut departments: BTreeMap<(bool, String), Compliance> = BTreeMap::new();
    let mut total = Compliance {
        department: TOTAL.to_string(),
        ..Compliance::default()
    };
    for c in &candidates {
        let history = histories.get(&c.id).map_or(&[][..], Vec::as_slice);
        let standing = standing(c, overdue.contains(&c.id), history);
        let label = department_label(c.department.as_deref());
        let key = (label == super::NO_DEPARTMENT, label.to_lowercase());
        departments
            .entry(key)
            .or_insert_with(|| Compliance {
                department: label,
                ..Compliance::default()
            })
            .add(standing);
        total.add(standing);
    }
    let mut rows: Vec<Compliance> = departments.into_values().collect();
    rows.push(total);
    Ok(rows)
}

fn standing(c: &Candidate, overdue: bool, history: &[(Status, NaiveDate)]) -> Standing {
    if overdue {
        return Standing::Overdue;
    }
    let Some(last) = c.last else {
        return Standing::Never;
    };
    let base = match c.previous {
        Some(p) => Some(p),
        None => match (c.start, c.first_active) {
            (Some(s), Some(a)) => Some(s.max(a)),
            (s, a) => s.or(a),
        },
    };
    let Some(base) = base else {
        return Standing::OnTime;
    };
    let cadence = Cadence(u32::try_from(c.cadence).unwrap_or(12));
    if last <= due_date(base, cadence, history) {
        Standing::OnTime
    } else {
        Standing::Late
    }
}

/// The status history of every project in scope that has ever stopped, oldest change first.
fn histories(
    conn: &Connection,
    scope: &super::Resolved,
) -> Result<HashMap<i64, Vec<(Status, NaiveDate)>>> {
    let sql = format!(
        "SELECT h.project_id, h.status, h.on_date FROM project_status_history h
         JOIN projects p ON p.id = h.project_id
         WHERE h.project_id IN (SELECT project_id FROM project_status_history
                                WHERE status IN ('paused', 'completed', 'withdrawn'))
           AND {IN_DEPT} AND {RUNNING}
         ORDER BY h.project_id, h.on_date, h.id"
    );
    let rows: Vec<(i64, Status, NaiveDate)> =
        scope.rows(conn, &sql, "cannot read the status history", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let mut out: HashMap<i64, Vec<(Status, NaiveDate)>> = HashMap::new();
    for (id, status, on) in rows {
        out.entry(id).or_default().push((status, on));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::testing::day;
    use crate::service::database::open_in_memory;

    fn candidate(start: &str, previous: Option<&str>, last: Option<&str>) -> Candidate {
        Candidate {
            id: 1,
            department: None,
            start: Some(day(start)),
            cadence: 12,
            last: last.map(day),
            previous: previous.map(day),
            first_active: None,
        }
    }

    #[test]
    fn a_review_is_late_after_its_due_date() {
        let on_time = candidate("2024-01-10", None, Some("2025-01-10"));
        assert_eq!(standing(&on_time, false, &[]), Standing::OnTime);
        let late = candidate("2024-01-10", None, Some("2025-01-11"));
        assert_eq!(standing(&late, false, &[]), Standing::Late);
        // The second review counts from the first.
        let second = candidate("2020-01-10", Some("2024-06-01"), Some("2025-06-01"));
        assert_eq!(standing(&second, false, &[]), Standing::OnTime);
        // Overdue now comes first; a project never reviewed is "never".
        assert_eq!(standing(&late, true, &[]), Standing::Overdue);
        let never = candidate("2024-01-10", None, None);
        assert_eq!(standing(&never, false, &[]), Standing::Never);
    }

    #[test]
    fn a_pause_moves_the_due_date_back() {
        let history = [
            (Status::Active, day("2024-01-10")),
            (Status::Paused, day("2024-03-01")),
            (Status::Active, day("2024-04-01")),
        ];
        let c = candidate("2024-01-10", None, Some("2025-02-05"));
        assert_eq!(standing(&c, false, &[]), Standing::Late);
        assert_eq!(standing(&c, false, &history), Standing::OnTime);
        assert_eq!(
            due_date(day("2024-01-10"), Cadence(12), &history),
            day("2025-02-10")
        );
    }

    #[test]
    fn the_demo_by_department() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = day("2026-11-23");
        crate::service::demo::load(&mut conn, today)?;
        let rows = reviews(&conn, &Scope::default(), today)?;
        let total = rows.last().cloned().unwrap_or_default();
        assert_eq!(total.department, TOTAL);
        // Fifteen projects, two of them still proposed.
        assert_eq!(total.projects, 13);
        assert_eq!(total.on_time + total.late + total.overdue + total.never, 13);
        let economics = rows.iter().find(|r| r.department == "Economics");
        assert_eq!(
            economics.map(|r| (r.projects, r.on_time, r.late)),
            Some((1, 1, 0))
        );
        Ok(())
    }
}
