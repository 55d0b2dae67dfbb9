//! Recommendations to leadership ("you said, we did"): the finding students made, what they
//! recommended, to whom, and what became of it. Every change of status is kept with its date
//! (in `status`), so the time to a decision and to closing can be measured.

mod board;
mod check;
mod impact;
mod list;
mod publish;
mod status;
pub(crate) mod write;

pub use board::{BoardTheme, OTHER, board};
use check::{check_not_future, clean_label, known_theme, owner_id, source_ids};
pub use impact::{apply_impact, impact, record_impact};
pub use list::{RecFilter, list};
pub use publish::{PublishRec, apply_publish, publication, publish, unpublish};
pub use status::{
    StatusChange, StatusUpdate, apply_communicated, apply_update, communicated, status_history,
    update,
};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{Change, RecStatus, Recommendation};
use crate::service::changes::{self, Action};
use crate::service::clean_text;

/// The entity name of recommendations in the change log.
pub(crate) const ENTITY: &str = "recommendation";
/// Fields that the change log leaves out (they change on their own, or are derived).
const UNLOGGED: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "decided_on",
    "closed_on",
    "published_on",
];

/// Where a recommendation came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A project, by its code.
    Project(String),
    /// A Student Education Panel session, by its id.
    Panel(i64),
    /// Anywhere else: a survey, a forum, a meeting with the students' union.
    Elsewhere,
}

/// A recommendation to record. Text fields are trimmed; blank optional ones count as absent.
#[derive(Debug, Clone)]
pub struct NewRec {
    pub source: Source,
    /// What students found: "you said".
    pub finding: String,
    pub recommendation: String,
    /// The part of the institution it is addressed to, e.g. "Library Services".
    pub to: String,
    /// The person who owns the answer (id, email or unique name).
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub theme: Option<String>,
    /// The day it was raised.
    pub raised_on: NaiveDate,
}

impl NewRec {
    /// A recommendation with only its required fields set.
    pub fn new(
        source: Source,
        finding: impl Into<String>,
        recommendation: impl Into<String>,
        to: impl Into<String>,
        raised_on: NaiveDate,
    ) -> Self {
        NewRec {
            source,
            finding: finding.into(),
            recommendation: recommendation.into(),
            to: to.into(),
            owner: None,
            due: None,
            theme: None,
            raised_on,
        }
    }
}

/// The closed statuses as an SQL list: `'implemented', ...`.
pub(crate) fn closed_sql() -> String {
    RecStatus::ALL
        .iter()
        .filter(|s| s.is_closed())
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn select() -> String {
    let closed = closed_sql();
    // The closing day is the first entry of the current closed spell: closed entries after
    // the last open one (history ids follow the dates, which never go back).
    format!(
        "SELECT r.id, p.code, r.session_id, r.finding, r.recommendation, r.addressed_to,
            r.owner_id, o.name, r.due, r.theme, r.status, r.response, r.raised_on,
            r.communicated_on, r.channel, r.created_at, r.updated_at,
            (SELECT min(h.on_date) FROM recommendation_history h
             WHERE h.recommendation_id = r.id AND h.status <> 'proposed'),
            CASE WHEN r.status IN ({closed}) THEN
                (SELECT min(h.on_date) FROM recommendation_history h
                 WHERE h.recommendation_id = r.id AND h.status IN ({closed})
                 AND h.id > (SELECT coalesce(max(x.id), 0) FROM recommendation_history x
                             WHERE x.recommendation_id = r.id AND x.status NOT IN ({closed})))
            END,
            pub.published_on
         FROM recommendations r
         LEFT JOIN projects p ON p.id = r.project_id
         LEFT JOIN people o ON o.id = r.owner_id
         LEFT JOIN recommendation_publications pub ON pub.recommendation_id = r.id"
    )
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Recommendation> {
    Ok(Recommendation {
        id: r.get(0)?,
        project: r.get(1)?,
        session: r.get(2)?,
        finding: r.get(3)?,
        recommendation: r.get(4)?,
        addressed_to: r.get(5)?,
        owner_id: r.get(6)?,
        owner: r.get(7)?,
        due: r.get(8)?,
        theme: r.get(9)?,
        status: r.get(10)?,
        response: r.get(11)?,
        raised_on: r.get(12)?,
        communicated_on: r.get(13)?,
        channel: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        decided_on: r.get(17)?,
        closed_on: r.get(18)?,
        published_on: r.get(19)?,
    })
}

/// Records a recommendation as proposed on the day it was raised.
///
/// Errors: `NotFound` for an unknown project, panel session or owner; `Invalid` for a blank
/// finding, recommendation or addressee, a raised date after today or before the panel
/// session was held, a due date before the raised date, a forgotten owner, or a name shared by
/// several people.
pub fn add(conn: &mut Connection, new: NewRec, today: NaiveDate) -> Result<Recommendation> {
    let tx = begin_write(conn)?;
    let rec = insert(&tx, new, today)?;
    tx.commit().context("cannot save the recommendation")?;
    Ok(rec)
}

/// Records a recommendation inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewRec, today: NaiveDate) -> Result<Recommendation> {
    let finding = clean_text("finding", Some(&new.finding))?.ok_or_else(|| {
        Error::Invalid("a recommendation needs a finding: what students said (--finding)".into())
    })?;
    let recommendation =
        clean_text("recommendation", Some(&new.recommendation))?.ok_or_else(|| {
            Error::Invalid(
                "a recommendation needs its text: what students recommend (--recommendation)"
                    .into(),
            )
        })?;
    let to = clean_label("addressee", Some(&new.to))?.ok_or_else(|| {
        Error::Invalid(
            "a recommendation is addressed to someone: give --to, e.g. \"Library Services\"".into(),
        )
    })?;
    let theme = known_theme(tx, clean_label("theme", new.theme.as_deref())?)?;
    check_not_future("raised date", new.raised_on, today)?;
    if let Some(due) = new.due.filter(|d| *d < new.raised_on) {
        return Err(Error::Invalid(format!(
            "the due date {due} is before the recommendation was raised on {}; check --due",
            new.raised_on
        )));
    }
    let (project_id, session_id) = source_ids(tx, &new.source, new.raised_on)?;
    let owner_id = owner_id(tx, new.owner.as_deref())?;
    let mut writer = write::Writer::new(tx);
    let id = writer.rec(&write::RecRow {
        project_id,
        session_id,
        finding: &finding,
        recommendation: &recommendation,
        addressed_to: &to,
        owner_id,
        due: new.due,
        theme: theme.as_deref(),
        status: RecStatus::Proposed,
        response: None,
        raised_on: new.raised_on,
        communicated_on: None,
        channel: None,
        at: None,
    })?;
    writer.history(id, RecStatus::Proposed, new.raised_on, None, None)?;
    drop(writer);
    let rec = get(tx, id)?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Insert,
        &changes::snapshot(&rec, UNLOGGED),
    )?;
    Ok(rec)
}

/// The recommendation with this id.
///
/// Errors: `NotFound` with a hint to list them.
pub fn get(conn: &Connection, id: i64) -> Result<Recommendation> {
    conn.query_row(&format!("{} WHERE r.id = ?1", select()), [id], from_row)
        .optional()
        .context("cannot read the recommendation")?
        .ok_or_else(|| {
            Error::not_found(
                "recommendation with id",
                id.to_string(),
                "run \"spm rec list\" to see the ids",
            )
        })
}

/// A recommendation's entries in the change log, oldest first.
pub fn changes(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, id)
}

/// How many recommendations the database holds.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM recommendations", [], |r| r.get(0))
        .context("cannot count recommendations")
}

#[cfg(test)]
mod tests;
