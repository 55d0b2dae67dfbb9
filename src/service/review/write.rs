//! The one writer of new rows of `reviews`, `review_scores` and `review_outcomes`:
//! `spm review add` and `spm review edit` (through [`write_scores`] and [`write_outcomes`])
//! and `spm dev generate` write through here. What is written has been checked by the
//! caller.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::check::Checked;
use crate::db::Prepared;
use crate::error::{Context, Result};
use crate::model::{Decision, Outcome, OutcomeInput, Rating, ReviewKind, ScoredBy};

/// A review's row as it is stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReviewRow<'a> {
    pub project_id: i64,
    pub framework_id: i64,
    pub on: NaiveDate,
    pub kind: ReviewKind,
    pub decision: Decision,
    /// The reviewers, a JSON array as text.
    pub reviewers: &'a str,
    pub went_well: Option<&'a str>,
    pub to_change: Option<&'a str>,
    pub lessons: Option<&'a str>,
    /// When it was written (`created_at` and `updated_at`); `None`: now.
    pub at: Option<&'a str>,
}

/// The prepared inserts of reviews, their scores and outcomes, each prepared on first use
/// and kept for the writer's life (the generator writes a million reviews through one).
pub(crate) struct Writer<'c> {
    review: Prepared<'c>,
    score: Prepared<'c>,
    outcome: Prepared<'c>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: &'c Connection) -> Self {
        Writer {
            review: Prepared::new(
                tx,
                "INSERT INTO reviews (project_id, framework_id, on_date, kind, decision,
                    reviewers, went_well, to_change, lessons, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                    coalesce(?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                    coalesce(?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
            score: Prepared::new(
                tx,
                "INSERT OR REPLACE INTO review_scores
                    (review_id, principle_id, scored_by, score, evidence, wording)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            ),
            outcome: Prepared::new(
                tx,
                "INSERT OR REPLACE INTO review_outcomes (review_id, outcome, rating, evidence)
                 VALUES (?1, ?2, ?3, ?4)",
            ),
        }
    }

    /// Writes a review's row; returns its id.
    ///
    /// Errors: `Database` when the write fails (a second review of the same kind on the
    /// same day among them: callers check first).
    pub(crate) fn review(&mut self, r: &ReviewRow<'_>) -> Result<i64> {
        self.review
            .get()
            .and_then(|s| {
                s.insert(params![
                    r.project_id,
                    r.framework_id,
                    r.on,
                    r.kind,
                    r.decision,
                    r.reviewers,
                    r.went_well,
                    r.to_change,
                    r.lessons,
                    r.at,
                ])
            })
            .context("cannot save the review")
    }

    /// Writes a score of review `review_id` against principle `principle_id`, in place of
    /// one by the same scorer.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn score(
        &mut self,
        review_id: i64,
        principle_id: i64,
        by: ScoredBy,
        score: u8,
        evidence: Option<&str>,
        wording: &str,
    ) -> Result<()> {
        self.score
            .get()
            .and_then(|s| {
                s.execute(params![
                    review_id,
                    principle_id,
                    by,
                    score,
                    evidence,
                    wording
                ])
            })
            .context("cannot save the scores")?;
        Ok(())
    }

    /// Writes how clearly `outcome` was seen in review `review_id`, in place of what was
    /// written.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn outcome(
        &mut self,
        review_id: i64,
        outcome: Outcome,
        rating: Rating,
        evidence: Option<&str>,
    ) -> Result<()> {
        self.outcome
            .get()
            .and_then(|s| s.execute(params![review_id, outcome, rating, evidence]))
            .context("cannot save the outcomes")?;
        Ok(())
    }
}

/// Writes checked scores of review `review_id`.
pub(super) fn write_scores(tx: &Connection, review_id: i64, scores: &[Checked]) -> Result<()> {
    let mut writer = Writer::new(tx);
    for s in scores {
        writer.score(
            review_id,
            s.principle.id,
            s.input.by,
            s.input.score,
            s.input.evidence.as_deref(),
            &s.wording,
        )?;
    }
    Ok(())
}

/// Writes checked outcomes of review `review_id`.
pub(super) fn write_outcomes(
    tx: &Connection,
    review_id: i64,
    outcomes: &[OutcomeInput],
) -> Result<()> {
    let mut writer = Writer::new(tx);
    for o in outcomes {
        writer.outcome(review_id, o.outcome, o.rating, o.evidence.as_deref())?;
    }
    Ok(())
}
