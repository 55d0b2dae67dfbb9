//! Who is making the changes on a connection: a name the edge (the cli, a program using the
//! library) gives the connection once, and the change log reads when it writes an entry,
//! through a transaction too. Kept with the connection, in SQLite's per-connection client
//! data, so that no service function needs a parameter for it and no layer below the edge
//! reads the environment.

use std::ffi::CStr;

use super::Connection;
use crate::error::{Context, Result};

/// The client-data name the actor is kept under; nothing else uses it.
const NAME: &CStr = c"spm.actor";

/// Who changes are logged by on a connection that was given no actor.
pub const UNKNOWN_ACTOR: &str = "unknown";

/// Logs the changes made on `conn` (and its transactions) as made by `actor`, from now on.
///
/// Errors: `Database` when SQLite cannot keep it (out of memory).
pub fn set_actor(conn: &Connection, actor: &str) -> Result<()> {
    // SAFETY: NAME is ours alone and always holds a `String` (set here, read in `actor`),
    // and none of rusqlite's own callbacks is touched. SQLite frees the previous value, and
    // no reference to it can be held: `actor` copies the name out.
    unsafe { conn.set_clientdata::<String, _>(NAME, Some(actor.to_string())) }
        .context("cannot note who is making the changes")?;
    Ok(())
}

/// Who changes made on `conn` are logged by: what [`set_actor`] gave it, else
/// [`UNKNOWN_ACTOR`].
pub fn actor(conn: &Connection) -> String {
    // SAFETY: as in `set_actor`: NAME holds a `String` or nothing, and the reference is
    // copied before anything could replace it.
    let found = unsafe { conn.get_clientdata::<String, _>(NAME) };
    match found {
        Ok(Some(name)) => name.clone(),
        _ => UNKNOWN_ACTOR.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_keeps_its_actor_through_a_transaction() -> anyhow::Result<()> {
        let mut conn = Connection::open_in_memory()?;
        assert_eq!(actor(&conn), UNKNOWN_ACTOR);
        set_actor(&conn, "coordinator")?;
        let tx = conn.transaction()?;
        assert_eq!(actor(&tx), "coordinator");
        set_actor(&tx, "someone else")?;
        tx.commit()?;
        assert_eq!(actor(&conn), "someone else");
        // Another connection has its own.
        assert_eq!(actor(&Connection::open_in_memory()?), UNKNOWN_ACTOR);
        Ok(())
    }
}
