//! Settings kept in the database: the adopted framework and the academic year's first day.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Context, Error, Result};
use crate::model::AcademicYear;

/// The key of the framework that reviews score against.
pub const ADOPTED_FRAMEWORK: &str = "adopted_framework";
/// The first day of the academic year, `MM-DD` (default `09-01`).
pub const YEAR_START: &str = "year_start";

/// The enhancement fund's cap on a request or award, in pence (default GBP 10,000).
pub const FUND_CAP: &str = "fund_cap_pence";
/// The names of the terms, in order, separated by commas (default `autumn,winter,spring`).
pub const TERMS: &str = "terms";

/// A setting's value, if it is set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
    .context("cannot read the settings")
}

/// Sets a setting, inside the caller's transaction.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .context("cannot save a setting")?;
    Ok(())
}

/// The (month, day) the academic year starts on.
pub fn year_start(conn: &Connection) -> Result<(u32, u32)> {
    let Some(value) = get(conn, YEAR_START)? else {
        return Ok((9, 1));
    };
    let bad = || Error::BadDatabase(format!("the setting {YEAR_START} is {value:?}, not MM-DD"));
    let (m, d) = value.split_once('-').ok_or_else(bad)?;
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is accepted as a start day.
    NaiveDate::from_ymd_opt(2024, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

/// The academic year that `today` falls in.
pub fn current_year(conn: &Connection, today: NaiveDate) -> Result<AcademicYear> {
    Ok(AcademicYear::containing(today, year_start(conn)?))
}

/// The enhancement fund's cap on one request or award.
///
/// Errors: `BadDatabase` when the setting is not a whole number of pence.
pub fn fund_cap(conn: &Connection) -> Result<crate::model::Money> {
    match get(conn, FUND_CAP)? {
        None => Ok(crate::model::Money(1_000_000)),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| *p > 0)
            .map(crate::model::Money)
            .ok_or_else(|| {
                Error::BadDatabase(format!(
                    "the setting {FUND_CAP} is {v:?}, not an amount in pence"
                ))
            }),
    }
}

/// The names of the academic year's terms, in order.
///
/// Errors: `BadDatabase` when the setting is empty.
pub fn terms(conn: &Connection) -> Result<Vec<String>> {
    let Some(v) = get(conn, TERMS)? else {
        return Ok(["autumn", "winter", "spring"].map(str::to_string).to_vec());
    };
    let terms: Vec<String> = v
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return Err(Error::BadDatabase(format!(
            "the setting {TERMS} is {v:?}, with no term names"
        )));
    }
    Ok(terms)
}

/// Sets the enhancement fund's cap on one request or award (more than zero).
///
/// Errors: `Invalid` for a cap of zero.
pub fn set_fund_cap(conn: &mut Connection, cap: crate::model::Money) -> Result<()> {
    if cap.pence() <= 0 {
        return Err(Error::Invalid(
            "the fund's cap must be more than zero, e.g. 10000".into(),
        ));
    }
    let tx = crate::db::begin_write(conn)?;
    set(&tx, FUND_CAP, &cap.pence().to_string())?;
    tx.commit().context("cannot save the fund's cap")
}

/// Sets the names of the terms, in order: one to six short kebab-case names, each once.
///
/// Errors: `Invalid` for a name that is not a short kebab-case word, a repeated name, or none.
pub fn set_terms(conn: &mut Connection, names: &[String]) -> Result<Vec<String>> {
    let mut terms: Vec<String> = Vec::new();
    for name in names {
        let t = name.trim().to_lowercase();
        if t.is_empty() {
            continue;
        }
        let ok = t.len() <= 20
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(Error::Invalid(format!(
                "term {name:?} is not a short name of letters, digits and hyphens, e.g. michaelmas"
            )));
        }
        if terms.contains(&t) {
            return Err(Error::Invalid(format!("term {t:?} is named twice")));
        }
        terms.push(t);
    }
    if terms.is_empty() || terms.len() > 6 {
        return Err(Error::Invalid(
            "give one to six term names, in order, e.g. autumn,winter,spring".into(),
        ));
    }
    let tx = crate::db::begin_write(conn)?;
    set(&tx, TERMS, &terms.join(","))?;
    tx.commit().context("cannot save the terms")?;
    Ok(terms)
}
