//! Writing checked projects: multi-row INSERTs, the change-log text, and the dates of a
//! new project.

use super::*;

/// Runs `head` (`INSERT INTO t (a, b) VALUES `) on `values`, `width` of them to a row, in as
/// few statements as it can: [`CHUNK`] rows at a time, then 8, then 1. Each size of
/// statement is prepared once and kept in the connection's cache.
pub(super) fn insert_many(
    tx: &Connection,
    head: &str,
    width: usize,
    values: &[&dyn ToSql],
) -> rusqlite::Result<()> {
    let mut rest = values;
    while !rest.is_empty() {
        let rows = rest.len() / width;
        let n = [CHUNK, 8, 1].into_iter().find(|&n| n <= rows).unwrap_or(1);
        let Some((now, later)) = rest.split_at_checked(n * width) else {
            return Err(rusqlite::Error::InvalidParameterCount(
                rest.len(),
                n * width,
            ));
        };
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![row.as_str(); n].join(", "));
        let mut stmt = tx.prepare_cached(&sql)?;
        for (i, value) in now.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        stmt.raw_execute()?;
        rest = later;
    }
    Ok(())
}

/// The change-log entry of a project an import added: the file and line it came from, as
/// [`changes::origin`] reads it back. Not a snapshot of the project, as `spm project add`
/// logs: the row holds those values, every later change is logged with its old value, and a
/// snapshot per row doubled the size of a database filled by imports (and the time to write
/// it), copying the names of leads into a log that erasure then has to search.
pub(super) fn origin(file: &str, line: u32) -> String {
    changes::origin_fields(file, u64::from(line)).to_string()
}

/// The dates a project registered in `status` gets (`dates_for` with no previous status).
pub(super) fn dates_for_new(
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    on: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = match (status, start) {
        (Status::Active, None) => Some(on),
        _ => start,
    };
    let never_ran = status == Status::Withdrawn && start.is_some_and(|s| on < s);
    let end = match status {
        Status::Completed | Status::Withdrawn if end.is_none() && !never_ran => Some(on),
        _ => end,
    };
    (start, end)
}
