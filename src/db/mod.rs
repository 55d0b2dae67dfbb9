//! Opening the database: finding it, creating it with mode 0600, refusing files that are not
//! ours or that a newer spm wrote, setting the pragmas, and bringing the schema up to date.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior};

/// An open database connection (the SQLite handle the service layer works on).
pub use rusqlite::Connection;

use crate::error::{Context, Error, Result};

mod access;
mod actor;
#[cfg(test)]
pub(crate) mod drift;
mod files;
mod many;
mod migrations;
mod prepared;
mod reorder;
mod rows;
mod step7;
mod value_lists;

pub use access::Access;
pub use actor::{UNKNOWN_ACTOR, actor, set_actor};
use files::{check_header, create_file, owner_only};
pub use files::{create_private_dir, refuse_database, with_companions};
pub(crate) use many::{CHUNK, insert_many};
use migrations::foreign_keys;
pub use migrations::{MIGRATIONS, Migration};
pub(crate) use prepared::Prepared;
pub(crate) use rows::rows;

/// The current schema, whole: new databases are made from it.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// The schema version this spm writes (`PRAGMA user_version`).
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of an spm database: "SPM1" in ASCII.
pub const APPLICATION_ID: i64 = 0x5350_4d31;

/// How long a command waits for another writer before it gives up with "busy".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database file used when neither `--db` nor `$SPM_DB` names one: `spm.db` in the
/// platform's data directory (`~/.local/share/spm/spm.db` on Linux).
pub fn default_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "spm")
        .map(|dirs| dirs.data_dir().join("spm.db"))
        .ok_or_else(|| {
            Error::Usage(
                "cannot find a home directory for the database; give one with --db PATH or SPM_DB"
                    .into(),
            )
        })
}

/// An open, up-to-date database.
pub struct Opened {
    pub conn: Connection,
    /// Whether this call created the database (and so ran the first-use setup).
    pub created: bool,
}

/// What to do with an empty file found where the database should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyFile {
    /// Refuse it: it may be a database that something truncated, and `spm init` is the way
    /// to say it is to be a new one.
    Refuse,
    /// Make a new database in it (`spm init`).
    MakeDatabase,
}

/// Opens the database at `path` for `access`. For a write it is created on first use, with
/// file mode 0600 (and its folder, mode 0700, only when [`Access::Write`] says so); a read
/// never creates anything, and reads a database the user cannot write (see
/// [`Access::Read`]). `on_create` runs in the transaction that makes a new database, to load
/// built-in data. An empty file already there becomes a database only with
/// [`EmptyFile::MakeDatabase`]. A file this call made is removed again when the database
/// cannot be set up in it (a full disk), so a failed first command leaves no empty file behind.
/// The change log names `actor` for every change made on the connection, the first-use
/// setup's too (see [`set_actor`]).
///
/// Errors: `NotFound` for a read of a database that is not there, or of an SQLite file that
/// is not yet an spm database; `BadDatabase` for a file that is not an spm database, is from
/// a newer spm, or is empty and refused (the file is left as it was); `CannotCreate` when the
/// file cannot be made or its folder is missing (and not to be made); `Permission` when it
/// cannot be read, or cannot be written by a command that writes, or would need bringing up
/// to date to be read and cannot be written; `Database` when SQLite fails.
pub fn open(
    path: &Path,
    access: Access,
    empty: EmptyFile,
    actor: &str,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Opened> {
    // Only a file this call made is removed on failure, never one another spm made meanwhile.
    let made = match access {
        Access::Read => {
            if !files::exists(path)? {
                return Err(Error::not_found(
                    "database at",
                    path.display().to_string(),
                    "create one with \"spm init\"",
                ));
            }
            false
        }
        Access::Write { make_folder } => !files::exists(path)? && create_file(path, make_folder)?,
    };
    let opened = open_file(path, access, empty, made, actor, on_create);
    if opened.is_err() && made {
        remove(path);
    }
    opened
}

fn open_file(
    path: &Path,
    access: Access,
    empty: EmptyFile,
    made: bool,
    actor: &str,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Opened> {
    let shown = path.display();
    if path.is_dir() {
        return Err(Error::Invalid(format!(
            "{shown} is a folder, not a database file; give a file path with --db"
        )));
    }
    if path.exists() {
        if !path.is_file() {
            return Err(Error::Invalid(format!(
                "{shown} is not a regular file; give a database file with --db"
            )));
        }
        let empty_file = check_header(path)?;
        if empty_file && !made && empty == EmptyFile::Refuse {
            // Refused before SQLite opens it: even switching to WAL would write to it.
            return Err(Error::BadDatabase(format!(
                "{shown} is an empty file, not an spm database; run \"spm init\" to make a new database in it, or check --db and SPM_DB"
            )));
        }
    }
    sqlite_setup();
    let (conn, found) = access::connect(path, access)?;
    set_actor(&conn, actor)?;
    let opened = prepare(conn, &shown.to_string(), found, access, on_create)?;
    if opened.created {
        // An empty file that was already there becomes a database of personal data: owner only.
        owner_only(path)?;
    }
    Ok(opened)
}

/// Process-wide SQLite settings, made once before the first connection (SQLite takes them
/// only before it starts).
fn sqlite_setup() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // No memory statistics: spm never reads them, and keeping them takes a global lock
        // on every allocation and free SQLite makes (reading the schema makes thousands).
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int; SQLite refuses any sqlite3_config
        // once it has started (a harmless error, ignored: the statistics stay on).
        let off: std::ffi::c_int = 0;
        unsafe {
            rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, off);
        }
    });
}

/// Opens a private in-memory database through the same setup as a file: for tests.
pub fn open_in_memory(on_create: impl FnOnce(&Transaction) -> Result<()>) -> Result<Opened> {
    sqlite_setup();
    let conn = Connection::open_in_memory().context("cannot open an in-memory database")?;
    let found = read_found(&conn).context("cannot read an in-memory database")?;
    let access = Access::Write { make_folder: false };
    prepare(conn, ":memory:", found, access, on_create)
}

/// Refuses databases that are not ours (or cannot be read as they are) before anything is
/// written, sets the pragmas, then migrates. `conn` has its busy timeout set already.
fn prepare(
    mut conn: Connection,
    shown: &str,
    found: Found,
    access: Access,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Opened> {
    check_version(&found, shown)?;
    let Found {
        version, journal, ..
    } = found;
    let read_only = conn
        .is_readonly(rusqlite::MAIN_DB)
        .context("cannot open the database")?;
    if version < VERSION && !access.writes() && (read_only || version == 0) {
        return Err(if version == 0 {
            // An SQLite file with nothing in it yet: a read never makes it a database.
            Error::not_found(
                "spm database in",
                shown.to_string(),
                "make one with \"spm init\"",
            )
        } else {
            Error::Permission(format!(
                "{shown} was written by an older spm (schema version {version}) and must be brought up to date before it can be read, which needs write access; run any spm command on it as someone who can write it"
            ))
        });
    }
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .context("cannot turn on foreign keys")?;
    // The journal mode is kept in the file: set once, it stays WAL. Setting it again on every
    // open would cost a statement and a lock for nothing. (A database opened read-only keeps
    // whatever it has; one opened immutable reports "delete".)
    if shown != ":memory:" && !read_only && !journal.eq_ignore_ascii_case("wal") {
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .context("cannot switch the database to WAL mode")?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::BadDatabase(format!(
                "cannot switch {shown} to WAL mode (it stays in {mode} mode)"
            )));
        }
    }
    // Deleted and overwritten content is zeroed, not left in free space: the file holds
    // students' personal data, and forgetting a person must really remove their data.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;")
        .context("cannot set synchronous mode")?;
    let created = if version < VERSION {
        migrate(&mut conn, on_create)?
    } else {
        false
    };
    Ok(Opened { conn, created })
}

/// What opening finds in the file: its schema version, application id, number of schema
/// objects and journal mode.
pub(crate) struct Found {
    version: i64,
    app_id: i64,
    objects: i64,
    journal: String,
}

/// Reads what [`Found`] holds: the first read of a connection, so the error is SQLite's own
/// (`access` tells from it whether the folder can be written).
fn read_found(conn: &Connection) -> rusqlite::Result<Found> {
    // One statement, so one read of the file's header and schema.
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id),
                (SELECT count(*) FROM sqlite_master),
                (SELECT journal_mode FROM pragma_journal_mode)",
        [],
        |r| {
            Ok(Found {
                version: r.get(0)?,
                app_id: r.get(1)?,
                objects: r.get(2)?,
                journal: r.get(3)?,
            })
        },
    )
}

/// Refuses a database that a newer spm or another program made.
fn check_version(found: &Found, shown: &str) -> Result<()> {
    let Found {
        version,
        app_id,
        objects,
        ..
    } = *found;
    if app_id != 0 && app_id != APPLICATION_ID || (app_id == 0 && objects > 0) {
        return Err(Error::BadDatabase(format!(
            "{shown} is an SQLite database but not an spm database; nothing was changed"
        )));
    }
    if version < 0 {
        return Err(Error::BadDatabase(format!(
            "{shown} has an impossible schema version ({version}); restore it from a backup"
        )));
    }
    if version > VERSION {
        return Err(Error::BadDatabase(format!(
            "{shown} was written by a newer spm (schema version {version}; this spm knows up to {VERSION}); upgrade spm to use it, nothing was changed"
        )));
    }
    Ok(())
}

/// Brings the schema to `VERSION`: a new database is made from `schema.sql` in one
/// transaction; an older one takes each step in its own transaction. Returns whether the
/// database was created.
fn migrate(
    conn: &mut Connection,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<bool> {
    let tx = begin_write(conn)?;
    // Another process may have set the database up while this one waited for the lock.
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("cannot read the schema version")?;
    if version == 0 {
        tx.execute_batch(SCHEMA)
            .context("cannot create the schema")?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {VERSION};"
        ))
        .context("cannot record the schema version")?;
        on_create(&tx)?;
        tx.commit().context("cannot save the new database")?;
        return Ok(true);
    }
    tx.commit().context("cannot end the version check")?;
    for (step, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        if migration.rebuilds() {
            foreign_keys(conn, false)?;
            let done = take_step(conn, step, migration);
            // On again whatever happened: every other command relies on them.
            foreign_keys(conn, true)?;
            done?;
        } else {
            take_step(conn, step, migration)?;
        }
    }
    Ok(false)
}

/// Takes step `step` (to version `step + 1`) in its own transaction, unless another process
/// took it while this one waited for the lock.
fn take_step(conn: &mut Connection, step: usize, migration: &Migration) -> Result<()> {
    {
        let tx = begin_write(conn)?;
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("cannot read the schema version")?;
        if now > step as i64 {
            // Already applied by another process: each step is idempotent by its version.
            tx.commit().context("cannot end a migration")?;
            return Ok(());
        }
        migration.run(&tx, step + 1)?;
        tx.execute_batch(&format!("PRAGMA user_version = {};", step + 1))
            .context("cannot record the schema version")?;
        tx.commit().context("cannot save a migration")?;
    }
    Ok(())
}

/// Removes a database file a command made and must not leave behind, and SQLite's files beside it.
pub fn remove(db: &Path) {
    for p in with_companions(db) {
        // Nothing else to do if it cannot go: the error being reported matters more.
        let _ = fs::remove_file(p);
    }
}

/// Begins a write transaction IMMEDIATE, so a busy database is met at the start, not halfway.
pub fn begin_write(conn: &mut Connection) -> Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .context("cannot start a write")
}

#[cfg(test)]
mod tests;
