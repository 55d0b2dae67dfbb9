//! Editing a review: its fields, and scores and outcomes added, replaced or taken away.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::Value as Json;

use super::{
    ENTITY, Recorded, UNLOGGED, check_date, check_decision, check_outcomes, check_scores,
    check_started, check_unique, clean_reviewers, closes, complete, get, write_outcomes,
    write_scores,
};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{Decision, Outcome, OutcomeInput, ReviewKind, ScoreInput, ScoredBy};
use crate::service::changes::{self, Action};
use crate::service::{clean_long_text, principle, project};

/// Changes to a review. `None` leaves a field alone; `Some(None)` clears a reflection.
#[derive(Debug, Clone, Default)]
pub struct ReviewPatch {
    pub on: Option<NaiveDate>,
    pub kind: Option<ReviewKind>,
    pub decision: Option<Decision>,
    /// Replaces every reviewer.
    pub reviewers: Option<Vec<String>>,
    pub went_well: Option<Option<String>>,
    pub to_change: Option<Option<String>>,
    pub lessons: Option<Option<String>>,
    /// Adds these scores, replacing one the same principle already has from the same side.
    pub scores: Vec<ScoreInput>,
    /// Takes away the scores of these principles given by this side.
    pub remove_scores: Vec<(String, ScoredBy)>,
    /// Rates these outcomes, replacing an earlier rating.
    pub outcomes: Vec<OutcomeInput>,
    pub remove_outcomes: Vec<Outcome>,
    pub allow_future: bool,
}

impl ReviewPatch {
    /// Whether the patch changes nothing at all.
    pub fn is_empty(&self) -> bool {
        self.on.is_none()
            && self.kind.is_none()
            && self.decision.is_none()
            && self.reviewers.is_none()
            && self.went_well.is_none()
            && self.to_change.is_none()
            && self.lessons.is_none()
            && self.scores.is_empty()
            && self.remove_scores.is_empty()
            && self.outcomes.is_empty()
            && self.remove_outcomes.is_empty()
    }
}

/// Applies `patch` to review `id`. Scores are checked against the framework the review was
/// scored against. A review that becomes a closing one completes its project, as
/// [`super::add`] does.
///
/// Errors: `NotFound` for the review or a principle; `Invalid` as for [`super::add`], and for
/// a score or outcome to take away that is not there; `Conflict` when the new date and kind
/// clash with another review of the project.
pub fn edit(
    conn: &mut Connection,
    id: i64,
    patch: ReviewPatch,
    today: NaiveDate,
) -> Result<Recorded> {
    let tx = begin_write(conn)?;
    let old = get(&tx, id)?;
    let project = project::get(&tx, &old.project)?;
    let on = patch.on.unwrap_or(old.on);
    let kind = patch.kind.unwrap_or(old.kind);
    let decision = patch.decision.unwrap_or(old.decision);
    if patch.on.is_some() {
        check_date(on, today, patch.allow_future)?;
        check_started(&project, on)?;
    }
    check_decision(kind, decision)?;
    check_unique(&tx, &project, on, kind, Some(id))?;
    if on != old.on {
        // The scores already given must still be allowed on the new date.
        for s in &old.scores {
            let removed = patch
                .remove_scores
                .iter()
                .any(|(code, by)| code.trim().eq_ignore_ascii_case(&s.principle) && *by == s.by);
            let p = principle::get(&tx, &s.principle)?;
            if let Some(retired) = p.retired_on.filter(|r| *r <= on && !removed) {
                return Err(Error::Invalid(format!(
                    "principle {} was retired on {retired}, on or before the new date {on}; keep the date, or take its score away with --remove-score {}",
                    p.code, p.code
                )));
            }
        }
    }
    let reviewers = match &patch.reviewers {
        Some(names) => clean_reviewers(names)?,
        None => old.reviewers.clone(),
    };
    let text = |what: &str, new: &Option<Option<String>>, old: &Option<String>| match new {
        Some(v) => clean_long_text(what, v.as_deref()),
        None => Ok(old.clone()),
    };
    let went_well = text("text of what went well", &patch.went_well, &old.went_well)?;
    let to_change = text("text of what to change", &patch.to_change, &old.to_change)?;
    let lessons = text("text of the lessons", &patch.lessons, &old.lessons)?;
    let framework = principle::framework(&tx, &old.framework)?;
    let scores = check_scores(&tx, &framework, on, &patch.scores)?;
    let outcomes = check_outcomes(&patch.outcomes)?;
    for (code, by) in &patch.remove_scores {
        let p = principle::get(&tx, code)?;
        if !old
            .scores
            .iter()
            .any(|s| s.principle == p.code && s.by == *by)
        {
            return Err(Error::Invalid(format!(
                "review {id} has no score by {by} for {}; nothing to take away",
                p.code
            )));
        }
        tx.execute(
            "DELETE FROM review_scores WHERE review_id = ?1 AND principle_id = ?2 AND scored_by = ?3",
            params![id, p.id, by],
        )
        .context("cannot remove the score")?;
    }
    for outcome in &patch.remove_outcomes {
        if !old.outcomes.iter().any(|o| o.outcome == *outcome) {
            return Err(Error::Invalid(format!(
                "review {id} has not rated the outcome {outcome}; nothing to take away"
            )));
        }
        tx.execute(
            "DELETE FROM review_outcomes WHERE review_id = ?1 AND outcome = ?2",
            params![id, outcome],
        )
        .context("cannot remove the outcome")?;
    }
    // Only a review that becomes a closing one completes the project; editing a closing review
    // (whose project may have been reopened since) leaves the project's status alone.
    let becomes_closing = old.kind != ReviewKind::Closing
        && kind == ReviewKind::Closing
        && closes(&project, on, today)?;
    tx.execute(
        "UPDATE reviews SET on_date = ?2, kind = ?3, decision = ?4, reviewers = ?5,
            went_well = ?6, to_change = ?7, lessons = ?8,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![
            id,
            on,
            kind,
            decision,
            Json::from(reviewers).to_string(),
            went_well,
            to_change,
            lessons
        ],
    )
    .context("cannot save the review")?;
    write_scores(&tx, id, &scores)?;
    write_outcomes(&tx, id, &outcomes)?;
    let review = get(&tx, id)?;
    let fields = changes::diff(
        &changes::snapshot(&old, UNLOGGED),
        &changes::snapshot(&review, UNLOGGED),
        UNLOGGED,
    );
    if !fields.is_empty() {
        changes::record(&tx, ENTITY, id, Action::Update, &Json::Object(fields))?;
    }
    if old.kind == ReviewKind::Closing && on != old.on {
        move_completion(&tx, &project, id, old.on, on, today)?;
    }
    let completed = if becomes_closing {
        Some(complete(&tx, &project, &review)?)
    } else {
        None
    };
    // A new date moves the next review (and a completion moved with it, its history).
    super::refresh(&tx, project.id)?;
    tx.commit().context("cannot save the review")?;
    Ok(Recorded { review, completed })
}

/// Moves the completion that closing review `id` made (on `from`) to its new date `to`, with
/// the project's end date, so the two keep telling the same story.
///
/// Errors: `Conflict` when the project's status has changed since, or `to` comes before the
/// change of status before the completion; `Invalid` when `to` is after today.
fn move_completion(
    tx: &Connection,
    project: &crate::model::Project,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let history = project::status_history(tx, project)?;
    let note = format!("closing review {id}");
    let Some(i) = history
        .iter()
        .rposition(|h| h.note.as_deref() == Some(note.as_str()))
    else {
        return Ok(());
    };
    if i + 1 != history.len() {
        return Err(Error::Conflict(format!(
            "project {}'s status has changed since review {id} completed it; change the date of the project's status instead",
            project.code
        )));
    }
    if let Some(before) = i.checked_sub(1).map(|j| history[j].on).filter(|b| to < *b) {
        return Err(Error::Conflict(format!(
            "{to} is before project {}'s change of status on {before}; give a later --on date",
            project.code
        )));
    }
    if to > today {
        return Err(Error::Invalid(format!(
            "closing review {id} completed project {} and cannot move into the future ({to}; today is {today})",
            project.code
        )));
    }
    project::write::move_completion(tx, project.id, &note, to)?;
    if project.end_date == Some(from) {
        project::write::set_end_date(tx, project.id, to)?;
        changes::record(
            tx,
            project::ENTITY,
            project.id,
            Action::Update,
            &serde_json::json!({ "end_date": [from, to], "note": note }),
        )?;
    }
    Ok(())
}
