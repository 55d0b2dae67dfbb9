//! The Student Education Panel's sessions and the insights written up from them.

use chrono::NaiveDate;
use serde::Serialize;

use super::year::AcademicYear;

/// A session of the panel, as saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: i64,
    pub year: AcademicYear,
    /// One of the configured terms (see [`crate::service::settings::terms`]) when it was recorded.
    pub term: String,
    pub on: NaiveDate,
    pub topic: String,
    pub question: Option<String>,
    pub panellists: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the panellists wrote up for leadership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insight {
    pub id: i64,
    pub session_id: i64,
    pub text: String,
    pub created_at: String,
    /// The day it was approved for the public pages; none while it is not published.
    pub published_on: Option<NaiveDate>,
}
