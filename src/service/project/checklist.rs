//! The start-of-project checklist: practical tips for starting a partnership and what the
//! adopted principles ask for at the start. The built-in points ship in
//! `data/checklist.json`; the institution adds its own (`checklist_points`). The one writer
//! of `checklist_points` and `project_checklist`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::{ENTITY, get};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::Project;
use crate::model::enums::parse_choice;
use crate::service::changes::{self, Action};
use crate::service::{clean_long_text, clean_text};

const BUILTIN: &str = include_str!("../../../data/checklist.json");

/// One point of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Point {
    pub key: String,
    pub words: String,
}

#[derive(Deserialize)]
struct Seed {
    points: Vec<Point>,
}

/// A point as it stands for one project: ticked on a day with a note, or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub point: Point,
    pub ticked_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Every point: the built-in ones in their order, then the institution's by key.
///
/// Errors: `Database` when the institution's points cannot be read.
pub fn points(conn: &Connection) -> Result<Vec<Point>> {
    let seed: Seed = serde_json::from_str(BUILTIN)
        .map_err(|e| Error::Invalid(format!("the built-in checklist is malformed: {e}")))?;
    let mut out = seed.points;
    let own = conn
        .prepare("SELECT key, words FROM checklist_points ORDER BY key")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| {
                Ok(Point {
                    key: r.get(0)?,
                    words: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })
        .context("cannot read the checklist's points")?;
    out.extend(own);
    Ok(out)
}

/// Project `code`'s checklist, every point with its tick if it has one.
///
/// Errors: `NotFound`; `Database`.
pub fn checklist(conn: &Connection, code: &str) -> Result<(Project, Vec<Item>)> {
    let project = get(conn, code)?;
    let mut items = Vec::new();
    for point in points(conn)? {
        let tick = tick_of(conn, project.id, &point.key)?;
        items.push(Item {
            point,
            ticked_on: tick.as_ref().map(|t| t.0),
            note: tick.and_then(|t| t.1),
        });
    }
    Ok((project, items))
}

/// How many points are ticked for `project`, of how many.
///
/// Errors: `Database`.
pub fn progress(conn: &Connection, project: &Project) -> Result<(usize, usize)> {
    let all = points(conn)?;
    let mut ticked = 0;
    for p in &all {
        if tick_of(conn, project.id, &p.key)?.is_some() {
            ticked += 1;
        }
    }
    Ok((ticked, all.len()))
}

fn tick_of(
    conn: &Connection,
    project_id: i64,
    key: &str,
) -> Result<Option<(NaiveDate, Option<String>)>> {
    conn.query_row(
        "SELECT ticked_on, note FROM project_checklist WHERE project_id = ?1 AND key = ?2",
        params![project_id, key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .context("cannot read the checklist")
}

/// The point named `key` (any case), or an `Invalid` error with the closest key.
fn point(conn: &Connection, key: &str) -> Result<Point> {
    let all = points(conn)?;
    let keys: Vec<&str> = all.iter().map(|p| p.key.as_str()).collect();
    let i = parse_choice(key, "checklist point", &keys)?;
    Ok(all[i].clone())
}

/// Ticks point `key` for project `code` on `on`, with a note; returns the project and the
/// point. Ticking again replaces the day and the note.
///
/// Errors: `NotFound`; `Invalid` for an unknown key, a day after `today`, a bad note, or a
/// tick that changes nothing.
pub fn tick(
    conn: &mut Connection,
    code: &str,
    key: &str,
    on: NaiveDate,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<(Project, Point)> {
    let tx = begin_write(conn)?;
    let project = get(&tx, code)?;
    let point = point(&tx, key)?;
    if on > today {
        return Err(Error::Invalid(format!(
            "{on} is in the future; a point is ticked on the day it was done"
        )));
    }
    let note = clean_long_text("note", note)?;
    let old = tick_of(&tx, project.id, &point.key)?;
    let new = (on, note);
    if old.as_ref() == Some(&new) {
        return Err(Error::Invalid(format!(
            "{:?} is already ticked for {} on {on}; nothing was changed",
            point.key, project.code
        )));
    }
    tx.execute(
        "INSERT INTO project_checklist (project_id, key, ticked_on, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (project_id, key) DO UPDATE SET ticked_on = excluded.ticked_on,
            note = excluded.note",
        params![project.id, point.key, new.0, new.1],
    )
    .context("cannot save the checklist")?;
    changes::record(
        &tx,
        ENTITY,
        project.id,
        Action::Update,
        &json!({ format!("checklist {}", point.key): [view(old.as_ref()), view(Some(&new))] }),
    )?;
    tx.commit().context("cannot save the checklist")?;
    Ok((project, point))
}

/// Unticks point `key` for project `code`.
///
/// Errors: `NotFound`; `Invalid` for an unknown key or one that is not ticked.
pub fn untick(conn: &mut Connection, code: &str, key: &str) -> Result<(Project, Point)> {
    let tx = begin_write(conn)?;
    let project = get(&tx, code)?;
    let point = point(&tx, key)?;
    let Some(old) = tick_of(&tx, project.id, &point.key)? else {
        return Err(Error::Invalid(format!(
            "{:?} is not ticked for {}; nothing was changed",
            point.key, project.code
        )));
    };
    tx.execute(
        "DELETE FROM project_checklist WHERE project_id = ?1 AND key = ?2",
        params![project.id, point.key],
    )
    .context("cannot save the checklist")?;
    changes::record(
        &tx,
        ENTITY,
        project.id,
        Action::Update,
        &json!({ format!("checklist {}", point.key): [view(Some(&old)), Json::Null] }),
    )?;
    tx.commit().context("cannot save the checklist")?;
    Ok((project, point))
}

/// Adds the institution's own point `key` with its words.
///
/// Errors: `Invalid` for a key that is not lower-case letters, digits and hyphens (up to
/// 40), blank words, or a key already in use.
pub fn add_point(conn: &mut Connection, key: &str, words: &str) -> Result<Point> {
    let key = key.trim().to_ascii_lowercase();
    if key.is_empty()
        || key.len() > 40
        || !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::Invalid(format!(
            "checklist key {key:?} must be 1 to 40 lower-case letters, digits and hyphens"
        )));
    }
    let Some(words) = clean_text("words", Some(words))? else {
        return Err(Error::Invalid(
            "a checklist point needs its words, e.g. \"Students are paid for their time\"".into(),
        ));
    };
    let tx = begin_write(conn)?;
    if points(&tx)?.iter().any(|p| p.key == key) {
        return Err(Error::Invalid(format!(
            "the checklist already has a point {key:?}; choose another key"
        )));
    }
    tx.execute(
        "INSERT INTO checklist_points (key, words) VALUES (?1, ?2)",
        params![key, words],
    )
    .context("cannot save the checklist point")?;
    changes::record(
        &tx,
        "setting",
        0,
        Action::Insert,
        &json!({ format!("checklist point {key}"): [Json::Null, words] }),
    )?;
    tx.commit().context("cannot save the checklist point")?;
    Ok(Point { key, words })
}

fn view(tick: Option<&(NaiveDate, Option<String>)>) -> Json {
    match tick {
        None => Json::Null,
        Some((on, None)) => json!(on.to_string()),
        Some((on, Some(note))) => json!(format!("{on}: {note}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::database::open_in_memory;

    #[test]
    fn the_built_in_points_load() -> anyhow::Result<()> {
        let conn = open_in_memory()?;
        let all = points(&conn)?;
        assert_eq!(all.len(), 11);
        assert!(all.iter().any(|p| p.key == "barriers-considered"));
        Ok(())
    }
}
