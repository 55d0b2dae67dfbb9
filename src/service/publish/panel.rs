//! The Student Education Panel's page: each session of a year with its topic, question and
//! the insights approved for publishing.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::db::rows;
use crate::error::Result;
use crate::model::AcademicYear;
use crate::model::hesa::round_count;

/// The panel's sessions of one academic year that have a published insight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelPage {
    pub year: AcademicYear,
    /// In the order they were held.
    pub sessions: Vec<PublicSession>,
}

/// A session as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicSession {
    pub id: i64,
    pub term: String,
    pub on: NaiveDate,
    pub topic: String,
    pub question: Option<String>,
    /// How many panellists took part, rounded as HESA asks (0, 1 and 2 become 0); none when
    /// not recorded.
    pub panellists: Option<u64>,
    /// Its insights approved for publishing, in the order they were added.
    pub insights: Vec<PublicInsight>,
}

/// An insight approved for publishing, as the panellists wrote it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicInsight {
    pub id: i64,
    pub text: String,
    pub published_on: NaiveDate,
}

/// The sessions of `year` with at least one published insight, in the order they were held,
/// each with only its published insights. A session's topic and question are the
/// coordinator's own description of the meeting; they are shown only beside an insight the
/// coordinator approved (`spm panel insight publish`), so a session with none stays off the
/// page.
///
/// Errors: `Database` when the records cannot be read.
pub fn panel(conn: &Connection, year: AcademicYear) -> Result<PanelPage> {
    type Row = (
        i64,
        String,
        NaiveDate,
        String,
        Option<String>,
        Option<u32>,
        i64,
        String,
        NaiveDate,
    );
    let found: Vec<Row> = rows(
        conn,
        "cannot read the panel's published insights",
        "SELECT s.id, s.term, s.on_date, s.topic, s.question, s.panellists,
            i.id, i.text, pub.published_on
         FROM panel_sessions s
         JOIN panel_insights i ON i.session_id = s.id
         JOIN insight_publications pub ON pub.insight_id = i.id
         WHERE s.academic_year = ?1
         ORDER BY s.on_date, s.id, i.id",
        [year],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        },
    )?;
    let mut sessions: Vec<PublicSession> = Vec::new();
    for (id, term, on, topic, question, panellists, insight, text, published_on) in found {
        let public = PublicInsight {
            id: insight,
            text,
            published_on,
        };
        match sessions.last_mut().filter(|s| s.id == id) {
            Some(session) => session.insights.push(public),
            None => sessions.push(PublicSession {
                id,
                term,
                on,
                topic,
                question,
                panellists: panellists.map(|n| round_count(u64::from(n))),
                insights: vec![public],
            }),
        }
    }
    Ok(PanelPage { year, sessions })
}
