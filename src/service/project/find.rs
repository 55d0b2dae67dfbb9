//! Finding projects by their staff lead, and by a title like another's.

use rusqlite::Connection;

use super::{SELECT, from_row};
use crate::db::rows;
use crate::error::{Context, Result};
use crate::model::{AcademicYear, Project};
use crate::service::suggest;

/// The projects person `id` leads, newest academic year first, then by code.
///
/// Errors: `Database` when the query fails.
pub fn led_by(conn: &Connection, id: i64) -> Result<Vec<Project>> {
    rows(
        conn,
        "cannot list the projects they lead",
        &format!("{SELECT} WHERE p.lead_id = ?1 ORDER BY p.academic_year DESC, p.code"),
        [id],
        from_row,
    )
}

/// The code and title of a project of academic year `year` whose title is `title` but for
/// case, spaces and punctuation, if there is one (the first registered). Reads the titles of
/// that year through its index (`projects_year`).
///
/// Errors: `Database` when the query fails.
pub fn similar_title(
    conn: &Connection,
    title: &str,
    year: AcademicYear,
) -> Result<Option<(String, String)>> {
    let wanted = suggest::folded(title);
    // A title of only spaces and punctuation ("'", "...") folds to nothing: nothing to
    // compare, so no other title is like it.
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn
        .prepare_cached("SELECT code, title FROM projects WHERE academic_year = ?1 ORDER BY id")
        .context("cannot check titles")?;
    let mut rows = stmt.query([year]).context("cannot check titles")?;
    while let Some(row) = rows.next().context("cannot check titles")? {
        // Read in place: a year holds thousands of titles on a large database.
        let other = row
            .get_ref(1)
            .and_then(|v| v.as_str().map_err(Into::into))
            .context("cannot check titles")?;
        if suggest::folds_to(other, &wanted) {
            let other = other.to_string();
            return Ok(Some((row.get(0).context("cannot check titles")?, other)));
        }
    }
    Ok(None)
}
