//! When reviews fall due. Only active projects fall due. A project's next review is due one
//! cadence after its last review, or, when it has never been reviewed, after it started: its
//! start date, or the day it became active if that was later. A pause stops the clock, and
//! so does a spell completed or withdrawn before the project was reopened: a review that was
//! running towards its date falls due that much later.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::types::ToSql;
use rusqlite::{Connection, params_from_iter};

use crate::error::{Context, Result};
use crate::model::{Cadence, Due, Project, Status};
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

/// The projects that can fall due, with their last review found by an index seek on
/// `reviews(project_id, on_date)`, and, for those never reviewed, the day they first became
/// active.
pub(super) const CANDIDATES: &str = "SELECT p.id, p.code, p.title,
    (SELECT name FROM people l WHERE l.id = p.lead_id), p.status, p.start_date,
    p.review_cadence_months,
    (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id) AS last_review,
    p.lead_id, (SELECT email FROM people l WHERE l.id = p.lead_id)
    FROM projects p WHERE p.status = 'active'";

/// The first day a project became active, for a project never reviewed.
const FIRST_ACTIVE: &str = "SELECT min(on_date) FROM project_status_history
    WHERE project_id = ?1 AND status = 'active'";

/// The status history of every active project that has ever stopped (paused, completed or
/// withdrawn), oldest change first.
const STOPS: &str = "SELECT h.project_id, h.status, h.on_date FROM project_status_history h
    WHERE h.project_id IN (SELECT project_id FROM project_status_history
                           WHERE status IN ('paused', 'completed', 'withdrawn'))
      AND h.project_id IN (SELECT id FROM projects WHERE status = 'active')
      AND (?1 IS NULL OR h.project_id = ?1)
    ORDER BY h.project_id, h.on_date, h.id";

/// The day a review is due: one cadence after `base`, pushed back by every stop (a pause, or
/// a spell completed or withdrawn before reopening) that began before the (running) due date,
/// for the part of the stop after `base`.
pub(crate) fn due_date(
    base: NaiveDate,
    cadence: Cadence,
    history: &[(Status, NaiveDate)],
) -> NaiveDate {
    let mut due = cadence.after(base);
    for (i, (status, paused)) in history.iter().enumerate() {
        if *status == Status::Active || *status == Status::Proposed {
            continue;
        }
        // A stop with no later change is still going on: such a project is not listed.
        let Some((_, resumed)) = history.get(i + 1) else {
            continue;
        };
        let from = (*paused).max(base);
        if from >= *resumed || from >= due {
            continue;
        }
        let days = (*resumed - from).num_days().unsigned_abs();
        due = due
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX);
    }
    due
}

fn stops(conn: &Connection, only: Option<i64>) -> Result<HashMap<i64, Vec<(Status, NaiveDate)>>> {
    let mut stmt = conn
        .prepare_cached(STOPS)
        .context("cannot read the status history")?;
    let mut rows = stmt
        .query([only])
        .context("cannot read the status history")?;
    let mut out: HashMap<i64, Vec<(Status, NaiveDate)>> = HashMap::new();
    while let Some(r) = rows.next().context("cannot read the status history")? {
        let id: i64 = r.get(0).context("cannot read the status history")?;
        let change = (
            r.get(1).context("cannot read the status history")?,
            r.get(2).context("cannot read the status history")?,
        );
        out.entry(id).or_default().push(change);
    }
    Ok(out)
}

/// Every project's next review (of the projects that can fall due and have a date to count
/// from), most overdue first.
fn next_reviews(
    conn: &Connection,
    lead: Option<&str>,
    only: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<Due>> {
    let mut sql = String::from(CANDIDATES);
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(l) = lead {
        sql.push_str(" AND p.lead_id IN (SELECT id FROM people WHERE name LIKE ? ESCAPE '\\')");
        values.push(Box::new(like_pattern("--lead", l)?));
    }
    if let Some(id) = only {
        sql.push_str(" AND p.id = ?");
        values.push(Box::new(id));
    }
    let stops = stops(conn, only)?;
    let mut first_active = conn
        .prepare_cached(FIRST_ACTIVE)
        .context("cannot read the status history")?;
    let mut stmt = conn
        .prepare(&sql)
        .context("cannot work out the reviews due")?;
    let mut rows = stmt
        .query(params_from_iter(values.iter()))
        .context("cannot work out the reviews due")?;
    let mut out = Vec::new();
    let failed = |e| crate::error::from_sqlite("cannot work out the reviews due", e);
    while let Some(r) = rows.next().map_err(failed)? {
        let start: Option<NaiveDate> = r.get(5).map_err(failed)?;
        let last_review: Option<NaiveDate> = r.get(7).map_err(failed)?;
        let id: i64 = r.get(0).map_err(failed)?;
        let base = match last_review {
            Some(last) => last,
            None => {
                // Never reviewed: counted from when it really started.
                let active: Option<NaiveDate> = first_active
                    .query_row([id], |r| r.get(0))
                    .context("cannot read the status history")?;
                match (start, active) {
                    (Some(s), Some(a)) => s.max(a),
                    (s, a) => match s.or(a) {
                        Some(d) => d,
                        None => continue,
                    },
                }
            }
        };
        let months: i64 = r.get(6).map_err(failed)?;
        let cadence = Cadence(u32::try_from(months).unwrap_or(12));
        let history = stops.get(&id).map_or(&[][..], Vec::as_slice);
        let due = due_date(base, cadence, history);
        out.push(Due {
            project_id: id,
            project: r.get(1).map_err(failed)?,
            title: r.get(2).map_err(failed)?,
            lead: r.get(3).map_err(failed)?,
            lead_id: r.get(8).map_err(failed)?,
            lead_email: r.get(9).map_err(failed)?,
            status: r.get(4).map_err(failed)?,
            last_review,
            due,
            days_overdue: (today - due).num_days(),
        });
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.project.cmp(&b.project)));
    Ok(out)
}

/// The reviews due by `filter.until` (every future one when it is `None`), most overdue first.
pub fn due(conn: &Connection, filter: &DueFilter, today: NaiveDate) -> Result<Vec<Due>> {
    let mut all = next_reviews(conn, filter.lead.as_deref(), None, today)?;
    all.retain(|d| {
        (!filter.overdue || d.due < today) && filter.until.is_none_or(|until| d.due <= until)
    });
    Ok(all)
}

/// The project's next review, or `None` when it is not due (ended, paused, or with no start
/// date and no review to count from).
pub fn next_due(conn: &Connection, project: &Project, today: NaiveDate) -> Result<Option<Due>> {
    Ok(next_reviews(conn, None, Some(project.id), today)?
        .into_iter()
        .next())
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
    for item in due(conn, &filter, today)? {
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
    }
    groups.sort_by_key(|g| {
        (
            g.lead.is_none(),
            g.lead.as_deref().map(str::to_lowercase),
            g.email.clone(),
        )
    });
    Ok(groups)
}
