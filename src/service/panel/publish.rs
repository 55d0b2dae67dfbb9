//! Approving a panel insight for the public pages: an insight is published as the panellists
//! wrote it, once the coordinator approves it (the day and the login are kept). The one
//! writer of `insight_publications`; changes are logged under the insight's session, as
//! adding and removing insights are.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::{ENTITY, get, get_insight};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::InsightPublication;
use crate::service::changes::{self, Action};

/// Approves insight `id` for the public pages on `on` [default: today], or moves the day of
/// its approval; returns the publication and whether it was published before.
///
/// Errors: `NotFound`; `Invalid` for a day after today or before its session was held, or
/// the day it is published on already.
pub fn publish_insight(
    conn: &mut Connection,
    id: i64,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(InsightPublication, bool)> {
    let tx = begin_write(conn)?;
    let done = apply_publish_insight(&tx, id, on, today)?;
    tx.commit().context("cannot save the publication")?;
    Ok(done)
}

/// As [`publish_insight`], inside the caller's write transaction (for demo data).
///
/// Errors: as [`publish_insight`].
pub fn apply_publish_insight(
    tx: &Connection,
    id: i64,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(InsightPublication, bool)> {
    let insight = get_insight(tx, id)?;
    let session = get(tx, insight.session_id)?;
    let on = on.unwrap_or(today);
    if on > today {
        return Err(Error::Invalid(format!(
            "the day of approval {on} is in the future (today is {today}); give the day it was approved"
        )));
    }
    if on < session.on {
        return Err(Error::Invalid(format!(
            "{on} is before panel session {} was held on {}; an insight is approved after it is written",
            session.id, session.on
        )));
    }
    let old = insight_publication(tx, id)?;
    if let Some(old) = old.as_ref().filter(|p| p.published_on == on) {
        return Err(Error::Invalid(format!(
            "insight {id} is already published, approved on {}; nothing was changed",
            old.published_on
        )));
    }
    let by = changes::actor(tx);
    tx.execute(
        "INSERT INTO insight_publications (insight_id, published_on, published_by)
         VALUES (?1, ?2, ?3)
         ON CONFLICT (insight_id) DO UPDATE SET published_on = excluded.published_on,
            published_by = excluded.published_by",
        params![id, on, by],
    )
    .context("cannot save the publication")?;
    let fields = json!({
        "insight_published": id,
        "published_on": [old.as_ref().map(|p| p.published_on), on],
    });
    changes::record(tx, ENTITY, session.id, Action::Update, &fields)?;
    let new = InsightPublication {
        insight_id: id,
        published_on: on,
        published_by: by,
    };
    Ok((new, old.is_some()))
}

/// Takes insight `id` off the public pages; returns the publication it had (the session's
/// change log keeps it too).
///
/// Errors: `NotFound`; `Invalid` when it is not published.
pub fn unpublish_insight(conn: &mut Connection, id: i64) -> Result<InsightPublication> {
    let tx = begin_write(conn)?;
    let insight = get_insight(&tx, id)?;
    let old = insight_publication(&tx, id)?.ok_or_else(|| {
        Error::Invalid(format!(
            "insight {id} is not published; nothing was changed"
        ))
    })?;
    tx.execute(
        "DELETE FROM insight_publications WHERE insight_id = ?1",
        [id],
    )
    .context("cannot take the insight off the public pages")?;
    changes::record(
        &tx,
        ENTITY,
        insight.session_id,
        Action::Update,
        &json!({
            "insight_unpublished": id,
            "published_on": [old.published_on, null],
        }),
    )?;
    tx.commit()
        .context("cannot take the insight off the public pages")?;
    Ok(old)
}

/// Insight `id`'s publication, if it is published.
///
/// Errors: `Database` when it cannot be read.
pub fn insight_publication(conn: &Connection, id: i64) -> Result<Option<InsightPublication>> {
    conn.query_row(
        "SELECT insight_id, published_on, published_by FROM insight_publications
         WHERE insight_id = ?1",
        [id],
        |r| {
            Ok(InsightPublication {
                insight_id: r.get(0)?,
                published_on: r.get(1)?,
                published_by: r.get(2)?,
            })
        },
    )
    .optional()
    .context("cannot read the publication")
}
