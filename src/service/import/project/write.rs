//! Writing checked projects: multi-row INSERTs, the change-log text, and the dates of a
//! new project.

use super::*;

pub(super) use crate::db::insert_many;

/// The change-log entry of a project an import added: the file and line it came from, as
/// [`changes::origin`] reads it back. Not a snapshot of the project, as `spm project add`
/// logs: the row holds those values, every later change is logged with its old value, and a
/// snapshot per row doubled the size of a database filled by imports (and the time to write
/// it), copying the names of leads into a log that erasure then has to search.
pub(super) fn origin(file: &str, line: u32) -> String {
    changes::origin_fields(file, u64::from(line)).to_string()
}

/// The dates a project registered in `status` gets (`dates_for` with no previous status).
pub(super) fn dates_for_new(
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    on: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = match (status, start) {
        (Status::Active, None) => Some(on),
        _ => start,
    };
    let never_ran = status == Status::Withdrawn && start.is_some_and(|s| on < s);
    let end = match status {
        Status::Completed | Status::Withdrawn if end.is_none() && !never_ran => Some(on),
        _ => end,
    };
    (start, end)
}
