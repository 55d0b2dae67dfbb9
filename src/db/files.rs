//! The files of a database on disk: the database itself and SQLite's files beside it, the
//! folders spm makes for them, and the guard that keeps an output file from replacing them.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The files SQLite keeps beside a database: its write-ahead log, shared memory and rollback
/// journal.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The database file and the files SQLite keeps beside it.
pub fn with_companions(db: &Path) -> Vec<PathBuf> {
    let mut paths = vec![db.to_path_buf()];
    for suffix in COMPANIONS {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        paths.push(PathBuf::from(p));
    }
    paths
}

/// Refuses to write `out` when it is the database at `db` or one of SQLite's files beside
/// it: by the same name, through a symbolic link, or as the same file under another name
/// (a hard link, a bind mount), compared by device and inode.
///
/// Errors: `CannotCreate` (exit 73), before anything is written.
pub fn refuse_database(db: &Path, out: &Path) -> Result<()> {
    let out_file = identity(out);
    let out_name = resolved(out);
    for file in with_companions(db) {
        let same_file = out_file.is_some() && out_file == identity(&file);
        let same_name = out_name.is_some() && out_name == resolved(&file);
        if same_file || same_name {
            let which = if file == db {
                "the database itself".to_string()
            } else {
                format!(
                    "a file SQLite keeps beside the database ({})",
                    file.display()
                )
            };
            return Err(Error::CannotCreate {
                path: out.to_path_buf(),
                reason: format!("it is {which}; write the output to another file"),
            });
        }
    }
    Ok(())
}

/// The device and inode of the file at `path` (through links), when it exists.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// `path` made absolute with its links resolved: the file itself when it exists, else its
/// folder's resolved path and its name (the name a new file would get).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs::canonicalize(dir).ok().map(|d| d.join(name))
}

/// Creates `dir` and any missing folders above it, each readable by its owner only (mode
/// 0700) whatever the umask: they hold databases and exports of personal data.
///
/// Errors: `CannotCreate`.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    // The umask only takes permissions away, so 0700 stays 0700 under the usual 022 or 077.
    builder.create(dir).map_err(|e| Error::CannotCreate {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Refuses a file that is neither empty nor an SQLite database, before SQLite touches it;
/// returns whether it is empty.
pub(super) fn check_header(path: &Path) -> Result<bool> {
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
pub(super) fn owner_only(path: &Path) -> Result<()> {
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

/// Whether there is a file (of any kind) at `path`.
///
/// Errors: `Permission` when a folder on the way cannot be searched; `Io` otherwise.
pub(super) fn exists(path: &Path) -> Result<bool> {
    use std::io::ErrorKind::{NotADirectory, NotFound, PermissionDenied};
    match fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if matches!(e.kind(), NotFound | NotADirectory) => Ok(false),
        Err(e) if e.kind() == PermissionDenied => Err(Error::Permission(format!(
            "cannot reach {}: permission denied",
            path.display()
        ))),
        Err(e) => Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
    }
}

/// Creates an empty database file readable by its owner only, and its folder (mode 0700)
/// when it is missing and `make_folder`; returns whether this call made the file (another
/// process may have made it first).
///
/// Errors: `CannotCreate` when the folder is missing and not to be made, or the folder or
/// file cannot be made.
pub(super) fn create_file(path: &Path, make_folder: bool) -> Result<bool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        if !make_folder {
            return Err(Error::CannotCreate {
                path: path.to_path_buf(),
                reason: format!(
                    "its folder {} does not exist; create the folder first, or check the path",
                    dir.display()
                ),
            });
        }
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

    #[test]
    fn the_database_and_its_companions_are_refused_by_any_name() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("d.db");
        fs::write(&db, b"")?;
        fs::write(dir.path().join("d.db-wal"), b"")?;
        let link = dir.path().join("link.csv");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&db, &link)?;
        let hard = dir.path().join("hard.csv");
        fs::hard_link(&db, &hard)?;
        let sub = dir.path().join("sub");
        fs::create_dir(&sub)?;
        for out in [
            db.clone(),
            dir.path().join("d.db-wal"),
            dir.path().join("d.db-shm"),
            dir.path().join("d.db-journal"),
            sub.join("../d.db"),
            link,
            hard,
        ] {
            let err = refuse_database(&db, &out).err();
            assert!(
                matches!(err, Some(Error::CannotCreate { .. })),
                "{out:?}: {err:?}"
            );
        }
        for out in [dir.path().join("other.csv"), sub.join("d.db")] {
            refuse_database(&db, &out)?;
        }
        Ok(())
    }

    #[test]
    fn a_database_not_there_yet_is_refused_by_name() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("new.db");
        assert!(refuse_database(&db, &dir.path().join("new.db")).is_err());
        assert!(refuse_database(&db, &dir.path().join("new.db-shm")).is_err());
        refuse_database(&db, &dir.path().join("new.csv"))?;
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_private_whatever_the_umask() -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let deep = dir.path().join("a/b/c");
        create_private_dir(&deep)?;
        for d in ["a", "a/b", "a/b/c"] {
            let mode = fs::metadata(dir.path().join(d))?.permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{d}");
        }
        Ok(())
    }
}
