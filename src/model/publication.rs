//! What the coordinator approved for the public pages (`spm publish`): nothing reaches them
//! without an approval, kept with its day and the login that gave it (as the change log
//! names it).

use chrono::NaiveDate;
use serde::Serialize;

/// A recommendation approved for the public pages, in the words to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecPublication {
    pub recommendation_id: i64,
    /// What students said, as published (the finding, unless reworded).
    pub said: String,
    /// What was done, as published (the response, unless reworded); none yet.
    pub did: Option<String>,
    pub published_on: NaiveDate,
    /// The login that approved it.
    pub published_by: String,
}

/// A panel insight approved for the public pages (its text is published as it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InsightPublication {
    pub insight_id: i64,
    pub published_on: NaiveDate,
    pub published_by: String,
}

/// A project's title and summary approved for the public pages (the Change Makers gallery).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectPublication {
    pub project_id: i64,
    pub title: String,
    pub summary: String,
    pub published_on: NaiveDate,
    pub published_by: String,
}
