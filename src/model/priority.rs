//! The Partnership Agreement's priority projects: a project named a priority for one year.

use serde::Serialize;

use super::enums::Status;
use super::year::AcademicYear;

/// A project named a priority for one academic year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priority {
    pub id: i64,
    pub year: AcademicYear,
    /// The project's code.
    pub project: String,
    pub title: String,
    /// The project's status now (a priority of a closed project is worth a second look).
    pub status: Status,
    /// In order.
    pub objectives: Vec<String>,
    /// The priority this one was carried forward from, and its year.
    pub carried_from_id: Option<i64>,
    pub carried_from: Option<AcademicYear>,
    pub created_at: String,
    pub updated_at: String,
}
