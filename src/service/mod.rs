//! The service layer: validation, rules, transactions and SQL, one file per noun. It returns
//! domain types and never prints; `cli` calls it and `output` renders what it returns.

pub mod changes;
pub mod database;
pub mod demo;
pub mod principle;
pub mod project;
pub mod review;
pub mod settings;

use std::path::Path;

use rusqlite::Connection;

use crate::db;
use crate::error::{Error, Result};

/// The longest title, summary or other free text.
const MAX_TEXT: usize = 2000;

/// Trims free text and refuses control characters; blank text becomes `None`.
pub fn clean_text(what: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "the {what} is longer than {MAX_TEXT} characters"
        )));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::Invalid(format!(
            "the {what} contains control characters; remove them and try again"
        )));
    }
    Ok(Some(text.to_string()))
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Opens (creating and migrating on first use) the database at `path`; a new database gets
/// the built-in frameworks in the transaction that creates it.
pub fn open(path: &Path) -> Result<db::Opened> {
    db::open(path, |tx| principle::install_builtin(tx))
}

/// A new in-memory database set up exactly as a file would be: for tests and examples.
pub fn open_in_memory() -> Result<Connection> {
    Ok(db::open_in_memory(|tx| principle::install_builtin(tx))?.conn)
}
