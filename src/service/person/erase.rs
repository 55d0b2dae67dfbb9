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

/// A person erased, whether the write-ahead log could be emptied at once, and the open
/// projects they still lead (which need a new lead).
#[derive(Debug, Clone, PartialEq)]
pub struct Forgotten {
    pub person: Person,
    pub wal_cleared: bool,
    pub open_leads: Vec<String>,
}

/// Every name and email the person's own change-log entries hold, old and new.
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
        for key in ["name", "email"] {
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

/// Whether `text[at..]` starts with `word`, comparing letters whatever their case.
fn starts_with_caseless(text: &str, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = text.chars();
    for w in word.chars() {
        let c = chars.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// Replaces every whole-word occurrence of `word` in `text` (any case) with `with`: "Zed
/// Quux" is replaced in "met Zed Quux." but not in "Zed Quuxley".
pub(crate) fn replace_words(text: &str, word: &str, with: &str) -> Option<String> {
    if word.trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut changed = false;
    let mut before: Option<char> = None;
    while i < text.len() {
        let rest = &text[i..];
        if !before.is_some_and(char::is_alphanumeric)
            && let Some(len) = starts_with_caseless(rest, word)
            && !rest[len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            out.push_str(with);
            before = word.chars().last();
            i += len;
            changed = true;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        before = Some(c);
        i += c.len_utf8();
    }
    changed.then_some(out)
}

/// What identifies the person in text, and what replaces it.
struct Scrub {
    /// Names and emails, matched as whole values or whole words.
    identities: Vec<String>,
    placeholder: String,
}

impl Scrub {
    /// The text with every identity replaced, or `None` when there is none in it. A value
    /// that is exactly an email, like a name, becomes the placeholder.
    fn text(&self, text: &str) -> Option<String> {
        let mut current: Option<String> = None;
        for id in &self.identities {
            let base = current.as_deref().unwrap_or(text);
            if let Some(next) = replace_words(base, id, &self.placeholder) {
                current = Some(next);
            }
        }
        current
    }

    /// Walks JSON, replacing identities in every string; returns whether anything changed.
    fn json(&self, value: &mut Json) -> bool {
        match value {
            Json::String(s) => match self.text(s) {
                Some(t) => {
                    *s = t;
                    true
                }
                None => false,
            },
            Json::Array(items) => items.iter_mut().fold(false, |acc, v| self.json(v) | acc),
            Json::Object(map) => map.values_mut().fold(false, |acc, v| self.json(v) | acc),
            _ => false,
        }
    }
}

/// Replaces identities in one text column of a table, row by row (the search in SQL is a
/// case-insensitive prefilter; the whole-word check is made here).
fn scrub_column(
    tx: &Connection,
    scrub: &Scrub,
    table: &str,
    column: &str,
    json: bool,
) -> Result<()> {
    let mut select = tx
        .prepare(&format!(
            "SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL
             AND ({})",
            vec![format!("instr(lower({column}), lower(?)) > 0"); scrub.identities.len()]
                .join(" OR ")
        ))
        .context("cannot search for the person's name")?;
    let rows = select
        .query_map(rusqlite::params_from_iter(scrub.identities.iter()), |r| {
            r.get::<_, String>(0)
        })
        .context("cannot search for the person's name")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot search for the person's name")?;
    // By value, not rowid: some tables have none (WITHOUT ROWID), and equal texts get
    // the same replacement anyway.
    let mut update = tx
        .prepare(&format!(
            "UPDATE {table} SET {column} = ?2 WHERE {column} = ?1"
        ))
        .context("cannot erase the person's name")?;
    for text in rows {
        let new = if json {
            match serde_json::from_str::<Json>(&text) {
                Ok(mut v) => scrub.json(&mut v).then(|| v.to_string()),
                Err(_) => scrub.text(&text),
            }
        } else {
            scrub.text(&text)
        };
        if let Some(new) = new {
            update
                .execute(params![text, new])
                .context("cannot erase the person's name")?;
        }
    }
    Ok(())
}

/// Erases a person inside the caller's transaction; see [`forget`].
fn erase(tx: &Connection, person: &Person, today: NaiveDate) -> Result<Person> {
    let id = person.id;
    let placeholder = format!("former participant #{id}");
    let mut identities = logged_identities(tx, id)?;
    for s in [Some(&person.name), person.email.as_ref()]
        .into_iter()
        .flatten()
    {
        if !identities.iter().any(|i| i.eq_ignore_ascii_case(s)) {
            identities.push(s.clone());
        }
    }
    // Notes go from the person's own entries only (below): a note ("TBC") can be anyone's
    // words, so it is never searched for elsewhere.
    // Longest first, so "Amira K. Hassan" goes before "Amira".
    identities.sort_by_key(|i| std::cmp::Reverse(i.chars().count()));
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
    // Everywhere else, whole-word mentions of the names and emails: in the change log (a
    // project's lead, a review's reflections), the lists of reviewers and free text.
    let scrub = Scrub {
        identities,
        placeholder: placeholder.clone(),
    };
    if !scrub.identities.is_empty() {
        scrub_column(tx, &scrub, "changes", "fields", true)?;
        scrub_column(tx, &scrub, "reviews", "reviewers", true)?;
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
            ("recommendations", "finding"),
            ("recommendations", "recommendation"),
            ("recommendations", "response"),
            ("recommendations", "channel"),
            ("recommendation_history", "response"),
            ("panel_sessions", "question"),
            ("panel_insights", "text"),
            ("fund_applications", "decision_note"),
            ("fund_spend", "note"),
            ("priority_objectives", "objective"),
        ] {
            scrub_column(tx, &scrub, table, column, false)?;
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
    // The erasure answers any open request to erase them.
    tx.execute(
        "UPDATE data_requests SET closed_on = ?2
         WHERE person_id = ?1 AND kind = 'erasure' AND closed_on IS NULL",
        params![id, today],
    )
    .context("cannot close the erasure request")?;
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
    // VACUUM rewrites every page, so no old copy of a row (left by an earlier edit, before
    // secure_delete was on) survives in free space.
    conn.execute_batch("VACUUM;")
        .context("cannot compact the database after erasure")?;
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
    let open_leads = open_leads(&tx, person.id)?;
    tx.commit().context("cannot save the erasure")?;
    let wal_cleared = scrub_files(conn)?;
    Ok(Forgotten {
        person: erased,
        wal_cleared,
        open_leads,
    })
}

/// Erases several people in one transaction (for retention), then scrubs the files once.
///
/// Errors: `NotFound` for an unknown id; nothing is erased then.
pub fn forget_all(conn: &mut Connection, ids: &[i64], today: NaiveDate) -> Result<Vec<Forgotten>> {
    conn.execute_batch("PRAGMA secure_delete = ON;")
        .context("cannot turn on secure delete")?;
    let tx = begin_write(conn)?;
    let mut erased = Vec::new();
    for id in ids {
        let person = get(&tx, *id)?;
        if person.erased_on.is_some() {
            continue;
        }
        let gone = erase(&tx, &person, today)?;
        erased.push((gone, open_leads(&tx, *id)?));
    }
    tx.commit().context("cannot save the erasure")?;
    let wal_cleared = scrub_files(conn)?;
    Ok(erased
        .into_iter()
        .map(|(person, open_leads)| Forgotten {
            person,
            wal_cleared,
            open_leads,
        })
        .collect())
}

/// The codes of the projects still open (proposed, active, paused) that `id` leads.
fn open_leads(tx: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx
        .prepare_cached(
            "SELECT code FROM projects WHERE lead_id = ?1
             AND status IN ('proposed', 'active', 'paused') ORDER BY code",
        )
        .context("cannot read the projects they lead")?;
    let rows = stmt
        .query_map([id], |r| r.get(0))
        .context("cannot read the projects they lead")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .context("cannot read the projects they lead")
}
