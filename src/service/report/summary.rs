//! `spm report summary`: the year at a glance, as (section, measure, value) rows: projects by
//! status, form and engagement level planned and achieved; reviews done, due and overdue;
//! the people taking part and their hours; recommendations by status; the fund.
//!
//! What "in the year" means, section by section:
//! - projects: those running in the year (see `RUNNING` in the report module);
//! - reviews: those held in the year; due and overdue are as of today, of the projects
//!   running in the year;
//! - partners: the people with a place on a project that overlaps the year (the rule of the
//!   participation report), and the hours of their contributions in the year (a period's
//!   pro rata by day; corrected and reversed entries not counted);
//! - recommendations: those raised in the year;
//! - fund: the applications made in the year, with everything spent from their awards.
//!
//! With a department, everything is of that department's projects (so a recommendation from
//! a panel session, which has no department, is left out).

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::{IN_DEPT, MINUTES_IN_YEAR, RUNNING, Resolved, Scope, dated};
use crate::error::Result;
use crate::model::Money;
use crate::model::enums::{Form, Level, PersonKind, RecStatus, Status};
use crate::service::review::{self, DueFilter};
use rusqlite::Connection;

/// How far ahead "due" looks, as `spm review due` does by default.
pub const DUE_WITHIN_DAYS: u64 = 30;

/// A figure of the summary, in exact terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// A count of things (projects, reviews, recommendations): shown as it is.
    Count(u64),
    /// A count of people: to be shown under the HESA convention.
    People(u64),
    /// Hours given.
    Hours(f64),
    Money(Money),
}

/// One row of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub section: &'static str,
    pub measure: String,
    pub value: Measure,
}

/// The summary's rows, in exact figures, in a fixed order: every status, form and level is
/// listed, even at 0, so the rows of two years line up.
///
/// Errors: `NotFound` for an unknown department; a database error when a query fails.
pub fn summary(conn: &Connection, scope: &Scope, today: NaiveDate) -> Result<Vec<Line>> {
    let scope = scope.resolve(conn)?;
    let mut lines = Vec::new();
    projects(conn, &scope, &mut lines)?;
    reviews(conn, &scope, today, &mut lines)?;
    partners(conn, &scope, &mut lines)?;
    recommendations(conn, &scope, &mut lines)?;
    fund(conn, &scope, &mut lines)?;
    Ok(lines)
}

fn push(lines: &mut Vec<Line>, section: &'static str, measure: &str, value: Measure) {
    lines.push(Line {
        section,
        measure: measure.to_string(),
        value,
    });
}

/// How many of `items` equal `name`.
fn tally(items: &[Option<String>], name: &str) -> u64 {
    items.iter().filter(|i| i.as_deref() == Some(name)).count() as u64
}

fn projects(conn: &Connection, scope: &Resolved, lines: &mut Vec<Line>) -> Result<()> {
    let sql = format!(
        "SELECT p.status, p.form, p.level_planned, p.level_achieved FROM projects p
         WHERE {IN_DEPT} AND {RUNNING}"
    );
    let rows: Vec<[Option<String>; 4]> = scope.rows(conn, &sql, "cannot count projects", |r| {
        Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
    })?;
    let column = |i: usize| rows.iter().map(|r| r[i].clone()).collect::<Vec<_>>();
    let (status, form, planned, achieved) = (column(0), column(1), column(2), column(3));
    push(
        lines,
        "projects",
        "total",
        Measure::Count(rows.len() as u64),
    );
    for name in Status::NAMES {
        push(
            lines,
            "projects by status",
            name,
            Measure::Count(tally(&status, name)),
        );
    }
    for name in Form::NAMES {
        push(
            lines,
            "projects by form",
            name,
            Measure::Count(tally(&form, name)),
        );
    }
    for name in Level::NAMES {
        push(
            lines,
            "engagement planned",
            name,
            Measure::Count(tally(&planned, name)),
        );
    }
    for name in Level::NAMES {
        push(
            lines,
            "engagement achieved",
            name,
            Measure::Count(tally(&achieved, name)),
        );
    }
    let unrecorded = achieved.iter().filter(|a| a.is_none()).count() as u64;
    push(
        lines,
        "engagement achieved",
        "not recorded",
        Measure::Count(unrecorded),
    );
    // Drift towards tokenism: a project that achieved less than it planned.
    let rank = |level: &Option<String>| {
        level
            .as_deref()
            .and_then(|l| Level::NAMES.iter().position(|n| *n == l))
    };
    let below = rows
        .iter()
        .filter(|r| matches!((rank(&r[2]), rank(&r[3])), (Some(p), Some(a)) if a < p))
        .count() as u64;
    push(
        lines,
        "engagement achieved",
        "below planned",
        Measure::Count(below),
    );
    Ok(())
}

fn reviews(
    conn: &Connection,
    scope: &Resolved,
    today: NaiveDate,
    lines: &mut Vec<Line>,
) -> Result<()> {
    let sql = format!(
        "SELECT count(*) FROM reviews r JOIN projects p ON p.id = r.project_id
         WHERE {IN_DEPT} AND {}",
        dated("r.on_date")
    );
    let done: i64 = scope
        .rows(conn, &sql, "cannot count reviews", |r| r.get::<_, i64>(0))?
        .into_iter()
        .sum();
    push(
        lines,
        "reviews",
        "done",
        Measure::Count(done.unsigned_abs()),
    );
    let sql = format!("SELECT p.id FROM projects p WHERE {IN_DEPT} AND {RUNNING}");
    let in_scope: HashSet<i64> = scope
        .rows(conn, &sql, "cannot count reviews", |r| r.get::<_, i64>(0))?
        .into_iter()
        .collect();
    let until = today
        .checked_add_days(Days::new(DUE_WITHIN_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let filter = DueFilter {
        until: Some(until),
        ..DueFilter::default()
    };
    let due: Vec<_> = review::due(conn, &filter, today)?
        .into_iter()
        .filter(|d| in_scope.contains(&d.project_id))
        .collect();
    let overdue = due.iter().filter(|d| d.due < today).count() as u64;
    let soon = due.len() as u64 - overdue;
    push(lines, "reviews", "due within 30 days", Measure::Count(soon));
    push(lines, "reviews", "overdue", Measure::Count(overdue));
    Ok(())
}

/// The places that overlap the year, as in the participation report, on projects of the
/// department: (person, kind, minutes of their contributions in the year).
fn partners(conn: &Connection, scope: &Resolved, lines: &mut Vec<Line>) -> Result<()> {
    let sql = format!(
        "SELECT pp.person_id, pe.kind, {MINUTES_IN_YEAR}
         FROM project_partners pp
         JOIN people pe ON pe.id = pp.person_id
         JOIN projects p ON p.id = pp.project_id
         WHERE {IN_DEPT} AND (:year IS NULL OR (
            CASE WHEN coalesce(pp.from_date, p.start_date) IS NULL THEN p.academic_year <= :year
                 ELSE coalesce(pp.from_date, p.start_date) <= :last END
            AND (coalesce(pp.to_date, p.end_date) IS NULL
                 OR coalesce(pp.to_date, p.end_date) >= :first)))"
    );
    let places: Vec<(i64, String, f64)> =
        scope.rows(conn, &sql, "cannot count the people taking part", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let people = |kind: Option<&str>| {
        let ids: HashSet<i64> = places
            .iter()
            .filter(|p| kind.is_none_or(|k| p.1 == k))
            .map(|p| p.0)
            .collect();
        ids.len() as u64
    };
    push(lines, "partners", "people", Measure::People(people(None)));
    for kind in PersonKind::NAMES {
        push(lines, "partners", kind, Measure::People(people(Some(kind))));
    }
    let minutes: f64 = places.iter().map(|p| p.2).sum();
    push(lines, "partners", "hours", Measure::Hours(minutes / 60.0));
    Ok(())
}

fn recommendations(conn: &Connection, scope: &Resolved, lines: &mut Vec<Line>) -> Result<()> {
    // A recommendation with no project has no department: only counted for every department.
    let sql = format!(
        "SELECT r.status FROM recommendations r LEFT JOIN projects p ON p.id = r.project_id
         WHERE (:dept IS NULL OR p.id IS NOT NULL) AND {IN_DEPT} AND {}",
        dated("r.raised_on")
    );
    let statuses: Vec<Option<String>> =
        scope.rows(conn, &sql, "cannot count recommendations", |r| r.get(0))?;
    push(
        lines,
        "recommendations",
        "raised",
        Measure::Count(statuses.len() as u64),
    );
    for name in RecStatus::NAMES {
        push(
            lines,
            "recommendations",
            name,
            Measure::Count(tally(&statuses, name)),
        );
    }
    Ok(())
}

fn fund(conn: &Connection, scope: &Resolved, lines: &mut Vec<Line>) -> Result<()> {
    let sql = format!(
        "SELECT count(*), coalesce(sum(a.requested_pence), 0),
            coalesce(sum(a.awarded_pence), 0),
            coalesce(sum((SELECT sum(s.amount_pence) FROM fund_spend s
                          WHERE s.application_id = a.id)), 0)
         FROM fund_applications a JOIN projects p ON p.id = a.project_id
         WHERE {IN_DEPT} AND {}",
        dated("a.applied_on")
    );
    let totals: Vec<(i64, i64, i64, i64)> =
        scope.rows(conn, &sql, "cannot total the fund", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let (n, requested, awarded, spent) = totals.first().copied().unwrap_or_default();
    push(
        lines,
        "fund",
        "applications",
        Measure::Count(n.unsigned_abs()),
    );
    push(lines, "fund", "requested", Measure::Money(Money(requested)));
    push(lines, "fund", "awarded", Measure::Money(Money(awarded)));
    push(lines, "fund", "spent", Measure::Money(Money(spent)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AcademicYear, parse_date};
    use crate::service::database::open_in_memory;
    use crate::service::demo;

    fn value(lines: &[Line], section: &str, measure: &str) -> Option<Measure> {
        lines
            .iter()
            .find(|l| l.section == section && l.measure == measure)
            .map(|l| l.value)
    }

    #[test]
    fn the_demo_at_a_glance() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = parse_date("2026-11-23")?;
        demo::load(&mut conn, today)?;
        let all = summary(&conn, &Scope::default(), today)?;
        assert_eq!(value(&all, "projects", "total"), Some(Measure::Count(15)));
        assert_eq!(value(&all, "reviews", "done"), Some(Measure::Count(5)));
        assert_eq!(
            value(&all, "recommendations", "raised"),
            Some(Measure::Count(6))
        );
        assert_eq!(
            value(&all, "fund", "spent"),
            Some(Measure::Money(Money(215_000)))
        );
        // Sociology's project planned partnership and achieved involvement.
        let scope = Scope {
            year: Some(AcademicYear(2025)),
            dept: Some("sociology".into()),
        };
        let soc = summary(&conn, &scope, today)?;
        assert_eq!(value(&soc, "projects", "total"), Some(Measure::Count(1)));
        assert_eq!(
            value(&soc, "engagement achieved", "below planned"),
            Some(Measure::Count(1))
        );
        assert_eq!(value(&soc, "partners", "people"), Some(Measure::People(1)));
        assert_eq!(value(&soc, "partners", "hours"), Some(Measure::Hours(8.0)));
        assert_eq!(value(&soc, "fund", "applications"), Some(Measure::Count(1)));
        Ok(())
    }
}
