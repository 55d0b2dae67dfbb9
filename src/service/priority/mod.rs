//! The Partnership Agreement's priority projects for each academic year, each with its
//! objectives. The Agreement is reviewed and updated every year, so a year's priorities are
//! carried into the next one only deliberately, and a carried priority remembers its origin.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Value as Json, json};

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Change, Priority};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, project, settings};

/// The entity name of priorities in the change log.
pub const ENTITY: &str = "priority_project";

/// The priority as the change log keeps it.
fn logged(p: &Priority) -> Json {
    json!({
        "year": p.year,
        "project": p.project,
        "objectives": p.objectives,
        "carried_from": p.carried_from,
    })
}

/// What [`set`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOutcome {
    /// The project became a priority for the year.
    Created,
    /// It was one already; its objectives were replaced.
    Replaced,
    /// It was one already, with these very objectives.
    Unchanged,
}

/// A priority set, and what setting it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    pub priority: Priority,
    pub outcome: SetOutcome,
}

/// What carrying one year's priorities into a later year would do.
#[derive(Debug, Clone, PartialEq)]
pub struct CarryPlan {
    pub from: AcademicYear,
    pub to: AcademicYear,
    /// The priorities of `from` whose project is not yet a priority in `to`.
    pub proposals: Vec<Priority>,
    /// The priorities of `from` whose project is a priority in `to` already (skipped).
    pub already: Vec<Priority>,
}

/// Trims the objectives, drops blank ones and repeats (ignoring case).
///
/// Errors: `Invalid` when none is left, or one has control characters or is too long.
fn clean_objectives(objectives: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for o in objectives {
        let Some(o) = clean_text("objective", Some(o))? else {
            continue;
        };
        if !out.iter().any(|x| x.to_lowercase() == o.to_lowercase()) {
            out.push(o);
        }
    }
    if out.is_empty() {
        return Err(Error::Invalid(
            "a priority needs at least one objective that is not blank, e.g. --objective \"halve waiting times for peer support\"".into(),
        ));
    }
    Ok(out)
}

/// Makes a project a priority for `year` with these objectives, or replaces the objectives of
/// the priority it is already.
///
/// Errors: `NotFound` for an unknown project; `Invalid` for no objectives, or one with control
/// characters or too long, or a year after the next (see [`check_horizon`]).
pub fn set(
    conn: &mut Connection,
    year: AcademicYear,
    code: &str,
    objectives: &[String],
    today: NaiveDate,
) -> Result<Set> {
    check_horizon(conn, year, today)?;
    let tx = begin_write(conn)?;
    let set = insert(&tx, year, code, objectives)?;
    tx.commit().context("cannot save the priority")?;
    Ok(set)
}

/// As [`set`], inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`set`].
pub fn insert(
    tx: &Connection,
    year: AcademicYear,
    code: &str,
    objectives: &[String],
) -> Result<Set> {
    let project = project::get(tx, code)?;
    let objectives = clean_objectives(objectives)?;
    let existing = find(tx, year, project.id)?;
    let Some(before) = existing else {
        tx.execute(
            "INSERT INTO priority_projects (academic_year, project_id) VALUES (?1, ?2)",
            params![year, project.id],
        )
        .context("cannot save the priority")?;
        let id = tx.last_insert_rowid();
        write_objectives(tx, id, &objectives)?;
        let priority = by_id(tx, id)?;
        changes::record(tx, ENTITY, id, Action::Insert, &logged(&priority))?;
        return Ok(Set {
            priority,
            outcome: SetOutcome::Created,
        });
    };
    if before.objectives == objectives {
        return Ok(Set {
            priority: before,
            outcome: SetOutcome::Unchanged,
        });
    }
    tx.execute(
        "DELETE FROM priority_objectives WHERE priority_id = ?1",
        [before.id],
    )
    .context("cannot replace the objectives")?;
    write_objectives(tx, before.id, &objectives)?;
    tx.execute(
        "UPDATE priority_projects SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        [before.id],
    )
    .context("cannot replace the objectives")?;
    let after = by_id(tx, before.id)?;
    let diff = changes::diff(&logged(&before), &logged(&after), &[]);
    changes::record(tx, ENTITY, after.id, Action::Update, &Json::Object(diff))?;
    Ok(Set {
        priority: after,
        outcome: SetOutcome::Replaced,
    })
}

fn write_objectives(tx: &Connection, priority_id: i64, objectives: &[String]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO priority_objectives (priority_id, position, objective)
             VALUES (?1, ?2, ?3)",
        )
        .context("cannot save the objectives")?;
    for (i, o) in objectives.iter().enumerate() {
        let position = i64::try_from(i + 1).unwrap_or(i64::MAX);
        stmt.execute(params![priority_id, position, o])
            .context("cannot save the objectives")?;
    }
    Ok(())
}

const SELECT: &str = "SELECT pp.id, pp.academic_year, p.code, p.title, p.status,
    pp.carried_from_id, c.academic_year, pp.created_at, pp.updated_at
    FROM priority_projects pp JOIN projects p ON p.id = pp.project_id
    LEFT JOIN priority_projects c ON c.id = pp.carried_from_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Priority> {
    Ok(Priority {
        id: r.get(0)?,
        year: r.get(1)?,
        project: r.get(2)?,
        title: r.get(3)?,
        status: r.get(4)?,
        objectives: Vec::new(),
        carried_from_id: r.get(5)?,
        carried_from: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Fills each priority's objectives, in order.
fn with_objectives(conn: &Connection, mut list: Vec<Priority>) -> Result<Vec<Priority>> {
    for p in &mut list {
        p.objectives = rows(
            conn,
            "cannot read the objectives",
            "SELECT objective FROM priority_objectives WHERE priority_id = ?1
             ORDER BY position, id",
            [p.id],
            |r| r.get(0),
        )?;
    }
    Ok(list)
}

fn by_id(conn: &Connection, id: i64) -> Result<Priority> {
    let p = conn
        .query_row(&format!("{SELECT} WHERE pp.id = ?1"), [id], from_row)
        .context("cannot read the priority")?;
    Ok(with_objectives(conn, vec![p])?.remove(0))
}

/// The priority of project `project_id` in `year`, if it is one.
fn find(conn: &Connection, year: AcademicYear, project_id: i64) -> Result<Option<Priority>> {
    let p = conn
        .query_row(
            &format!("{SELECT} WHERE pp.academic_year = ?1 AND pp.project_id = ?2"),
            params![year, project_id],
            from_row,
        )
        .optional()
        .context("cannot read the priority")?;
    match p {
        Some(p) => Ok(with_objectives(conn, vec![p])?.pop()),
        None => Ok(None),
    }
}

/// The priority of project `code` in `year`.
///
/// Errors: `NotFound` for an unknown project, or one that is not a priority that year.
pub fn get(conn: &Connection, year: AcademicYear, code: &str) -> Result<Priority> {
    let project = project::get(conn, code)?;
    find(conn, year, project.id)?.ok_or_else(|| {
        Error::not_found(
            "priority for",
            format!("{} in {year}", project.code),
            format!("run \"spm priority list {year}\" to see that year's priorities"),
        )
    })
}

/// The priorities of `year`, or of every year; newest year first, then by project code.
pub fn list(conn: &Connection, year: Option<AcademicYear>) -> Result<Vec<Priority>> {
    let list = rows(
        conn,
        "cannot list the priorities",
        &format!(
            "{SELECT} WHERE ?1 IS NULL OR pp.academic_year = ?1
             ORDER BY pp.academic_year DESC, p.code"
        ),
        [year],
        from_row,
    )?;
    with_objectives(conn, list)
}

/// Refuses a carry that does not go forward in time.
/// Priorities are agreed for this academic year or the next: a year beyond that is a typo.
///
/// Errors: `Invalid` for a year after the next.
pub fn check_horizon(conn: &Connection, year: AcademicYear, today: NaiveDate) -> Result<()> {
    let now = settings::current_year(conn, today)?;
    let next = AcademicYear(now.0 + 1);
    if year > next {
        return Err(Error::Invalid(format!(
            "{year} is too far ahead: priorities are set for this academic year ({now}) or the next ({next})"
        )));
    }
    Ok(())
}

fn check_forward(from: AcademicYear, to: AcademicYear) -> Result<()> {
    if to <= from {
        return Err(Error::Invalid(format!(
            "priorities are carried forward to a later year: {to} is not after {from}"
        )));
    }
    Ok(())
}

/// What carrying the priorities of `from` into `to` would do: the priorities to propose, and
/// those skipped because their project is a priority in `to` already. Writes nothing.
///
/// Errors: `Invalid` when `to` is not after `from`, or is after next year.
pub fn plan_carry(
    conn: &Connection,
    from: AcademicYear,
    to: AcademicYear,
    today: NaiveDate,
) -> Result<CarryPlan> {
    check_forward(from, to)?;
    check_horizon(conn, to, today)?;
    let there: Vec<String> = list(conn, Some(to))?
        .into_iter()
        .map(|p| p.project)
        .collect();
    let (already, proposals) = list(conn, Some(from))?
        .into_iter()
        .partition(|p| there.contains(&p.project));
    Ok(CarryPlan {
        from,
        to,
        proposals,
        already,
    })
}

/// Carries the priorities with ids `ids` into `to`, all or none: each gets a copy of the
/// objectives and remembers the priority it came from. Returns the new priorities.
///
/// Errors: `NotFound` for an unknown priority id; `Invalid` when `to` is not after a
/// priority's year; `Conflict` when its project is a priority in `to` already.
pub fn carry(conn: &mut Connection, to: AcademicYear, ids: &[i64]) -> Result<Vec<Priority>> {
    let tx = begin_write(conn)?;
    let carried = insert_carried(&tx, to, ids)?;
    tx.commit().context("cannot carry the priorities forward")?;
    Ok(carried)
}

/// As [`carry`], inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`carry`].
pub fn insert_carried(tx: &Connection, to: AcademicYear, ids: &[i64]) -> Result<Vec<Priority>> {
    let mut carried = Vec::new();
    for &id in ids {
        let from = tx
            .query_row(&format!("{SELECT} WHERE pp.id = ?1"), [id], from_row)
            .optional()
            .context("cannot read the priority")?
            .ok_or_else(|| {
                Error::not_found(
                    "priority with id",
                    id.to_string(),
                    "run \"spm priority list\" to see the priorities",
                )
            })?;
        let from = with_objectives(tx, vec![from])?.remove(0);
        check_forward(from.year, to)?;
        let project = project::get(tx, &from.project)?;
        if find(tx, to, project.id)?.is_some() {
            return Err(Error::Conflict(format!(
                "project {} is a priority for {to} already; change its objectives with \"spm priority set {to} {}\"",
                from.project, from.project
            )));
        }
        tx.execute(
            "INSERT INTO priority_projects (academic_year, project_id, carried_from_id)
             VALUES (?1, ?2, ?3)",
            params![to, project.id, from.id],
        )
        .context("cannot carry the priority forward")?;
        let new_id = tx.last_insert_rowid();
        write_objectives(tx, new_id, &from.objectives)?;
        let priority = by_id(tx, new_id)?;
        changes::record(tx, ENTITY, new_id, Action::Insert, &logged(&priority))?;
        carried.push(priority);
    }
    Ok(carried)
}

/// Takes project `code` off the priorities of `year`, with its objectives; the change log
/// keeps what it held.
///
/// Errors: `NotFound`; `Conflict` when the priority was carried forward into a later year
/// (remove that one first).
pub fn remove(conn: &mut Connection, year: AcademicYear, code: &str) -> Result<Priority> {
    let tx = begin_write(conn)?;
    let priority = get(&tx, year, code)?;
    let later: Option<AcademicYear> = tx
        .query_row(
            "SELECT academic_year FROM priority_projects WHERE carried_from_id = ?1
             ORDER BY academic_year LIMIT 1",
            [priority.id],
            |r| r.get(0),
        )
        .optional()
        .context("cannot read the priorities")?;
    if let Some(later) = later {
        return Err(Error::Conflict(format!(
            "the priority of {} in {year} was carried forward to {later}, which remembers it; remove that one first with \"spm priority remove {later} {}\"",
            priority.project, priority.project
        )));
    }
    tx.execute("DELETE FROM priority_projects WHERE id = ?1", [priority.id])
        .context("cannot remove the priority")?;
    changes::record(&tx, ENTITY, priority.id, Action::Delete, &logged(&priority))?;
    tx.commit().context("cannot remove the priority")?;
    Ok(priority)
}

/// A priority's entries in the change log, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, id)
}

#[cfg(test)]
mod tests;
