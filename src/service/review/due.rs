//! When reviews fall due: the projects' stored next review dates (`next.rs` keeps them),
//! read through the index `projects_next_review` in due order.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, params_from_iter};

use crate::error::{Context, Error, Result};
use crate::model::{Due, Project, Status};
use crate::service::like_pattern;

/// Which reviews to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct DueFilter {
    /// Only reviews due on or before this day (overdue ones included).
    pub until: Option<NaiveDate>,
    /// Only reviews whose due date has passed.
    pub overdue: bool,
    /// Part of the staff lead's name, case-insensitively.
    pub lead: Option<String>,
}

/// The reviews due for one staff lead (`None`: projects with no lead).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadReminder {
    pub lead: Option<String>,
    pub email: Option<String>,
    pub items: Vec<Due>,
}

/// The projects that are due, in due order (then by code), from the partial index
/// `projects_next_review(next_review_due, code, title, lead_id, last_review_on)` alone: only
/// active projects hold a date (`spm db check` verifies it), and the index holds every
/// column listed but the lead's name and email, one look-up each by the person's id.
pub(super) const DUE: &str = "SELECT p.id, p.code, p.title, l.name, p.next_review_due,
    p.last_review_on, p.lead_id, l.email
    FROM projects p LEFT JOIN people l ON l.id = p.lead_id
    WHERE p.next_review_due IS NOT NULL";

/// Hands each project due that matches `filter` (every one when it is empty) to `f` as it is
/// read, most overdue first, so a long list is never held whole. Stops at the first error
/// `f` returns.
fn each_due<E: From<Error>>(
    conn: &Connection,
    filter: &DueFilter,
    only: Option<i64>,
    today: NaiveDate,
    mut f: impl FnMut(Due) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut sql = String::from(DUE);
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(until) = filter.until {
        sql.push_str(" AND p.next_review_due <= ?");
        values.push(Box::new(until));
    }
    if filter.overdue {
        sql.push_str(" AND p.next_review_due < ?");
        values.push(Box::new(today));
    }
    if let Some(l) = &filter.lead {
        sql.push_str(" AND p.lead_id IN (SELECT id FROM people WHERE name LIKE ? ESCAPE '\\')");
        values.push(Box::new(like_pattern("--lead", l)?));
    }
    if let Some(id) = only {
        sql.push_str(" AND p.id = ?");
        values.push(Box::new(id));
    }
    sql.push_str(" ORDER BY p.next_review_due, p.code");
    let failed = |e| crate::error::from_sqlite("cannot work out the reviews due", e);
    let mut stmt = conn.prepare(&sql).map_err(failed)?;
    let mut rows = stmt
        .query(params_from_iter(values.iter()))
        .map_err(failed)?;
    while let Some(r) = rows.next().map_err(failed)? {
        let code: String = r.get(1).map_err(failed)?;
        let date = |i: usize| -> Result<Option<NaiveDate>> {
            let stored: Option<String> = r.get(i).map_err(failed)?;
            stored
                .map(|s| {
                    crate::model::date::parse_iso(&s).map_err(|_| {
                        Error::BadDatabase(format!(
                            "project {code} holds {} as a review date; run \"spm db check --fix\" to work it out again",
                            crate::model::text::quoted(&s)
                        ))
                    })
                })
                .transpose()
        };
        let (Some(due), last_review) = (date(4)?, date(5)?) else {
            continue;
        };
        f(Due {
            project_id: r.get(0).map_err(failed)?,
            title: r.get(2).map_err(failed)?,
            lead: r.get(3).map_err(failed)?,
            // Only active projects hold a next review date.
            status: Status::Active,
            due,
            last_review,
            lead_id: r.get(6).map_err(failed)?,
            lead_email: r.get(7).map_err(failed)?,
            days_overdue: (today - due).num_days(),
            project: code,
        })?;
    }
    Ok(())
}

/// Every project due that matches `filter`, most overdue first.
fn next_reviews(
    conn: &Connection,
    filter: &DueFilter,
    only: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    each_due(conn, filter, only, today, |d| {
        out.push(d);
        Ok::<_, Error>(())
    })?;
    Ok(out)
}

/// The reviews due by `filter.until` (every future one when it is `None`), most overdue first.
///
/// Errors: `Database` when the query fails; `BadDatabase` for a stored date that is not one.
pub fn due(conn: &Connection, filter: &DueFilter, today: NaiveDate) -> Result<Vec<Due>> {
    next_reviews(conn, filter, None, today)
}

/// Hands each review [`due`] would list to `f` as it is read, so a long list is never held
/// whole. Stops at the first error `f` returns.
///
/// Errors: as [`due`] (as `E`), or what `f` returns.
pub fn each<E: From<Error>>(
    conn: &Connection,
    filter: &DueFilter,
    today: NaiveDate,
    f: impl FnMut(Due) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    each_due(conn, filter, None, today, f)
}

/// The project's next review, or `None` when it is not due (ended, paused, or with no start
/// date and no review to count from).
pub fn next_due(conn: &Connection, project: &Project, today: NaiveDate) -> Result<Option<Due>> {
    Ok(
        next_reviews(conn, &DueFilter::default(), Some(project.id), today)?
            .into_iter()
            .next(),
    )
}

/// The date of the project's last review.
pub fn last_review(conn: &Connection, project: &Project) -> Result<Option<NaiveDate>> {
    conn.query_row(
        "SELECT max(on_date) FROM reviews WHERE project_id = ?1",
        [project.id],
        |r| r.get(0),
    )
    .context("cannot read the project's reviews")
}

/// The reviews due by `until`, one group per staff lead (a person), leads in alphabetical
/// order and projects with no lead last.
pub fn remind(conn: &Connection, until: NaiveDate, today: NaiveDate) -> Result<Vec<LeadReminder>> {
    let filter = DueFilter {
        until: Some(until),
        ..DueFilter::default()
    };
    let mut groups: Vec<LeadReminder> = Vec::new();
    // One group per person: two leads who share a name are two people.
    let mut index: HashMap<Option<i64>, usize> = HashMap::new();
    each_due(conn, &filter, None, today, |item| {
        match index.get(&item.lead_id) {
            Some(&i) => groups[i].items.push(item),
            None => {
                index.insert(item.lead_id, groups.len());
                groups.push(LeadReminder {
                    lead: item.lead.clone(),
                    email: item.lead_email.clone(),
                    items: vec![item],
                });
            }
        }
        Ok::<_, Error>(())
    })?;
    groups.sort_by_cached_key(|g| {
        (
            g.lead.is_none(),
            g.lead.as_deref().map(str::to_lowercase),
            g.email.clone(),
        )
    });
    Ok(groups)
}
