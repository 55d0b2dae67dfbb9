//! Finding recommendations: the list with its filters.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, params_from_iter};

use super::{closed_sql, from_row, select};
use crate::db::rows;
use crate::error::Result;
use crate::model::{AcademicYear, RecStatus, Recommendation};
use crate::service::{person, project, settings};

/// Which recommendations to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct RecFilter {
    pub status: Option<RecStatus>,
    /// The owner: id, email or unique name.
    pub owner: Option<String>,
    /// Only those whose due date has passed while they are open.
    pub overdue: bool,
    /// The theme, whole, any case.
    pub theme: Option<String>,
    /// Raised in this academic year.
    pub year: Option<AcademicYear>,
    /// From this project (its code).
    pub project: Option<String>,
    /// Only those approved for the public pages (`Some(true)`), or only those not (`Some(false)`).
    pub published: Option<bool>,
}

/// The recommendations that match `filter`, oldest raised first (the longest waiting on top).
///
/// Errors: `NotFound` for an unknown owner or project; `Invalid` for an owner's name shared
/// by several people.
pub fn list(
    conn: &Connection,
    filter: &RecFilter,
    today: NaiveDate,
) -> Result<Vec<Recommendation>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(s) = filter.status {
        clauses.push("r.status = ?".into());
        values.push(Box::new(s));
    }
    if let Some(key) = &filter.owner {
        let p = person::resolve(conn, key)?;
        clauses.push("r.owner_id = ?".into());
        values.push(Box::new(p.id));
    }
    if filter.overdue {
        clauses.push(format!("r.due < ? AND r.status NOT IN ({})", closed_sql()));
        values.push(Box::new(today));
    }
    if let Some(theme) = filter.theme.as_deref().map(str::trim) {
        clauses.push("r.theme = ?".into());
        values.push(Box::new(theme.to_string()));
    }
    if let Some(year) = filter.year {
        let (first, last) = year.days(settings::year_start(conn)?);
        clauses.push("r.raised_on BETWEEN ? AND ?".into());
        values.push(Box::new(first));
        values.push(Box::new(last));
    }
    if let Some(code) = &filter.project {
        let p = project::get(conn, code)?;
        clauses.push("r.project_id = ?".into());
        values.push(Box::new(p.id));
    }
    if let Some(published) = filter.published {
        clauses.push(if published {
            "pub.published_on IS NOT NULL".into()
        } else {
            "pub.published_on IS NULL".into()
        });
    }
    let mut sql = select();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY r.raised_on, r.id");
    query(conn, &sql, values)
}

pub(super) fn query(
    conn: &Connection,
    sql: &str,
    values: Vec<Box<dyn ToSql>>,
) -> Result<Vec<Recommendation>> {
    rows(
        conn,
        "cannot list recommendations",
        sql,
        params_from_iter(values.iter()),
        from_row,
    )
}
