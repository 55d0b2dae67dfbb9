//! The append-only change log: who changed what and when.

use rusqlite::types::ToSql;
use rusqlite::{Connection, params};
use serde_json::{Map, Value as Json};

use crate::db::{insert_many, rows};
use crate::error::{Context, Result};
use crate::model::Change;

/// Who the change log says makes the changes on a connection: the edge names them once
/// (`set_actor`, the cli from `SPM_USER` or the login), and every entry written on that
/// connection, in any transaction, carries the name. A connection given none logs
/// [`UNKNOWN_ACTOR`].
pub use crate::db::{UNKNOWN_ACTOR, actor, set_actor};

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Insert,
    Update,
    Delete,
}

impl Action {
    /// Every action, as the change log's CHECK lists them.
    #[cfg(test)]
    pub(crate) const ALL: [Action; 3] = [Action::Insert, Action::Update, Action::Delete];

    /// The word the change log stores.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// Appends one entry to the change log, inside the caller's transaction, by the
/// connection's [`actor`].
pub fn record(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    action: Action,
    fields: &Json,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO changes (actor, entity, entity_id, action, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            actor(conn),
            entity,
            entity_id,
            action.as_str(),
            fields.to_string()
        ])
    })
    .context("cannot write the change log")?;
    Ok(())
}

/// Which triggers [`lift_triggers`] takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Triggers {
    /// The change log's own: those that keep it append-only.
    ChangeLog,
    /// Every trigger of the database (a restore, which must fire none).
    All,
}

/// Triggers taken off for the caller's transaction, kept as `sqlite_master` holds them, so
/// that [`Lifted::put_back`] makes them again exactly as they were.
#[must_use = "lifted triggers must be put back before the transaction commits"]
#[derive(Debug)]
pub struct Lifted {
    sql: Vec<String>,
}

/// Drops `which` triggers inside the caller's transaction, read from the schema itself (so
/// nothing keeps a copy of them that could drift from `schema.sql`). The caller puts them
/// back with [`Lifted::put_back`] before it commits; a rollback restores them anyway.
///
/// Errors: SQLite's own, for the caller to give its context.
pub fn lift_triggers(conn: &Connection, which: Triggers) -> rusqlite::Result<Lifted> {
    let found: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'trigger' AND sql IS NOT NULL AND (?1 OR tbl_name = 'changes')",
        )?
        .query_map([which == Triggers::All], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &found {
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(Lifted {
        sql: found.into_iter().map(|(_, sql)| sql).collect(),
    })
}

impl Lifted {
    /// Creates the lifted triggers again, as they were.
    ///
    /// Errors: SQLite's own, for the caller to give its context.
    pub fn put_back(self, conn: &Connection) -> rusqlite::Result<()> {
        self.sql.iter().try_for_each(|sql| conn.execute_batch(sql))
    }
}

/// The change log opened for rewriting inside the caller's transaction: the one write to it
/// besides appending, made when a person is forgotten (`service::person::forget`). Its
/// append-only triggers are lifted until [`Rewrite::close`] puts them back; a rollback
/// restores them anyway.
#[must_use = "the change log must be closed before the transaction commits"]
#[derive(Debug)]
pub(crate) struct Rewrite<'c> {
    conn: &'c Connection,
    lifted: Lifted,
}

impl<'c> Rewrite<'c> {
    /// Opens the change log of `conn`'s transaction for rewriting.
    ///
    /// Errors: `Database` when its triggers cannot be lifted.
    pub(crate) fn open(conn: &'c Connection) -> Result<Rewrite<'c>> {
        let lifted = lift_triggers(conn, Triggers::ChangeLog)
            .context("cannot open the change log to forget the person")?;
        Ok(Rewrite { conn, lifted })
    }

    /// Takes person `id`'s own details out of their entries, old and new values alike: the
    /// name becomes `placeholder`, the email and notes none.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn blank_person(&self, id: i64, placeholder: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE changes SET fields = json_set(fields, '$.name', ?2)
                 WHERE entity = 'person' AND entity_id = ?1 AND json_type(fields, '$.name') IS NOT NULL",
                params![id, placeholder],
            )
            .context("cannot remove the person from the change log")?;
        for key in ["email", "notes"] {
            self.conn
                .execute(
                    &format!(
                        "UPDATE changes SET fields = json_set(fields, '$.{key}', NULL)
                         WHERE entity = 'person' AND entity_id = ?1 AND json_type(fields, '$.{key}') IS NOT NULL"
                    ),
                    [id],
                )
                .context("cannot remove the person from the change log")?;
        }
        Ok(())
    }

    /// Gives every entry whose fields are exactly `old` the fields `new` instead.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn replace(&self, old: &str, new: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE changes SET fields = ?2 WHERE fields = ?1")
            .and_then(|mut stmt| stmt.execute(params![old, new]))
            .context("cannot remove the person's name")?;
        Ok(())
    }

    /// Puts the change log's triggers back.
    ///
    /// Errors: `Database` when they cannot be made again.
    pub(crate) fn close(self) -> Result<()> {
        self.lifted
            .put_back(self.conn)
            .context("cannot close the change log after forgetting the person")
    }
}

/// Appends an insert entry by the connection's [`actor`] for each of `entries` (a record's id
/// and the entry's fields, JSON text), in order, by multi-row INSERTs: what a bulk writer
/// logs.
///
/// Errors: `Database` when the write fails.
pub(crate) fn record_inserts(
    conn: &Connection,
    entity: &str,
    entries: &[(i64, &str)],
) -> Result<()> {
    let actor = actor(conn);
    let action = Action::Insert.as_str();
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(entries.len() * 5);
    for (id, fields) in entries {
        values.extend_from_slice(&[&actor as &dyn ToSql, &entity, id, &action, fields]);
    }
    insert_many(
        conn,
        "INSERT INTO changes (actor, entity, entity_id, action, fields) VALUES ",
        5,
        &values,
    )
    .context("cannot write the change log")
}

/// The id of the latest entry in the change log (0 when it is empty). The log is
/// append-only, so the number never falls: it rises with every change written.
///
/// Errors: `Database` when the log cannot be read.
pub fn latest(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM changes", [], |r| r.get(0))
        .context("cannot read the change log")
}

/// The fields that differ between two serialised records, as `{field: [old, new]}`.
/// Fields in `skip` (ids, timestamps) are ignored.
pub fn diff(old: &Json, new: &Json, skip: &[&str]) -> Map<String, Json> {
    let mut out = Map::new();
    if let (Json::Object(a), Json::Object(b)) = (old, new) {
        for (key, new_value) in b {
            if skip.contains(&key.as_str()) {
                continue;
            }
            let old_value = a.get(key).unwrap_or(&Json::Null);
            if old_value != new_value {
                out.insert(
                    key.clone(),
                    Json::Array(vec![old_value.clone(), new_value.clone()]),
                );
            }
        }
    }
    out
}

/// A record serialised for the log, without the fields in `skip`.
pub fn snapshot(record: &impl serde::Serialize, skip: &[&str]) -> Json {
    match serde_json::to_value(record) {
        Ok(Json::Object(mut map)) => {
            for key in skip {
                map.remove(*key);
            }
            Json::Object(map)
        }
        Ok(other) => other,
        Err(e) => Json::String(format!("unrecorded: {e}")),
    }
}

/// The fields of the change-log entry of a record an import added: where it came from.
pub fn origin_fields(file: &str, line: u64) -> Json {
    serde_json::json!({ "imported_from": file, "line": line })
}

/// [`origin_fields`] as the text the change log stores, for the lines of one file: the text
/// up to the line number is made once, rather than a JSON object built and written for
/// every row (see benches/README.md).
#[derive(Debug, Clone)]
pub struct Origin {
    head: String,
}

impl Origin {
    /// The entries of the records imported from `file`.
    pub fn new(file: &str) -> Origin {
        Origin {
            head: format!("{{\"imported_from\":{},\"line\":", Json::from(file)),
        }
    }

    /// The text of `origin_fields(file, line)`.
    pub fn fields(&self, line: u64) -> String {
        format!("{}{line}}}", self.head)
    }
}

/// `imported from FILE, line N` for the entry [`origin_fields`] wrote, else `None`.
pub fn origin(fields: &Json) -> Option<String> {
    let file = fields.get("imported_from")?.as_str()?;
    match fields.get("line").and_then(Json::as_u64) {
        Some(line) => Some(format!("imported from {file}, line {line}")),
        None => Some(format!("imported from {file}")),
    }
}

/// The change log of one record, oldest first.
pub fn history(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Change>> {
    rows(
        conn,
        "cannot read the change log",
        "SELECT at, actor, action, fields FROM changes
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
        params![entity, entity_id],
        |r| {
            let fields: String = r.get(3)?;
            Ok(Change {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                fields: serde_json::from_str(&fields).unwrap_or(Json::String(fields)),
            })
        },
    )
}

/// The words for a changed field that a person reads (`level_achieved` is "achieved level"):
/// the change log keeps its stable keys, and shows these.
pub fn label(key: &str) -> String {
    match key {
        "level_planned" => "planned level".into(),
        "level_achieved" => "achieved level".into(),
        "academic_year" => "year".into(),
        "start_date" => "start".into(),
        "end_date" => "end".into(),
        "lead_email" => "lead's email".into(),
        "consent_given" => "consent".into(),
        "consent_expires" => "consent expires".into(),
        "consent_withdrawn" => "consent withdrawn".into(),
        "erased_on" => "forgotten on".into(),
        other => other.replace('_', " "),
    }
}

/// A change's fields in one line a person can read: `title: "A" → "B"; status: proposed → active`.
pub fn describe(change: &Change) -> String {
    let Json::Object(fields) = &change.fields else {
        return change.fields.to_string();
    };
    let show = |v: &Json| match v {
        Json::Null => "(none)".to_string(),
        Json::String(s) => s.clone(),
        Json::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| match (change.action.as_str(), v) {
            ("update", Json::Array(pair)) if pair.len() == 2 => {
                format!("{}: {} → {}", label(k), show(&pair[0]), show(&pair[1]))
            }
            _ => format!("{}: {}", label(k), show(v)),
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The triggers as the schema holds them: name, table and SQL.
    fn triggers(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String)>> {
        conn.prepare(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
    }

    #[test]
    fn lifted_triggers_come_back_exactly_as_they_were() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        conn.execute_batch(
            "CREATE TABLE other (x); CREATE TRIGGER \"other \"\"one\"\"\" BEFORE DELETE ON other
             BEGIN SELECT RAISE(ABORT, 'kept'); END;",
        )?;
        let before = triggers(&conn)?;
        assert!(before.iter().any(|t| t.1 == "changes"), "{before:?}");
        for which in [Triggers::ChangeLog, Triggers::All] {
            let tx = conn.transaction()?;
            record(&tx, "project", 1, Action::Insert, &serde_json::json!({}))?;
            let lifted = lift_triggers(&tx, which)?;
            // The change log can be rewritten now; other tables' triggers stay unless all go.
            tx.execute("UPDATE changes SET actor = 'x'", [])?;
            let left = triggers(&tx)?;
            assert!(left.iter().all(|t| t.1 != "changes"), "{left:?}");
            assert_eq!(left.is_empty(), which == Triggers::All, "{left:?}");
            lifted.put_back(&tx)?;
            assert_eq!(triggers(&tx)?, before);
            assert!(tx.execute("DELETE FROM changes", []).is_err());
            tx.commit()?;
        }
        Ok(())
    }

    /// Every entry names the connection's actor, whichever writer makes it: one record, a
    /// batch of people, a batch of projects.
    #[test]
    fn entries_name_the_actor_the_connection_was_given() -> anyhow::Result<()> {
        use crate::model::date::testing::day;
        use crate::model::{Form, Level};
        use crate::service::project::{self, NewProject};

        let mut conn = crate::service::database::open_in_memory()?;
        let today = day("2026-11-23");
        let new = |title| NewProject::new(title, Form::WiderExperience, Level::Partnership);
        let first = project::add(&mut conn, new("Library"), today)?.project;
        set_actor(&conn, "coordinator")?;
        let second = project::add(&mut conn, new("Careers"), today)?.project;
        let tx = conn.transaction()?;
        record(
            &tx,
            "project",
            first.id,
            Action::Update,
            &serde_json::json!({}),
        )?;
        record_inserts(&tx, "project", &[(second.id, "{}")])?;
        tx.commit()?;
        let by = |id| -> anyhow::Result<Vec<String>> {
            Ok(history(&conn, "project", id)?
                .into_iter()
                .map(|c| c.actor)
                .collect())
        };
        assert_eq!(by(first.id)?, [UNKNOWN_ACTOR, "coordinator"]);
        assert_eq!(by(second.id)?, ["coordinator", "coordinator"]);
        Ok(())
    }
}
