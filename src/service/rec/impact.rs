//! Closing the loop: whether an implemented recommendation changed what it meant to change
//! (the next survey's result, say), checked on a day, with the evidence. Checking again
//! replaces the verdict; the change log keeps the old one. The one writer of
//! `recommendation_impacts`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value as Json, json};

use super::{ENTITY, check_not_future, get};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{Impact, RecStatus, Worked};
use crate::service::changes::{self, Action};
use crate::service::clean_long_text;

/// Records whether recommendation `id` worked, as checked on `on`; returns the impact and
/// whether one was recorded before (it is replaced).
///
/// Errors: `NotFound`; `Invalid` unless it is implemented or partly implemented, for a day
/// after `today` or before it was implemented, over-long evidence, or a verdict that changes
/// nothing.
pub fn record_impact(
    conn: &mut Connection,
    id: i64,
    on: NaiveDate,
    worked: Worked,
    evidence: Option<&str>,
    today: NaiveDate,
) -> Result<(Impact, bool)> {
    let tx = begin_write(conn)?;
    let done = apply_impact(&tx, id, on, worked, evidence, today)?;
    tx.commit().context("cannot save the impact")?;
    Ok(done)
}

/// As [`record_impact`], inside the caller's write transaction (for demo data).
///
/// Errors: as [`record_impact`].
pub fn apply_impact(
    tx: &Connection,
    id: i64,
    on: NaiveDate,
    worked: Worked,
    evidence: Option<&str>,
    today: NaiveDate,
) -> Result<(Impact, bool)> {
    let rec = get(tx, id)?;
    if !matches!(
        rec.status,
        RecStatus::Implemented | RecStatus::PartlyImplemented
    ) {
        return Err(Error::Invalid(format!(
            "recommendation {id} is {}, and only an implemented or partly implemented one can be checked for impact; record that first with \"spm rec update {id} --status implemented\"",
            rec.status
        )));
    }
    check_not_future("day of the check", on, today)?;
    if let Some(done) = rec.closed_on.filter(|d| on < *d) {
        return Err(Error::Invalid(format!(
            "{on} is before recommendation {id} was implemented on {done}; its impact is checked afterwards"
        )));
    }
    let new = Impact {
        recommendation_id: id,
        on,
        worked,
        evidence: clean_long_text("evidence", evidence)?,
    };
    let old = impact(tx, id)?;
    let fields = logged(old.as_ref(), Some(&new));
    if fields.is_empty() {
        return Err(Error::Invalid(format!(
            "recommendation {id}'s impact is already recorded as this on {on}; nothing was changed"
        )));
    }
    tx.execute(
        "INSERT INTO recommendation_impacts (recommendation_id, on_date, worked, evidence)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (recommendation_id) DO UPDATE SET on_date = excluded.on_date,
            worked = excluded.worked, evidence = excluded.evidence,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        params![id, new.on, new.worked, new.evidence],
    )
    .context("cannot save the impact")?;
    changes::record(tx, ENTITY, id, Action::Update, &Json::Object(fields))?;
    Ok((new, old.is_some()))
}

/// Recommendation `id`'s impact, if it has been checked.
///
/// Errors: `Database` when it cannot be read.
pub fn impact(conn: &Connection, id: i64) -> Result<Option<Impact>> {
    conn.query_row(
        "SELECT recommendation_id, on_date, worked, evidence
         FROM recommendation_impacts WHERE recommendation_id = ?1",
        [id],
        |r| {
            Ok(Impact {
                recommendation_id: r.get(0)?,
                on: r.get(1)?,
                worked: r.get(2)?,
                evidence: r.get(3)?,
            })
        },
    )
    .optional()
    .context("cannot read the impact")
}

/// The change-log fields of an impact's change, `{field: [old, new]}`, for those that changed.
fn logged(old: Option<&Impact>, new: Option<&Impact>) -> Map<String, Json> {
    let view = |i: Option<&Impact>| {
        json!({
            "impact_checked_on": i.map(|i| i.on),
            "impact_worked": i.map(|i| i.worked.as_str()),
            "impact_evidence": i.and_then(|i| i.evidence.as_deref()),
        })
    };
    changes::diff(&view(old), &view(new), &[])
}
