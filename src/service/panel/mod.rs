//! The Student Education Panel: termly sessions and their insights.
//!
//! The panel meets once a term on a topic, a question or a proposal, and its panellists write
//! up insights for leadership. A second session in a term is allowed (a term may need one),
//! and [`add`] says so; [`gaps`] finds the terms of a year in which the panel has not met.
//! Recommendations raised from a session live in `recommendations.session_id` (see `rec`).

mod check;
mod gaps;
mod insight;
mod publish;

pub use check::check_term;
use check::{check_horizon, check_in_year, check_panellists, check_topic};
pub use gaps::{gaps, recommendations};
pub use insight::{
    add_insight, get_insight, insert_insight, insights, list_insights, remove_insight,
};
pub use publish::{apply_publish_insight, insight_publication, publish_insight, unpublish_insight};

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Cadence, Change, Insight, RecStatus, Session};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, settings};

/// The entity name of panel sessions in the change log.
pub const ENTITY: &str = "panel_session";
/// Fields that the change log leaves out (they change on their own).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at"];
/// The most panellists a session can have: more is a typo, not a panel.
pub const MAX_PANELLISTS: u32 = 10_000;
/// The longest term name the database accepts.
const MAX_TERM: usize = 20;

/// A session to record. Text fields are trimmed; a blank question counts as absent.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub year: AcademicYear,
    pub term: String,
    pub on: NaiveDate,
    pub topic: String,
    pub question: Option<String>,
    pub panellists: Option<u32>,
}

/// A session as saved, with the other sessions of its year and term: the panel meets once a
/// term, so a caller should say when there are any.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub session: Session,
    pub same_term: Vec<Session>,
}

/// Changes to a session; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct SessionPatch {
    pub year: Option<AcademicYear>,
    pub term: Option<String>,
    pub on: Option<NaiveDate>,
    pub topic: Option<String>,
    pub question: Option<Option<String>>,
    pub panellists: Option<Option<u32>>,
}

impl SessionPatch {
    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.year.is_none()
            && self.term.is_none()
            && self.on.is_none()
            && self.topic.is_none()
            && self.question.is_none()
            && self.panellists.is_none()
    }
}

/// One line of `panel list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub session: Session,
    pub insights: i64,
    pub recommendations: i64,
}

/// Which sessions to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    pub year: Option<AcademicYear>,
    pub term: Option<String>,
}

/// A recommendation raised from a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Raised {
    pub id: i64,
    pub recommendation: String,
    pub addressed_to: String,
    pub status: RecStatus,
}

/// The terms of a year without a session, in term order, and the sessions of that year whose
/// term is not among the configured terms (recorded before the terms were renamed).
#[derive(Debug, Clone, PartialEq)]
pub struct Gaps {
    pub year: AcademicYear,
    /// Terms begun (today's included) with no session.
    pub missing: Vec<String>,
    /// Terms not begun yet with no session.
    pub upcoming: Vec<String>,
    pub stray: Vec<Session>,
}

/// A session removed, with the insights that went with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    #[serde(flatten)]
    pub session: Session,
    pub insights: Vec<Insight>,
}

// ---------------------------------------------------------------------------------------------
// checks

/// Records a session. Another session in the same year and term is allowed and returned in
/// [`Saved::same_term`].
///
/// Errors: `Invalid` for a term that is not configured, a date outside the academic year or
/// more than a year ahead, a blank topic, too many panellists, or text with control characters.
pub fn add(conn: &mut Connection, new: NewSession, today: NaiveDate) -> Result<Saved> {
    let tx = begin_write(conn)?;
    let saved = insert(&tx, new, today)?;
    tx.commit().context("cannot save the panel session")?;
    Ok(saved)
}

/// Records a session inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewSession, today: NaiveDate) -> Result<Saved> {
    let term = check_term(tx, &new.term)?;
    check_in_year(tx, new.year, new.on)?;
    check_horizon(new.on, today)?;
    let topic = check_topic(&new.topic)?;
    let question = clean_text("session's question", new.question.as_deref())?;
    let panellists = check_panellists(new.panellists)?;
    tx.execute(
        "INSERT INTO panel_sessions (academic_year, term, on_date, topic, question, panellists)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new.year, term, new.on, topic, question, panellists],
    )
    .context("cannot save the panel session")?;
    let id = tx.last_insert_rowid();
    let session = get(tx, id)?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Insert,
        &changes::snapshot(&session, UNLOGGED),
    )?;
    let same_term = same_term(tx, &session)?;
    Ok(Saved { session, same_term })
}

/// The other sessions of `session`'s year and term, oldest first.
fn same_term(conn: &Connection, session: &Session) -> Result<Vec<Session>> {
    rows(
        conn,
        "cannot read the panel sessions",
        &format!(
            "{SELECT} WHERE academic_year = ?1 AND term = ?2 AND id <> ?3 ORDER BY on_date, id"
        ),
        params![session.year, session.term, session.id],
        from_row,
    )
}

const SELECT: &str = "SELECT id, academic_year, term, on_date, topic, question, panellists,
    created_at, updated_at FROM panel_sessions";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        year: r.get(1)?,
        term: r.get(2)?,
        on: r.get(3)?,
        topic: r.get(4)?,
        question: r.get(5)?,
        panellists: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// The session with this id.
///
/// Errors: `NotFound` with a hint to list the sessions.
pub fn get(conn: &Connection, id: i64) -> Result<Session> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()
        .context("cannot read the panel session")?
        .ok_or_else(|| {
            Error::not_found(
                "panel session with id",
                id.to_string(),
                "run \"spm panel list\" to see the ids",
            )
        })
}

/// The sessions that match `filter`, newest first, with their counts of insights and of
/// recommendations raised from them.
///
/// Errors: `Invalid` for a term that is neither configured nor held by any session.
pub fn list(conn: &Connection, filter: &SessionFilter) -> Result<Vec<Listed>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(year) = filter.year {
        clauses.push("academic_year = ?");
        values.push(Box::new(year));
    }
    if let Some(term) = &filter.term {
        clauses.push("term = ?");
        values.push(Box::new(term_to_filter(conn, term)?));
    }
    let mut sql = String::from(
        "SELECT id, academic_year, term, on_date, topic, question, panellists, created_at,
            updated_at,
            (SELECT count(*) FROM panel_insights i WHERE i.session_id = s.id),
            (SELECT count(*) FROM recommendations r WHERE r.session_id = s.id)
         FROM panel_sessions s",
    );
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY on_date DESC, id DESC");
    rows(
        conn,
        "cannot list panel sessions",
        &sql,
        params_from_iter(values.iter()),
        |r| {
            Ok(Listed {
                session: from_row(r)?,
                insights: r.get(9)?,
                recommendations: r.get(10)?,
            })
        },
    )
}

/// A term to filter by: a configured one, or one that sessions recorded before the terms
/// were renamed still hold.
fn term_to_filter(conn: &Connection, term: &str) -> Result<String> {
    match check_term(conn, term) {
        Ok(t) => Ok(t),
        Err(Error::Invalid(msg)) => {
            let wanted = term.trim().to_lowercase();
            let held: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM panel_sessions WHERE term = ?1)",
                    [&wanted],
                    |r| r.get(0),
                )
                .context("cannot read the panel sessions")?;
            if held {
                Ok(wanted)
            } else {
                Err(Error::Invalid(msg))
            }
        }
        Err(e) => Err(e),
    }
}

/// Changes a session. A new term must be one of the configured terms; the date is checked
/// against the (new) year whenever the year or the date changes.
///
/// Errors: `NotFound`; otherwise as [`add`].
pub fn edit(
    conn: &mut Connection,
    id: i64,
    patch: SessionPatch,
    today: NaiveDate,
) -> Result<Saved> {
    let tx = begin_write(conn)?;
    let old = get(&tx, id)?;
    let term = match &patch.term {
        Some(t) => check_term(&tx, t)?,
        None => old.term.clone(),
    };
    let year = patch.year.unwrap_or(old.year);
    let on = patch.on.unwrap_or(old.on);
    if patch.year.is_some() || patch.on.is_some() {
        check_in_year(&tx, year, on)?;
    }
    // A session recorded long ago stays valid as today moves on; only a new date is held
    // against the one-year horizon.
    if patch.on.is_some() {
        check_horizon(on, today)?;
        // Recommendations raised from the session come after it.
        let first: Option<NaiveDate> = tx
            .query_row(
                "SELECT min(raised_on) FROM recommendations WHERE session_id = ?1",
                [old.id],
                |r| r.get(0),
            )
            .context("cannot read the session's recommendations")?;
        if let Some(first) = first.filter(|f| on > *f) {
            return Err(Error::Invalid(format!(
                "a recommendation was raised from session {} on {first}, before {on}; give a date on or before {first}",
                old.id
            )));
        }
    }
    let topic = match &patch.topic {
        Some(t) => check_topic(t)?,
        None => old.topic.clone(),
    };
    let question = match &patch.question {
        Some(q) => clean_text("session's question", q.as_deref())?,
        None => old.question.clone(),
    };
    let panellists = match patch.panellists {
        Some(n) => check_panellists(n)?,
        None => old.panellists,
    };
    tx.execute(
        "UPDATE panel_sessions SET academic_year = ?2, term = ?3, on_date = ?4, topic = ?5,
            question = ?6, panellists = ?7,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![id, year, term, on, topic, question, panellists],
    )
    .context("cannot save the panel session")?;
    let mut session = get(&tx, id)?;
    let fields = changes::diff(
        &changes::snapshot(&old, UNLOGGED),
        &changes::snapshot(&session, UNLOGGED),
        UNLOGGED,
    );
    if fields.is_empty() {
        // Nothing changed: keep the old timestamp too.
        drop(tx);
        session = old;
    } else {
        changes::record(
            &tx,
            ENTITY,
            id,
            Action::Update,
            &serde_json::Value::Object(fields),
        )?;
        tx.commit().context("cannot save the panel session")?;
    }
    let same_term = same_term(conn, &session)?;
    Ok(Saved { session, same_term })
}

/// Refuses to remove a session that recommendations were raised from: they would lose
/// where they came from. For asking before [`remove`], which checks it again.
///
/// Errors: `NotFound`; `Conflict`.
pub fn check_removable(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id)?;
    let raised = recommendations(conn, id)?;
    if raised.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = raised.iter().map(|r| r.id.to_string()).collect();
    Err(Error::Conflict(format!(
        "panel session {id} cannot be removed: recommendation{} {} came from it; see \"spm panel show {id}\"",
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", ")
    )))
}

/// Deletes a session with its insights; the change log keeps what they held.
///
/// Errors: `NotFound`; `Conflict` when recommendations were raised from the session.
pub fn remove(conn: &mut Connection, id: i64) -> Result<Removed> {
    let tx = begin_write(conn)?;
    check_removable(&tx, id)?;
    let removed = Removed {
        session: get(&tx, id)?,
        insights: insights(&tx, id)?,
    };
    tx.execute("DELETE FROM panel_sessions WHERE id = ?1", [id])
        .context("cannot remove the panel session")?;
    changes::record(
        &tx,
        ENTITY,
        id,
        Action::Delete,
        &changes::snapshot(&removed, UNLOGGED),
    )?;
    tx.commit().context("cannot remove the panel session")?;
    Ok(removed)
}

/// A session's entries in the change log (with its insights added and removed), oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, id)
}

/// How many sessions the database holds.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM panel_sessions", [], |r| r.get(0))
        .context("cannot count panel sessions")
}

#[cfg(test)]
mod tests;
