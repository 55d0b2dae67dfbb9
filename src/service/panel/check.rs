//! The checks a session's values pass: its term, date, topic and number of panellists.

use super::*;

/// `term` as stored (trimmed, lower case) when it is one of the configured terms.
///
/// Errors: `Invalid`, listing the terms; `BadDatabase` when a configured term is not a name
/// the database can hold (letters, digits and `-`, up to 20 characters).
pub fn check_term(conn: &Connection, term: &str) -> Result<String> {
    let terms = settings::terms(conn)?;
    for t in &terms {
        let fits = t.chars().count() <= MAX_TERM
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !fits {
            return Err(Error::BadDatabase(format!(
                "the setting {} holds the term {t:?}, which is not a term name (up to {MAX_TERM} letters, digits and -); correct the setting",
                settings::TERMS
            )));
        }
    }
    let wanted = term.trim().to_lowercase();
    if terms.contains(&wanted) {
        return Ok(wanted);
    }
    Err(Error::Invalid(format!(
        "unknown term {term:?}; the terms of the academic year are {}",
        terms.join(", ")
    )))
}

/// Refuses a date outside the session's academic year.
pub(super) fn check_in_year(conn: &Connection, year: AcademicYear, on: NaiveDate) -> Result<()> {
    let (first, last) = year.days(settings::year_start(conn)?);
    if on < first || on > last {
        return Err(Error::Invalid(format!(
            "the session date {on} is not in academic year {year} ({first} to {last}); check --on and --year"
        )));
    }
    Ok(())
}

/// Refuses a date more than a year ahead: a session can be planned, but a mistyped year
/// would hide it for decades.
pub(super) fn check_horizon(on: NaiveDate, today: NaiveDate) -> Result<()> {
    let limit = Cadence(12).after(today);
    if on > limit {
        return Err(Error::Invalid(format!(
            "the session date {on} is more than a year ahead (after {limit}); check the year"
        )));
    }
    Ok(())
}

pub(super) fn check_topic(topic: &str) -> Result<String> {
    clean_text("session's topic", Some(topic))?.ok_or_else(|| {
        Error::Invalid("a panel session needs a topic: give --topic TEXT".to_string())
    })
}

pub(super) fn check_panellists(n: Option<u32>) -> Result<Option<u32>> {
    match n {
        Some(n) if n > MAX_PANELLISTS => Err(Error::Invalid(format!(
            "{n} panellists is more than {MAX_PANELLISTS}; check --panellists"
        ))),
        other => Ok(other),
    }
}

// ---------------------------------------------------------------------------------------------
// sessions
