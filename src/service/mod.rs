//! The service layer: validation, rules, transactions and SQL, one file per noun. It returns
//! domain types and never prints; `cli` calls it and `output` renders what it returns.

pub mod archive;
pub mod changes;
pub mod database;
pub mod demo;
pub mod fund;
pub mod generate;
pub mod import;
pub mod mail;
pub mod panel;
pub mod partner;
pub mod person;
pub mod principle;
pub mod priority;
pub mod project;
pub mod publish;
pub mod rec;
pub mod remind;
pub mod report;
pub mod review;
pub mod settings;
pub(crate) mod suggest;

use crate::error::{Error, Result};

/// The longest title, summary or other free text.
const MAX_TEXT: usize = 2000;

/// The longest reflection or piece of evidence (a page or two, written in an editor).
const MAX_LONG_TEXT: usize = 20_000;

/// Trims free text and refuses control characters; blank text becomes `None`.
pub fn clean_text(what: &str, value: Option<&str>) -> Result<Option<String>> {
    clean_text_up_to(what, value, MAX_TEXT)
}

/// As [`clean_text`], for long text: reflections and evidence.
pub fn clean_long_text(what: &str, value: Option<&str>) -> Result<Option<String>> {
    clean_text_up_to(what, value, MAX_LONG_TEXT)
}

fn clean_text_up_to(what: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(Error::Invalid(format!(
            "the {what} is longer than {max} characters; shorten it"
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

/// The longest text a search or a name filter takes: far more than anyone types, and far
/// below SQLite's limit on LIKE patterns (50,000 bytes).
pub(crate) const MAX_SEARCH: usize = 200;

/// The LIKE pattern (with `ESCAPE '\'`) that finds `text` anywhere, `%`, `_` and `\` escaped.
///
/// Errors: `Invalid` when `text` is longer than [`MAX_SEARCH`] characters; `flag` names the
/// option it came from.
pub(crate) fn like_pattern(flag: &str, text: &str) -> Result<String> {
    let length = text.trim().chars().count();
    if length > MAX_SEARCH {
        return Err(Error::Invalid(format!(
            "{flag} is {length} characters long; search for at most {MAX_SEARCH}"
        )));
    }
    let mut out = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    Ok(out)
}
