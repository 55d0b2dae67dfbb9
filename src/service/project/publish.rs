//! Approving a project for the public pages (the Change Makers gallery): its title and a
//! summary in the words to publish (the project's own unless reworded), the day they were
//! approved and the login that approved them. The one writer of `project_publications`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value as Json, json};

use super::{ENTITY, clean_title, get};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{Project, ProjectPublication};
use crate::service::changes::{self, Action};
use crate::service::clean_long_text;

/// What to publish. A field left `None` is the wording already approved, or, the first time,
/// the project's own title and summary.
#[derive(Debug, Clone, Default)]
pub struct PublishProject {
    pub title: Option<String>,
    pub summary: Option<String>,
    /// The day it was approved [default: today].
    pub on: Option<NaiveDate>,
}

/// Approves project `code`'s title and summary for the public pages, or changes the wording
/// or day of its approval; returns the project, the publication and whether it was
/// published before.
///
/// Errors: `NotFound`; `Invalid` when there is no summary to publish (none given, approved
/// or on the project), for a blank or over-long title or summary, a day after today, or a
/// publication that changes nothing.
pub fn publish(
    conn: &mut Connection,
    code: &str,
    what: PublishProject,
    today: NaiveDate,
) -> Result<(Project, ProjectPublication, bool)> {
    let tx = begin_write(conn)?;
    let done = apply_publish(&tx, code, what, today)?;
    tx.commit().context("cannot save the publication")?;
    Ok(done)
}

/// As [`publish`], inside the caller's write transaction (for demo data).
///
/// Errors: as [`publish`].
pub fn apply_publish(
    tx: &Connection,
    code: &str,
    what: PublishProject,
    today: NaiveDate,
) -> Result<(Project, ProjectPublication, bool)> {
    let project = get(tx, code)?;
    let code = &project.code;
    let on = what.on.unwrap_or(today);
    if on > today {
        return Err(Error::Invalid(format!(
            "the day of approval {on} is in the future (today is {today}); give the day it was approved"
        )));
    }
    let old = publication(tx, project.id)?;
    let title = match &what.title {
        Some(t) => clean_title(t)?,
        None => old
            .as_ref()
            .map_or_else(|| project.title.clone(), |p| p.title.clone()),
    };
    let summary = match &what.summary {
        Some(s) => clean_long_text("summary", Some(s))?.ok_or_else(|| {
            Error::Invalid(
                "--summary cannot be blank: give the summary as it is to be published".into(),
            )
        })?,
        None => match (&old, &project.summary) {
            (Some(p), _) => p.summary.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => {
                return Err(Error::Invalid(format!(
                    "project {code} has no summary to publish; give one with --summary \"...\" (or add it with \"spm project edit {code} --summary ...\")"
                )));
            }
        },
    };
    let by = changes::actor(tx);
    let new = ProjectPublication {
        project_id: project.id,
        title,
        summary,
        published_on: on,
        published_by: by.clone(),
    };
    let fields = logged(old.as_ref(), Some(&new));
    if fields.is_empty() {
        return Err(Error::Invalid(format!(
            "project {code} is already published with this title and summary on {on}; nothing was changed"
        )));
    }
    tx.execute(
        "INSERT INTO project_publications (project_id, title, summary, published_on, published_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (project_id) DO UPDATE SET title = excluded.title,
            summary = excluded.summary, published_on = excluded.published_on,
            published_by = excluded.published_by,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        params![
            project.id,
            new.title,
            new.summary,
            new.published_on,
            new.published_by
        ],
    )
    .context("cannot save the publication")?;
    changes::record(
        tx,
        ENTITY,
        project.id,
        Action::Update,
        &Json::Object(fields),
    )?;
    let was = old.is_some();
    Ok((project, new, was))
}

/// Takes project `code` off the public pages; returns the project and the publication it had
/// (the change log keeps it too).
///
/// Errors: `NotFound`; `Invalid` when it is not published.
pub fn unpublish(conn: &mut Connection, code: &str) -> Result<(Project, ProjectPublication)> {
    let tx = begin_write(conn)?;
    let project = get(&tx, code)?;
    let old = publication(&tx, project.id)?.ok_or_else(|| {
        Error::Invalid(format!(
            "project {} is not published; nothing was changed",
            project.code
        ))
    })?;
    tx.execute(
        "DELETE FROM project_publications WHERE project_id = ?1",
        [project.id],
    )
    .context("cannot take the project off the public pages")?;
    changes::record(
        &tx,
        ENTITY,
        project.id,
        Action::Update,
        &Json::Object(logged(Some(&old), None)),
    )?;
    tx.commit()
        .context("cannot take the project off the public pages")?;
    Ok((project, old))
}

/// The publication of the project with id `project_id`, if it is published.
///
/// Errors: `Database` when it cannot be read.
pub fn publication(conn: &Connection, project_id: i64) -> Result<Option<ProjectPublication>> {
    conn.query_row(
        "SELECT project_id, title, summary, published_on, published_by
         FROM project_publications WHERE project_id = ?1",
        [project_id],
        |r| {
            Ok(ProjectPublication {
                project_id: r.get(0)?,
                title: r.get(1)?,
                summary: r.get(2)?,
                published_on: r.get(3)?,
                published_by: r.get(4)?,
            })
        },
    )
    .optional()
    .context("cannot read the publication")
}

/// The change-log fields of a publication's change, `{field: [old, new]}`, for the fields
/// that changed (the login is the entry's own actor).
fn logged(old: Option<&ProjectPublication>, new: Option<&ProjectPublication>) -> Map<String, Json> {
    let view = |p: Option<&ProjectPublication>| {
        json!({
            "published_on": p.map(|p| p.published_on),
            "public_title": p.map(|p| p.title.as_str()),
            "public_summary": p.map(|p| p.summary.as_str()),
        })
    };
    changes::diff(&view(old), &view(new), &[])
}
