//! The rules every case is held to: a clean error (one sentence, or a sentence and an indented
//! list of problems; no control characters, no debug output, not an internal error), a
//! database left exactly as it was after a failure, and a sound database after a success.

use std::hash::{Hash, Hasher};

use rusqlite::Connection;
use rusqlite::types::ValueRef;

/// A hash of everything the database holds: its schema and every row of every table (as a
/// set, so tables without a rowid need no order).
pub fn fingerprint(conn: &Connection) -> u64 {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the table names");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut each = |sql: &str| {
        let mut stmt = conn.prepare(sql).expect("a select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("the rows");
        let mut hashes = Vec::new();
        while let Some(row) = rows.next().expect("a row") {
            let mut r = std::collections::hash_map::DefaultHasher::new();
            for i in 0..n {
                match row.get_ref(i).expect("a value") {
                    ValueRef::Null => 0u8.hash(&mut r),
                    ValueRef::Integer(v) => (1u8, v).hash(&mut r),
                    ValueRef::Real(v) => (2u8, v.to_bits()).hash(&mut r),
                    ValueRef::Text(t) => (3u8, t).hash(&mut r),
                    ValueRef::Blob(b) => (4u8, b).hash(&mut r),
                }
            }
            hashes.push(r.finish());
        }
        hashes.sort_unstable();
        (sql, hashes).hash(&mut h);
    };
    each("SELECT type, name, tbl_name, sql FROM sqlite_master");
    for t in tables {
        each(&format!("SELECT * FROM \"{}\"", t.replace('"', "\"\"")));
    }
    h.finish()
}

/// `PRAGMA integrity_check` says ok and `foreign_key_check` finds nothing.
pub fn sound(conn: &Connection) -> Result<(), String> {
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| format!("integrity_check failed to run: {e}"))?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check after a success: {integrity:?}"));
    }
    let broken: Vec<(String, i64)> = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(|e| format!("foreign_key_check failed to run: {e}"))?;
    if !broken.is_empty() {
        return Err(format!(
            "foreign_key_check after a success: {} broken, first {:?}",
            broken.len(),
            broken[0]
        ));
    }
    Ok(())
}

/// A connection left inside a transaction would hold the write lock until the program ends.
pub fn no_open_transaction(conn: &Connection) -> Result<(), String> {
    if conn.is_autocommit() {
        Ok(())
    } else {
        Err("the connection was left inside a transaction".to_string())
    }
}

/// The longest line an error message may have: room for a sentence naming a file, a place,
/// a value and the fix, not for a whole field of the file.
const MAX_LINE: usize = 1_000;

/// An error a user can read: not an internal error (exit 70), a first line that says what
/// is wrong, then at most an indented list; no control characters, no debug output.
pub fn clean_error(e: &spm::Error) -> Result<(), String> {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("");
    let problem = if e.exit_code() == 70 {
        Some("an internal error (exit 70) for a bad file")
    } else if first.trim().is_empty() {
        Some("an error with an empty first line")
    } else if text.lines().skip(1).any(|l| !l.starts_with("  ")) {
        Some("an error whose lines after the first are not an indented list")
    } else if text.lines().any(|l| l.chars().count() > MAX_LINE) {
        Some("an error message with a line longer than 1,000 characters")
    } else if text.chars().any(|c| c.is_control() && c != '\n') {
        Some("an error message holding control characters")
    } else if ["SqliteFailure", "Error {", "Some(", "Utf8Error"]
        .iter()
        .any(|d| text.contains(d))
    {
        Some("an error message showing debug output")
    } else {
        None
    };
    match problem {
        Some(p) => Err(format!("{p}: {text:?}")),
        None => Ok(()),
    }
}

/// A message with its particulars (quoted text, numbers, column letters) taken out, so that
/// two messages about the same thing compare equal.
pub fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    let mut last = ' ';
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                // Skip to the closing quote, honouring backslash escapes.
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"…\"");
            }
            '0'..='9' => {
                while chars
                    .peek()
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.')
                {
                    chars.next();
                }
                if last != '#' {
                    out.push('#');
                }
                last = '#';
                continue;
            }
            c => out.push(c),
        }
        last = c;
    }
    out.chars().take(160).collect()
}

/// The outcome of an import or restore that failed cleanly, shaped for novelty: every line.
pub fn error_outcome(e: &spm::Error) -> String {
    let mut lines: Vec<String> = e.to_string().lines().map(shape).collect();
    lines.sort();
    lines.dedup();
    format!("error: {}", lines.join(" | "))
}
