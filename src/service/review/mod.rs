//! Reviews of projects: recording them (scores against the principles of the adopted
//! framework, outcomes seen, reflections and a decision), finding, editing and removing them.
//! When reviews fall due is in `due`.

mod check;
mod due;
mod edit;
mod list;
mod next;
pub(crate) mod write;

use check::{
    check_date, check_decision, check_outcomes, check_scores, check_started, check_unique,
    clean_reviewers, closes,
};

pub use due::{DueFilter, LeadReminder, due, each as each_due, last_review, next_due, remind};
pub use edit::{ReviewPatch, edit};
pub use list::{ReviewFilter, ReviewSummary, list};
pub use next::{StaleDue, refresh_all, refresh_from, stale};
pub(crate) use next::{due_date, refresh};
use write::{write_outcomes, write_scores};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{
    Change, Decision, Framework, OutcomeInput, OutcomeSeen, Principle, Project, Review, ReviewKind,
    Score, ScoreInput, ScoredBy, Status,
};
use crate::service::changes::{self, Action};
use crate::service::{clean_long_text, principle, project};

/// The entity name of reviews in the change log.
const ENTITY: &str = "review";
/// Fields that the change log leaves out (they change on their own).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at"];
/// The longest reviewer's name.
const MAX_REVIEWER: usize = 200;

/// A review to record. Text fields are trimmed; blank ones count as absent.
#[derive(Debug, Clone)]
pub struct NewReview {
    /// The project's code.
    pub project: String,
    pub on: NaiveDate,
    pub kind: ReviewKind,
    pub decision: Decision,
    pub reviewers: Vec<String>,
    pub went_well: Option<String>,
    pub to_change: Option<String>,
    pub lessons: Option<String>,
    pub scores: Vec<ScoreInput>,
    pub outcomes: Vec<OutcomeInput>,
    /// Accept a date after today (a review planned and written up in advance).
    pub allow_future: bool,
}

impl NewReview {
    /// A review with only its required fields set.
    pub fn new(
        project: impl Into<String>,
        on: NaiveDate,
        kind: ReviewKind,
        decision: Decision,
    ) -> Self {
        NewReview {
            project: project.into(),
            on,
            kind,
            decision,
            reviewers: Vec::new(),
            went_well: None,
            to_change: None,
            lessons: None,
            scores: Vec::new(),
            outcomes: Vec::new(),
            allow_future: false,
        }
    }
}

/// A review as saved, and the project when the review completed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub review: Review,
    pub completed: Option<Project>,
}

/// The principles a new review is scored against: the active ones of the adopted framework.
pub fn principles(conn: &Connection) -> Result<(Framework, Vec<Principle>)> {
    principle::list(conn, None, false)
}

/// Checks `new` as [`add`] would, writing nothing: for a walk that should not ask a dozen
/// questions only to fail at the end.
///
/// Errors: as [`add`].
pub fn check(conn: &mut Connection, new: &NewReview, today: NaiveDate) -> Result<()> {
    let tx = begin_write(conn)?;
    insert(&tx, new.clone(), today)?;
    // Dropped without a commit: rolled back.
    Ok(())
}

/// Completes the project of a closing review, inside the caller's transaction.
fn complete(tx: &Connection, project: &Project, review: &Review) -> Result<Project> {
    project::apply_status(
        tx,
        project,
        Status::Completed,
        review.on,
        Some(&format!("closing review {}", review.id)),
    )
}

/// Records a review; a closing review completes an active or paused project on its date.
///
/// Errors: `NotFound` for an unknown project or principle; `Invalid` for a score outside 1–5,
/// a principle of another framework or retired by the review date, a future date without
/// `allow_future`, a closing review whose decision is not close; `Conflict` for a second
/// review of the same kind on the same day, or a closing review of a proposed project.
pub fn add(conn: &mut Connection, new: NewReview, today: NaiveDate) -> Result<Recorded> {
    let tx = begin_write(conn)?;
    let recorded = insert(&tx, new, today)?;
    tx.commit().context("cannot save the review")?;
    Ok(recorded)
}

/// Records a review inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewReview, today: NaiveDate) -> Result<Recorded> {
    let project = project::get(tx, &new.project)?;
    check_date(new.on, today, new.allow_future)?;
    check_started(&project, new.on)?;
    check_decision(new.kind, new.decision)?;
    let reviewers = clean_reviewers(&new.reviewers)?;
    let went_well = clean_long_text("text of what went well", new.went_well.as_deref())?;
    let to_change = clean_long_text("text of what to change", new.to_change.as_deref())?;
    let lessons = clean_long_text("text of the lessons", new.lessons.as_deref())?;
    let framework = principle::adopted(tx)?;
    let scores = check_scores(tx, &framework, new.on, &new.scores)?;
    let outcomes = check_outcomes(&new.outcomes)?;
    check_unique(tx, &project, new.on, new.kind, None)?;
    let closing = new.kind == ReviewKind::Closing && closes(&project, new.on, today)?;
    let id = write::Writer::new(tx).review(&write::ReviewRow {
        project_id: project.id,
        framework_id: framework.id,
        on: new.on,
        kind: new.kind,
        decision: new.decision,
        reviewers: &serde_json::Value::from(reviewers).to_string(),
        went_well: went_well.as_deref(),
        to_change: to_change.as_deref(),
        lessons: lessons.as_deref(),
        at: None,
    })?;
    write_scores(tx, id, &scores)?;
    write_outcomes(tx, id, &outcomes)?;
    let review = get(tx, id)?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Insert,
        &changes::snapshot(&review, UNLOGGED),
    )?;
    let completed = if closing {
        Some(complete(tx, &project, &review)?)
    } else {
        None
    };
    refresh(tx, project.id)?;
    Ok(Recorded { review, completed })
}

const SELECT: &str = "SELECT r.id, p.code, p.title, f.key, r.on_date, r.kind, r.decision,
    r.reviewers, r.went_well, r.to_change, r.lessons, r.created_at, r.updated_at
    FROM reviews r JOIN projects p ON p.id = r.project_id
    JOIN frameworks f ON f.id = r.framework_id";

fn reviewers_from(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Review> {
    let reviewers: String = r.get(7)?;
    Ok(Review {
        id: r.get(0)?,
        project: r.get(1)?,
        project_title: r.get(2)?,
        framework: r.get(3)?,
        on: r.get(4)?,
        kind: r.get(5)?,
        decision: r.get(6)?,
        reviewers: reviewers_from(&reviewers),
        went_well: r.get(8)?,
        to_change: r.get(9)?,
        lessons: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        scores: Vec::new(),
        outcomes: Vec::new(),
    })
}

/// The review with this id, with its scores (in the framework's order) and outcomes.
///
/// Errors: `NotFound` with a hint to list the reviews.
pub fn get(conn: &Connection, id: i64) -> Result<Review> {
    let mut review = conn
        .query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()
        .context("cannot read the review")?
        .ok_or_else(|| {
            Error::not_found(
                "review with id",
                id.to_string(),
                "run \"spm review list\" to see the ids",
            )
        })?;
    review.scores = rows(
        conn,
        "cannot read the scores",
        "SELECT pr.code, s.wording, s.scored_by, s.score, s.evidence,
            coalesce(par.position, pr.position), pr.position
         FROM review_scores s JOIN principles pr ON pr.id = s.principle_id
         LEFT JOIN principles par ON par.id = pr.parent_id
         WHERE s.review_id = ?1
         ORDER BY coalesce(par.position, pr.position), pr.parent_id IS NOT NULL,
            pr.position, s.scored_by",
        [id],
        |r| {
            Ok(Score {
                principle: r.get(0)?,
                wording: r.get(1)?,
                by: r.get(2)?,
                score: r.get(3)?,
                evidence: r.get(4)?,
                position: (r.get(5)?, r.get(6)?),
            })
        },
    )?;
    review.outcomes = rows(
        conn,
        "cannot read the outcomes",
        "SELECT outcome, rating, evidence FROM review_outcomes WHERE review_id = ?1",
        [id],
        |r| {
            Ok(OutcomeSeen {
                outcome: r.get(0)?,
                rating: r.get(1)?,
                evidence: r.get(2)?,
            })
        },
    )?;
    review.outcomes.sort_by_key(|o| o.outcome);
    Ok(review)
}

/// Deletes a review with its scores and outcomes; the change log keeps what it held. A
/// project that the review completed stays completed.
///
/// Errors: `NotFound`.
pub fn remove(conn: &mut Connection, id: i64) -> Result<Review> {
    let tx = begin_write(conn)?;
    let review = get(&tx, id)?;
    let project: i64 = tx
        .query_row("SELECT project_id FROM reviews WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .context("cannot read the review")?;
    tx.execute("DELETE FROM reviews WHERE id = ?1", [id])
        .context("cannot remove the review")?;
    refresh(&tx, project)?;
    changes::record(
        &tx,
        ENTITY,
        id,
        Action::Delete,
        &changes::snapshot(&review, UNLOGGED),
    )?;
    tx.commit().context("cannot remove the review")?;
    Ok(review)
}

/// How many reviews the database holds.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
        .context("cannot count reviews")
}

/// A review's entries in the change log, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, id)
}

/// The staff and students' scores of each principle side by side, in the framework's order:
/// `(principle, wording, staff score, students' score)`.
pub fn side_by_side(review: &Review) -> Vec<(String, String, Option<&Score>, Option<&Score>)> {
    let mut out: Vec<(String, String, Option<&Score>, Option<&Score>)> = Vec::new();
    for s in &review.scores {
        let i = match out.iter().position(|row| row.0 == s.principle) {
            Some(i) => i,
            None => {
                out.push((s.principle.clone(), s.wording.clone(), None, None));
                out.len() - 1
            }
        };
        match s.by {
            ScoredBy::Staff => out[i].2 = Some(s),
            ScoredBy::Students => out[i].3 = Some(s),
        }
    }
    out
}

#[cfg(test)]
mod next_tests;
#[cfg(test)]
mod tests;
