//! Writing an output file (`--output FILE`, the files of an export): whole or not at all,
//! keeping an existing file's permissions.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::error::Error;

/// Writes the file at `path` with `f`. A regular file is replaced whole or not at all: a
/// temporary file beside it is written, synced to disk and renamed over it, through any
/// symbolic link, keeping the old file's permissions; a new file is readable by its owner
/// only (mode 0600), as it may hold personal data. A device or pipe (`/dev/stdout`, a FIFO)
/// is written to as it is. `f` writes through a buffer that this function flushes.
///
/// Errors: `CannotCreate` when the file or its temporary cannot be made, `Io` when writing
/// fails, `OutputClosed` when the reader of a pipe went away, and whatever `f` returns.
pub(super) fn write_file(
    path: &Path,
    f: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), Error>,
) -> anyhow::Result<()> {
    let failed = |e: io::Error| Error::write_failed(&path.display().to_string(), &e);
    let existing = fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(cannot(path, "it is a folder; give a file name").into());
        }
        if !meta.is_file() {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| cannot(path, &e.to_string()))?;
            let mut w = io::BufWriter::with_capacity(1 << 16, file);
            f(&mut w)?;
            w.flush().map_err(failed)?;
            return Ok(());
        }
    }
    let target = match &existing {
        Some(_) => fs::canonicalize(path).map_err(|e| cannot(path, &e.to_string()))?,
        None => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    if !dir.is_dir() {
        return Err(cannot(
            path,
            &format!("the folder {} does not exist", dir.display()),
        )
        .into());
    }
    // tempfile makes the file with mode 0600.
    let mut temp = tempfile::Builder::new()
        .prefix(".spm-output-")
        .tempfile_in(dir)
        .map_err(|e| cannot(path, &e.to_string()))?;
    {
        let mut w = io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
        f(&mut w)?;
        w.flush().map_err(failed)?;
    }
    // Synced before the rename, so a crash leaves the old file or the whole new one.
    temp.as_file().sync_all().map_err(failed)?;
    if let Some(meta) = existing {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| cannot(path, &e.to_string()))?;
    }
    temp.persist(&target)
        .map_err(|e| cannot(path, &e.error.to_string()))?;
    Ok(())
}

/// The error for a file that cannot be made (exit 73).
pub(super) fn cannot(path: &Path, reason: &str) -> Error {
    Error::CannotCreate {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}
