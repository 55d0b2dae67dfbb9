//! The database file itself: opening it (a new one gets the built-in frameworks), checks and
//! backups.

use std::fs;
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use crate::db;
use crate::error::{Context, Error, Result};
use crate::service::principle;
use crate::service::review::{self, StaleDue};

/// Opens the database at `path` for `access` (see [`db::Access`]): a command that writes
/// creates it on first use, and a new database gets the built-in frameworks in the
/// transaction that creates it; a command that reads never creates one. An empty file
/// already at `path` is refused (see [`open_or_make`]). The change log names `actor` for
/// every change made on the connection (the person running the program: the cli gives
/// `SPM_USER` or the login; see [`crate::service::changes::set_actor`]).
///
/// Errors: as [`db::open`].
pub fn open(path: &Path, access: db::Access, actor: &str) -> Result<db::Opened> {
    db::open(path, access, db::EmptyFile::Refuse, actor, |tx| {
        principle::install_builtin(tx)
    })
}

/// [`open`] for writing, making a new database in an empty file already at `path` (`spm
/// init`); its folder is made only when `make_folder`.
///
/// Errors: as [`db::open`].
pub fn open_or_make(path: &Path, make_folder: bool, actor: &str) -> Result<db::Opened> {
    let access = db::Access::Write { make_folder };
    db::open(path, access, db::EmptyFile::MakeDatabase, actor, |tx| {
        principle::install_builtin(tx)
    })
}

/// A new in-memory database set up exactly as a file would be: for tests and examples. Its
/// changes are logged by [`db::UNKNOWN_ACTOR`] until
/// [`set_actor`](crate::service::changes::set_actor) names someone.
pub fn open_in_memory() -> Result<Connection> {
    Ok(db::open_in_memory(|tx| principle::install_builtin(tx))?.conn)
}

/// What `spm db check` found.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub schema_version: i64,
    /// `ok`, or SQLite's list of problems.
    pub integrity: Vec<String>,
    /// Each row that points at a missing parent: table, rowid, parent table.
    pub foreign_keys: Vec<String>,
    /// The projects whose stored next review date differs from the one worked out afresh
    /// (left empty when the file is not sound: the dates are not read then).
    pub stale_due: Vec<StaleDue>,
}

impl CheckReport {
    /// Whether the file is sound: SQLite's integrity and foreign-key checks pass.
    pub fn is_sound(&self) -> bool {
        self.integrity == ["ok"] && self.foreign_keys.is_empty()
    }

    /// Whether the database passed every check, the stored next review dates included.
    pub fn is_ok(&self) -> bool {
        self.is_sound() && self.stale_due.is_empty()
    }
}

/// Runs SQLite's integrity check and foreign-key check, then, on a sound file, compares every
/// project's stored next review date with the one worked out afresh.
///
/// Errors: `Database` when a check cannot run.
pub fn check(conn: &Connection) -> Result<CheckReport> {
    let mut report = soundness(conn)?;
    if report.is_sound() {
        report.stale_due = review::stale(conn, i64::MIN)?;
    }
    Ok(report)
}

/// SQLite's integrity and foreign-key checks alone.
fn soundness(conn: &Connection) -> Result<CheckReport> {
    let schema_version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("cannot read the schema version")?;
    let integrity = db::rows(
        conn,
        "cannot check the database",
        "PRAGMA integrity_check",
        [],
        |r| r.get(0),
    )?;
    let foreign_keys = db::rows(
        conn,
        "cannot check foreign keys",
        "PRAGMA foreign_key_check",
        [],
        |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!(
                "{table} row {} refers to a missing {parent}",
                rowid.map_or_else(|| "?".to_string(), |n| n.to_string())
            ))
        },
    )?;
    Ok(CheckReport {
        schema_version,
        integrity,
        foreign_keys,
        stale_due: Vec::new(),
    })
}

/// Works out every project's next review date again and stores it, in one write; returns
/// the projects whose date was wrong, as they were.
///
/// Errors: `Database` (busy, read-only) when it cannot write.
pub fn fix_due_dates(conn: &mut Connection) -> Result<Vec<StaleDue>> {
    let tx = db::begin_write(conn)?;
    let wrong = review::stale(&tx, i64::MIN)?;
    review::refresh_all(&tx)?;
    tx.commit().context("cannot save the next review dates")?;
    Ok(wrong)
}

/// Copies the open database to `dest` with SQLite's online backup API, so writers may go on
/// meanwhile. The copy is one self-contained file with mode 0600. `dest` must not exist
/// unless `overwrite` is set.
///
/// Errors: `CannotCreate` when `dest` is the database or a file SQLite keeps beside it, or
/// cannot be written; `Conflict` when `dest` exists.
pub fn backup(conn: &Connection, source: &Path, dest: &Path, overwrite: bool) -> Result<()> {
    db::refuse_database(source, dest)?;
    let shown = dest.display();
    if dest.is_dir() {
        return Err(Error::Invalid(format!(
            "{shown} is a folder; give the backup a file name, e.g. {}",
            dest.join("spm-backup.db").display()
        )));
    }
    let mut dest = dest.to_path_buf();
    if let Ok(meta) = fs::metadata(&dest) {
        if !meta.is_file() {
            return Err(Error::Invalid(format!(
                "{shown} is not a regular file; give the backup a file name"
            )));
        }
        // Replace the file a link points to, not the link.
        dest = fs::canonicalize(&dest).map_err(|e| Error::CannotCreate {
            path: dest.clone(),
            reason: e.to_string(),
        })?;
        if !overwrite {
            return Err(Error::Conflict(format!(
                "{shown} already exists; choose a new file or add --force to replace it"
            )));
        }
    }
    // Write to a temporary file beside the target and rename it into place, so a failed
    // backup never leaves a half-written file where the last good one was.
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let cannot = |e: &dyn std::fmt::Display| Error::CannotCreate {
        path: dest.to_path_buf(),
        reason: e.to_string(),
    };
    if !dir.is_dir() {
        return Err(cannot(&format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    let temp = tempfile::Builder::new()
        .prefix(".spm-backup-")
        .tempfile_in(dir)
        .map_err(|e| cannot(&e))?;
    {
        let mut target = Connection::open(temp.path())
            .map_err(|e| crate::error::from_sqlite("cannot open the backup file", e))?;
        let backup = Backup::new(conn, &mut target).context("cannot start the backup")?;
        backup
            .run_to_completion(256, Duration::from_millis(5), None)
            .context("cannot copy the database")?;
        drop(backup);
        let mode: String = target
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .context("cannot finish the backup")?;
        debug_assert_eq!(mode.to_ascii_lowercase(), "delete");
        let report = soundness(&target)?;
        // Wrong next review dates are copied as they are: the copy is as sound as the file.
        if !report.is_sound() || report.schema_version != db::VERSION {
            return Err(Error::BadDatabase(format!(
                "the backup did not pass its check: {}",
                report.integrity.join("; ")
            )));
        }
    }
    temp.persist(&dest).map_err(|e| cannot(&e.error))?;
    Ok(())
}
