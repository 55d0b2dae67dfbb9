//! The checks a recommendation passes before it is saved: its text, dates, source and owner.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::Source;
use crate::error::{Context, Error, Result};
use crate::service::{clean_text, person, project};

/// The longest name of a theme, of the part of the institution addressed, or of a channel.
const MAX_LABEL: usize = 200;

/// Trims a one-line label (a theme, the part of the institution, a channel); blank is `None`.
pub(super) fn clean_label(what: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(text) = clean_text(what, value)? else {
        return Ok(None);
    };
    if text.contains('\n') || text.chars().count() > MAX_LABEL {
        return Err(Error::Invalid(format!(
            "the {what} {text:?} is not one line of up to {MAX_LABEL} characters"
        )));
    }
    Ok(Some(text))
}

/// Refuses a date after today: what happened is recorded, not what is planned.
pub(super) fn check_not_future(what: &str, on: NaiveDate, today: NaiveDate) -> Result<()> {
    if on > today {
        return Err(Error::Invalid(format!(
            "the {what} {on} is in the future (today is {today}); give the day it happened"
        )));
    }
    Ok(())
}

/// The project or panel session a recommendation comes from, as `(project_id, session_id)`.
pub(super) fn source_ids(
    tx: &Connection,
    source: &Source,
    raised_on: NaiveDate,
) -> Result<(Option<i64>, Option<i64>)> {
    match source {
        Source::Project(code) => Ok((Some(project::get(tx, code)?.id), None)),
        Source::Panel(id) => {
            let held: NaiveDate = tx
                .query_row(
                    "SELECT on_date FROM panel_sessions WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()
                .context("cannot read the panel session")?
                .ok_or_else(|| {
                    Error::not_found(
                        "panel session with id",
                        id.to_string(),
                        "run \"spm panel list\" to see the sessions",
                    )
                })?;
            if raised_on < held {
                return Err(Error::Invalid(format!(
                    "the recommendation is raised on {raised_on}, before panel session {id} was held on {held}; check --on"
                )));
            }
            Ok((None, Some(*id)))
        }
        Source::Elsewhere => Ok((None, None)),
    }
}

/// The owner named by `key`, who must not have been forgotten.
pub(super) fn owner_id(tx: &Connection, key: Option<&str>) -> Result<Option<i64>> {
    let Some(key) = key.filter(|k| !k.trim().is_empty()) else {
        return Ok(None);
    };
    let p = person::resolve(tx, key)?;
    if p.erased_on.is_some() {
        return Err(Error::Invalid(format!(
            "person #{} was forgotten and cannot own a recommendation; give someone else with --owner",
            p.id
        )));
    }
    Ok(Some(p.id))
}

/// A theme spelled as it already is elsewhere (themes match in any case), so one theme is not
/// shown twice on the board.
pub(super) fn known_theme(tx: &Connection, theme: Option<String>) -> Result<Option<String>> {
    let Some(theme) = theme else {
        return Ok(None);
    };
    let known: Option<String> = tx
        .query_row(
            "SELECT theme FROM recommendations WHERE theme = ?1 ORDER BY id LIMIT 1",
            [&theme],
            |r| r.get(0),
        )
        .optional()
        .context("cannot read the themes")?;
    Ok(Some(known.unwrap_or(theme)))
}
