//! The change-log text of a project an import adds.

use super::*;

/// The change-log entry of a project an import added: the file and line it came from, as
/// [`changes::origin`] reads it back. Not a snapshot of the project, as `spm project add`
/// logs: the row holds those values, every later change is logged with its old value, and a
/// snapshot per row doubled the size of a database filled by imports (and the time to write
/// it), copying the names of leads into a log that forgetting then has to search.
pub(super) fn origin(file: &str, line: u32) -> String {
    changes::origin_fields(file, u64::from(line)).to_string()
}
