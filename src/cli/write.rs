//! Writing `--output FILE`: whole or not at all, keeping an existing file's permissions.

use std::io::{self, Write};

use crate::error::Error;

/// Writes `--output FILE`. A regular file is replaced whole or not at all (a temporary file
/// beside it, renamed over it), through any symbolic link, keeping the old file's permissions;
/// a new file is readable by its owner only, as it may hold personal data. A device or pipe
/// (`/dev/stdout`, a FIFO) is written to as it is.
pub(super) fn write_atomically(
    path: &std::path::Path,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let cannot = |reason: String| Error::CannotCreate {
        path: path.to_path_buf(),
        reason,
    };
    let failed = |e: io::Error| Error::Io(format!("cannot write {}: {e}", path.display()));
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(cannot("it is a folder; give a file name".into()).into());
        }
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| cannot(e.to_string()))?;
            let mut w = io::BufWriter::new(file);
            f(&mut w).and_then(|()| w.flush()).map_err(failed)?;
            return Ok(());
        }
    }
    let target = match &existing {
        Some(_) => std::fs::canonicalize(path).map_err(|e| cannot(e.to_string()))?,
        None => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::Path::new("."));
    if !dir.is_dir() {
        return Err(cannot(format!("the folder {} does not exist", dir.display())).into());
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".spm-output-")
        .tempfile_in(dir)
        .map_err(|e| cannot(e.to_string()))?;
    {
        let mut w = io::BufWriter::new(temp.as_file_mut());
        f(&mut w).and_then(|()| w.flush()).map_err(failed)?;
    }
    if let Some(meta) = existing {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| cannot(e.to_string()))?;
    }
    temp.persist(&target)
        .map_err(|e| cannot(e.error.to_string()))?;
    Ok(())
}
