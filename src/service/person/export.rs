//! The subject access export: everything the database holds about a person, read from the
//! same list of places that forgetting scrubs ([`PLACES`]).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::{Map, Value as Json, json};

use super::places::{By, PLACES, Place, naming};
use super::resolve;
use super::scrub::Scrub;
use crate::db::rows;
use crate::error::{Context, Result};

fn rows_json(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Json>> {
    let mut stmt = conn
        .prepare(sql)
        .context("cannot read the person's records")?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt
        .query(args)
        .context("cannot read the person's records")?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().context("cannot read the person's records")? {
        let mut obj = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i).context("cannot read the person's records")? {
                rusqlite::types::ValueRef::Null => Json::Null,
                rusqlite::types::ValueRef::Integer(n) => json!(n),
                rusqlite::types::ValueRef::Real(x) => json!(x),
                rusqlite::types::ValueRef::Text(t) => {
                    let text = String::from_utf8_lossy(t).into_owned();
                    match serde_json::from_str::<Json>(&text) {
                        Ok(v @ (Json::Object(_) | Json::Array(_))) => v,
                        _ => Json::String(text),
                    }
                }
                rusqlite::types::ValueRef::Blob(b) => json!(b),
            };
            obj.insert(name.clone(), v);
        }
        out.push(Json::Object(obj));
    }
    Ok(out)
}

/// The ids of the change-log entries about the records a place links to the person: the
/// rows there now (`keys` for names, else by id), and rows since deleted whose entries
/// recorded the person's id in the place's column (a role taken off a project, with every
/// entry about it).
fn linked_entries(
    conn: &Connection,
    place: &Place,
    entity: &str,
    id: i64,
    keys: &Json,
) -> Result<Vec<i64>> {
    let sql = if place.by == By::Names {
        "SELECT id FROM changes WHERE entity = ?1
         AND entity_id IN (SELECT value FROM json_each(?2))"
            .to_string()
    } else {
        format!(
            "SELECT id FROM changes WHERE entity = ?1
             AND entity_id IN (SELECT {key} FROM {table} WHERE {column} = ?2
                               UNION SELECT entity_id FROM changes
                               WHERE entity = ?1 AND json_extract(fields, '$.{column}') = ?2)",
            key = place.key,
            table = place.table,
            column = place.column
        )
    };
    const WHAT: &str = "cannot read the change log";
    if place.by == By::Names {
        rows(conn, WHAT, &sql, params![entity, keys.to_string()], |r| {
            r.get(0)
        })
    } else {
        rows(conn, WHAT, &sql, params![entity, id], |r| r.get(0))
    }
}

/// Everything the database holds about the person `key` names, as one JSON document with a
/// section for each place in [`PLACES`]: their record, characteristics, roles and
/// contributions, the projects they lead, the reviews that name them as a reviewer, the
/// recommendations they own, their data-protection requests; `mentions`, every free text
/// that names them (a status note, a review's reflections, a finding); and `change_log`, the
/// entries about their record and every record linked to them, and every entry naming them.
///
/// Errors: as [`resolve`].
pub fn export(conn: &Connection, key: &str, today: NaiveDate) -> Result<Json> {
    let person = resolve(conn, key)?;
    let id = person.id;
    let scrub = Scrub::of(conn, &person)?;
    let mut doc = Map::new();
    doc.insert("exported_on".into(), json!(today));
    let mut mentions = Vec::new();
    let mut log: BTreeSet<i64> = BTreeSet::new();
    let mut log_place = None;
    for place in PLACES {
        match place.by {
            By::Log => {
                log.extend(naming(conn, place, &scrub)?.into_iter().map(|n| n.key));
                log_place = Some(place);
            }
            By::Text => {
                for n in naming(conn, place, &scrub)? {
                    mentions.push(json!({
                        "table": place.table,
                        "column": place.column,
                        "row": n.key,
                        "text": n.text,
                    }));
                }
            }
            By::Record | By::Own | By::Link | By::Via(_) | By::Names => {
                let keys = if place.by == By::Names {
                    let named = naming(conn, place, &scrub)?;
                    Json::from(named.into_iter().map(|n| n.key).collect::<Vec<_>>())
                } else {
                    Json::Array(Vec::new())
                };
                let rows = if place.by == By::Names {
                    rows_json(conn, place.rows, params![id, keys.to_string()])?
                } else {
                    rows_json(conn, place.rows, [id])?
                };
                doc.insert(place.section.into(), Json::Array(rows));
                if let Some(entity) = place.entity {
                    log.extend(linked_entries(conn, place, entity, id, &keys)?);
                }
            }
        }
    }
    doc.insert("mentions".into(), Json::Array(mentions));
    if let Some(place) = log_place {
        let ids = Json::from(log.into_iter().collect::<Vec<_>>());
        let rows = rows_json(conn, place.rows, params![id, ids.to_string()])?;
        doc.insert(place.section.into(), Json::Array(rows));
    }
    Ok(Json::Object(doc))
}
