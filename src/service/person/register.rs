//! Registering people: every new person is drafted by [`draft`], checked by [`check`] and
//! written by [`write()`], one at a time by [`insert`](super::insert) (`spm person add`, a
//! project's new lead) or many at a time by a [`Batch`](super::Batch) (`spm person import`)
//! or by `spm dev generate`, so the table has one write path whoever calls it.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{Connection, OptionalExtension};

use super::{
    ENTITY, NewPerson, check_consent, check_email, check_twin, check_withdrawal, clean_name,
};
use crate::db::insert_many;
use crate::error::{Context, Error, Result};
use crate::model::{Person, parse_email};
use crate::service::{changes, clean_text};

/// A person checked and waiting to be written, with the `fields` of their change-log entry
/// (JSON text; `None` writes no entry, for generated people). Empty `created_at` and
/// `updated_at` are the database's (now); given ones are written (generated people, dated in
/// the past).
pub(crate) struct Ready {
    pub person: Person,
    pub fields: Option<String>,
}

impl Ready {
    fn stamped(&self) -> bool {
        !self.person.created_at.is_empty()
    }
}

/// The record a new person would be (id 0, no timestamps): `new` cleaned as `spm person add`
/// cleans it, with consent withdrawn on `withdrawn`. Nothing is looked up.
///
/// Errors: `Invalid` for a blank or unusable name, a malformed email, control characters.
pub(super) fn draft(new: NewPerson, withdrawn: Option<NaiveDate>) -> Result<Person> {
    Ok(Person {
        id: 0,
        name: clean_name(&new.name)?,
        email: new
            .email
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(parse_email)
            .transpose()?,
        kind: new.kind,
        department: clean_text("department", new.department.as_deref())?,
        level: new.level,
        consent_given: new.consent_given,
        consent_expires: new.consent_expires,
        consent_withdrawn: withdrawn,
        notes: clean_text("notes", new.notes.as_deref())?,
        erased_on: None,
        created_at: String::new(),
        updated_at: String::new(),
        consent_to_name: None,
    })
}

/// Checks a drafted person against the rules of `spm person add` and the people registered:
/// consent dates, then an email or name already taken, then the withdrawal (in the order
/// registering and then withdrawing consent used to check them, so a row with several faults
/// names the same one).
///
/// `vacant`: [`Batch::find`](super::Batch::find) has just found nobody with this email, nor
/// anybody of this name and kind without an email, so only a twin with an email (for a
/// person without one) is left to look for.
///
/// Errors: `Invalid` for bad consent dates; `Conflict` as `check_unique`.
pub(super) fn check(tx: &Connection, p: &Person, today: NaiveDate, vacant: bool) -> Result<()> {
    let unwithdrawn = Person {
        consent_withdrawn: None,
        ..p.clone()
    };
    check_consent(&unwithdrawn, today)?;
    if !vacant {
        check_email(tx, p, None)?;
    }
    if !vacant || p.email.is_none() {
        check_twin(tx, p, None)?;
    }
    if p.consent_withdrawn.is_some() {
        check_consent(p, today)?;
        check_withdrawal(p, today)?;
    }
    Ok(())
}

/// Writes checked people, in order, with their change-log entries, each table by
/// multi-row INSERTs; returns the id of the first (the others follow one after another).
///
/// Errors: `Database` when a write fails; `BadDatabase` if SQLite did not number the people
/// one after another (AUTOINCREMENT always does).
pub(crate) fn write(tx: &Connection, ready: &[Ready]) -> Result<i64> {
    let mut first = None;
    for run in ready.chunk_by(|a, b| a.stamped() == b.stamped()) {
        let id = write_run(tx, run)?;
        first.get_or_insert(id);
    }
    Ok(first.unwrap_or(0))
}

/// [`write()`] of people who all have timestamps, or all have none.
fn write_run(tx: &Connection, ready: &[Ready]) -> Result<i64> {
    let Some(head) = ready.first() else {
        return Ok(0);
    };
    let stamped = head.stamped();
    let width = if stamped { 11 } else { 9 };
    let days: Vec<[Day; 3]> = ready
        .iter()
        .map(|r| {
            let p = &r.person;
            [
                Day(p.consent_given),
                Day(p.consent_expires),
                Day(p.consent_withdrawn),
            ]
        })
        .collect();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(ready.len() * width);
    for (r, [given, expires, withdrawn]) in ready.iter().zip(&days) {
        let p = &r.person;
        values.extend_from_slice(&[
            &p.name as &dyn ToSql,
            &p.email,
            &p.kind,
            &p.department,
            &p.level,
            given,
            expires,
            withdrawn,
            &p.notes,
        ]);
        if stamped {
            values.extend_from_slice(&[&p.created_at as &dyn ToSql, &p.updated_at]);
        }
    }
    let head_sql = if stamped {
        "INSERT INTO people (name, email, kind, department, level, consent_given,
            consent_expires, consent_withdrawn, notes, created_at, updated_at) VALUES "
    } else {
        "INSERT INTO people (name, email, kind, department, level, consent_given,
            consent_expires, consent_withdrawn, notes) VALUES "
    };
    insert_many(tx, head_sql, width, &values).context("cannot save the person")?;
    // AUTOINCREMENT numbers the rows of one transaction one after another, so the last id
    // gives every other; the first row is read back to be sure.
    let first = tx.last_insert_rowid() - ready.len() as i64 + 1;
    let name: Option<String> = tx
        .prepare_cached("SELECT name FROM people WHERE id = ?1")
        .and_then(|mut s| s.query_row([first], |r| r.get(0)).optional())
        .context("cannot read the people back")?;
    if name.as_deref() != Some(head.person.name.as_str()) {
        return Err(Error::BadDatabase(format!(
            "the people written were not numbered one after another (person {first} is {name:?}); nothing was saved"
        )));
    }
    let logged: Vec<(i64, &str)> = ready
        .iter()
        .zip(first..)
        .filter_map(|(r, id)| Some((id, r.fields.as_deref()?)))
        .collect();
    changes::record_inserts(tx, ENTITY, &logged)?;
    Ok(first)
}

/// A date as the database stores it, `YYYY-MM-DD`: the text rusqlite writes for a
/// `NaiveDate` (chrono's `%F`), made without reading a format string for every date, which
/// showed in the time of writing people (see benches/README.md).
pub(super) struct Day(pub Option<NaiveDate>);

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match &self.0 {
            Some(d) if (0..=9999).contains(&d.year()) => Ok(ToSqlOutput::from(format!(
                "{:04}-{:02}-{:02}",
                d.year(),
                d.month(),
                d.day()
            ))),
            other => other.to_sql(),
        }
    }
}
