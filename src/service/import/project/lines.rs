//! Finding a project on two rows of a file: the line of each row that matched or added a
//! project, kept in 4 bytes a row, and the database's index on codes for the rest.

use super::*;

impl Projects {
    /// The id the first project added by this import gets: one more than the highest id
    /// AUTOINCREMENT has given, which no project of the file can have had before.
    pub(super) fn base(&mut self, tx: &Connection) -> Result<i64> {
        if let Some(base) = self.base {
            return Ok(base);
        }
        let given: Option<i64> = tx
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'projects'",
                [],
                |r| r.get(0),
            )
            .optional()
            .context("cannot read the projects' numbering")?;
        let base = given.unwrap_or(0) + 1;
        self.base = Some(base);
        Ok(base)
    }

    /// The line of an earlier row of the file for the project `code`, registered as
    /// `existing`: a new project still waiting to be written, one this import added, or
    /// one registered before that an earlier row matched.
    pub(super) fn line_of(&self, code: &str, existing: Option<i64>, base: i64) -> Option<u32> {
        let written = self.added_lines.len().saturating_sub(self.pending.len());
        if let Some(i) = self
            .pending
            .iter()
            .position(|p| p.project.code.eq_ignore_ascii_case(code))
        {
            return self.added_lines.get(written + i).copied();
        }
        let id = existing?;
        if id >= base {
            let i = usize::try_from(id - base).ok()?;
            return self.added_lines.get(i).copied();
        }
        self.matched.get(&id).copied()
    }
}

/// A line number kept in 4 bytes (a file of over four billion lines shows the last one).
pub(super) fn line32(line: u64) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}
