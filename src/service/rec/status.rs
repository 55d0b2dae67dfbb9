//! What became of a recommendation: its changes of status, each kept with its date, its
//! response ("we did"), and the day the outcome was told back to the students.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::json;

use super::{ENTITY, check_not_future, clean_label, get};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{RecStatus, Recommendation};
use crate::service::changes::{self, Action};
use crate::service::clean_text;

/// One entry of a recommendation's status history.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: RecStatus,
    pub on: NaiveDate,
    /// The response given with the change, if any.
    pub response: Option<String>,
}

/// A change to a recommendation: a new status on a day, a response, or both.
#[derive(Debug, Clone, Default)]
pub struct StatusUpdate {
    pub status: Option<RecStatus>,
    /// `Some(None)` clears the response; `None` leaves it.
    pub response: Option<Option<String>>,
    /// The day of the change of status [default: today].
    pub on: Option<NaiveDate>,
}

/// The day of the latest change of status.
fn last_change(tx: &Connection, id: i64) -> Result<Option<NaiveDate>> {
    tx.query_row(
        "SELECT max(on_date) FROM recommendation_history WHERE recommendation_id = ?1",
        [id],
        |r| r.get(0),
    )
    .context("cannot read the status history")
}

/// Changes a recommendation's status (kept in its history with the day), its response, or both.
///
/// Errors: `NotFound`; `Usage` when nothing is given, or a day without a status; `Invalid`
/// for a move back to proposed, the status it already has, a day after today or before its
/// last change, not adopted without a reason, or a response that changes nothing.
pub fn update(
    conn: &mut Connection,
    id: i64,
    change: StatusUpdate,
    today: NaiveDate,
) -> Result<Recommendation> {
    let tx = begin_write(conn)?;
    let rec = apply_update(&tx, id, change, today)?;
    tx.commit().context("cannot save the recommendation")?;
    Ok(rec)
}

/// As [`update`], inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`update`].
pub fn apply_update(
    tx: &Connection,
    id: i64,
    change: StatusUpdate,
    today: NaiveDate,
) -> Result<Recommendation> {
    let old = get(tx, id)?;
    if change.status.is_none() {
        if change.on.is_some() {
            return Err(Error::Usage(
                "--on gives the day of a change of status; add --status".into(),
            ));
        }
        if change.response.is_none() {
            return Err(Error::Usage(
                "nothing to change: give --status, --response or both".into(),
            ));
        }
    }
    let response = match &change.response {
        None => old.response.clone(),
        Some(text) => clean_text("response", text.as_deref())?,
    };
    let status = change.status.unwrap_or(old.status);
    if status == RecStatus::NotAdopted && response.is_none() {
        return Err(Error::Invalid(format!(
            "recommendation {id} cannot be not-adopted without a reason: add --response \"why\""
        )));
    }
    let mut fields = json!({});
    if let Some(new) = change.status {
        if new == RecStatus::Proposed {
            return Err(Error::Invalid(format!(
                "recommendation {id} was proposed on {}; a decision is not taken back to proposed, give the status it has now",
                old.raised_on
            )));
        }
        if new == old.status {
            return Err(Error::Invalid(format!(
                "recommendation {id} is already {new}; give another status, or only --response to change what was done"
            )));
        }
        let on = change.on.unwrap_or(today);
        check_not_future("day of the change", on, today)?;
        if let Some(last) = last_change(tx, id)?.filter(|last| on < *last) {
            return Err(Error::Invalid(format!(
                "{on} is before recommendation {id}'s last change of status on {last}; give a later --on date"
            )));
        }
        // The history keeps the words given with the change, and a refusal's reason always.
        let said = match &change.response {
            Some(given) => clean_text("response", given.as_deref())?,
            None if new == RecStatus::NotAdopted => response.clone(),
            None => None,
        };
        super::write::Writer::new(tx).history(id, new, on, said.as_deref(), None)?;
        fields["status"] = json!([old.status, new]);
        fields["on"] = json!(on);
    }
    if response != old.response {
        fields["response"] = json!([old.response, response]);
    } else if change.status.is_none() {
        return Err(Error::Invalid(format!(
            "recommendation {id} already has that response; nothing was changed"
        )));
    }
    // What students were told was the old outcome: a new status needs telling again (the
    // change log keeps the earlier telling).
    let retell = status != old.status && old.communicated_on.is_some();
    if retell {
        fields["communicated_on"] = json!([old.communicated_on, null]);
    }
    tx.execute(
        "UPDATE recommendations SET status = ?2, response = ?3,
            communicated_on = CASE WHEN ?4 THEN NULL ELSE communicated_on END,
            channel = CASE WHEN ?4 THEN NULL ELSE channel END,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![id, status, response, retell],
    )
    .context("cannot save the recommendation")?;
    changes::record(tx, ENTITY, id, Action::Update, &fields)?;
    get(tx, id)
}

/// Records the day (and how) the outcome was told back to the students it came from; a
/// later telling replaces an earlier one (the change log keeps both).
///
/// Errors: `NotFound`; `Invalid` while it is still proposed (there is nothing to tell), for
/// a day after today or before the decision, or when the same day and channel are recorded.
pub fn communicated(
    conn: &mut Connection,
    id: i64,
    on: NaiveDate,
    channel: Option<&str>,
    today: NaiveDate,
) -> Result<Recommendation> {
    let tx = begin_write(conn)?;
    let rec = apply_communicated(&tx, id, on, channel, today)?;
    tx.commit().context("cannot save the recommendation")?;
    Ok(rec)
}

/// As [`communicated`], inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`communicated`].
pub fn apply_communicated(
    tx: &Connection,
    id: i64,
    on: NaiveDate,
    channel: Option<&str>,
    today: NaiveDate,
) -> Result<Recommendation> {
    let old = get(tx, id)?;
    let channel = clean_label("channel", channel)?;
    let Some(decided) = old.decided_on.filter(|_| old.status.is_decided()) else {
        return Err(Error::Invalid(format!(
            "recommendation {id} is still proposed, so there is no outcome to tell students yet; record the decision first with \"spm rec update {id} --status ...\""
        )));
    };
    check_not_future("day it was communicated", on, today)?;
    if on < decided {
        return Err(Error::Invalid(format!(
            "{on} is before recommendation {id} was decided on {decided}; the outcome is told after it is known"
        )));
    }
    if old.communicated_on == Some(on) && old.channel == channel {
        return Err(Error::Invalid(format!(
            "recommendation {id} is already recorded as communicated on {on}; nothing was changed"
        )));
    }
    tx.execute(
        "UPDATE recommendations SET communicated_on = ?2, channel = ?3,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![id, on, channel],
    )
    .context("cannot save the recommendation")?;
    let fields = json!({
        "communicated_on": [old.communicated_on, on],
        "channel": [old.channel, channel],
    });
    changes::record(tx, ENTITY, id, Action::Update, &fields)?;
    get(tx, id)
}

/// A recommendation's changes of status, oldest first.
///
/// Errors: `NotFound`.
pub fn status_history(conn: &Connection, id: i64) -> Result<Vec<StatusChange>> {
    get(conn, id)?;
    rows(
        conn,
        "cannot read the status history",
        "SELECT status, on_date, response FROM recommendation_history
         WHERE recommendation_id = ?1 ORDER BY on_date, id",
        [id],
        |r| {
            Ok(StatusChange {
                status: r.get(0)?,
                on: r.get(1)?,
                response: r.get(2)?,
            })
        },
    )
}
