//! Recommendations to leadership ("you said, we did"), as saved.

use chrono::NaiveDate;
use serde::Serialize;

use super::enums::{RecStatus, Worked};

/// A recommendation as saved, with the dates its status history gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub id: i64,
    /// The code of the project it came from.
    pub project: Option<String>,
    /// The id of the panel session it came from.
    pub session: Option<i64>,
    pub finding: String,
    pub recommendation: String,
    pub addressed_to: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub theme: Option<String>,
    pub status: RecStatus,
    /// What was done: "we did" (the reason, when not adopted).
    pub response: Option<String>,
    pub raised_on: NaiveDate,
    pub communicated_on: Option<NaiveDate>,
    pub channel: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The day of the first status other than proposed.
    pub decided_on: Option<NaiveDate>,
    /// The first day of its current closed spell: when it first reached a closed status after
    /// it was last open (none while it is open). Partly implemented, then implemented, closed
    /// on the first.
    pub closed_on: Option<NaiveDate>,
    /// The day it was approved for the public pages (see `service::rec::publish`); none
    /// while it is not published.
    pub published_on: Option<NaiveDate>,
}

impl Recommendation {
    /// Where it came from, as a person reads it: a project code, `panel #3` or `elsewhere`.
    pub fn source(&self) -> String {
        match (&self.project, self.session) {
            (Some(code), _) => code.clone(),
            (None, Some(id)) => format!("panel #{id}"),
            (None, None) => "elsewhere".to_string(),
        }
    }

    /// Days from being raised to the first decision.
    pub fn days_to_decision(&self) -> Option<i64> {
        self.decided_on.map(|d| (d - self.raised_on).num_days())
    }

    /// Days from being raised to being closed.
    pub fn days_to_close(&self) -> Option<i64> {
        self.closed_on.map(|d| (d - self.raised_on).num_days())
    }

    /// Whether its due date has passed (before `today`) while it is still open.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|d| d < today) && !self.status.is_closed()
    }
}

/// Whether an implemented recommendation changed what it meant to change (the next survey's
/// result, say), as checked on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub recommendation_id: i64,
    /// The day it was checked.
    pub on: NaiveDate,
    pub worked: Worked,
    /// What shows it: a survey result, a count, a quote.
    pub evidence: Option<String>,
}
