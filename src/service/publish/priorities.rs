//! The year's priority projects with their objectives.

use rusqlite::Connection;

use crate::error::Result;
use crate::model::{AcademicYear, Priority};
use crate::service::priority;

/// The priority projects of `year` with their objectives, in the order of their codes.
///
/// Priorities are not personal, and need no vetting: the Partnership Agreement names them
/// and their objectives for the year, a public statement of the institution's and the
/// students' union's own, about projects rather than people. So every priority of the year
/// is shown, with no approval asked.
///
/// Errors: `Database` when the records cannot be read.
pub fn priorities(conn: &Connection, year: AcademicYear) -> Result<Vec<Priority>> {
    priority::list(conn, Some(year))
}
