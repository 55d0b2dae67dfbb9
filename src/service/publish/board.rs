//! "You said, we did": the recommendations approved for the public pages, by theme.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{Themed, by_theme, status_words};
use crate::error::{Context, Result};
use crate::model::{AcademicYear, Activity, RecStatus, Recommendation, Worked};
use crate::service::rec::{self, RecFilter};

/// The board: the published recommendations raised in `year` (or in any year), by theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub year: Option<AcademicYear>,
    pub themes: Vec<Themed<PublicRec>>,
    /// The latest day one of its recommendations was approved for publishing or changed
    /// status: when the board last changed. None for an empty board.
    pub last_updated: Option<NaiveDate>,
}

impl Board {
    /// How many recommendations the board holds.
    pub fn len(&self) -> usize {
        self.themes.iter().map(|t| t.items.len()).sum()
    }

    /// Whether the board holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A recommendation as a public page shows it: the approved words, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicRec {
    pub id: i64,
    /// What students said, as approved.
    pub said: String,
    /// What was done, as approved; none approved yet (see [`super::status_sentence`]).
    pub did: Option<String>,
    pub status: RecStatus,
    /// The status as students would say it ("In progress", "Done").
    pub status_words: &'static str,
    /// The day of its current status.
    pub status_since: NaiveDate,
    /// The part of the institution that owns the answer, e.g. "Library Services".
    pub unit: String,
    pub source: PublicSource,
    pub theme: Option<String>,
    pub raised_on: NaiveDate,
    /// The day leadership first decided.
    pub decided_on: Option<NaiveDate>,
    /// The day it was closed (done, partly done, not adopted, beyond control); none while open.
    pub closed_on: Option<NaiveDate>,
    /// The day the outcome was told back to the students; none until it is.
    pub communicated_on: Option<NaiveDate>,
    /// The day it was approved for publishing.
    pub published_on: NaiveDate,
    /// Whether it worked, once checked (`rec impact`): the verdict only, not its evidence.
    pub worked: Option<Worked>,
}

/// Where a published recommendation came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PublicSource {
    /// A project: its title only once the project's title is approved (`spm project
    /// publish`), and its kind of activity ("a Change Makers project") either way.
    Project {
        code: String,
        title: Option<String>,
        activity: Option<Activity>,
    },
    /// A session of the Student Education Panel.
    Panel {
        session: i64,
        year: AcademicYear,
        term: String,
        topic: String,
    },
    /// A survey, a forum, a meeting with the students' union.
    Elsewhere,
}

/// The board of recommendations raised in `year` (in any year when `None`): only those
/// approved for publishing, in the words approved, by theme (themes alphabetical in any case,
/// those without one last), oldest raised first within a theme.
///
/// Errors: `Database` when the records cannot be read.
pub fn board(conn: &Connection, year: Option<AcademicYear>, today: NaiveDate) -> Result<Board> {
    let filter = RecFilter {
        year,
        published: Some(true),
        ..RecFilter::default()
    };
    let recs = public_recs(conn, &filter, today)?;
    let last_updated = recs
        .iter()
        .map(|r| r.published_on.max(r.status_since))
        .max();
    let themes = by_theme(recs.into_iter().map(|r| (r.theme.clone(), r)));
    Ok(Board {
        year,
        themes,
        last_updated,
    })
}

/// The published recommendations that match `filter` (which must ask for published ones
/// only), oldest raised first, as a public page shows them.
///
/// Errors: as [`rec::list`].
pub(super) fn public_recs(
    conn: &Connection,
    filter: &RecFilter,
    today: NaiveDate,
) -> Result<Vec<PublicRec>> {
    debug_assert_eq!(filter.published, Some(true));
    let mut out = Vec::new();
    for r in rec::list(conn, filter, today)? {
        // A recommendation whose approval went in the meantime is left out, as unapproved.
        if let Some(public) = public_rec(conn, r)? {
            out.push(public);
        }
    }
    Ok(out)
}

/// `r` as a public page shows it, or `None` when it is not approved for publishing.
fn public_rec(conn: &Connection, r: Recommendation) -> Result<Option<PublicRec>> {
    type Extra = (
        String,
        Option<String>,
        NaiveDate,
        Option<Activity>,
        Option<String>,
        Option<AcademicYear>,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
    );
    let extra: Option<Extra> = conn
        .prepare_cached(
            "SELECT pub.said, pub.did, pub.published_on, p.activity, ppub.title,
                s.academic_year, s.term, s.topic,
                (SELECT max(h.on_date) FROM recommendation_history h
                 WHERE h.recommendation_id = r.id)
             FROM recommendations r
             JOIN recommendation_publications pub ON pub.recommendation_id = r.id
             LEFT JOIN projects p ON p.id = r.project_id
             LEFT JOIN project_publications ppub ON ppub.project_id = r.project_id
             LEFT JOIN panel_sessions s ON s.id = r.session_id
             WHERE r.id = ?1",
        )
        .and_then(|mut s| {
            s.query_row([r.id], |x| {
                Ok((
                    x.get(0)?,
                    x.get(1)?,
                    x.get(2)?,
                    x.get(3)?,
                    x.get(4)?,
                    x.get(5)?,
                    x.get(6)?,
                    x.get(7)?,
                    x.get(8)?,
                ))
            })
            .optional()
        })
        .context("cannot read what is published of a recommendation")?;
    let Some((said, did, published_on, activity, title, year, term, topic, since)) = extra else {
        return Ok(None);
    };
    let source = match (&r.project, r.session, year, term, topic) {
        (Some(code), _, _, _, _) => PublicSource::Project {
            code: code.clone(),
            title,
            activity,
        },
        (None, Some(session), Some(year), Some(term), Some(topic)) => PublicSource::Panel {
            session,
            year,
            term,
            topic,
        },
        _ => PublicSource::Elsewhere,
    };
    Ok(Some(PublicRec {
        id: r.id,
        said,
        did,
        status: r.status,
        status_words: status_words(r.status),
        // Every recommendation has a history from the day it was raised.
        status_since: since.unwrap_or(r.raised_on),
        unit: r.addressed_to,
        source,
        theme: r.theme,
        raised_on: r.raised_on,
        decided_on: r.decided_on,
        closed_on: r.closed_on,
        communicated_on: r.communicated_on,
        published_on,
        worked: crate::service::rec::impact(conn, r.id)?.map(|i| i.worked),
    }))
}
