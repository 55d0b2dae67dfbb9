//! Erasure: a person's name, email and notes removed from every record and from the change
//! log, freed space overwritten and the write-ahead log emptied.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::{Value as Json, json};

use super::{ENTITY, get, resolve};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::Person;
use crate::service::changes::{self, Action};

/// The append-only triggers of the change log, exactly as `schema.sql` creates them: erasure
/// lifts them for its own transaction only, and puts them back before it commits.
const LOG_TRIGGERS: &str = "CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;";

/// A person erased, and whether the write-ahead log could be emptied at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Forgotten {
    pub person: Person,
    pub wal_cleared: bool,
}

/// The JSON form of a string, as the change log writes it (`"a \"b\""`).
fn json_text(s: &str) -> String {
    Json::String(s.to_string()).to_string()
}

/// Every name, email and note the person's own change-log entries hold, old and new.
fn logged_identities(tx: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx
        .prepare("SELECT fields FROM changes WHERE entity = 'person' AND entity_id = ?1")
        .context("cannot read the change log")?;
    let fields = stmt
        .query_map([id], |r| r.get::<_, String>(0))
        .context("cannot read the change log")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot read the change log")?;
    let mut out: Vec<String> = Vec::new();
    for text in fields {
        let Ok(Json::Object(map)) = serde_json::from_str::<Json>(&text) else {
            continue;
        };
        for key in ["name", "email", "notes"] {
            let values = match map.get(key) {
                Some(Json::Array(pair)) => pair.clone(),
                Some(v) => vec![v.clone()],
                None => Vec::new(),
            };
            for v in values {
                if let Json::String(s) = v
                    && !s.is_empty()
                    && !out.contains(&s)
                {
                    out.push(s);
                }
            }
        }
    }
    Ok(out)
}

/// Erases a person inside the caller's transaction; see [`forget`].
fn erase(tx: &Connection, person: &Person, today: NaiveDate) -> Result<Person> {
    let id = person.id;
    let placeholder = format!("former participant #{id}");
    let mut identities = logged_identities(tx, id)?;
    for s in [
        Some(&person.name),
        person.email.as_ref(),
        person.notes.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        if !identities.contains(s) {
            identities.push(s.clone());
        }
    }
    tx.execute_batch("DROP TRIGGER changes_no_update; DROP TRIGGER changes_no_delete;")
        .context("cannot open the change log for erasure")?;
    // The person's own entries: every name, email and note, old and new, goes.
    tx.execute(
        "UPDATE changes SET fields = json_set(fields, '$.name', ?2)
         WHERE entity = 'person' AND entity_id = ?1 AND json_type(fields, '$.name') IS NOT NULL",
        params![id, placeholder],
    )
    .context("cannot erase the change log")?;
    for key in ["email", "notes"] {
        tx.execute(
            &format!(
                "UPDATE changes SET fields = json_set(fields, '$.{key}', NULL)
                 WHERE entity = 'person' AND entity_id = ?1 AND json_type(fields, '$.{key}') IS NOT NULL"
            ),
            [id],
        )
        .context("cannot erase the change log")?;
    }
    // Elsewhere in the log (a project's lead, a partner's name) and in the lists of
    // reviewers, the exact names and emails are replaced.
    for s in &identities {
        let replacement = if s.contains('@') || Some(s) == person.notes.as_ref() {
            "null".to_string()
        } else {
            json_text(&placeholder)
        };
        tx.execute(
            "UPDATE changes SET fields = replace(fields, ?1, ?2) WHERE instr(fields, ?1) > 0",
            params![json_text(s), replacement],
        )
        .context("cannot erase the change log")?;
        tx.execute(
            "UPDATE reviews SET reviewers = replace(reviewers, ?1, ?2) WHERE instr(reviewers, ?1) > 0",
            params![json_text(s), json_text(&placeholder)],
        )
        .context("cannot erase the reviewers")?;
        // In free text, only what cannot be mistaken for an ordinary word: an email, or a
        // name of two words or more.
        if s.contains('@') || s.trim().contains(' ') {
            // Inside the log's JSON strings, as JSON writes them.
            let inner = |t: &str| {
                let quoted = json_text(t);
                quoted[1..quoted.len() - 1].to_string()
            };
            tx.execute(
                "UPDATE changes SET fields = replace(fields, ?1, ?2) WHERE instr(fields, ?1) > 0",
                params![inner(s), inner(&placeholder)],
            )
            .context("cannot erase the change log")?;
            for (table, column) in [
                ("reviews", "went_well"),
                ("reviews", "to_change"),
                ("reviews", "lessons"),
                ("review_scores", "evidence"),
                ("review_outcomes", "evidence"),
                ("contributions", "note"),
                ("data_requests", "note"),
                ("project_status_history", "note"),
                ("projects", "summary"),
            ] {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET {column} = replace({column}, ?1, ?2)
                         WHERE instr({column}, ?1) > 0"
                    ),
                    params![s, placeholder],
                )
                .context("cannot erase free text")?;
            }
        }
    }
    tx.execute_batch(LOG_TRIGGERS)
        .context("cannot close the change log after erasure")?;
    tx.execute(
        "DELETE FROM person_characteristics WHERE person_id = ?1",
        [id],
    )
    .context("cannot erase the characteristics")?;
    tx.execute(
        "UPDATE people SET name = ?2, email = NULL, notes = NULL, erased_on = ?3,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![id, placeholder, today],
    )
    .context("cannot erase the person")?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Update,
        &json!({ "erased_on": today }),
    )?;
    get(tx, id)
}

/// Overwrites freed space with zeros and empties the write-ahead log, so erased text is in
/// neither the database file nor its `-wal` file. Returns whether the log was emptied (another
/// reader can hold it; it is emptied at the next checkpoint then).
fn scrub_files(conn: &Connection) -> Result<bool> {
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .context("cannot checkpoint the database")?;
    Ok(busy == 0)
}

/// Erases the person `key` names: their name, email and notes are removed everywhere (the
/// change log included) and they become "former participant #N"; their characteristics are
/// deleted; their roles, hours and payments stay, so counts of participation stay right.
/// Freed space is zeroed (`secure_delete`) and the write-ahead log emptied.
///
/// Errors: as [`resolve`]; `Conflict` when the person was erased already.
pub fn forget(conn: &mut Connection, key: &str, today: NaiveDate) -> Result<Forgotten> {
    conn.execute_batch("PRAGMA secure_delete = ON;")
        .context("cannot turn on secure delete")?;
    let tx = begin_write(conn)?;
    let person = resolve(&tx, key)?;
    if let Some(on) = person.erased_on {
        return Err(Error::Conflict(format!(
            "{} was erased already, on {on}",
            person.name
        )));
    }
    let erased = erase(&tx, &person, today)?;
    tx.commit().context("cannot save the erasure")?;
    let wal_cleared = scrub_files(conn)?;
    Ok(Forgotten {
        person: erased,
        wal_cleared,
    })
}
