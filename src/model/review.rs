//! Reviews: what a coordinator types for a score or an outcome, and what a review holds.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::enums::{Decision, Outcome, Rating, ReviewKind, ScoredBy, Status};
use crate::error::{Error, Result};

/// A score as typed: `CP1=4`, or `CP2=3:minutes of the co-design workshop` with evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreInput {
    pub principle: String,
    pub score: u8,
    pub by: ScoredBy,
    pub evidence: Option<String>,
}

/// Splits `KEY=VALUE[:EVIDENCE]`; `what` and `example` name the flag for messages.
fn split_spec<'a>(
    s: &'a str,
    what: &str,
    example: &str,
) -> Result<(&'a str, &'a str, Option<&'a str>)> {
    let bad = || Error::Invalid(format!("{what} {s:?} is not written like {example}"));
    let (key, rest) = s.split_once('=').ok_or_else(bad)?;
    let (value, evidence) = match rest.split_once(':') {
        Some((v, e)) => (v, Some(e.trim()).filter(|e| !e.is_empty())),
        None => (rest, None),
    };
    let (key, value) = (key.trim(), value.trim());
    if key.is_empty() || value.is_empty() {
        return Err(bad());
    }
    Ok((key, value, evidence))
}

impl FromStr for ScoreInput {
    type Err = Error;

    /// Reads `CODE=SCORE[:EVIDENCE]`, scored by staff (the caller sets `by`).
    fn from_str(s: &str) -> Result<Self> {
        let (code, score, evidence) = split_spec(s, "score", "CP1=4 or CP2=3:\"evidence\"")?;
        let score = match score.parse::<u8>() {
            Ok(n @ 1..=5) => n,
            _ => {
                return Err(Error::Invalid(format!(
                    "score {score:?} for {code} is not a whole number from 1 to 5"
                )));
            }
        };
        Ok(ScoreInput {
            principle: code.to_string(),
            score,
            by: ScoredBy::Staff,
            evidence: evidence.map(str::to_string),
        })
    }
}

/// An outcome as typed: `belonging=clear`, or `belonging=emerging:focus group quotes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeInput {
    pub outcome: Outcome,
    pub rating: Rating,
    pub evidence: Option<String>,
}

impl FromStr for OutcomeInput {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let (outcome, rating, evidence) = split_spec(
            s,
            "outcome",
            "belonging=clear or confidence=emerging:\"evidence\"",
        )?;
        Ok(OutcomeInput {
            outcome: outcome.parse()?,
            rating: rating.parse()?,
            evidence: evidence.map(str::to_string),
        })
    }
}

/// One score of a review, with the words of the principle it was given against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub principle: String,
    pub wording: String,
    pub by: ScoredBy,
    pub score: u8,
    pub evidence: Option<String>,
    /// Where the principle sits in its framework, for ordering.
    #[serde(skip)]
    pub position: (i64, i64),
}

/// One outcome a review rated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeSeen {
    pub outcome: Outcome,
    pub rating: Rating,
    pub evidence: Option<String>,
}

/// A review of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub id: i64,
    pub project: String,
    pub project_title: String,
    pub framework: String,
    pub on: NaiveDate,
    pub kind: ReviewKind,
    pub decision: Decision,
    pub reviewers: Vec<String>,
    pub went_well: Option<String>,
    pub to_change: Option<String>,
    pub lessons: Option<String>,
    pub scores: Vec<Score>,
    pub outcomes: Vec<OutcomeSeen>,
    pub created_at: String,
    pub updated_at: String,
}

/// A project's next review: when it falls due and how late it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub project_id: i64,
    pub project: String,
    pub title: String,
    pub lead: Option<String>,
    /// The staff lead's person id and email, when there is a lead.
    pub lead_id: Option<i64>,
    pub lead_email: Option<String>,
    pub status: Status,
    pub last_review: Option<NaiveDate>,
    pub due: NaiveDate,
    /// Days since the due date: positive when overdue, 0 on the day, negative before it.
    pub days_overdue: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scores_with_and_without_evidence() -> Result<()> {
        let s: ScoreInput = "CP1=4".parse()?;
        assert_eq!(
            (s.principle.as_str(), s.score, s.evidence),
            ("CP1", 4, None)
        );
        let s: ScoreInput = "cp2 = 3 : minutes: of the workshop".parse()?;
        assert_eq!(s.principle, "cp2");
        assert_eq!(s.evidence.as_deref(), Some("minutes: of the workshop"));
        for bad in [
            "CP1", "CP1=", "=4", "CP1=0", "CP1=6", "CP1=4.5", "CP1=-1", "CP1=four",
        ] {
            assert!(bad.parse::<ScoreInput>().is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn reads_outcomes() -> Result<()> {
        let o: OutcomeInput = "belonging=clear".parse()?;
        assert_eq!((o.outcome, o.rating), (Outcome::Belonging, Rating::Clear));
        let o: OutcomeInput = "Staff-Trust=not_seen:no sign yet".parse()?;
        assert_eq!(o.rating, Rating::NotSeen);
        assert_eq!(o.evidence.as_deref(), Some("no sign yet"));
        assert!("belonging".parse::<OutcomeInput>().is_err());
        assert!("belongin=clear".parse::<OutcomeInput>().is_err());
        assert!("belonging=obvious".parse::<OutcomeInput>().is_err());
        Ok(())
    }
}
