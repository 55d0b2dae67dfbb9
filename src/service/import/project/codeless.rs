//! Rows without a code, matched by title and academic year to a project registered before
//! the import, so that importing a sheet without codes twice does not add its projects twice.

use std::collections::VecDeque;
use std::collections::hash_map::Entry;

use super::*;

/// Projects registered before the import, by academic year and then by title (ASCII case
/// folded, as SQLite's NOCASE), oldest first. A year is read the first time a row without a
/// code names it, so the memory it takes is that of the database's years, not of the file.
pub(super) type ByTitle = HashMap<AcademicYear, HashMap<String, VecDeque<i64>>>;

impl Projects {
    /// The project registered before this import that a row without a code is for: the
    /// oldest one with `title` in `year` (the current year when the row gives none) that no
    /// earlier row matched. Rows repeating a title in a year match its projects in the order
    /// they were registered, as an import of the same file registered them.
    pub(super) fn match_codeless(
        &mut self,
        tx: &Connection,
        title: &str,
        year: Option<AcademicYear>,
        base: i64,
    ) -> Result<Option<i64>> {
        let year = match year {
            Some(y) => y,
            None => self.current_year(tx)?,
        };
        let titles = match self.by_title.entry(year) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => {
                new.insert(titles_in(tx, year, base).context("cannot read the projects' titles")?)
            }
        };
        let Some(ids) = titles.get_mut(&title.to_ascii_lowercase()) else {
            return Ok(None);
        };
        while let Some(id) = ids.pop_front() {
            if !self.matched.contains_key(&id) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }
}

/// The ids of the projects of `year` numbered below `base`, by folded title, oldest first.
fn titles_in(
    tx: &Connection,
    year: AcademicYear,
    base: i64,
) -> rusqlite::Result<HashMap<String, VecDeque<i64>>> {
    let mut titles: HashMap<String, VecDeque<i64>> = HashMap::new();
    let mut stmt = tx.prepare(
        "SELECT id, title FROM projects WHERE academic_year = ?1 AND id < ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query(params![year, base])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let title: String = r.get(1)?;
        titles
            .entry(title.to_ascii_lowercase())
            .or_default()
            .push_back(id);
    }
    Ok(titles)
}
