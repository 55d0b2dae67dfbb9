//! Writing many rows at once: multi-row INSERTs, shared by every bulk writer
//! (`project::write` for the import, `person::write` for the person batch and the
//! generator, `changes::record_inserts`).

use rusqlite::Connection;
use rusqlite::types::ToSql;

/// Rows a multi-row INSERT writes at once. SQLite sets a statement up each time it runs it
/// (the AUTOINCREMENT counter, a statement's start and end): run once a row, that set-up
/// weighs as much as the insert; shared by 64 rows, it no longer shows (see
/// benches/README.md). (64 rows of 15 values stay far below SQLite's limit on a statement's
/// variables.)
pub(crate) const CHUNK: usize = 64;

/// Runs `head` (`INSERT INTO t (a, b) VALUES `) on `values`, `width` of them to a row, in as
/// few statements as it can: [`CHUNK`] rows at a time, then 8, then 1. Each size of
/// statement is prepared once and kept in the connection's cache.
///
/// Errors: SQLite's, as they come; `InvalidParameterCount` when `values` is not a whole
/// number of rows.
pub(crate) fn insert_many(
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
