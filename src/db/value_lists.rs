//! Schema step 5: every CHECK that a column holds one of a list of words is rewritten from
//! `col IN ('a', 'b', ...)` to `(col = 'a' OR col = 'b' OR ...)`.
//!
//! The two accept exactly the same values (NULL included: both are NULL, which a CHECK
//! lets through), but SQLite evaluates an `IN` list of more than two values in a CHECK by
//! building a temporary b-tree for every row written, which slowed imports (see
//! benches/README.md). Only the text of the constraints changes, never the stored
//! rows, so the step edits the schema's text in place (`PRAGMA writable_schema`, the
//! procedure SQLite's documentation gives for changing a CHECK constraint) rather than
//! copying every table.

use rusqlite::Connection;

/// Rewrites the CREATE TABLE statements of `conn`'s schema in the current transaction.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let tables: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '% IN (%'",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut changed = Vec::new();
    for (name, sql) in tables {
        let new = as_or_chains(&sql);
        if new != sql {
            changed.push((name, new));
        }
    }
    rewrite_tables(conn, &changed)
}

/// Replaces the CREATE TABLE statements of the tables named in `changed` (name, new SQL) in
/// the current transaction, by the procedure SQLite's documentation gives for changing a
/// CHECK constraint (`PRAGMA writable_schema`): only for changes that leave every stored row
/// valid and its layout as it was. Step 7 (`step7.rs`) uses it too.
pub(super) fn rewrite_tables(
    conn: &Connection,
    changed: &[(String, String)],
) -> rusqlite::Result<()> {
    if changed.is_empty() {
        return Ok(());
    }
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA writable_schema = ON")?;
    let written = (|| {
        let mut stmt =
            conn.prepare("UPDATE sqlite_master SET sql = ?2 WHERE type = 'table' AND name = ?1")?;
        for (name, sql) in changed {
            stmt.execute([name, sql])?;
        }
        // A new schema version makes every connection read the schema again.
        conn.execute_batch(&format!("PRAGMA schema_version = {}", version + 1))
    })();
    let off = conn.execute_batch("PRAGMA writable_schema = OFF");
    written?;
    off
}

/// `sql` with each `name IN ('a', 'b', ...)` (a column name, then only quoted words)
/// written as `(name = 'a' OR name = 'b' ...)`; the white space after each comma is kept.
/// Anything else, `flag IN (0, 1)` among it, is left as it is.
pub fn as_or_chains(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() * 2);
    let mut rest = sql;
    while let Some(at) = find_in(rest) {
        let (before, from) = rest.split_at(at);
        // `before` ends with the column name and the space before IN.
        let head = before.trim_end();
        let name_start = head
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let name = &head[name_start..];
        match (name.is_empty(), list(&from[" IN (".len()..])) {
            (false, Some((words, len))) => {
                out.push_str(&head[..name_start]);
                out.push('(');
                for (i, (gap, word)) in words.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" OR");
                        out.push_str(if gap.is_empty() { " " } else { gap });
                    }
                    out.push_str(name);
                    out.push_str(" = ");
                    out.push_str(word);
                }
                out.push(')');
                rest = &from[" IN (".len() + len..];
            }
            _ => {
                out.push_str(before);
                out.push_str(" IN (");
                rest = &from[" IN (".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn find_in(s: &str) -> Option<usize> {
    s.find(" IN (")
}

/// The quoted words of a list that starts just after `IN (`, each with the white space
/// before it, and the length of the list up to and including its `)`; `None` when the list
/// holds anything but quoted words.
fn list(s: &str) -> Option<(Vec<(&str, &str)>, usize)> {
    let mut words = Vec::new();
    let mut at = 0;
    loop {
        let gap_end = at + s[at..].len() - s[at..].trim_start().len();
        let gap = &s[at..gap_end];
        let tail = &s[gap_end..];
        if !tail.starts_with('\'') {
            return None;
        }
        let close = tail[1..].find('\'')? + 2;
        words.push((gap, &tail[..close]));
        at = gap_end + close;
        let after = &s[at..];
        let trimmed = after.trim_start();
        at += after.len() - trimmed.len();
        match trimmed.chars().next() {
            Some(',') => at += 1,
            Some(')') => return Some((words, at + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_words_becomes_comparisons() {
        assert_eq!(
            as_or_chains("kind TEXT CHECK (kind IN ('a', 'b',\n    'c'))"),
            "kind TEXT CHECK ((kind = 'a' OR kind = 'b' OR\n    kind = 'c'))"
        );
    }

    #[test]
    fn other_lists_are_left_alone() {
        for sql in [
            "flag INTEGER CHECK (flag IN (0, 1))",
            "x CHECK (x IN (SELECT y FROM t))",
            "x CHECK (x IN ('a', b))",
        ] {
            assert_eq!(as_or_chains(sql), sql);
        }
    }

    #[test]
    fn the_rewritten_checks_accept_what_the_lists_accepted() -> rusqlite::Result<()> {
        let conn = Connection::open_in_memory()?;
        let list = "CHECK (kind IN ('a', 'b', 'c'))";
        conn.execute_batch(&format!(
            "CREATE TABLE old (kind TEXT {list}); CREATE TABLE new (kind TEXT {});",
            as_or_chains(list)
        ))?;
        for value in [Some("a"), Some("c"), Some("A"), Some("d"), Some(""), None] {
            let old = conn.execute("INSERT INTO old VALUES (?1)", [value]).is_ok();
            let new = conn.execute("INSERT INTO new VALUES (?1)", [value]).is_ok();
            assert_eq!(old, new, "{value:?}");
        }
        Ok(())
    }

    // That each list is its Rust enumeration, both ways, is tested in `db::drift`.

    #[test]
    fn the_schema_has_no_lists_of_words_left() {
        assert_eq!(as_or_chains(super::super::SCHEMA), super::super::SCHEMA);
    }
}

#[cfg(test)]
mod step {
    use super::super::MIGRATIONS;
    use rusqlite::Connection;

    #[test]
    fn a_version_4_database_keeps_its_rows_and_its_checks() -> anyhow::Result<()> {
        let conn = Connection::open_in_memory()?;
        for (i, step) in MIGRATIONS[..4].iter().enumerate() {
            step.run(&conn, i + 1)?;
        }
        conn.execute_batch(
            "INSERT INTO projects (code, title, form, level_planned, academic_year)
             VALUES ('p1', 'One', 'educational-research', 'partnership', '2025/26');",
        )?;
        conn.execute_batch("BEGIN")?;
        MIGRATIONS[4].run(&conn, 5)?;
        conn.execute_batch("COMMIT")?;
        let lists: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE sql LIKE '% IN (''%'",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(lists, 0);
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok");
        let title: String = conn.query_row("SELECT title FROM projects", [], |r| r.get(0))?;
        assert_eq!(title, "One");
        let bad = conn.execute(
            "INSERT INTO projects (code, title, form, level_planned, academic_year)
             VALUES ('p2', 'Two', 'lecture', 'partnership', '2025/26')",
            [],
        );
        assert!(bad.is_err());
        Ok(())
    }
}
