//! `review list`: the reviews that match a filter, each with its averages and counts.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::params_from_iter;
use rusqlite::types::ToSql;

use super::reviewers_from;
use crate::db::rows;
use crate::error::Result;
use crate::model::{AcademicYear, Decision, ReviewKind};
use crate::service::{project, settings};

/// One line of `review list`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSummary {
    pub id: i64,
    pub project: String,
    pub title: String,
    pub on: NaiveDate,
    pub kind: ReviewKind,
    pub decision: Decision,
    pub reviewers: Vec<String>,
    pub staff_average: Option<f64>,
    pub students_average: Option<f64>,
    pub scores: i64,
    pub outcomes: i64,
}

/// Which reviews to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct ReviewFilter {
    /// The project's code.
    pub project: Option<String>,
    /// Reviews held in this academic year.
    pub year: Option<AcademicYear>,
}

/// The reviews that match `filter`, newest first.
///
/// Errors: `NotFound` for an unknown project.
pub fn list(conn: &Connection, filter: &ReviewFilter) -> Result<Vec<ReviewSummary>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(code) = &filter.project {
        let p = project::get(conn, code)?;
        clauses.push("r.project_id = ?");
        values.push(Box::new(p.id));
    }
    if let Some(year) = filter.year {
        let (first, last) = year.days(settings::year_start(conn)?);
        clauses.push("r.on_date BETWEEN ? AND ?");
        values.push(Box::new(first));
        values.push(Box::new(last));
    }
    let mut sql = String::from(
        "SELECT r.id, p.code, p.title, r.on_date, r.kind, r.decision, r.reviewers,
            (SELECT avg(score) FROM review_scores s WHERE s.review_id = r.id AND s.scored_by = 'staff'),
            (SELECT avg(score) FROM review_scores s WHERE s.review_id = r.id AND s.scored_by = 'students'),
            (SELECT count(*) FROM review_scores s WHERE s.review_id = r.id),
            (SELECT count(*) FROM review_outcomes o WHERE o.review_id = r.id)
         FROM reviews r JOIN projects p ON p.id = r.project_id",
    );
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY r.on_date DESC, r.id DESC");
    rows(
        conn,
        "cannot list reviews",
        &sql,
        params_from_iter(values.iter()),
        |r| {
            let reviewers: String = r.get(6)?;
            Ok(ReviewSummary {
                id: r.get(0)?,
                project: r.get(1)?,
                title: r.get(2)?,
                on: r.get(3)?,
                kind: r.get(4)?,
                decision: r.get(5)?,
                reviewers: reviewers_from(&reviewers),
                staff_average: r.get(7)?,
                students_average: r.get(8)?,
                scores: r.get(9)?,
                outcomes: r.get(10)?,
            })
        },
    )
}
