//! What came of the sessions (the recommendations raised from them), and the terms of a
//! year in which the panel did not meet.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::db::rows;
use crate::error::Result;
use crate::service::report::recommendations::term_of;

/// The recommendations raised from a session, oldest first.
pub fn recommendations(conn: &Connection, session: i64) -> Result<Vec<Raised>> {
    rows(
        conn,
        "cannot read the session's recommendations",
        "SELECT id, recommendation, addressed_to, status FROM recommendations
         WHERE session_id = ?1 ORDER BY id",
        [session],
        |r| {
            Ok(Raised {
                id: r.get(0)?,
                recommendation: r.get(1)?,
                addressed_to: r.get(2)?,
                status: r.get(3)?,
            })
        },
    )
}

/// The terms of `year` in which the panel has not met, in term order; those still to come
/// on `today` (the terms after today's, which cuts the year into equal runs of months) apart;
/// and the year's sessions in a term that is no longer configured.
pub fn gaps(conn: &Connection, year: AcademicYear, today: NaiveDate) -> Result<Gaps> {
    let terms = settings::terms(conn)?;
    // How many terms of `year` have begun by today.
    let begun = match AcademicYear::containing(today, settings::year_start(conn)?) {
        now if now < year => 0,
        now if now > year => terms.len(),
        _ => {
            let (_, term) = term_of(today, settings::year_start(conn)?, &terms);
            terms
                .iter()
                .position(|t| *t == term)
                .map_or(terms.len(), |i| i + 1)
        }
    };
    let sessions = list(
        conn,
        &SessionFilter {
            year: Some(year),
            term: None,
        },
    )?;
    let (mut missing, mut upcoming) = (Vec::new(), Vec::new());
    for (i, term) in terms.iter().enumerate() {
        if sessions.iter().any(|s| &s.session.term == term) {
            continue;
        }
        if i < begun {
            missing.push(term.clone());
        } else {
            upcoming.push(term.clone());
        }
    }
    let mut stray: Vec<Session> = sessions
        .into_iter()
        .map(|s| s.session)
        .filter(|s| !terms.contains(&s.term))
        .collect();
    stray.reverse();
    Ok(Gaps {
        year,
        missing,
        upcoming,
        stray,
    })
}
