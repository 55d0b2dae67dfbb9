//! Listing projects: the filters `project list` and the reports take, and the query.

use rusqlite::types::ToSql;
use rusqlite::{Connection, params_from_iter};

use super::{SELECT, from_row};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Activity, Form, Level, Project, Status};
use crate::service::like_pattern;

/// Which projects to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub status: Option<Status>,
    pub year: Option<AcademicYear>,
    pub form: Option<Form>,
    pub level: Option<Level>,
    pub activity: Option<Activity>,
    /// The department, matched whole, case-insensitively.
    pub department: Option<String>,
    /// A theme, matched whole, case-insensitively.
    pub theme: Option<String>,
    /// Part of the staff lead's name, case-insensitively.
    pub lead: Option<String>,
    /// Text found in the code, title, summary, department, lead or a theme.
    pub search: Option<String>,
}

/// The projects that match `filter`, newest academic year first, then by code.
///
/// Errors: `Database` when the query fails.
pub fn list(conn: &Connection, filter: &ProjectFilter) -> Result<Vec<Project>> {
    let mut projects = Vec::new();
    each(conn, filter, |p| {
        projects.push(p);
        Ok::<_, Error>(())
    })?;
    Ok(projects)
}

/// Hands each project that matches `filter` to `f` as it is read, in the order of [`list`],
/// so a long list is never held whole. Stops at the first error `f` returns.
///
/// Errors: `Database` when the query fails (as `E`), or what `f` returns.
pub fn each<E: From<Error>>(
    conn: &Connection,
    filter: &ProjectFilter,
    mut f: impl FnMut(Project) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let (sql, values) = list_query(filter)?;
    let mut stmt = conn.prepare(&sql).context("cannot list projects")?;
    let mut rows = stmt
        .query(params_from_iter(values.iter()))
        .context("cannot list projects")?;
    while let Some(row) = rows.next().context("cannot list projects")? {
        f(from_row(row).context("cannot list projects")?)?;
    }
    Ok(())
}

/// The SQL of [`list`] and its parameters.
fn list_query(filter: &ProjectFilter) -> Result<(String, Vec<Box<dyn ToSql>>)> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(s) = filter.status {
        clauses.push("p.status = ?");
        values.push(Box::new(s));
    }
    if let Some(y) = filter.year {
        clauses.push("p.academic_year = ?");
        values.push(Box::new(y));
    }
    if let Some(f) = filter.form {
        clauses.push("p.form = ?");
        values.push(Box::new(f));
    }
    if let Some(l) = filter.level {
        clauses.push("p.level_planned = ?");
        values.push(Box::new(l));
    }
    if let Some(a) = filter.activity {
        clauses.push("p.activity = ?");
        values.push(Box::new(a));
    }
    if let Some(d) = &filter.department {
        clauses.push("p.department = ? COLLATE NOCASE");
        values.push(Box::new(d.trim().to_string()));
    }
    if let Some(t) = &filter.theme {
        clauses.push(
            "EXISTS (SELECT 1 FROM project_themes t WHERE t.project_id = p.id AND t.theme = ?)",
        );
        values.push(Box::new(t.trim().to_string()));
    }
    if let Some(l) = &filter.lead {
        clauses.push("l.name LIKE ? ESCAPE '\\'");
        values.push(Box::new(like_pattern("--lead", l)?));
    }
    if let Some(s) = &filter.search {
        clauses.push(
            "(p.code LIKE ? ESCAPE '\\' OR p.title LIKE ? ESCAPE '\\'
              OR p.summary LIKE ? ESCAPE '\\' OR p.department LIKE ? ESCAPE '\\'
              OR l.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM project_themes t
                 WHERE t.project_id = p.id AND t.theme LIKE ? ESCAPE '\\'))",
        );
        let pattern = like_pattern("--search", s)?;
        for _ in 0..6 {
            values.push(Box::new(pattern.clone()));
        }
    }
    let mut sql = String::from(SELECT);
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY p.academic_year DESC, p.code");
    Ok((sql, values))
}
