//! How a command uses the database file (reading it, or writing and on first use creating
//! it), and opening a database the user may read but not write: a file that is read-only for
//! them, or one in a folder they cannot write, where SQLite cannot keep its `-shm` and `-wal`
//! files beside the database.

use std::fs;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::files::with_companions;
use super::{BUSY_TIMEOUT, Found, read_found};
use crate::error::{Context, Error, Result, from_sqlite};

/// What a command does with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// It only reads: the database must exist already (nothing is ever created), and a file
    /// or folder the user cannot write is opened read-only.
    Read,
    /// It writes: a database that is not there yet is created, and its folder too when
    /// `make_folder` (spm's own default place; never a folder the user named, where a
    /// missing folder is more likely a typo than a wish).
    Write { make_folder: bool },
}

impl Access {
    /// Whether the command changes the database.
    pub fn writes(self) -> bool {
        matches!(self, Access::Write { .. })
    }
}

/// Opens the existing database at `path` for `access`, with the busy timeout set, and reads
/// what it holds (its schema version and journal mode).
///
/// A file the user cannot write is opened read-only for a read. So is one whose folder they
/// cannot write (SQLite cannot make its `-shm` file there), as long as no write-ahead log
/// holds changes the file itself does not have yet. Such a database is opened "immutable":
/// SQLite then makes no files beside it and takes no locks, so reading leaves nothing behind
/// (a `-shm` file made by a reader, owned by them and as read-only as the database, would
/// stop its owner writing later).
///
/// Errors: `Permission` when a write meets a database the user cannot write, or a read meets
/// a write-ahead log it cannot read without writing the folder; as `from_sqlite` otherwise.
pub(super) fn connect(path: &Path, access: Access) -> Result<(Connection, Found)> {
    let shown = path.display();
    if !writable(path) {
        if access.writes() {
            return Err(Error::Permission(format!(
                "cannot change {shown}: the file is read-only for you; commands that only read it (lists, show, reports) still work"
            )));
        }
        if !log_holds_changes(path) {
            return immutable(path);
        }
        // SQLite reads the log itself, through a `-shm` file already there (or one it can
        // make): below.
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| from_sqlite(&format!("cannot open the database {shown}"), e))?;
    // First, so that reading waits for a writer.
    conn.busy_timeout(BUSY_TIMEOUT)
        .context("cannot set the busy timeout")?;
    match read_found(&conn) {
        Ok(found) => Ok((conn, found)),
        Err(e) if needs_folder(&e) => {
            drop(conn);
            let folder = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .display();
            if access.writes() {
                Err(Error::Permission(format!(
                    "cannot change {shown}: its folder {folder} is read-only for you (SQLite keeps files beside the database while it writes); commands that only read it still work"
                )))
            } else if log_holds_changes(path) {
                Err(Error::Permission(format!(
                    "cannot read {shown}: its folder {folder} is read-only for you, and its write-ahead log ({}-wal) holds changes that SQLite can read only by making a file in that folder; run any spm command on it as someone who can write the folder, or copy the database with its -wal file to a folder you can write",
                    shown
                )))
            } else {
                immutable(path)
            }
        }
        Err(e) => Err(from_sqlite(&format!("cannot read the database {shown}"), e)),
    }
}

/// Whether the user can write the file at `path`: opening it for writing (which changes
/// nothing) says so for every user, root included, and on a read-only file system.
fn writable(path: &Path) -> bool {
    match fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// Whether the database's write-ahead log holds changes not yet copied into the file (a
/// writer is at work, or one was killed): then the file alone is not the database.
fn log_holds_changes(path: &Path) -> bool {
    with_companions(path)
        .get(1)
        .and_then(|wal| fs::metadata(wal).ok())
        .is_some_and(|m| m.len() > 0)
}

/// SQLite failed because it could not make or open a file beside the database.
fn needs_folder(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    )
}

/// Opens `path` read-only and immutable (no locks, no files made beside it).
fn immutable(path: &Path) -> Result<(Connection, Found)> {
    let shown = path.display();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(uri, flags)
        .map_err(|e| from_sqlite(&format!("cannot open the database {shown}"), e))?;
    let found = read_found(&conn)
        .map_err(|e| from_sqlite(&format!("cannot read the database {shown}"), e))?;
    Ok((conn, found))
}

/// `path` as the path of a `file:` URI: every byte but letters, digits and `/-._~`
/// percent-encoded, so that `?`, `#` and `%` in a name stay part of it.
fn uri_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_keep_every_character_of_the_name() {
        assert_eq!(
            uri_path(Path::new("/a b/x?y#z%.db")),
            "/a%20b/x%3Fy%23z%25.db"
        );
        assert_eq!(uri_path(Path::new("spm.db")), "spm.db");
    }

    /// A database opened immutable reads what the file holds, and makes no file beside it.
    #[test]
    fn an_immutable_database_is_read_and_left_alone() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("a ?#%.db");
        drop(crate::service::database::open(
            &db,
            Access::Write { make_folder: false },
            "t",
        )?);
        let (conn, found) = immutable(&db)?;
        assert_eq!(found.version, super::super::VERSION);
        assert!(conn.is_readonly(rusqlite::MAIN_DB)?);
        let frameworks: i64 =
            conn.query_row("SELECT count(*) FROM frameworks", [], |r| r.get(0))?;
        assert!(frameworks > 0);
        drop(conn);
        let names: Vec<_> = fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<std::io::Result<_>>()?;
        assert_eq!(names, vec![db.file_name().unwrap_or_default().to_owned()]);
        Ok(())
    }
}
