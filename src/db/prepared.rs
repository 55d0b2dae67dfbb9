//! A statement prepared on first use and kept: what a writer of many rows holds, so that
//! each row costs a bind and a step rather than a look-up in the statement cache.

use rusqlite::{CachedStatement, Connection};

/// The statement `sql` on `conn`, prepared (through the connection's cache) the first time
/// [`Prepared::get`] is called and kept until dropped, when it goes back to the cache.
pub(crate) struct Prepared<'c> {
    conn: &'c Connection,
    sql: &'static str,
    stmt: Option<CachedStatement<'c>>,
}

impl<'c> Prepared<'c> {
    /// `sql` on `conn`, not prepared yet.
    pub(crate) fn new(conn: &'c Connection, sql: &'static str) -> Self {
        Prepared {
            conn,
            sql,
            stmt: None,
        }
    }

    /// The statement, prepared now if it was not yet.
    ///
    /// Errors: SQLite's, when the statement cannot be prepared.
    pub(crate) fn get(&mut self) -> rusqlite::Result<&mut CachedStatement<'c>> {
        match &mut self.stmt {
            Some(stmt) => Ok(stmt),
            slot => Ok(slot.insert(self.conn.prepare_cached(self.sql)?)),
        }
    }
}
