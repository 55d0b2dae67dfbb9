//! The checks a review passes before it is saved: its date, decision, reviewers, scores,
//! outcomes, and whether it clashes with another review or can close its project.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::MAX_REVIEWER;
use crate::error::{Context, Error, Result};
use crate::model::{
    Cadence, Decision, Framework, OutcomeInput, Principle, Project, ReviewKind, ScoreInput, Status,
};
use crate::service::{clean_long_text, clean_text, principle};

/// Refuses a review date after today unless the caller allows it, and always one more than a
/// year ahead (a mistyped year would hide the project from reminders for decades).
pub(super) fn check_date(on: NaiveDate, today: NaiveDate, allow_future: bool) -> Result<()> {
    if on > today && !allow_future {
        return Err(Error::Invalid(format!(
            "the review date {on} is in the future (today is {today}); give the day it was held, or add --allow-future"
        )));
    }
    let limit = Cadence(12).after(today);
    if on > limit {
        return Err(Error::Invalid(format!(
            "the review date {on} is more than a year ahead (after {limit}); check the year"
        )));
    }
    Ok(())
}

/// Refuses a review held before the project started: most likely a mistyped date.
pub(super) fn check_started(project: &Project, on: NaiveDate) -> Result<()> {
    match project.start_date {
        Some(start) if on < start => Err(Error::Invalid(format!(
            "the review date {on} is before project {} started on {start}; check --on",
            project.code
        ))),
        _ => Ok(()),
    }
}

/// A closing review ends the project, so its decision is `close`.
pub(super) fn check_decision(kind: ReviewKind, decision: Decision) -> Result<()> {
    if kind == ReviewKind::Closing && decision != Decision::Close {
        return Err(Error::Invalid(format!(
            "a closing review ends the project, so its decision is close, not {decision}; use --kind annual or interim for a review that goes on"
        )));
    }
    Ok(())
}

/// Trims reviewers' names, drops blanks and case-insensitive duplicates.
pub(super) fn clean_reviewers(names: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let Some(n) = clean_text("reviewer's name", Some(name))? else {
            continue;
        };
        if n.contains('\n') || n.chars().count() > MAX_REVIEWER {
            return Err(Error::Invalid(format!(
                "reviewer {n:?} is not a name: one line of up to {MAX_REVIEWER} characters"
            )));
        }
        if !out.iter().any(|o| o.to_lowercase() == n.to_lowercase()) {
            out.push(n);
        }
    }
    Ok(out)
}

/// A score checked against the framework of the review, with the principle's words.
pub(super) struct Checked {
    pub(super) principle: Principle,
    pub(super) input: ScoreInput,
    pub(super) wording: String,
}

/// The words a score is given against: the principle's statement, else its title.
pub(super) fn wording(p: &Principle) -> String {
    match &p.statement {
        Some(s) if !s.trim().is_empty() => format!("{}: {s}", p.title),
        _ => p.title.clone(),
    }
}

/// Checks scores: each principle exists, belongs to `framework` and was not retired by the
/// review date; a principle is scored at most once by staff and once by students.
pub(super) fn check_scores(
    conn: &Connection,
    framework: &Framework,
    on: NaiveDate,
    scores: &[ScoreInput],
) -> Result<Vec<Checked>> {
    let mut out: Vec<Checked> = Vec::new();
    for input in scores {
        let p = principle::get(conn, &input.principle)?;
        if !p.framework.eq_ignore_ascii_case(&framework.key) {
            return Err(Error::Invalid(format!(
                "principle {} belongs to framework {}, but this review is scored against {} ({}); run \"spm principle list --framework {}\" to see its principles",
                p.code, p.framework, framework.key, framework.name, framework.key
            )));
        }
        if let Some(retired) = p.retired_on.filter(|r| *r <= on) {
            let instead = match &p.replaced_by {
                Some(r) => format!("; score against its replacement {r}"),
                None => "; run \"spm principle list\" to see the principles in use".to_string(),
            };
            return Err(Error::Invalid(format!(
                "principle {} was retired on {retired}{instead}",
                p.code
            )));
        }
        if out
            .iter()
            .any(|c| c.principle.id == p.id && c.input.by == input.by)
        {
            return Err(Error::Invalid(format!(
                "principle {} is scored twice by {}; give one score each for staff and for students",
                p.code, input.by
            )));
        }
        if input.score == 0 || input.score > 5 {
            return Err(Error::Invalid(format!(
                "score {} for {} is not from 1 to 5",
                input.score, p.code
            )));
        }
        let evidence = clean_long_text("evidence", input.evidence.as_deref())?;
        out.push(Checked {
            wording: wording(&p),
            input: ScoreInput {
                principle: p.code.clone(),
                evidence,
                ..input.clone()
            },
            principle: p,
        });
    }
    Ok(out)
}

/// Checks outcomes: each rated at most once; evidence is clean text.
pub(super) fn check_outcomes(outcomes: &[OutcomeInput]) -> Result<Vec<OutcomeInput>> {
    let mut out: Vec<OutcomeInput> = Vec::new();
    for o in outcomes {
        if out.iter().any(|x| x.outcome == o.outcome) {
            return Err(Error::Invalid(format!(
                "outcome {} is rated twice; give each outcome once",
                o.outcome
            )));
        }
        out.push(OutcomeInput {
            evidence: clean_long_text("evidence", o.evidence.as_deref())?,
            ..o.clone()
        });
    }
    Ok(out)
}

/// Refuses a second review of the same kind on the same day for one project.
pub(super) fn check_unique(
    conn: &Connection,
    project: &Project,
    on: NaiveDate,
    kind: ReviewKind,
    except: Option<i64>,
) -> Result<()> {
    let clash: Option<i64> = conn
        .query_row(
            "SELECT id FROM reviews WHERE project_id = ?1 AND on_date = ?2 AND kind = ?3
             AND id IS NOT ?4",
            params![project.id, on, kind, except],
            |r| r.get(0),
        )
        .optional()
        .context("cannot check the project's reviews")?;
    match clash {
        Some(id) => Err(Error::Conflict(format!(
            "project {} already has {} {kind} review on {on} (review {id}); change it with \"spm review edit {id}\"",
            project.code,
            if kind == ReviewKind::Annual || kind == ReviewKind::Interim {
                "an"
            } else {
                "a"
            }
        ))),
        None => Ok(()),
    }
}

/// Whether a closing review can complete `project` on `on`; `Some(true)` when it will.
pub(super) fn closes(project: &Project, on: NaiveDate, today: NaiveDate) -> Result<bool> {
    match project.status {
        Status::Active | Status::Paused => {
            if on > today {
                return Err(Error::Invalid(format!(
                    "a closing review on {on} would complete project {} in the future; record it on the day it is held",
                    project.code
                )));
            }
            Ok(true)
        }
        Status::Proposed => Err(Error::Conflict(format!(
            "project {} is proposed and never ran, so it cannot be closed by a review; withdraw it with \"spm project status {} withdrawn\"",
            project.code, project.code
        ))),
        Status::Completed | Status::Withdrawn => Ok(false),
    }
}
