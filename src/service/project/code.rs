//! Codes for projects registered without one: `mental-health-2025`, then `-2`, `-3`, ...
//! The next number is found by one indexed range scan of the codes that share the stem, and
//! counted on from there within a batch, so an import of thousands of projects whose titles
//! begin with the same words stays linear, with no limit on the number.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::error::{Context, Error, Result};
use crate::model::AcademicYear;
use crate::model::code::{MAX_CODE, slug};

/// The codes made in one transaction: the next number to try for each stem and year. Keep one for a batch of inserts; a single insert uses a new one.
#[derive(Debug, Default)]
pub(crate) struct Codes {
    next: HashMap<String, u64>,
}

impl Codes {
    /// A free code from `title` and `year`.
    ///
    /// Errors: `Database` when the codes cannot be read; `Conflict` in the case no code can
    /// be made at all (every number up to `u64::MAX` taken).
    pub(crate) fn generate(
        &mut self,
        conn: &Connection,
        title: &str,
        year: AcademicYear,
    ) -> Result<String> {
        let stem = slug(title);
        let year = year.start_year();
        let plain = compose(&stem, &format!("-{year}"));
        if !super::code_taken(conn, &plain, None)? {
            return Ok(plain);
        }
        let key = format!("{stem} {year}");
        let mut n = match self.next.get(&key) {
            Some(n) => *n,
            None => highest_number(conn, &stem, year)?.map_or(2, |h| h.saturating_add(1).max(2)),
        };
        loop {
            let code = compose(&stem, &format!("-{year}-{n}"));
            // A code typed by hand can sit on a number counted on to: step past it.
            if !super::code_taken(conn, &code, None)? {
                self.next.insert(key, n.saturating_add(1));
                return Ok(code);
            }
            n = n.checked_add(1).ok_or_else(|| {
                Error::Conflict(format!(
                    "cannot find a free code for {title:?}; give one with --code"
                ))
            })?;
        }
    }
}

/// `stem` shortened (never the tail) so that `stem` and `tail` fit in a code.
fn compose(stem: &str, tail: &str) -> String {
    let room = MAX_CODE.saturating_sub(tail.len());
    let head = stem[..stem.len().min(room)].trim_end_matches('-');
    format!("{head}{tail}")
}

/// What the codes numbered `n` begin with: `mental-health-2025-`. A long stem is shortened
/// more as the number grows, so numbers of different lengths may have different prefixes.
fn numbered_prefix(stem: &str, year: i32, n: u64) -> String {
    let code = compose(stem, &format!("-{year}-{n}"));
    let digits = n.to_string().len();
    code[..code.len() - digits].to_string()
}

/// The highest number among the codes `stem-year-N`, whatever the number's length: one range
/// scan of the code index for each distinct prefix (one, unless the stem is long).
fn highest_number(conn: &Connection, stem: &str, year: i32) -> Result<Option<u64>> {
    let mut prefixes: Vec<String> = (1..=20u32)
        .map(|digits| numbered_prefix(stem, year, 10u64.saturating_pow(digits - 1)))
        .collect();
    prefixes.dedup();
    let mut stmt = conn
        .prepare_cached(
            // Codes are lower-case letters, digits and '-', so every code that begins with
            // the prefix (which ends in '-') sorts before the prefix with '-' made '.'.
            "SELECT substr(code, ?3) FROM projects WHERE code > ?1 AND code < ?2",
        )
        .context("cannot read project codes")?;
    let mut highest = None;
    for prefix in prefixes {
        let upper = format!("{}.", &prefix[..prefix.len() - 1]);
        let mut rows = stmt
            .query(params![prefix, upper, prefix.len() as i64 + 1])
            .context("cannot read project codes")?;
        while let Some(row) = rows.next().context("cannot read project codes")? {
            let tail: String = row.get(0).context("cannot read project codes")?;
            if tail.bytes().all(|b| b.is_ascii_digit())
                && let Ok(n) = tail.parse::<u64>()
            {
                highest = highest.max(Some(n));
            }
        }
    }
    Ok(highest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_stem_is_shortened_and_the_number_kept() {
        let stem = "a".repeat(32);
        assert_eq!(compose(&stem, "-2025"), format!("{}-2025", "a".repeat(32)));
        let code = compose(&stem, "-2025-123456");
        assert_eq!(code.len(), MAX_CODE);
        assert!(code.ends_with("-2025-123456"));
        assert_eq!(
            numbered_prefix(&stem, 2025, 7),
            format!("{}-2025-", "a".repeat(32))
        );
        assert_eq!(
            numbered_prefix(&stem, 2025, 123_456),
            format!("{}-2025-", "a".repeat(28))
        );
    }
}
