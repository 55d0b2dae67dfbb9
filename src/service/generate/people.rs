//! The people: staff, students and external partners, written first so projects can point
//! at them.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::plan::{FIRST_YEAR, days_between, plus, stamp};
use super::rng::{PEOPLE, Rng};
use super::words::{DEPARTMENTS, FIRST_NAMES, LAST_NAMES, STUDY_LEVELS};
use super::{Generated, Sizes};
use crate::error::Result;

/// Writes the people and returns the id of the first. Person `i` is staff when `i % 10 == 0`,
/// external when `i % 20 == 5`, and a student otherwise.
pub(super) fn people(
    tx: &Connection,
    sizes: &Sizes,
    today: NaiveDate,
    made: &mut Generated,
) -> Result<i64> {
    let failed = |e| crate::error::from_sqlite("cannot save the people", e);
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO people (name, email, kind, department, level, consent_given,
                consent_expires, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )
        .map_err(failed)?;
    let mut first = 1;
    let since = NaiveDate::from_ymd_opt(FIRST_YEAR, 9, 1).unwrap_or(today);
    let span = days_between(since, today).max(1);
    for i in 0..sizes.people {
        let mut rng = Rng::new(sizes.seed, PEOPLE, i);
        let (first_name, last_name) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let kind = match i % 20 {
            0 | 10 => "staff",
            5 => "external",
            _ => "student",
        };
        let title = if kind == "staff" && rng.chance(50) {
            "Dr "
        } else {
            ""
        };
        let name = format!("{title}{first_name} {last_name}");
        // Everyone has an email, as spm asks of people who share a name with another.
        let local: String = format!("{first_name}.{last_name}")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let email = format!("{}.{}@example.ac.uk", local.to_lowercase(), i + 1);
        let department = (kind != "external").then(|| rng.pick(DEPARTMENTS));
        let joined = plus(since, rng.below(span));
        let (level, consent, expires) = if kind == "student" {
            let expires = plus(joined, 3 * 365);
            (Some(rng.pick(STUDY_LEVELS)), Some(joined), Some(expires))
        } else {
            (None, None, None)
        };
        let id = stmt
            .insert(params![
                name,
                email,
                kind,
                department,
                level,
                consent,
                expires,
                stamp(joined)
            ])
            .map_err(failed)?;
        if i == 0 {
            first = id;
        }
    }
    made.people = sizes.people;
    Ok(first)
}
