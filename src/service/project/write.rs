//! The one writer of a project's rows: `projects`, `project_themes` and
//! `project_status_history`. `spm project add`, `spm project import` and `spm dev generate`
//! insert through [`Writer`]; `spm project edit` and `import --update` update through
//! [`update`]; a change of status, a review that moves a project's end, and the stored next
//! review date write through the functions below. What is written has been checked by the
//! caller (`super::checked`, `edit`, `status`): these functions only write it.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::{Prepared, insert_many};
use crate::error::{Context, Error, Result, from_sqlite};
use crate::model::{Money, Project, Status};
use crate::service::changes;

/// A new project checked and ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Ready {
    /// The project as it is stored. `id` is 0 until a [`Writer`] writes it; `lead` and
    /// `lead_email` are not written (`lead_id` is). Empty `created_at` and `updated_at` are
    /// the database's (now); given ones are written (generated records, dated in the past).
    pub project: Project,
    pub lead_id: Option<i64>,
    /// The day of its first entry in the status history; `None` writes none (a proposed
    /// project has had no change of status, and the generator writes its own).
    pub since: Option<NaiveDate>,
    /// The fields of its change-log entry, JSON text; `None` writes none (the caller logs a
    /// snapshot read back, or nothing for generated records).
    pub logged: Option<String>,
}

impl Ready {
    fn stamped(&self) -> bool {
        !self.project.created_at.is_empty()
    }
}

/// The columns of a project that a new row is given.
const COLUMNS: &str = "code, title, summary, form, activity, level_planned, level_achieved,
    status, department, academic_year, start_date, end_date, lead_id, budget_pence,
    review_cadence_months";

/// The inserts of new projects: one at a time through statements prepared on first use and
/// kept for the writer's life ([`Writer::insert`]: `spm project add`, the generator), or many
/// at a time by multi-row INSERTs ([`Writer::insert_all`]: the import). Both write the same
/// rows; the test `one_at_a_time_and_many_at_once_write_the_same_rows` holds them together.
pub(crate) struct Writer<'c> {
    tx: &'c Connection,
    project: Prepared<'c>,
    theme: Prepared<'c>,
    history: Prepared<'c>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: &'c Connection) -> Self {
        Writer {
            tx,
            project: Prepared::new(
                tx,
                "INSERT INTO projects (code, title, summary, form, activity, level_planned,
                    level_achieved, status, department, academic_year, start_date, end_date,
                    lead_id, budget_pence, review_cadence_months, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                    coalesce(?16, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                    coalesce(?17, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
            theme: Prepared::new(
                tx,
                "INSERT INTO project_themes (project_id, theme) VALUES (?1, ?2)",
            ),
            history: Prepared::new(
                tx,
                "INSERT INTO project_status_history (project_id, status, on_date, note,
                    created_at)
                 VALUES (?1, ?2, ?3, ?4, coalesce(?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
        }
    }

    /// Writes a new project with its themes, first status-history entry and change-log
    /// entry, and sets its id.
    ///
    /// Errors: `Database` when a write fails (a taken code among them: callers check codes
    /// first).
    pub(crate) fn insert(&mut self, r: &mut Ready) -> Result<()> {
        let p = &r.project;
        let id = self
            .project
            .get()
            .and_then(|s| {
                s.insert(params![
                    p.code,
                    p.title,
                    p.summary,
                    p.form,
                    p.activity,
                    p.level_planned,
                    p.level_achieved,
                    p.status,
                    p.department,
                    p.academic_year,
                    p.start_date,
                    p.end_date,
                    r.lead_id,
                    p.budget.map(Money::pence),
                    p.cadence.months(),
                    given(&p.created_at),
                    given(&p.updated_at),
                ])
            })
            .context("cannot save the project")?;
        r.project.id = id;
        let theme = self.theme.get().context("cannot save the themes")?;
        for t in &r.project.themes {
            theme
                .execute(params![id, t])
                .context("cannot save the themes")?;
        }
        if let Some(since) = r.since {
            self.history(id, r.project.status, since, None, None)?;
        }
        if let Some(logged) = &r.logged {
            changes::record_inserts(self.tx, super::ENTITY, &[(id, logged)])?;
        }
        Ok(())
    }

    /// Writes new projects, in order, as [`Writer::insert`] writes each, but each table by
    /// multi-row INSERTs, and sets each one's id.
    ///
    /// Errors: as [`Writer::insert`]; `BadDatabase` if SQLite did not number the projects
    /// one after another (AUTOINCREMENT always does).
    pub(crate) fn insert_all(&mut self, ready: &mut [Ready]) -> Result<()> {
        let tx = self.tx;
        for run in ready.chunk_by_mut(|a, b| a.stamped() == b.stamped()) {
            insert_run(tx, run)?;
        }
        Ok(())
    }

    /// Appends a change of status to project `id`'s history, written at `at` (a timestamp)
    /// or now.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn history(
        &mut self,
        id: i64,
        status: Status,
        on: NaiveDate,
        note: Option<&str>,
        at: Option<&str>,
    ) -> Result<()> {
        self.history
            .get()
            .and_then(|s| s.execute(params![id, status, on, note, at]))
            .context("cannot save the status")?;
        Ok(())
    }
}

/// A timestamp, or `None` for an empty one (the database's: now).
fn given(stamp: &str) -> Option<&str> {
    (!stamp.is_empty()).then_some(stamp)
}

/// [`Writer::insert_all`] of projects that all have timestamps, or all have none.
fn insert_run(tx: &Connection, ready: &mut [Ready]) -> Result<()> {
    let Some(head) = ready.first() else {
        return Ok(());
    };
    let stamped = head.stamped();
    let months: Vec<u32> = ready.iter().map(|r| r.project.cadence.months()).collect();
    let pence: Vec<Option<i64>> = ready
        .iter()
        .map(|r| r.project.budget.map(Money::pence))
        .collect();
    let width = if stamped { 17 } else { 15 };
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(ready.len() * width);
    for ((r, months), pence) in ready.iter().zip(&months).zip(&pence) {
        let p = &r.project;
        values.extend_from_slice(&[
            &p.code as &dyn ToSql,
            &p.title,
            &p.summary,
            &p.form,
            &p.activity,
            &p.level_planned,
            &p.level_achieved,
            &p.status,
            &p.department,
            &p.academic_year,
            &p.start_date,
            &p.end_date,
            &r.lead_id,
            pence,
            months,
        ]);
        if stamped {
            values.extend_from_slice(&[&p.created_at as &dyn ToSql, &p.updated_at]);
        }
    }
    let head_sql = if stamped {
        format!("INSERT INTO projects ({COLUMNS}, created_at, updated_at) VALUES ")
    } else {
        format!("INSERT INTO projects ({COLUMNS}) VALUES ")
    };
    insert_many(tx, &head_sql, width, &values).context("cannot save the project")?;
    drop(values);
    // AUTOINCREMENT numbers the rows of one transaction one after another, so the last id
    // gives every other; with more than one, the first row is read back to be sure.
    let last = tx.last_insert_rowid();
    let first = last - ready.len() as i64 + 1;
    if ready.len() > 1 {
        let code: Option<String> = tx
            .prepare_cached("SELECT code FROM projects WHERE id = ?1")
            .and_then(|mut s| s.query_row([first], |r| r.get(0)).optional())
            .context("cannot read the projects back")?;
        if code.as_deref() != Some(head.project.code.as_str()) {
            return Err(Error::BadDatabase(format!(
                "the projects written were not numbered one after another (project {first} is {code:?}); nothing was saved"
            )));
        }
    }
    for (r, id) in ready.iter_mut().zip(first..) {
        r.project.id = id;
    }
    let mut values: Vec<&dyn ToSql> = Vec::new();
    for r in ready.iter() {
        for theme in &r.project.themes {
            values.extend_from_slice(&[&r.project.id as &dyn ToSql, theme]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO project_themes (project_id, theme) VALUES ",
        2,
        &values,
    )
    .context("cannot save the themes")?;
    values.clear();
    for r in ready.iter() {
        if let Some(since) = &r.since {
            values.extend_from_slice(&[&r.project.id as &dyn ToSql, &r.project.status, since]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO project_status_history (project_id, status, on_date) VALUES ",
        3,
        &values,
    )
    .context("cannot save the project's status")?;
    drop(values);
    let logged: Vec<(i64, &str)> = ready
        .iter()
        .filter_map(|r| Some((r.project.id, r.logged.as_deref()?)))
        .collect();
    if logged.is_empty() {
        return Ok(());
    }
    changes::record_inserts(tx, super::ENTITY, &logged)
}

/// Writes `p`'s own fields (all but its status, which [`set_status`] moves) over its row,
/// with `lead_id` as its lead, and replaces its themes when `themes_changed`. Nothing is
/// logged: the caller logs what changed.
///
/// Errors: `Database` when a write fails (a taken code among them: callers check it first).
pub(crate) fn update(
    tx: &Connection,
    p: &Project,
    lead_id: Option<i64>,
    themes_changed: bool,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE projects SET code = ?2, title = ?3, summary = ?4, form = ?5, activity = ?6,
            level_planned = ?7, level_achieved = ?8, department = ?9, academic_year = ?10,
            start_date = ?11, end_date = ?12, lead_id = ?13, budget_pence = ?14,
            review_cadence_months = ?15, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            p.id,
            p.code,
            p.title,
            p.summary,
            p.form,
            p.activity,
            p.level_planned,
            p.level_achieved,
            p.department,
            p.academic_year,
            p.start_date,
            p.end_date,
            lead_id,
            p.budget.map(Money::pence),
            p.cadence.months(),
        ])
    })
    .context("cannot save the project")?;
    if themes_changed {
        write_themes(tx, p.id, &p.themes)?;
    }
    Ok(())
}

/// Replaces the themes of project `id` (statements kept in the cache: an import calls this
/// for every project whose themes it changes).
fn write_themes(conn: &Connection, id: i64, themes: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM project_themes WHERE project_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .context("cannot save the themes")?;
    let mut stmt = conn
        .prepare_cached("INSERT INTO project_themes (project_id, theme) VALUES (?1, ?2)")
        .context("cannot save the themes")?;
    for theme in themes {
        stmt.execute(params![id, theme])
            .context("cannot save the themes")?;
    }
    Ok(())
}

/// Sets the project that project `id` continues (`None`: none). The caller has checked it
/// (`series::checked`).
///
/// Errors: `Database` when the write fails.
pub(crate) fn set_continues(tx: &Connection, id: i64, continues: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE projects SET continues_id = ?2,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![id, continues],
    )
    .context("cannot save the project it continues")?;
    Ok(())
}

/// Moves project `id` to `status` with these dates (its status-history entry is
/// [`Writer::history`]'s).
///
/// Errors: `Database` when the write fails.
pub(crate) fn set_status(
    tx: &Connection,
    id: i64,
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Result<()> {
    tx.execute(
        "UPDATE projects SET status = ?2, start_date = ?3, end_date = ?4,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![id, status, start, end],
    )
    .context("cannot save the status")?;
    Ok(())
}

/// Moves the day of project `id`'s completion by the closing review noted `note` to `to`,
/// in its status history.
///
/// Errors: `Database` when the write fails.
pub(crate) fn move_completion(tx: &Connection, id: i64, note: &str, to: NaiveDate) -> Result<()> {
    tx.execute(
        "UPDATE project_status_history SET on_date = ?3
         WHERE project_id = ?1 AND note = ?2 AND status = 'completed'",
        params![id, note, to],
    )
    .context("cannot move the project's completion")?;
    Ok(())
}

/// Sets project `id`'s end date to `to`.
///
/// Errors: `Database` when the write fails.
pub(crate) fn set_end_date(tx: &Connection, id: i64, to: NaiveDate) -> Result<()> {
    tx.execute(
        "UPDATE projects SET end_date = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![id, to],
    )
    .context("cannot move the project's end date")?;
    Ok(())
}

/// Stores project `id`'s next review date and last review date (as text, `YYYY-MM-DD`),
/// which `review::next` works out. Derived data: `updated_at` and the change log are left
/// alone.
///
/// Errors: `Database` when the write fails.
pub(crate) fn store_review_dates(
    conn: &Connection,
    id: i64,
    due: Option<&str>,
    last: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE projects SET next_review_due = ?2, last_review_on = ?3 WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![id, due, last]))
    .context("cannot save the next review date")?;
    Ok(())
}

/// Deletes project `p` (its themes and status history go with it).
///
/// Errors: `Conflict` when other records still refer to it; `Database` when the write fails.
pub(crate) fn delete(tx: &Connection, p: &Project) -> Result<()> {
    tx.execute("DELETE FROM projects WHERE id = ?1", [p.id])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Conflict(format!(
                "project {:?} is still referred to by other records; withdraw it instead",
                p.code
            )),
            _ => from_sqlite("cannot remove the project", e),
        })?;
    Ok(())
}

#[cfg(test)]
mod tests;
