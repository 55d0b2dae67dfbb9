//! The people: staff, students and external partners, written first so projects can point
//! at them.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::plan::{FIRST_YEAR, days_between, plus, stamp};
use super::rng::{PEOPLE, Rng};
use super::words::{DEPARTMENTS, FIRST_NAMES, LAST_NAMES, STUDY_LEVELS};
use super::{Generated, Sizes};
use crate::db::CHUNK;
use crate::error::Result;
use crate::model::{Person, PersonKind};
use crate::service::person::{self, Ready};

/// Writes the people (through `person::write`, a chunk at a time, unlogged) and returns the
/// id of the first. Person `i` is staff when `i % 10 == 0`, external when `i % 20 == 5`, and
/// a student otherwise.
pub(super) fn people(
    tx: &Connection,
    sizes: &Sizes,
    today: NaiveDate,
    made: &mut Generated,
) -> Result<i64> {
    let mut first = None;
    let mut ready: Vec<Ready> = Vec::with_capacity(CHUNK);
    let since = NaiveDate::from_ymd_opt(FIRST_YEAR, 9, 1).unwrap_or(today);
    let span = days_between(since, today).max(1);
    for i in 0..sizes.people {
        let mut rng = Rng::new(sizes.seed, PEOPLE, i);
        let (first_name, last_name) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let kind = match i % 20 {
            0 | 10 => PersonKind::Staff,
            5 => PersonKind::External,
            _ => PersonKind::Student,
        };
        let title = if kind == PersonKind::Staff && rng.chance(50) {
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
        let department = (kind != PersonKind::External).then(|| rng.pick(DEPARTMENTS).to_string());
        let joined = plus(since, rng.below(span));
        let (level, consent, expires) = if kind == PersonKind::Student {
            let expires = plus(joined, 3 * 365);
            (Some(rng.pick(STUDY_LEVELS)), Some(joined), Some(expires))
        } else {
            (None, None, None)
        };
        ready.push(Ready {
            person: Person {
                id: 0,
                name,
                email: Some(email),
                kind,
                department,
                level,
                consent_given: consent,
                consent_expires: expires,
                consent_withdrawn: None,
                notes: None,
                erased_on: None,
                created_at: stamp(joined),
                updated_at: stamp(joined),
                consent_to_name: None,
            },
            fields: None,
        });
        if ready.len() == CHUNK {
            first.get_or_insert(person::write(tx, &ready)?);
            ready.clear();
        }
    }
    if !ready.is_empty() {
        first.get_or_insert(person::write(tx, &ready)?);
    }
    made.people = sizes.people;
    Ok(first.unwrap_or(1))
}
