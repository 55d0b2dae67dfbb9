//! The library's error type, and every exit code spm ends with. Every message is one
//! lower-case sentence that names the object and, where there is one, the fix.
//!
//! Exit codes are decided here and only here, sysexits as the README's table gives them:
//! [`Error::exit_code`] for each kind of error, [`exit_code`] for whatever error reaches
//! `main` (an I/O error, [`Silent`], a broken pipe), and [`clap_exit_code`] for a mistake
//! clap finds in the command line. `main` only exits with what they say.

use std::io;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in words a coordinator can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given on the command line or in a file is not valid (exit 65).
    #[error("{0}")]
    Invalid(String),

    /// The command was used the wrong way: a missing argument, say (exit 64).
    #[error("{0}")]
    Usage(String),

    /// A record that was asked for does not exist (exit 66).
    #[error("no {what} {}{hint}", crate::model::text::quoted(.key))]
    NotFound {
        what: &'static str,
        key: String,
        hint: String,
    },

    /// The change would clash with what the database already holds (exit 65).
    #[error("{0}")]
    Conflict(String),

    /// The database file is not one spm can use: not SQLite, damaged, or from a newer spm (exit 65).
    #[error("{0}")]
    BadDatabase(String),

    /// A file or folder could not be created (exit 73).
    #[error("cannot create {path}: {reason}")]
    CannotCreate { path: PathBuf, reason: String },

    /// Permission was refused (exit 77).
    #[error("{0}")]
    Permission(String),

    /// Reading or writing a file failed (exit 74).
    #[error("{0}")]
    Io(String),

    /// Whoever read the output stopped reading (`spm ... | head`): not a failure, so `main`
    /// exits 0 and says nothing.
    #[error("the reader of the output stopped reading")]
    OutputClosed,

    /// Another program held the database for longer than the busy timeout (exit 75).
    #[error("{0}")]
    Busy(String),

    /// Mail could not be delivered: the server refused it or could not be reached (exit 69).
    #[error("{0}")]
    Undelivered(String),

    /// An SQL step failed; the context names the step, then SQLite's own words follow.
    /// (The cause is kept out of the error chain so it is said once, not three times.)
    #[error("{context}: {cause}")]
    Database {
        context: String,
        cause: rusqlite::Error,
    },
}

impl Error {
    /// A `NotFound` error with a hint telling the user how to find the right key.
    pub fn not_found(what: &'static str, key: impl Into<String>, hint: impl AsRef<str>) -> Self {
        let hint = hint.as_ref();
        Error::NotFound {
            what,
            key: key.into(),
            hint: if hint.is_empty() {
                String::new()
            } else {
                format!("; {hint}")
            },
        }
    }

    /// Writing `what` failed: [`Error::OutputClosed`] when the reader went away, else `Io`
    /// with the system's words.
    pub fn write_failed(what: &str, e: &std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::OutputClosed
        } else {
            Error::Io(format!("cannot write {what}: {e}"))
        }
    }

    /// The sysexits exit code for this error (0 for [`Error::OutputClosed`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 64,
            Error::Invalid(_) | Error::Conflict(_) | Error::BadDatabase(_) => 65,
            Error::NotFound { .. } => 66,
            Error::CannotCreate { .. } => 73,
            Error::Io(_) => 74,
            Error::OutputClosed => 0,
            Error::Busy(_) => 75,
            Error::Undelivered(_) => 69,
            Error::Permission(_) => 77,
            Error::Database { cause, .. } => sqlite_exit_code(cause),
        }
    }
}

/// Exit codes for the SQLite failures a user can meet: busy, read-only, full, damaged.
fn sqlite_exit_code(err: &rusqlite::Error) -> u8 {
    use rusqlite::ErrorCode as C;
    match err.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => 75,
        Some(C::ReadOnly | C::PermissionDenied) => 77,
        Some(C::CannotOpen) => 66,
        Some(C::NotADatabase | C::DatabaseCorrupt) => 65,
        Some(C::DiskFull | C::SystemIoFailure) => 74,
        Some(C::ConstraintViolation) => 65,
        _ => 70,
    }
}

/// Adds a sentence of context to an SQL step's error.
pub trait Context<T> {
    /// Wraps the error with what was being done, e.g. "cannot list projects".
    fn context(self, what: &str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn context(self, what: &str) -> Result<T> {
        self.map_err(|source| from_sqlite(what, source))
    }
}

/// Turns an SQLite error into the error a user should see: a busy, read-only, damaged or full
/// database gets its own sentence; everything else keeps the step's context.
pub fn from_sqlite(what: &str, source: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &source {
        return Error::BadDatabase(format!(
            "{what}: the database holds a value spm cannot read ({cause}); run \"spm db check\""
        ));
    }
    match source.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Busy(
            "the database is busy: another program has held it for more than 5 seconds; try again"
                .into(),
        ),
        Some(C::ReadOnly) => Error::Permission(
            "the database is read-only; check the permissions of the file and its folder".into(),
        ),
        Some(C::NotADatabase | C::DatabaseCorrupt) => Error::BadDatabase(format!(
            "the database file is damaged or not an SQLite database ({}); restore it from a backup",
            sqlite_words(&source)
        )),
        Some(C::DiskFull) => Error::Io("the disk is full; free some space and try again".into()),
        _ => Error::Database {
            context: what.to_string(),
            cause: source,
        },
    }
}

/// SQLite's own short description of an error.
fn sqlite_words(err: &rusqlite::Error) -> String {
    match err {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if !msg.is_empty() => msg.clone(),
        other => other.to_string(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(source: rusqlite::Error) -> Self {
        from_sqlite("database error", source)
    }
}

/// Not an error: a command asks to end with this exit code and print nothing more (as
/// `review remind --exit-code` does when something is due).
#[derive(Debug)]
pub struct Silent(pub u8);

impl std::fmt::Display for Silent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for Silent {}

/// Whether `err` only carries an exit code, with nothing to print.
pub fn is_silent(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Silent>().is_some()
}

/// The exit code for an error that reached `main`: sysexits, from the library's error kind.
/// A broken pipe (`spm ... | head`) is not a failure: `None` means exit 0 quietly.
pub fn exit_code(err: &anyhow::Error) -> Option<u8> {
    if let Some(Silent(code)) = err.downcast_ref::<Silent>() {
        return Some(*code);
    }
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Error>() {
            return match e {
                Error::OutputClosed => None,
                _ => Some(e.exit_code()),
            };
        }
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            return match e.kind() {
                io::ErrorKind::BrokenPipe => None,
                io::ErrorKind::PermissionDenied => Some(77),
                // Data the output cannot hold (rows past a sheet's last): bad data, not I/O.
                io::ErrorKind::InvalidInput => Some(65),
                _ => Some(74),
            };
        }
    }
    Some(70)
}

/// The exit code for what clap found, as the README's table gives them (sysexits, as every
/// other error): help and version 0; a value that is not one of the allowed ones or does not
/// parse (`--format xml`, an id that is not a number) 65, as when spm itself finds a value
/// invalid; any other mistake in the command line (an unknown command or flag, a missing
/// argument, value or command, a flag given twice) 64, as when spm finds a value missing.
pub fn clap_exit_code(e: &clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        // clap says "invalid value" for a flag given no value at all (`--db` last): missing.
        ErrorKind::InvalidValue if is_empty(e.get(ContextKind::InvalidValue)) => 64,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => 65,
        _ => 64,
    }
}

/// Whether clap's record of the value given says there was none.
fn is_empty(value: Option<&ContextValue>) -> bool {
    matches!(value, Some(ContextValue::String(v)) if v.is_empty())
}
