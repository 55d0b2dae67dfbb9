//! Approving a recommendation for the public pages: nothing reaches a public page unvetted,
//! as peers vet comments before release. A publication holds what students said and what was
//! done in the words to publish (the finding and the response unless reworded), the day it
//! was approved and the login that approved it; only a decided recommendation is published.
//! The one writer of `recommendation_publications`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value as Json, json};

use super::{ENTITY, check_not_future, get};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::RecPublication;
use crate::service::changes::{self, Action};
use crate::service::clean_long_text;

/// What to publish. A field left `None` is the published wording already approved, or, the
/// first time, the finding and the response.
#[derive(Debug, Clone, Default)]
pub struct PublishRec {
    /// What students said, in the words to publish.
    pub said: Option<String>,
    /// What was done, in the words to publish; `Some(None)` publishes no "we did" yet.
    pub did: Option<Option<String>>,
    /// The day it was approved [default: today].
    pub on: Option<NaiveDate>,
}

/// Approves recommendation `id` for the public pages, or changes the wording or day of its
/// approval; returns the publication and whether it was published before.
///
/// Errors: `NotFound`; `Invalid` while it is still proposed (nothing is published before
/// leadership decides), for blank or over-long wording, a day after today or before the
/// decision, or a publication that changes nothing.
pub fn publish(
    conn: &mut Connection,
    id: i64,
    what: PublishRec,
    today: NaiveDate,
) -> Result<(RecPublication, bool)> {
    let tx = begin_write(conn)?;
    let done = apply_publish(&tx, id, what, today)?;
    tx.commit().context("cannot save the publication")?;
    Ok(done)
}

/// As [`publish`], inside the caller's write transaction (for demo data).
///
/// Errors: as [`publish`].
pub fn apply_publish(
    tx: &Connection,
    id: i64,
    what: PublishRec,
    today: NaiveDate,
) -> Result<(RecPublication, bool)> {
    let rec = get(tx, id)?;
    let Some(decided) = rec.decided_on.filter(|_| rec.status.is_decided()) else {
        return Err(Error::Invalid(format!(
            "recommendation {id} is still proposed, and nothing is published before leadership decides; record the decision first with \"spm rec update {id} --status ...\""
        )));
    };
    let on = what.on.unwrap_or(today);
    check_not_future("day of approval", on, today)?;
    if on < decided {
        return Err(Error::Invalid(format!(
            "{on} is before recommendation {id} was decided on {decided}; it is approved for publishing once decided"
        )));
    }
    let old = publication(tx, id)?;
    let said = match &what.said {
        Some(text) => clean_long_text("wording of what students said", Some(text))?
            .ok_or_else(|| {
                Error::Invalid(
                    "--said cannot be blank: give what students said as it is to be published, or leave --said out to publish the finding".into(),
                )
            })?,
        None => old
            .as_ref()
            .map_or_else(|| rec.finding.clone(), |p| p.said.clone()),
    };
    let did = match &what.did {
        Some(text) => clean_long_text("wording of what was done", text.as_deref())?,
        None => match &old {
            Some(p) => p.did.clone(),
            None => rec.response.clone(),
        },
    };
    let by = changes::actor(tx);
    let new = RecPublication {
        recommendation_id: id,
        said,
        did,
        published_on: on,
        published_by: by.clone(),
    };
    let fields = logged(old.as_ref(), Some(&new));
    if fields.is_empty() {
        let hint = match (&rec.response, &new.did) {
            (Some(now), shown) if Some(now) != shown.as_ref() => {
                "; its response has changed since: publish that with --did"
            }
            _ => "",
        };
        return Err(Error::Invalid(format!(
            "recommendation {id} is already published with these words on {on}; nothing was changed{hint}"
        )));
    }
    tx.execute(
        "INSERT INTO recommendation_publications
            (recommendation_id, said, did, published_on, published_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (recommendation_id) DO UPDATE SET said = excluded.said,
            did = excluded.did, published_on = excluded.published_on,
            published_by = excluded.published_by,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        params![id, new.said, new.did, new.published_on, new.published_by],
    )
    .context("cannot save the publication")?;
    changes::record(tx, ENTITY, id, Action::Update, &Json::Object(fields))?;
    Ok((new, old.is_some()))
}

/// Takes recommendation `id` off the public pages; returns the publication it had (the
/// change log keeps it too).
///
/// Errors: `NotFound`; `Invalid` when it is not published.
pub fn unpublish(conn: &mut Connection, id: i64) -> Result<RecPublication> {
    let tx = begin_write(conn)?;
    get(&tx, id)?;
    let old = publication(&tx, id)?.ok_or_else(|| {
        Error::Invalid(format!(
            "recommendation {id} is not published; nothing was changed"
        ))
    })?;
    tx.execute(
        "DELETE FROM recommendation_publications WHERE recommendation_id = ?1",
        [id],
    )
    .context("cannot take the recommendation off the public pages")?;
    changes::record(
        &tx,
        ENTITY,
        id,
        Action::Update,
        &Json::Object(logged(Some(&old), None)),
    )?;
    tx.commit()
        .context("cannot take the recommendation off the public pages")?;
    Ok(old)
}

/// Recommendation `id`'s publication, if it is published.
///
/// Errors: `Database` when it cannot be read.
pub fn publication(conn: &Connection, id: i64) -> Result<Option<RecPublication>> {
    conn.query_row(
        "SELECT recommendation_id, said, did, published_on, published_by
         FROM recommendation_publications WHERE recommendation_id = ?1",
        [id],
        |r| {
            Ok(RecPublication {
                recommendation_id: r.get(0)?,
                said: r.get(1)?,
                did: r.get(2)?,
                published_on: r.get(3)?,
                published_by: r.get(4)?,
            })
        },
    )
    .optional()
    .context("cannot read the publication")
}

/// The change-log fields of a publication's change, `{field: [old, new]}`, for the fields
/// that changed (the login is the entry's own actor).
fn logged(old: Option<&RecPublication>, new: Option<&RecPublication>) -> Map<String, Json> {
    let view = |p: Option<&RecPublication>| {
        json!({
            "published_on": p.map(|p| p.published_on),
            "public_said": p.map(|p| p.said.as_str()),
            "public_did": p.and_then(|p| p.did.as_deref()),
        })
    };
    changes::diff(&view(old), &view(new), &[])
}
