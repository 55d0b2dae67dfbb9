//! Opening the database: finding it, creating it with mode 0600, refusing files that are not
//! ours or that a newer spm wrote, setting the pragmas, and bringing the schema up to date.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{OpenFlags, Transaction, TransactionBehavior};

/// An open database connection (the SQLite handle the service layer works on).
pub use rusqlite::Connection;

use crate::error::{Context, Error, Result, from_sqlite};

mod files;
mod many;
mod step7;
mod value_lists;

pub use files::{create_private_dir, refuse_database, with_companions};
pub(crate) use many::{CHUNK, insert_many};

/// The current schema, whole: new databases are made from it.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// A step from one schema version to the next: SQL, or, where SQL cannot say it, code.
pub enum Migration {
    Sql(&'static str),
    Code(fn(&Connection) -> Result<()>),
}

/// The steps from each older schema version to the next: step `i` takes version `i` to `i + 1`.
/// Append only: never edit a step that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("../../migrations/0001_initial.sql")),
    Migration::Sql(include_str!("../../migrations/0002_reviews.sql")),
    Migration::Sql(include_str!("../../migrations/0003_people.sql")),
    Migration::Sql(include_str!("../../migrations/0004_programmes.sql")),
    // 0005: lists of allowed words in CHECKs become OR chains (see value_lists.rs).
    Migration::Code(|conn| {
        value_lists::migrate(conn).context("cannot migrate to schema version 5")
    }),
    // 0006: each project keeps its next review date.
    Migration::Code(next_review_due),
    // 0007: contributions over a period, corrected or reversed; the fund's yearly budget;
    // the external-partner role and voucher recognition (see step7.rs).
    Migration::Code(step7::migrate),
];

/// Step 6: the column and index of `migrations/0006_next_review_due.sql`, then every
/// project's date worked out by the rule the service layer writes it with (the one place
/// `db` calls into `service`: the rule is not SQL). Should a later step change what that
/// rule reads, this step must keep a copy of today's version.
fn next_review_due(conn: &Connection) -> Result<()> {
    conn.execute_batch(include_str!("../../migrations/0006_next_review_due.sql"))
        .context("cannot migrate to schema version 6")?;
    crate::service::review::refresh_all(conn)?;
    Ok(())
}

impl Migration {
    /// Runs the step that makes schema version `to`.
    fn run(&self, conn: &Connection, to: usize) -> Result<()> {
        match self {
            Migration::Sql(sql) => conn
                .execute_batch(sql)
                .map_err(|e| from_sqlite(&format!("cannot migrate to schema version {to}"), e)),
            Migration::Code(step) => step(conn),
        }
    }
}

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

/// Opens the database at `path`, creating it (and its folder) on first use with file mode
/// 0600. `on_create` runs in the transaction that makes a new database, to load built-in data.
/// An empty file already there becomes a database only with [`EmptyFile::MakeDatabase`]. A
/// file this call made is removed again when the database cannot be set up in it (a full
/// disk), so a failed first command leaves no empty file behind.
///
/// Errors: `BadDatabase` for a file that is not an spm database, is from a newer spm, or is
/// empty and refused (the file is left as it was), `CannotCreate` when the folder or file
/// cannot be made, `Permission` when it cannot be read, `Database` when SQLite fails.
pub fn open(
    path: &Path,
    empty: EmptyFile,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Opened> {
    // Only a file this call made is removed on failure, never one another spm made meanwhile.
    let made = !path.exists() && create_file(path)?;
    let opened = open_file(path, empty, made, on_create);
    if opened.is_err() && made {
        remove(path);
    }
    opened
}

fn open_file(
    path: &Path,
    empty: EmptyFile,
    made: bool,
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
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    sqlite_setup();
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| from_sqlite(&format!("cannot open the database {shown}"), e))?;
    let opened = prepare(conn, &shown.to_string(), on_create)?;
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
    prepare(conn, ":memory:", on_create)
}

/// Sets the pragmas (busy timeout first, so the others wait for a writer), refuses databases
/// that are not ours before anything is written, then migrates.
fn prepare(
    mut conn: Connection,
    shown: &str,
    on_create: impl FnOnce(&Transaction) -> Result<()>,
) -> Result<Opened> {
    conn.busy_timeout(BUSY_TIMEOUT)
        .context("cannot set the busy timeout")?;
    let Found { version, journal } = check_version(&conn, shown)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .context("cannot turn on foreign keys")?;
    // The journal mode is kept in the file: set once, it stays WAL. Setting it again on every
    // open would cost a statement and a lock for nothing.
    if shown != ":memory:" && !journal.eq_ignore_ascii_case("wal") {
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
    // students' personal data, and erasure must really erase.
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;")
        .context("cannot set synchronous mode")?;
    let created = if version < VERSION {
        migrate(&mut conn, on_create)?
    } else {
        false
    };
    Ok(Opened { conn, created })
}

/// What opening finds in the file: its schema version and journal mode.
struct Found {
    version: i64,
    journal: String,
}

/// Reads the schema version and journal mode, and refuses a database that a newer spm or
/// another program made.
fn check_version(conn: &Connection, shown: &str) -> Result<Found> {
    // One statement, so one read of the file's header and schema.
    let (version, app_id, objects, journal): (i64, i64, i64, String) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master),
                    (SELECT journal_mode FROM pragma_journal_mode)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(|e| from_sqlite(&format!("cannot read the database {shown}"), e))?;
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
    Ok(Found { version, journal })
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
        let tx = begin_write(conn)?;
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("cannot read the schema version")?;
        if now > step as i64 {
            // Already applied by another process: each step is idempotent by its version.
            tx.commit().context("cannot end a migration")?;
            continue;
        }
        migration.run(&tx, step + 1)?;
        tx.execute_batch(&format!("PRAGMA user_version = {};", step + 1))
            .context("cannot record the schema version")?;
        tx.commit().context("cannot save a migration")?;
    }
    Ok(false)
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

/// Refuses a file that is neither empty nor an SQLite database, before SQLite touches it;
/// returns whether it is empty.
fn check_header(path: &Path) -> Result<bool> {
    let shown = path.display();
    let mut file = fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            Error::Permission(format!("cannot read {shown}: permission denied"))
        }
        _ => Error::Io(format!("cannot read {shown}: {e}")),
    })?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(Error::Io(format!("cannot read {shown}: {e}"))),
        }
    }
    if read == 0 || &header[..read] == b"SQLite format 3\0" {
        Ok(read == 0)
    } else {
        Err(Error::BadDatabase(format!(
            "{shown} is not an SQLite database; nothing was changed (check --db or SPM_DB)"
        )))
    }
}

/// Makes the file readable and writable by its owner only (mode 0600).
fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(|e| {
            Error::Permission(format!(
                "cannot make {} private (mode 0600): {e}",
                path.display()
            ))
        })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates the folder and an empty database file readable by its owner only; returns whether
/// this call made it (another process may have made it first).
fn create_file(path: &Path) -> Result<bool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        create_private_dir(dir)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::CannotCreate {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table, index and trigger, as SQLite records them.
    fn schema_of(conn: &Connection) -> anyhow::Result<Vec<(String, String, String)>> {
        let mut stmt = conn.prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    #[test]
    fn a_fresh_database_equals_a_migrated_one() -> anyhow::Result<()> {
        let fresh = open_in_memory(|_| Ok(()))?.conn;
        let stepped = Connection::open_in_memory()?;
        for (i, step) in MIGRATIONS.iter().enumerate() {
            step.run(&stepped, i + 1)?;
        }
        // White space is not meaning: `ALTER TABLE ... ADD COLUMN` puts the new column's
        // comma after the line break that ends the last one, where schema.sql has it before.
        let normalise = |rows: Vec<(String, String, String)>| {
            rows.into_iter()
                .map(|(t, n, sql)| {
                    let words = sql.split_whitespace().collect::<Vec<_>>().join(" ");
                    (t, n, words.replace(" ,", ",").replace(" )", ")"))
                })
                .collect::<Vec<_>>()
        };
        let (made, stepped) = (
            normalise(schema_of(&fresh)?),
            normalise(schema_of(&stepped)?),
        );
        // Only the objects that differ, so a failure says where.
        let only = |a: &[(String, String, String)], b: &[(String, String, String)]| {
            a.iter()
                .filter(|x| !b.contains(x))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(only(&made, &stepped), only(&stepped, &made));
        let version: i64 = fresh.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, VERSION);
        Ok(())
    }

    #[test]
    fn the_change_log_is_append_only() -> anyhow::Result<()> {
        let conn = open_in_memory(|_| Ok(()))?.conn;
        conn.execute(
            "INSERT INTO changes (actor, entity, entity_id, action) VALUES ('t', 'project', 1, 'insert')",
            [],
        )?;
        assert!(conn.execute("UPDATE changes SET actor = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM changes", []).is_err());
        Ok(())
    }
}
