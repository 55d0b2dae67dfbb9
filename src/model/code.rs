//! Codes a person types: project codes (`mental-health-2025`), framework keys and principle
//! codes. Short, case-insensitive, and safe to use on a command line unquoted.

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// The longest project code or framework key.
pub const MAX_CODE: usize = 40;

/// Words left out of a generated code.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with",
];

/// Checks a project code or framework key: lower-case letters, digits and `-`, starting with a
/// letter or digit. Returns it lower-cased.
pub fn parse_code(what: &str, s: &str) -> Result<String> {
    let code = s.trim().to_ascii_lowercase();
    let ok = !code.is_empty()
        && code.len() <= MAX_CODE
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !code.starts_with('-');
    if ok {
        Ok(code)
    } else {
        let example = if what.contains("project") {
            "mental-health-2025"
        } else {
            "our-values"
        };
        Err(Error::Invalid(format!(
            "{what} {} is not valid: use 1 to {MAX_CODE} letters, digits and hyphens, e.g. {example}",
            quoted(s)
        )))
    }
}

/// Checks a principle code: letters, digits, `.` and `-`, e.g. `CP1` or `SPA1.2`.
pub fn parse_principle_code(s: &str) -> Result<String> {
    let code = s.trim();
    let ok = !code.is_empty()
        && code.len() <= 20
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && code.as_bytes()[0].is_ascii_alphanumeric();
    if ok {
        Ok(code.to_string())
    } else {
        Err(Error::Invalid(format!(
            "principle code {} is not valid: use 1 to 20 letters, digits, dots and hyphens, e.g. CP11",
            quoted(s)
        )))
    }
}

/// The stem of a generated project code: the first two significant words of the title,
/// transliterated to ASCII, e.g. "Mental health peer support" gives `mental-health`.
pub fn slug(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_ascii_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .take(2)
        .collect();
    let mut stem = words.join("-");
    stem.truncate(MAX_CODE - 8);
    let stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        "project".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_take_two_significant_words() {
        assert_eq!(slug("Mental health peer support"), "mental-health");
        assert_eq!(slug("The Co-creation of Reading Lists"), "co-creation");
        assert_eq!(slug("Égalité des chances"), "egalite-des");
        assert_eq!(slug("!!! ???"), "project");
        assert_eq!(slug("   "), "project");
    }

    #[test]
    fn codes_are_lower_case_and_plain() -> Result<()> {
        assert_eq!(parse_code("project code", "MH-2025")?, "mh-2025");
        for bad in ["", "-x", "a b", "a_b", "ü", &"x".repeat(41)] {
            assert!(parse_code("project code", bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_principle_code("SPA1.2")?, "SPA1.2");
        assert!(parse_principle_code(".x").is_err());
        assert!(parse_principle_code("a b").is_err());
        Ok(())
    }
}
