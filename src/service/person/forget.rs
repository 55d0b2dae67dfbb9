//! Forgetting a person (`spm person forget`): their name, email and notes removed from every
//! place in [`PLACES`], the change log included; then freed space overwritten and the
//! write-ahead log emptied.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::json;

use super::places::{By, OnForget, PLACES, Place, naming};
use super::rights::close_erasure_requests;
use super::scrub::Scrub;
use super::{ENTITY, get, resolve};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result, from_sqlite};
use crate::model::Person;
use crate::service::changes::{self, Action};

/// How the clean-up after forgetting went. It runs once the person is saved as forgotten,
/// so they stay forgotten whatever happens here.
#[derive(Debug)]
pub enum Cleanup {
    /// Freed space in the file overwritten and the write-ahead log emptied.
    Done,
    /// Not finished, and why: until it is, the forgotten text can still be in the database
    /// file or its write-ahead log. Running [`forget`] again on the person finishes it.
    Unfinished(Error),
}

/// The outcome of [`forget`]: the person as they are now, whether this call forgot them
/// (or they were forgotten already and only the clean-up ran again), how the clean-up went,
/// and the open projects they still lead (which need a new lead).
#[derive(Debug)]
pub struct Forgotten {
    pub person: Person,
    pub forgotten_now: bool,
    pub cleanup: Cleanup,
    pub open_leads: Vec<String>,
}

/// Replaces the person's names and emails at a text place, row by row. Rows are updated by
/// value, not rowid: some tables have none (WITHOUT ROWID), and equal texts get the same
/// replacement anyway.
fn scrub_place(tx: &Connection, place: &Place, scrub: &Scrub) -> Result<()> {
    let mut update = tx
        .prepare(&format!(
            "UPDATE {table} SET {column} = ?2 WHERE {column} = ?1",
            table = place.table,
            column = place.column
        ))
        .context("cannot remove the person's name")?;
    let mut done = HashSet::new();
    for named in naming(tx, place, scrub)? {
        if done.insert(named.text.clone()) {
            update
                .execute(params![named.text, named.scrubbed])
                .context("cannot remove the person's name")?;
        }
    }
    Ok(())
}

/// Scrubs the change log, through its own writer: the person's own entries lose every name,
/// email and note, old and new; every other entry loses the names and emails it mentions.
fn scrub_log(tx: &Connection, place: &Place, scrub: &Scrub, id: i64) -> Result<()> {
    let log = changes::Rewrite::open(tx)?;
    log.blank_person(id, &scrub.placeholder)?;
    let mut done = HashSet::new();
    for named in naming(tx, place, scrub)? {
        if done.insert(named.text.clone()) {
            log.replace(&named.text, &named.scrubbed)?;
        }
    }
    log.close()
}

/// Forgets a person inside the caller's transaction, place by place; see [`forget`].
fn forget_in(tx: &Connection, person: &Person, today: NaiveDate) -> Result<Person> {
    let id = person.id;
    // Read before anything changes: the names in the person's own log entries go too.
    let scrub = Scrub::of(tx, person)?;
    for place in PLACES {
        match (place.on_forget, place.by) {
            (OnForget::Keep, _) => {}
            (OnForget::Delete, _) => {
                tx.execute(
                    &format!("DELETE FROM {} WHERE {} = ?1", place.table, place.column),
                    [id],
                )
                .context("cannot remove the person's records")?;
            }
            (OnForget::Scrub, By::Log) => scrub_log(tx, place, &scrub, id)?,
            (OnForget::Scrub, _) => scrub_place(tx, place, &scrub)?,
            (OnForget::Anonymise, _) => {
                tx.execute(
                    // No public page names a forgotten person: the consent to be named goes.
                    "UPDATE people SET name = ?2, email = NULL, notes = NULL, erased_on = ?3,
                        consent_to_name = NULL,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id = ?1",
                    params![id, scrub.placeholder, today],
                )
                .context("cannot forget the person")?;
            }
        }
    }
    // Forgetting them answers any open erasure request of theirs.
    close_erasure_requests(tx, id, today)?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Update,
        &json!({ "erased_on": today }),
    )?;
    get(tx, id)
}

/// Overwrites freed space and empties the write-ahead log, so forgotten text is in neither
/// the database file nor its `-wal` file. Each step is tried even when the other fails: the
/// checkpoint alone still overwrites the pages that forgetting changed.
fn clean_up(conn: &Connection) -> Cleanup {
    // VACUUM rewrites every page, so no old copy of a row (left by an earlier edit, before
    // secure_delete was on) survives in free space.
    let vacuum = conn
        .execute_batch("VACUUM;")
        .map_err(|e| from_sqlite("cannot compact the database", e));
    let checkpoint = match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(0) => Ok(()),
        // A reader still using old pages of the log, after the busy timeout.
        Ok(_) => Err(Error::Busy(
            "another program is reading the database, so its write-ahead log cannot be emptied yet"
                .into(),
        )),
        Err(e) => Err(from_sqlite("cannot empty the write-ahead log", e)),
    };
    match vacuum.and(checkpoint) {
        Ok(()) => Cleanup::Done,
        Err(e) => Cleanup::Unfinished(e),
    }
}

/// The error of a clean-up that still cannot finish for a person forgotten earlier: the same
/// kind (so the exit code says busy, full or damaged), prefixed with what was asked.
fn still_unfinished(person: &Person, on: NaiveDate, cause: Error) -> Error {
    let said = format!(
        "{} was forgotten already, on {on}, but the clean-up after it still cannot finish",
        person.name
    );
    match cause {
        Error::Busy(m) => Error::Busy(format!("{said}: {m}")),
        Error::Io(m) => Error::Io(format!("{said}: {m}")),
        Error::Permission(m) => Error::Permission(format!("{said}: {m}")),
        Error::BadDatabase(m) => Error::BadDatabase(format!("{said}: {m}")),
        Error::Database { context, cause } => Error::Database {
            context: format!("{said}: {context}"),
            cause,
        },
        other => Error::Conflict(format!("{said}: {other}")),
    }
}

/// Forgets the person `key` names: their name, email and notes are removed from every place
/// in [`PLACES`] (the change log included) and they become "former participant #N"; their
/// characteristics are deleted; their roles, hours and payments stay, so counts of
/// participation stay right. Then freed space is overwritten and the write-ahead log
/// emptied; a clean-up that fails leaves them forgotten and says why in
/// [`Forgotten::cleanup`]. For a person forgotten already, only the clean-up runs again.
///
/// Errors: as [`resolve`]; for a person forgotten already, the clean-up's own failure (`Busy`
/// while another program reads the database, `Io` for a full disk, `BadDatabase` for a
/// damaged file), with nothing changed.
pub fn forget(conn: &mut Connection, key: &str, today: NaiveDate) -> Result<Forgotten> {
    conn.execute_batch("PRAGMA secure_delete = ON;")
        .context("cannot turn on secure delete")?;
    let tx = begin_write(conn)?;
    let person = resolve(&tx, key)?;
    let open_leads = open_leads(&tx, person.id)?;
    if let Some(on) = person.erased_on {
        tx.rollback().context("cannot end the look-up")?;
        return match clean_up(conn) {
            Cleanup::Done => Ok(Forgotten {
                person,
                forgotten_now: false,
                cleanup: Cleanup::Done,
                open_leads,
            }),
            Cleanup::Unfinished(e) => Err(still_unfinished(&person, on, e)),
        };
    }
    let forgotten = forget_in(&tx, &person, today)?;
    tx.commit().context("cannot save the forgotten record")?;
    Ok(Forgotten {
        person: forgotten,
        forgotten_now: true,
        cleanup: clean_up(conn),
        open_leads,
    })
}

/// Forgets several people in one transaction (for retention), skipping any forgotten
/// already, then cleans up the files once. Returns the people forgotten now, and how the
/// clean-up went (a failure there leaves them forgotten; [`forget`] on any of them finishes
/// it).
///
/// Errors: `NotFound` for an unknown id; nobody is forgotten then.
pub fn forget_all(
    conn: &mut Connection,
    ids: &[i64],
    today: NaiveDate,
) -> Result<(Vec<Person>, Cleanup)> {
    conn.execute_batch("PRAGMA secure_delete = ON;")
        .context("cannot turn on secure delete")?;
    let tx = begin_write(conn)?;
    let mut forgotten = Vec::new();
    for id in ids {
        let person = get(&tx, *id)?;
        if person.erased_on.is_none() {
            forgotten.push(forget_in(&tx, &person, today)?);
        }
    }
    tx.commit().context("cannot save the forgotten records")?;
    Ok((forgotten, clean_up(conn)))
}

/// The codes of the projects still open (proposed, active, paused) that `id` leads.
fn open_leads(tx: &Connection, id: i64) -> Result<Vec<String>> {
    rows(
        tx,
        "cannot read the projects they lead",
        "SELECT code FROM projects WHERE lead_id = ?1
         AND status IN ('proposed', 'active', 'paused') ORDER BY code",
        [id],
        |r| r.get(0),
    )
}
