//! Data-protection rights under UK GDPR (the export and forgetting have files of their own):
//! the requests themselves (due one calendar month after they arrive), retention, and the
//! self-declared characteristics that are only ever reported in aggregate.

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value as Json, json};

use super::{ENTITY, get, resolve};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{DataRequest, Person, RequestKind};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, settings};

/// The setting that holds how many years after their involvement ends people are kept.
pub const RETENTION_YEARS: &str = "retention_years";
/// How many years people are kept after their involvement ends, unless set otherwise.
const DEFAULT_RETENTION: u32 = 6;

/// How many years people are kept after their involvement ends.
pub fn retention(conn: &Connection) -> Result<u32> {
    match settings::get(conn, RETENTION_YEARS)? {
        None => Ok(DEFAULT_RETENTION),
        Some(v) => v.trim().parse::<u32>().map_err(|_| {
            Error::BadDatabase(format!(
                "the setting {RETENTION_YEARS} is {v:?}, not a whole number of years"
            ))
        }),
    }
}

/// Sets how many years people are kept after their involvement ends (1 to 100).
///
/// Errors: `Invalid` for a period out of range.
pub fn set_retention(conn: &mut Connection, years: u32) -> Result<()> {
    if !(1..=100).contains(&years) {
        return Err(Error::Invalid(format!(
            "a retention period of {years} years is not possible; give 1 to 100"
        )));
    }
    let tx = begin_write(conn)?;
    settings::set(&tx, RETENTION_YEARS, &years.to_string())?;
    tx.commit().context("cannot save the retention period")
}

/// A person kept longer than the retention period, and when their involvement ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub person: Person,
    pub ended: NaiveDate,
}

/// The people (not yet forgotten) whose involvement ended before the retention period: their
/// last role in a project ended (its own end date, else the end of a completed or withdrawn
/// project), they lead no open project, and, for people never in a project, their record is
/// that old. People with an open data-protection request are left for it to be answered.
pub fn retention_candidates(conn: &Connection, today: NaiveDate) -> Result<Vec<Candidate>> {
    let years = retention(conn)?;
    let cutoff = today
        .checked_sub_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MIN);
    let found: Vec<(i64, Option<NaiveDate>)> = rows(
        conn,
        "cannot work out retention",
        "WITH ends AS (
                SELECT pp.person_id AS person_id,
                       CASE WHEN count(*) = count(coalesce(pp.to_date, x.closed))
                            THEN max(coalesce(pp.to_date, x.closed)) END AS ended
                FROM project_partners pp JOIN (
                    SELECT id, CASE WHEN status IN ('completed', 'withdrawn')
                                    THEN coalesce(end_date, substr(updated_at, 1, 10)) END AS closed
                    FROM projects) x ON x.id = pp.project_id
                GROUP BY pp.person_id
             ), leads AS (
                SELECT lead_id AS person_id,
                       CASE WHEN count(*) = count(CASE WHEN status IN ('completed', 'withdrawn')
                                                       THEN 1 END)
                            THEN max(coalesce(end_date, substr(updated_at, 1, 10))) END AS ended
                FROM projects WHERE lead_id IS NOT NULL GROUP BY lead_id
             )
             SELECT pe.id,
                CASE
                  WHEN e.person_id IS NULL AND l.person_id IS NULL THEN substr(pe.created_at, 1, 10)
                  WHEN (e.person_id IS NOT NULL AND e.ended IS NULL)
                    OR (l.person_id IS NOT NULL AND l.ended IS NULL) THEN NULL
                  ELSE max(coalesce(e.ended, l.ended), coalesce(l.ended, e.ended))
                END AS ended
             FROM people pe
             LEFT JOIN ends e ON e.person_id = pe.id
             LEFT JOIN leads l ON l.person_id = pe.id
             WHERE pe.erased_on IS NULL
               AND NOT EXISTS (SELECT 1 FROM data_requests r
                               WHERE r.person_id = pe.id AND r.closed_on IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut out = Vec::new();
    for (id, ended) in found {
        if let Some(ended) = ended.filter(|e| *e < cutoff) {
            out.push(Candidate {
                person: get(conn, id)?,
                ended,
            });
        }
    }
    out.sort_by(|a, b| a.ended.cmp(&b.ended).then(a.person.id.cmp(&b.person.id)));
    Ok(out)
}

/// Records a data-protection request received on `received`, due one calendar month later.
///
/// Errors: as [`resolve`]; `Invalid` for a date after today or a note with control characters.
pub fn request(
    conn: &mut Connection,
    key: &str,
    kind: RequestKind,
    received: NaiveDate,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<DataRequest> {
    if received > today {
        return Err(Error::Invalid(format!(
            "a request is recorded once it has arrived: {received} is after today ({today})"
        )));
    }
    // Checked before the database is written to, as in insert_request.
    let note = clean_text("note", note)?;
    let tx = begin_write(conn)?;
    let request = insert_request(&tx, key, kind, received, note.as_deref())?;
    tx.commit().context("cannot save the request")?;
    Ok(request)
}

/// Records a data-protection request within the caller's transaction, due one calendar month
/// after `received`: the one write path for [`request`] and the demo.
///
/// Errors: as [`resolve`]; `Invalid` for a note with control characters.
pub(crate) fn insert_request(
    tx: &Connection,
    key: &str,
    kind: RequestKind,
    received: NaiveDate,
    note: Option<&str>,
) -> Result<DataRequest> {
    let note = clean_text("note", note)?;
    let due = received
        .checked_add_months(Months::new(1))
        .unwrap_or(NaiveDate::MAX);
    let person = resolve(tx, key)?;
    tx.execute(
        "INSERT INTO data_requests (person_id, kind, received, due, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person.id, kind, received, due, note],
    )
    .context("cannot save the request")?;
    let id = tx.last_insert_rowid();
    changes::record(
        tx,
        REQUEST_ENTITY,
        id,
        Action::Insert,
        &json!({ "person_id": person.id, "kind": kind, "received": received, "due": due }),
    )?;
    request_by_id(tx, id)
}

/// The entity name of data requests in the change log.
const REQUEST_ENTITY: &str = "data_request";

const REQUEST_SELECT: &str = "SELECT r.id, r.person_id, p.name, r.kind, r.received, r.due,
    r.closed_on, r.note FROM data_requests r JOIN people p ON p.id = r.person_id";

fn request_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DataRequest> {
    Ok(DataRequest {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        kind: r.get(3)?,
        received: r.get(4)?,
        due: r.get(5)?,
        closed_on: r.get(6)?,
        note: r.get(7)?,
    })
}

fn request_by_id(conn: &Connection, id: i64) -> Result<DataRequest> {
    conn.query_row(
        &format!("{REQUEST_SELECT} WHERE r.id = ?1"),
        [id],
        request_from_row,
    )
    .optional()
    .context("cannot read the request")?
    .ok_or_else(|| {
        Error::not_found(
            "request with id",
            id.to_string(),
            "run \"spm person request list\" to see them",
        )
    })
}

/// The data-protection requests, soonest due first; only those not yet closed with `open`.
pub fn requests(conn: &Connection, open: bool) -> Result<Vec<DataRequest>> {
    let filter = if open {
        "WHERE r.closed_on IS NULL"
    } else {
        ""
    };
    rows(
        conn,
        "cannot list the requests",
        &format!("{REQUEST_SELECT} {filter} ORDER BY r.due, r.id"),
        [],
        request_from_row,
    )
}

/// Closes request `id` as answered on `on`.
///
/// Errors: `NotFound`; `Conflict` when it is closed already; `Invalid` for a date after today
/// or before the request arrived.
pub fn close_request(
    conn: &mut Connection,
    id: i64,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<DataRequest> {
    if on > today {
        return Err(Error::Invalid(format!(
            "{on} is in the future; close a request on the day it is answered (today is {today})"
        )));
    }
    let tx = begin_write(conn)?;
    let r = request_by_id(&tx, id)?;
    if let Some(closed) = r.closed_on {
        return Err(Error::Conflict(format!(
            "request {id} was closed already, on {closed}"
        )));
    }
    if on < r.received {
        return Err(Error::Invalid(format!(
            "{on} is before request {id} arrived on {}",
            r.received
        )));
    }
    write_closed(&tx, id, on)?;
    let r = request_by_id(&tx, id)?;
    tx.commit().context("cannot close the request")?;
    Ok(r)
}

/// Closes the open erasure requests of person `person_id` as answered on `on`, inside the
/// caller's transaction: forgetting them (`person forget`) is the answer. Each is logged as
/// [`close_request`] logs it.
///
/// Errors: `Database` when the requests or the change log cannot be read or written.
pub(super) fn close_erasure_requests(tx: &Connection, person_id: i64, on: NaiveDate) -> Result<()> {
    let open: Vec<i64> = rows(
        tx,
        "cannot read the requests",
        "SELECT id FROM data_requests
         WHERE person_id = ?1 AND kind = ?2 AND closed_on IS NULL ORDER BY id",
        params![person_id, RequestKind::Erasure],
        |r| r.get(0),
    )?;
    open.into_iter().try_for_each(|id| write_closed(tx, id, on))
}

/// Writes the day request `id` was closed, and logs it: the one write to a request once it
/// is recorded.
fn write_closed(tx: &Connection, id: i64, on: NaiveDate) -> Result<()> {
    tx.execute(
        "UPDATE data_requests SET closed_on = ?2 WHERE id = ?1",
        params![id, on],
    )
    .context("cannot close the request")?;
    changes::record(
        tx,
        REQUEST_ENTITY,
        id,
        Action::Update,
        &json!({ "closed_on": [Json::Null, on] }),
    )
}

/// The longest characteristic value.
const MAX_VALUE: usize = 100;

/// Records a self-declared characteristic (replacing an earlier value). "prefer not to say"
/// (or `prefer-not-to-say`) is kept as that answer, distinct from not recorded.
///
/// Errors: as [`resolve`]; `Invalid` for a category that is not a short kebab-case word, a
/// blank or overlong value, or a forgotten person.
pub fn set_characteristic(
    conn: &mut Connection,
    key: &str,
    category: &str,
    value: &str,
) -> Result<(Person, String, String)> {
    let (category, value) = characteristic(category, value)?;
    let tx = begin_write(conn)?;
    let set = insert_characteristic(&tx, key, &category, &value)?;
    tx.commit().context("cannot save the characteristic")?;
    Ok(set)
}

/// A characteristic's category and value, checked: the category a short kebab-case word,
/// the value one line, and "prefer not to say" spelt one way.
fn characteristic(category: &str, value: &str) -> Result<(String, String)> {
    let category = crate::model::code::parse_code("characteristic category", category)?;
    let value = clean_text("value", Some(value))?
        .ok_or_else(|| Error::Invalid("give a value, or \"prefer not to say\"".into()))?;
    if value.contains('\n') || value.chars().count() > MAX_VALUE {
        return Err(Error::Invalid(format!(
            "a characteristic's value is one line of up to {MAX_VALUE} characters"
        )));
    }
    let value = if value.eq_ignore_ascii_case("prefer not to say")
        || value.eq_ignore_ascii_case("prefer-not-to-say")
    {
        "prefer not to say".to_string()
    } else {
        value
    };
    Ok((category, value))
}

/// Records a self-declared characteristic within the caller's transaction: the one write
/// path for [`set_characteristic`] and the demo. Errors: as [`set_characteristic`].
pub(crate) fn insert_characteristic(
    tx: &Connection,
    key: &str,
    category: &str,
    value: &str,
) -> Result<(Person, String, String)> {
    let (category, value) = characteristic(category, value)?;
    let person = resolve(tx, key)?;
    if person.erased_on.is_some() {
        return Err(Error::Invalid(format!(
            "{} was forgotten; nothing more is recorded about them",
            person.name
        )));
    }
    tx.execute(
        "INSERT INTO person_characteristics (person_id, category, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (person_id, category) DO UPDATE SET value = excluded.value",
        params![person.id, category, value],
    )
    .context("cannot save the characteristic")?;
    // The log says that a characteristic changed, never what it is.
    changes::record(
        tx,
        ENTITY,
        person.id,
        Action::Update,
        &json!({ "characteristic": category }),
    )?;
    Ok((person, category, value))
}

/// Removes a characteristic, so it is "not recorded" again.
///
/// Errors: as [`resolve`]; `Invalid` when it was not recorded.
pub fn clear_characteristic(conn: &mut Connection, key: &str, category: &str) -> Result<Person> {
    let tx = begin_write(conn)?;
    let person = resolve(&tx, key)?;
    let n = tx
        .execute(
            "DELETE FROM person_characteristics WHERE person_id = ?1 AND category = ?2",
            params![person.id, category.trim()],
        )
        .context("cannot remove the characteristic")?;
    if n == 0 {
        return Err(Error::Invalid(format!(
            "no {} is recorded for {}",
            category.trim(),
            person.name
        )));
    }
    changes::record(
        &tx,
        ENTITY,
        person.id,
        Action::Update,
        &json!({ "characteristic": category.trim() }),
    )?;
    tx.commit().context("cannot remove the characteristic")?;
    Ok(person)
}
