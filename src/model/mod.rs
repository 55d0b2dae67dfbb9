//! Plain domain types: what the service layer returns and takes.

pub mod cadence;
pub mod code;
pub mod date;
pub mod enums;
pub mod formula;
pub mod fund;
pub mod hesa;
pub mod look;
pub mod mail;
pub mod money;
pub mod panel;
pub mod person;
pub mod priority;
pub mod publication;
pub mod rec;
pub mod remind;
pub mod review;
pub mod span;
pub mod text;
pub mod year;

use chrono::NaiveDate;
use serde::Serialize;

pub use cadence::Cadence;
pub use date::{parse_date, today};
pub use enums::{
    Activity, Decision, Form, Level, Outcome, PersonKind, Rating, RecStatus, Recognition,
    RequestKind, ReviewKind, Role, ScoredBy, Status, StudyLevel, Worked,
};
pub use fund::{Application, Spend, Standing};
pub use money::Money;
pub use panel::{Insight, Session};
pub use person::{Contribution, DataRequest, Partner, Person, parse_email};
pub use priority::Priority;
pub use publication::{InsightPublication, ProjectPublication, RecPublication};
pub use rec::{Impact, Recommendation};
pub use review::{Due, OutcomeInput, OutcomeSeen, Review, Score, ScoreInput};
pub use span::Span;
pub use year::AcademicYear;

/// A partnership project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub summary: Option<String>,
    pub form: Form,
    pub activity: Option<Activity>,
    pub level_planned: Level,
    pub level_achieved: Option<Level>,
    pub status: Status,
    pub department: Option<String>,
    pub academic_year: AcademicYear,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub lead: Option<String>,
    /// The staff lead's email, so an export names the lead even when two share a name.
    pub lead_email: Option<String>,
    pub themes: Vec<String>,
    pub budget: Option<Money>,
    pub cadence: Cadence,
    pub created_at: String,
    pub updated_at: String,
    /// The code of the project of an earlier academic year that this one continues.
    pub continues: Option<String>,
}

/// A framework of principles or values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub institution: Option<String>,
    pub document: Option<String>,
    pub year: Option<String>,
    pub builtin: bool,
}

impl Framework {
    /// The framework's source in one line: institution, document, year.
    pub fn source(&self) -> String {
        [&self.institution, &self.document, &self.year]
            .iter()
            .filter_map(|p| p.as_deref())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One principle (or value) of a framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Principle {
    pub id: i64,
    pub framework: String,
    pub code: String,
    pub title: String,
    pub statement: Option<String>,
    pub parent: Option<String>,
    pub position: i64,
    pub retired_on: Option<NaiveDate>,
    pub replaced_by: Option<String>,
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub fields: serde_json::Value,
}
