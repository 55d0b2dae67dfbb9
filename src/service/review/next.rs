//! Each project's next review date, kept in `projects.next_review_due` (with the date of its
//! last review in `last_review_on`) so that `review due`, `review remind`, `review calendar`
//! and the reports read them through the index `projects_next_review` instead of working
//! them out for every active project each time.
//!
//! The rule: only active projects fall due. A project's next review is due one cadence after
//! its last review, or, when it has never been reviewed, after it started: its start date, or
//! the day it became active if that was later. A pause stops the clock, and so does a spell
//! completed or withdrawn before the project was reopened: a review that was running towards
//! its date falls due that much later. The date depends on nothing else (not on today), so
//! it changes only when the project, its reviews or its status history change: every write
//! of those calls [`refresh`] (or, for many projects at once, [`refresh_from`] or
//! [`refresh_all`]) in its own transaction. `spm db check` compares the stored dates with
//! [`stale`], which works them out afresh.
//!
//! The last review is stored too, for `review due` to list: read from the index, it costs
//! nothing; sought in `reviews` for each project listed, it is a large part of that
//! command's time on many projects (see benches/README.md).

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, Row};

use crate::db::rows;
use crate::error::{Context, Result};
use crate::model::date::iso;
use crate::model::{Cadence, Status};

/// The latest date stored: dates are compared as text, which holds only for 4-digit years.
/// (Every date a user can give is before year 10000; only a cadence can pass it.)
const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

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
        // A stop with no later change is still going on: such a project is not due at all.
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

/// What a project's next review date is worked out from, as [`BASIS`] reads it.
struct Basis {
    id: i64,
    status: Status,
    start: Option<NaiveDate>,
    cadence: Cadence,
    last_review: Option<NaiveDate>,
    /// The first day it became active (read only for an active project never reviewed).
    first_active: Option<NaiveDate>,
    /// What the database holds now, as text (it may be anything another program wrote):
    /// the next review date and the last review date.
    stored: Stored,
}

/// A project's two stored dates, as text.
type Stored = (Option<String>, Option<String>);

/// The day the review of `b` falls due (the one function every path uses), or `None` when it
/// cannot fall due: not active, or with no start and no review to count from. `history` is
/// its status history, oldest first (or only its stops and the changes after them).
fn next_review(b: &Basis, history: &[(Status, NaiveDate)]) -> Option<NaiveDate> {
    if b.status != Status::Active {
        return None;
    }
    let base = match b.last_review {
        Some(last) => last,
        // Never reviewed: counted from when it really started.
        None => match (b.start, b.first_active) {
            (Some(s), Some(a)) => s.max(a),
            (s, a) => s.or(a)?,
        },
    };
    let due = due_date(base, b.cadence, history);
    Some(if due.year() > 9999 { LAST_DAY } else { due })
}

/// The projects' bases, with their code last (read only to name a wrong one): the last
/// review by a seek on `reviews(project_id, on_date)`, and, only for an active project
/// never reviewed (CASE evaluates it for no other), the first day it became active by a seek
/// on `project_status_history(project_id, on_date)`.
const BASIS: &str = "SELECT p.id, p.status, p.start_date, p.review_cadence_months,
    (SELECT max(r.on_date) FROM reviews r WHERE r.project_id = p.id),
    CASE WHEN p.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.project_id = p.id)
         THEN (SELECT min(h.on_date) FROM project_status_history h
               WHERE h.project_id = p.id AND h.status = 'active') END,
    p.next_review_due, p.last_review_on, p.code
    FROM projects p";

fn basis(r: &Row<'_>) -> Result<Basis> {
    let what = "cannot work out the next review dates";
    let months: i64 = r.get(3).context(what)?;
    Ok(Basis {
        id: r.get(0).context(what)?,
        status: r.get(1).context(what)?,
        start: r.get(2).context(what)?,
        cadence: Cadence(u32::try_from(months).unwrap_or(12)),
        last_review: r.get(4).context(what)?,
        first_active: r.get(5).context(what)?,
        stored: (r.get(6).context(what)?, r.get(7).context(what)?),
    })
}

/// The text a date is stored as.
fn as_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(iso)
}

/// The two dates as they should be stored.
fn as_stored(due: Option<NaiveDate>, last: Option<NaiveDate>) -> Stored {
    (as_text(due), as_text(last))
}

fn store(
    conn: &Connection,
    id: i64,
    due: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> Result<()> {
    crate::service::project::write::store_review_dates(
        conn,
        id,
        as_text(due).as_deref(),
        as_text(last).as_deref(),
    )
}

/// Works out project `id`'s next review date again and stores it, inside the caller's
/// transaction; returns it (`None`: it cannot fall due). A missing project is left alone.
///
/// Errors: `Database` when a query fails.
pub(crate) fn refresh(conn: &Connection, id: i64) -> Result<Option<NaiveDate>> {
    let found = {
        let mut stmt = conn
            .prepare_cached(&format!("{BASIS} WHERE p.id = ?1"))
            .context("cannot work out the next review date")?;
        let mut rows = stmt
            .query([id])
            .context("cannot work out the next review date")?;
        match rows
            .next()
            .context("cannot work out the next review date")?
        {
            Some(r) => Some(basis(r)?),
            None => None,
        }
    };
    let Some(b) = found else {
        return Ok(None);
    };
    let history = if b.status == Status::Active {
        history(conn, id)?
    } else {
        Vec::new()
    };
    let due = next_review(&b, &history);
    if as_stored(due, b.last_review) != b.stored {
        store(conn, id, due, b.last_review)?;
    }
    Ok(due)
}

/// One project's status history, oldest change first.
fn history(conn: &Connection, id: i64) -> Result<Vec<(Status, NaiveDate)>> {
    rows(
        conn,
        "cannot read the status history",
        "SELECT status, on_date FROM project_status_history WHERE project_id = ?1
         ORDER BY on_date, id",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A project whose stored next review date or last review date is not the one worked out
/// afresh.
#[derive(Debug, Clone, PartialEq)]
pub struct StaleDue {
    pub project_id: i64,
    pub project: String,
    /// The next review date the database holds, as stored (`None`: nothing).
    pub stored_due: Option<String>,
    /// The next review date it should hold (`None`: nothing, it cannot fall due).
    pub due: Option<NaiveDate>,
    /// The last review date the database holds, as stored.
    pub stored_last: Option<String>,
    /// The last review date it should hold (`None`: it has no review).
    pub last: Option<NaiveDate>,
}

/// How many projects (by id) are worked out at once: what is held in memory between reading
/// and writing, so that an import's memory stays flat however many projects it adds.
const CHUNK: i64 = 4096;

/// Adds to `out` the projects with ids from `lo` to `hi` whose stored dates are wrong,
/// worked out afresh by a few queries for all of them, not a few for each.
fn scan(conn: &Connection, lo: i64, hi: i64, out: &mut Vec<StaleDue>) -> Result<()> {
    let what = "cannot work out the next review dates";
    // Only the active projects that have ever stopped have a history that moves their date
    // (oldest change first; the index on (project_id, on_date) gives that order).
    let mut stops: HashMap<i64, Vec<(Status, NaiveDate)>> = HashMap::new();
    {
        let mut stmt = conn
            .prepare_cached(
                "SELECT h.project_id, h.status, h.on_date FROM project_status_history h
                 WHERE h.project_id BETWEEN ?1 AND ?2
                   AND EXISTS (SELECT 1 FROM projects p
                               WHERE p.id = h.project_id AND p.status = 'active')
                   AND EXISTS (SELECT 1 FROM project_status_history s
                               WHERE s.project_id = h.project_id
                                 AND s.status IN ('paused', 'completed', 'withdrawn'))
                 ORDER BY h.project_id, h.on_date, h.id",
            )
            .context("cannot read the status history")?;
        let mut rows = stmt
            .query([lo, hi])
            .context("cannot read the status history")?;
        while let Some(r) = rows.next().context("cannot read the status history")? {
            let id: i64 = r.get(0).context("cannot read the status history")?;
            let change = (
                r.get(1).context("cannot read the status history")?,
                r.get(2).context("cannot read the status history")?,
            );
            stops.entry(id).or_default().push(change);
        }
    }
    let mut stmt = conn
        // A project neither active nor reviewed should hold no date: only those holding one
        // come back to Rust.
        .prepare_cached(&format!(
            "{BASIS} WHERE p.id BETWEEN ?1 AND ?2
               AND (p.status = 'active' OR p.next_review_due IS NOT NULL
                    OR p.last_review_on IS NOT NULL
                    OR EXISTS (SELECT 1 FROM reviews r WHERE r.project_id = p.id))"
        ))
        .context(what)?;
    let mut rows = stmt.query([lo, hi]).context(what)?;
    while let Some(r) = rows.next().context(what)? {
        let b = basis(r)?;
        let history = stops.get(&b.id).map_or(&[][..], Vec::as_slice);
        let due = next_review(&b, history);
        if as_stored(due, b.last_review) != b.stored {
            out.push(StaleDue {
                project_id: b.id,
                project: r.get(8).context(what)?,
                stored_due: b.stored.0,
                due,
                stored_last: b.stored.1,
                last: b.last_review,
            });
        }
    }
    Ok(())
}

/// Calls `f` with the projects whose stored dates are wrong, numbered `first` or later, a
/// chunk of ids at a time.
fn each_chunk(
    conn: &Connection,
    first: i64,
    mut f: impl FnMut(&mut Vec<StaleDue>) -> Result<()>,
) -> Result<()> {
    let (lowest, highest): (Option<i64>, Option<i64>) = conn
        .query_row(
            "SELECT min(id), max(id) FROM projects WHERE id >= ?1",
            [first],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .context("cannot work out the next review dates")?;
    let (Some(mut lo), Some(highest)) = (lowest, highest) else {
        return Ok(());
    };
    let mut wrong = Vec::new();
    while lo <= highest {
        let hi = lo.saturating_add(CHUNK - 1);
        scan(conn, lo, hi, &mut wrong)?;
        f(&mut wrong)?;
        lo = match hi.checked_add(1) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(())
}

/// The projects numbered `first` or later whose stored dates are wrong, each with what it
/// holds and what it should hold.
///
/// Errors: `Database` when a query fails.
pub fn stale(conn: &Connection, first: i64) -> Result<Vec<StaleDue>> {
    let mut out = Vec::new();
    each_chunk(conn, first, |wrong| {
        out.append(wrong);
        Ok(())
    })?;
    Ok(out)
}

/// Works out again and stores the dates of every project numbered `first` or later (the
/// projects an import or the generator added), inside the caller's transaction; returns how
/// many changed.
///
/// Errors: `Database` when a query or a write fails.
pub fn refresh_from(conn: &Connection, first: i64) -> Result<usize> {
    let mut changed = 0;
    each_chunk(conn, first, |wrong| {
        for s in wrong.drain(..) {
            store(conn, s.project_id, s.due, s.last)?;
            changed += 1;
        }
        Ok(())
    })?;
    Ok(changed)
}

/// Works out again and stores every project's dates (after a restore, a migration, or
/// another program's writes), inside the caller's transaction; returns how many changed.
///
/// Errors: `Database` when a query or a write fails.
pub fn refresh_all(conn: &Connection) -> Result<usize> {
    refresh_from(conn, i64::MIN)
}
