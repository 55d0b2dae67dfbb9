//! A project's life: moving it between proposed, active, paused, completed and withdrawn.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use super::{ENTITY, by_id, check_dates, get, write};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{Project, Status};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, review};

/// One entry of a project's status history.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: Status,
    pub on: NaiveDate,
    pub note: Option<String>,
}

/// The start and end dates of a project that reaches `status` on `on`, coming from `from`
/// (`None` when it is registered in that status).
///
/// - Becoming active fills a missing start date; a move to active before the planned start
///   brings the start forward to the day it really began.
/// - Reopening a completed or withdrawn project clears its end date.
/// - Completing or withdrawing fills a missing end date, except for a project withdrawn
///   before its planned start, which never ran and so has no end.
pub(super) fn dates_for(
    from: Option<Status>,
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    on: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let moving = from.is_some();
    let start = match (status, start) {
        (Status::Active, None) => Some(on),
        (Status::Active, Some(s)) if moving && on < s => Some(on),
        _ => start,
    };
    let reopened = status == Status::Active && from.is_some_and(Status::is_closed);
    let never_ran = status == Status::Withdrawn && start.is_some_and(|s| on < s);
    let end = match status {
        _ if reopened => None,
        Status::Completed | Status::Withdrawn if end.is_none() && !never_ran => Some(on),
        _ => end,
    };
    (start, end)
}

/// The statuses a project may move to from `from`.
pub fn allowed_moves(from: Status) -> &'static [Status] {
    use Status::*;
    match from {
        Proposed => &[Active, Withdrawn],
        Active => &[Paused, Completed, Withdrawn],
        Paused => &[Active, Completed, Withdrawn],
        Completed | Withdrawn => &[Active],
    }
}

/// Moves a project to `status` on `on`, with an optional note. Becoming active sets a missing
/// start date; completing or withdrawing sets a missing end date.
///
/// Errors: `NotFound`; `Conflict` for a move that is not allowed or a date before the last
/// change of status; `Invalid` for a date after `today`, a note with control characters or an
/// end before the start.
pub fn set_status(
    conn: &mut Connection,
    code: &str,
    status: Status,
    on: NaiveDate,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<Project> {
    let note = clean_text("note", note)?;
    if on > today {
        return Err(Error::Invalid(format!(
            "{on} is in the future; record a change of status on the day it happens (today is {today})"
        )));
    }
    let tx = begin_write(conn)?;
    let old = get(&tx, code)?;
    let project = apply(&tx, &old, status, on, note.as_deref())?;
    tx.commit().context("cannot save the status")?;
    Ok(project)
}

/// Moves `old` to `status` on `on` inside the caller's write transaction: the rules of
/// [`set_status`] but the date check against today, which the caller makes.
///
/// Errors: as [`set_status`].
pub(crate) fn apply(
    tx: &Connection,
    old: &Project,
    status: Status,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<Project> {
    if old.status == status {
        return Err(Error::Conflict(format!(
            "project {:?} is already {status}",
            old.code
        )));
    }
    let allowed = allowed_moves(old.status);
    if !allowed.contains(&status) {
        let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
        return Err(Error::Conflict(format!(
            "project {:?} cannot go from {} to {status}; from {} it can go to: {}",
            old.code,
            old.status,
            old.status,
            names.join(", ")
        )));
    }
    let last: Option<NaiveDate> = tx
        .query_row(
            "SELECT max(on_date) FROM project_status_history WHERE project_id = ?1",
            [old.id],
            |r| r.get(0),
        )
        .context("cannot read the status history")?;
    if let Some(last) = last.filter(|last| on < *last) {
        return Err(Error::Conflict(format!(
            "{on} is before the project's last change of status on {last}; give a later --on date"
        )));
    }
    let (start, end) = dates_for(Some(old.status), status, old.start_date, old.end_date, on);
    check_dates(start, end)?;
    write::set_status(tx, old.id, status, start, end)?;
    write::Writer::new(tx).history(old.id, status, on, note, None)?;
    review::refresh(tx, old.id)?;
    let mut fields = json!({ "status": [old.status, status], "on": on });
    if old.start_date != start {
        fields["start_date"] = json!([old.start_date, start]);
    }
    if old.end_date != end {
        fields["end_date"] = json!([old.end_date, end]);
    }
    if let Some(n) = note {
        fields["note"] = json!(n);
    }
    changes::record(tx, ENTITY, old.id, Action::Update, &fields)?;
    by_id(tx, old.id)
}

/// A project's changes of status, oldest first.
pub fn status_history(conn: &Connection, project: &Project) -> Result<Vec<StatusChange>> {
    rows(
        conn,
        "cannot read the status history",
        "SELECT status, on_date, note FROM project_status_history
         WHERE project_id = ?1 ORDER BY on_date, id",
        [project.id],
        |r| {
            Ok(StatusChange {
                status: r.get(0)?,
                on: r.get(1)?,
                note: r.get(2)?,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::testing::day;
    use crate::model::{Form, Level};
    use crate::service::database::open_in_memory;
    use crate::service::project::{NewProject, add};

    #[test]
    fn status_moves_follow_the_project_life() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = day("2026-11-23");
        let mut new = NewProject::new("Panel", Form::EducationalResearch, Level::Consultation);
        new.start_date = Some(day("2025-11-01"));
        let code = add(&mut conn, new, day("2025-10-01"))?.project.code;
        let mut to =
            |status, on: &str, note| set_status(&mut conn, &code, status, day(on), note, today);
        assert!(
            to(Status::Paused, "2025-10-02", None).is_err(),
            "proposed cannot pause"
        );
        let p = to(Status::Active, "2025-10-02", None)?;
        assert_eq!(
            p.start_date,
            Some(day("2025-10-02")),
            "began before the planned start"
        );
        assert!(
            to(Status::Completed, "2025-09-01", None).is_err(),
            "before the last change"
        );
        assert!(
            to(Status::Completed, "2026-12-01", None).is_err(),
            "in the future"
        );
        let p = to(Status::Completed, "2026-06-30", Some("done"))?;
        assert_eq!(p.end_date, Some(day("2026-06-30")));
        let p = to(Status::Active, "2026-09-01", Some("second year"))?;
        assert_eq!(p.end_date, None, "reopening clears the end date");
        let p = to(Status::Completed, "2026-11-20", None)?;
        assert_eq!(p.end_date, Some(day("2026-11-20")));
        assert_eq!(status_history(&conn, &p)?.len(), 4);
        Ok(())
    }
}
