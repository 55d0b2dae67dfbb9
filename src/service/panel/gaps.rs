//! What came of the sessions (the recommendations raised from them), and the terms of a
//! year in which the panel did not meet.

use rusqlite::Connection;

use super::*;
use crate::error::{Context, Result};

/// The recommendations raised from a session, oldest first.
pub fn recommendations(conn: &Connection, session: i64) -> Result<Vec<Raised>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, recommendation, addressed_to, status FROM recommendations
             WHERE session_id = ?1 ORDER BY id",
        )
        .context("cannot read the session's recommendations")?;
    let rows = stmt
        .query_map([session], |r| {
            Ok(Raised {
                id: r.get(0)?,
                recommendation: r.get(1)?,
                addressed_to: r.get(2)?,
                status: r.get(3)?,
            })
        })
        .context("cannot read the session's recommendations")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot read the session's recommendations")
}

/// The terms of `year` in which the panel has not met, in term order, and the year's
/// sessions in a term that is no longer configured.
pub fn gaps(conn: &Connection, year: AcademicYear) -> Result<Gaps> {
    let terms = settings::terms(conn)?;
    let sessions = list(
        conn,
        &SessionFilter {
            year: Some(year),
            term: None,
        },
    )?;
    let missing = terms
        .iter()
        .filter(|t| !sessions.iter().any(|s| &s.session.term == *t))
        .cloned()
        .collect();
    let mut stray: Vec<Session> = sessions
        .into_iter()
        .map(|s| s.session)
        .filter(|s| !terms.contains(&s.term))
        .collect();
    stray.reverse();
    Ok(Gaps {
        year,
        missing,
        stray,
    })
}
