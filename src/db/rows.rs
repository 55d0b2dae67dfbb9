//! The one row-mapping helper: a query's rows, each mapped, collected, with the reader's
//! purpose on any error.

use rusqlite::{Connection, Params, Row};

use crate::error::{Context, Result};

/// Runs `sql` with `params` through the connection's statement cache and maps each row
/// with `map`, collected into a `Vec` (or any collection); `what` says what was being
/// done, as `cannot list projects`, and is the context of any error (preparing, running,
/// or mapping a row).
///
/// Errors: `Database` (or the other kinds `from_sqlite` gives), with `what` as its context.
pub(crate) fn rows<T, C, P, F>(
    conn: &Connection,
    what: &str,
    sql: &str,
    params: P,
    map: F,
) -> Result<C>
where
    C: FromIterator<T>,
    P: Params,
    F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
{
    conn.prepare_cached(sql)
        .and_then(|mut stmt| stmt.query_map(params, map)?.collect())
        .context(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_row_in_order_and_says_what_failed() -> anyhow::Result<()> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (3), (1), (2);")?;
        let got: Vec<i64> = rows(
            &conn,
            "cannot read t",
            "SELECT n FROM t WHERE n > ?1 ORDER BY n",
            [1],
            |r| r.get(0),
        )?;
        assert_eq!(got, vec![2, 3]);
        let set: std::collections::BTreeSet<i64> =
            rows(&conn, "cannot read t", "SELECT n FROM t", [], |r| r.get(0))?;
        assert_eq!(set.len(), 3);
        let err =
            rows::<i64, Vec<_>, _, _>(&conn, "cannot read u", "SELECT n FROM u", [], |r| r.get(0))
                .unwrap_err();
        assert!(err.to_string().starts_with("cannot read u"), "{err}");
        let err =
            rows::<String, Vec<_>, _, _>(&conn, "cannot read t", "SELECT n FROM t", [], |r| {
                r.get(0)
            })
            .unwrap_err();
        assert!(err.to_string().contains("cannot read t"), "{err}");
        Ok(())
    }
}
