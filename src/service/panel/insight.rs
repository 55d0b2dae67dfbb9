//! Insights: what the panellists wrote up for leadership, one text at a time.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use super::{ENTITY, get};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::Insight;
use crate::service::changes::{self, Action};
use crate::service::clean_long_text;

/// Adds an insight to a session.
///
/// Errors: `NotFound` for an unknown session; `Invalid` for blank text, text with control
/// characters or longer than a few pages.
pub fn add_insight(conn: &mut Connection, session: i64, text: &str) -> Result<Insight> {
    let tx = begin_write(conn)?;
    let insight = insert_insight(&tx, session, text)?;
    tx.commit().context("cannot save the insight")?;
    Ok(insight)
}

/// Adds an insight inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`add_insight`].
pub fn insert_insight(tx: &Connection, session: i64, text: &str) -> Result<Insight> {
    let session = get(tx, session)?;
    let text = clean_long_text("insight", Some(text))?.ok_or_else(|| {
        Error::Invalid("an insight needs text: give what the panellists said".to_string())
    })?;
    tx.execute(
        "INSERT INTO panel_insights (session_id, text) VALUES (?1, ?2)",
        params![session.id, text],
    )
    .context("cannot save the insight")?;
    let id = tx.last_insert_rowid();
    changes::record(
        tx,
        ENTITY,
        session.id,
        Action::Update,
        &json!({ "insight_added": id, "text": text }),
    )?;
    get_insight(tx, id)
}

const SELECT_INSIGHT: &str = "SELECT i.id, i.session_id, i.text, i.created_at, pub.published_on
    FROM panel_insights i LEFT JOIN insight_publications pub ON pub.insight_id = i.id";

fn insight_from_row(r: &Row<'_>) -> rusqlite::Result<Insight> {
    Ok(Insight {
        id: r.get(0)?,
        session_id: r.get(1)?,
        text: r.get(2)?,
        created_at: r.get(3)?,
        published_on: r.get(4)?,
    })
}

/// The insight with this id.
///
/// Errors: `NotFound` with a hint to list a session's insights.
pub fn get_insight(conn: &Connection, id: i64) -> Result<Insight> {
    conn.query_row(
        &format!("{SELECT_INSIGHT} WHERE i.id = ?1"),
        [id],
        insight_from_row,
    )
    .optional()
    .context("cannot read the insight")?
    .ok_or_else(|| {
        Error::not_found(
            "panel insight with id",
            id.to_string(),
            "run \"spm panel insight list SESSION\" to see the ids",
        )
    })
}

/// A session's insights, in the order they were added.
///
/// Errors: none beyond the database's (an unknown session has none; see [`list_insights`]).
pub fn insights(conn: &Connection, session: i64) -> Result<Vec<Insight>> {
    rows(
        conn,
        "cannot read the insights",
        &format!("{SELECT_INSIGHT} WHERE i.session_id = ?1 ORDER BY i.id"),
        [session],
        insight_from_row,
    )
}

/// A session's insights, in the order they were added.
///
/// Errors: `NotFound` for an unknown session.
pub fn list_insights(conn: &Connection, session: i64) -> Result<Vec<Insight>> {
    get(conn, session)?;
    insights(conn, session)
}

/// Deletes an insight; the session's change log keeps its text.
///
/// Errors: `NotFound`.
pub fn remove_insight(conn: &mut Connection, id: i64) -> Result<Insight> {
    let tx = begin_write(conn)?;
    let insight = get_insight(&tx, id)?;
    tx.execute("DELETE FROM panel_insights WHERE id = ?1", [id])
        .context("cannot remove the insight")?;
    changes::record(
        &tx,
        ENTITY,
        insight.session_id,
        Action::Update,
        &json!({ "insight_removed": id, "text": insight.text }),
    )?;
    tx.commit().context("cannot remove the insight")?;
    Ok(insight)
}
