//! Projects from a file: each row checked as `spm project add` checks it, matched on code.
//!
//! A row with a code is written by a fast path (prepared statements kept for the whole
//! import, leads looked up once) that applies exactly the checks and writes exactly the
//! rows and change-log entries of `service::project::insert`; the test
//! `the_fast_path_writes_what_the_service_writes` holds the two together. A row without a
//! code goes through `insert` itself, which makes up the code.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;

use super::columns::{Field, date, money, parsed, text};
use super::read::Problem;
use super::{Importer, RowError, Summary, Values};
use crate::error::{Context, Error, Result};
use crate::model::code::parse_code;
use crate::model::{AcademicYear, Activity, Cadence, Form, Level, Money, Project, Status};
use crate::service::changes;
use crate::service::project::{self as svc, NewProject};
use crate::service::{clean_text, person, settings};

const CODE: usize = 0;
const TITLE: usize = 1;
const SUMMARY: usize = 2;
const STATUS: usize = 3;
const FORM: usize = 4;
const ACTIVITY: usize = 5;
const PLANNED: usize = 6;
const ACHIEVED: usize = 7;
const DEPARTMENT: usize = 8;
const YEAR: usize = 9;
const START: usize = 10;
const END: usize = 11;
const LEAD: usize = 12;
const THEMES: usize = 13;
const BUDGET: usize = 14;
const CADENCE: usize = 15;

const fn field(key: &'static str, aliases: &'static [&'static str], required: bool) -> Field {
    Field {
        key,
        aliases,
        required,
    }
}

/// The columns of `spm project list --format csv`, in its order, with their aliases.
pub(super) const FIELDS: &[Field] = &[
    field("code", &["projectcode"], false),
    field("title", &["projecttitle", "name", "projectname"], true),
    field("summary", &["description"], false),
    field("status", &["projectstatus"], false),
    field("form", &["formofpartnership", "location"], true),
    field("activity", &["activitytype", "type"], false),
    field(
        "level_planned",
        &[
            "plannedlevel",
            "level",
            "engagementlevel",
            "plannedengagementlevel",
            "planned",
        ],
        true,
    ),
    field(
        "level_achieved",
        &["achievedlevel", "achieved", "achievedengagementlevel"],
        false,
    ),
    field(
        "department",
        &["dept", "school", "faculty", "service"],
        false,
    ),
    field("academic_year", &["year"], false),
    field("start_date", &["start", "starts", "startson"], false),
    field("end_date", &["end", "ends", "endson"], false),
    field("lead", &["stafflead", "leadname", "projectlead"], false),
    field("themes", &["theme", "tags"], false),
    field("budget", &["budgetgbp", "budgetpounds"], false),
    field("review_cadence", &["cadence", "reviewevery"], false),
];

/// The longest theme (as `service::project`).
const MAX_THEME: usize = 60;
/// Fields the change log leaves out (as `service::project`).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at"];

/// The values of one row, each `None` when the column is missing or the cell empty.
#[derive(Debug, Default)]
struct Draft {
    code: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    status: Option<Status>,
    form: Option<crate::model::Form>,
    activity: Option<crate::model::Activity>,
    planned: Option<crate::model::Level>,
    achieved: Option<crate::model::Level>,
    department: Option<String>,
    year: Option<AcademicYear>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    lead: Option<String>,
    themes: Vec<String>,
    budget: Option<Money>,
    cadence: Option<Cadence>,
}

/// Projects a multi-row INSERT writes at once. SQLite sets a statement up each time it runs
/// it: for `projects` that is a look-up table for each of its five `CHECK (x IN (...))`
/// constraints, the AUTOINCREMENT counter, and a statement's start and end. Run once a row,
/// that set-up costs as much as the insert; run once for 64 rows, it is lost in the noise.
/// (64 rows of 15 values stay far below SQLite's limit on a statement's variables.)
const CHUNK: usize = 64;

/// A new project checked and waiting to be written with the next chunk, with its values as
/// the database stores them.
struct Pending {
    /// `id` is 0 until the project is written.
    project: Project,
    lead_id: Option<i64>,
    budget_pence: Option<i64>,
    months: u32,
    /// The date of its first entry in the status history; `None` for a proposed project,
    /// which has none.
    since: Option<NaiveDate>,
}

/// Importing projects: the state kept from row to row.
pub(super) struct Projects {
    update: bool,
    today: NaiveDate,
    /// The note on a change of status made by `--update`.
    note: String,
    /// Who the change log says made the changes.
    actor: String,
    year: Option<AcademicYear>,
    /// Codes met so far, with their line.
    seen: HashMap<String, u64>,
    /// Leads by what the file calls them (ASCII case folded, as SQLite's NOCASE): id, name.
    leads: HashMap<String, (i64, String)>,
    /// New projects checked but not yet written: at most [`CHUNK`], written in file order
    /// before anything else is written (a lead, a project without a code, an update) and at
    /// the end, so every table gets the rows, ids and change-log entries, in the order, that
    /// writing each project as it was read would give.
    pending: Vec<Pending>,
    pub(super) summary: Summary,
}

impl Projects {
    pub(super) fn new(update: bool, today: NaiveDate, file: &str) -> Self {
        Projects {
            update,
            today,
            note: format!("imported from {file}"),
            actor: changes::actor(),
            year: None,
            seen: HashMap::new(),
            leads: HashMap::new(),
            pending: Vec::with_capacity(CHUNK),
            summary: Summary::default(),
        }
    }

    /// The staff lead `key` names, registered as a member of staff when no one has the name.
    fn lead(&mut self, tx: &Connection, key: &str) -> Result<(i64, String)> {
        let folded = key.to_ascii_lowercase();
        if let Some(found) = self.leads.get(&folded) {
            return Ok(found.clone());
        }
        // Registering the lead writes a person and a change-log entry: after the projects
        // read before it, as when each project was written as it was read.
        self.flush(tx)?;
        let (p, registered) = person::lead(tx, key)?;
        if registered {
            self.summary.new_leads.push(p.name.clone());
        }
        self.leads.insert(folded, (p.id, p.name.clone()));
        Ok((p.id, p.name))
    }

    fn current_year(&mut self, tx: &Connection) -> Result<AcademicYear> {
        match self.year {
            Some(y) => Ok(y),
            None => {
                let y = settings::current_year(tx, self.today)?;
                self.year = Some(y);
                Ok(y)
            }
        }
    }

    /// Registers a project whose code is given, as `service::project::insert` would: checks
    /// it now and writes it with the next chunk ([`Projects::flush`]).
    fn insert_fast(&mut self, tx: &Connection, code: String, new: NewProject) -> Result<()> {
        let title = clean_title(&new.title)?;
        let summary = clean_text("summary", new.summary.as_deref())?;
        let department = clean_text("department", new.department.as_deref())?;
        let lead = match clean_text("staff lead", new.lead.as_deref())? {
            Some(key) => Some(self.lead(tx, &key)?),
            None => None,
        };
        let mut themes = clean_themes(&new.themes)?;
        let (start_date, end_date) =
            dates_for_new(new.status, new.start_date, new.end_date, self.today);
        check_dates(start_date, end_date)?;
        let year = match new.academic_year {
            Some(y) => y,
            None => self.current_year(tx)?,
        };
        let since = match new.status {
            Status::Proposed => None,
            Status::Completed | Status::Withdrawn => {
                Some(end_date.or(start_date).unwrap_or(self.today))
            }
            _ => Some(start_date.unwrap_or(self.today)),
        };
        // As the database reads them back: themes in NOCASE order.
        themes.sort_by_key(|t| t.to_ascii_lowercase());
        let (lead_id, lead) = match lead {
            Some((id, name)) => (Some(id), Some(name)),
            None => (None, None),
        };
        self.pending.push(Pending {
            project: Project {
                id: 0,
                code,
                title,
                summary,
                form: new.form,
                activity: new.activity,
                level_planned: new.level_planned,
                level_achieved: new.level_achieved,
                status: new.status,
                department,
                academic_year: year,
                start_date,
                end_date,
                lead,
                themes,
                budget: new.budget,
                cadence: new.cadence,
                created_at: String::new(),
                updated_at: String::new(),
            },
            lead_id,
            budget_pence: new.budget.map(Money::pence),
            months: new.cadence.months(),
            since,
        });
        if self.pending.len() >= CHUNK {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Writes the pending projects, in file order: their rows, then their themes, status
    /// history and change-log entries, each table by multi-row INSERTs.
    ///
    /// Errors: `Database` when a write fails; `BadDatabase` if SQLite did not number the
    /// projects one after another (AUTOINCREMENT always does).
    fn flush(&mut self, tx: &Connection) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.pending);
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(pending.len() * 15);
        for p in &pending {
            let r = &p.project;
            values.extend_from_slice(&[
                &r.code as &dyn ToSql,
                &r.title,
                &r.summary,
                &r.form,
                &r.activity,
                &r.level_planned,
                &r.level_achieved,
                &r.status,
                &r.department,
                &r.academic_year,
                &r.start_date,
                &r.end_date,
                &p.lead_id,
                &p.budget_pence,
                &p.months,
            ]);
        }
        insert_many(
            tx,
            "INSERT INTO projects (code, title, summary, form, activity, level_planned,
                level_achieved, status, department, academic_year, start_date, end_date,
                lead_id, budget_pence, review_cadence_months) VALUES ",
            15,
            &values,
        )
        .context("cannot save the project")?;
        drop(values);
        // AUTOINCREMENT numbers the rows of one transaction one after another, so the last
        // id gives every other; the first row is read back to be sure.
        let last = tx.last_insert_rowid();
        let first = last - pending.len() as i64 + 1;
        let code: Option<String> = tx
            .prepare_cached("SELECT code FROM projects WHERE id = ?1")
            .and_then(|mut s| s.query_row([first], |r| r.get(0)).optional())
            .context("cannot read the projects back")?;
        if code.as_deref() != pending.first().map(|p| p.project.code.as_str()) {
            return Err(Error::BadDatabase(format!(
                "the projects written were not numbered one after another (project {first} is {code:?}); nothing was imported"
            )));
        }
        for (i, p) in pending.iter_mut().enumerate() {
            p.project.id = first + i as i64;
        }
        let mut values: Vec<&dyn ToSql> = Vec::new();
        for p in &pending {
            for theme in &p.project.themes {
                values.extend_from_slice(&[&p.project.id as &dyn ToSql, theme]);
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
        for p in &pending {
            if let Some(since) = &p.since {
                values.extend_from_slice(&[&p.project.id as &dyn ToSql, &p.project.status, since]);
            }
        }
        insert_many(
            tx,
            "INSERT INTO project_status_history (project_id, status, on_date) VALUES ",
            3,
            &values,
        )
        .context("cannot save the project's status")?;
        values.clear();
        let logged: Vec<String> = pending.iter().map(|p| logged(&p.project)).collect();
        let (entity, action) = (svc::ENTITY, "insert");
        for (p, fields) in pending.iter().zip(&logged) {
            values.extend_from_slice(&[
                &self.actor as &dyn ToSql,
                &entity,
                &p.project.id,
                &action,
                fields,
            ]);
        }
        insert_many(
            tx,
            "INSERT INTO changes (actor, entity, entity_id, action, fields) VALUES ",
            5,
            &values,
        )
        .context("cannot write the change log")?;
        drop(values);
        // The buffer is kept for the next chunk.
        pending.clear();
        self.pending = pending;
        Ok(())
    }

    /// Appends to the change log what `changes::record` would, with the actor read once for
    /// the whole import rather than for each row.
    fn log(&self, tx: &Connection, id: i64, action: &str, fields: &Json) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO changes (actor, entity, entity_id, action, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut s| s.execute(params![self.actor, svc::ENTITY, id, action, fields.to_string()]))
        .context("cannot write the change log")?;
        Ok(())
    }

    /// Overwrites the project `old` with the file's values, as `spm project edit` and
    /// `spm project status` would; returns whether anything changed.
    fn update(
        &mut self,
        tx: &Connection,
        old: Project,
        d: Draft,
        v: &Values<'_>,
    ) -> std::result::Result<bool, RowError> {
        let fatal = |e: Error| RowError::from_service(v, None, e);
        let mut problems = Vec::new();
        let mut p = old.clone();
        let mut required = |i: usize, what: &str| {
            problems.push(v.problem(
                i,
                format!("the {what} is empty; to keep the registered one, leave the column out"),
            ));
        };
        if v.has(TITLE) {
            match d.title.as_deref().map(clean_title) {
                Some(Ok(t)) => p.title = t,
                Some(Err(e)) => return Err(RowError::from_service(v, Some(TITLE), e)),
                None => required(TITLE, "title"),
            }
        }
        if v.has(FORM) {
            match d.form {
                Some(f) => p.form = f,
                None => required(FORM, "form"),
            }
        }
        if v.has(PLANNED) {
            match d.planned {
                Some(l) => p.level_planned = l,
                None => required(PLANNED, "planned level"),
            }
        }
        if !problems.is_empty() {
            return Err(RowError::Problems(problems));
        }
        let fix = |i: usize, e: Error| RowError::from_service(v, Some(i), e);
        if v.has(SUMMARY) {
            p.summary = clean_text("summary", d.summary.as_deref()).map_err(|e| fix(SUMMARY, e))?;
        }
        if v.has(DEPARTMENT) {
            p.department = clean_text("department", d.department.as_deref())
                .map_err(|e| fix(DEPARTMENT, e))?;
        }
        if v.has(ACTIVITY) {
            p.activity = d.activity;
        }
        if v.has(ACHIEVED) {
            p.level_achieved = d.achieved;
        }
        if let Some(y) = d.year {
            p.academic_year = y;
        }
        if v.has(START) {
            p.start_date = d.start;
        }
        if v.has(END) {
            p.end_date = d.end;
        }
        if v.has(BUDGET) {
            p.budget = d.budget;
        }
        if let Some(c) = d.cadence {
            p.cadence = c;
        }
        if v.has(THEMES) {
            p.themes = clean_themes(&d.themes).map_err(|e| fix(THEMES, e))?;
            p.themes.sort_by_key(|t| t.to_ascii_lowercase());
        }
        let mut lead_id: Option<i64> = tx
            .prepare_cached("SELECT lead_id FROM projects WHERE id = ?1")
            .and_then(|mut s| s.query_row([p.id], |r| r.get(0)))
            .context("cannot read the project's lead")
            .map_err(fatal)?;
        if v.has(LEAD) {
            let key = clean_text("staff lead", d.lead.as_deref()).map_err(|e| fix(LEAD, e))?;
            match key {
                // The same name as now: no need to look the person up again.
                Some(k)
                    if old
                        .lead
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case(&k)) => {}
                Some(k) => {
                    let (id, name) = self.lead(tx, &k).map_err(|e| fix(LEAD, e))?;
                    lead_id = Some(id);
                    p.lead = Some(name);
                }
                None => {
                    lead_id = None;
                    p.lead = None;
                }
            }
        }
        check_dates(p.start_date, p.end_date).map_err(|e| fix(START, e))?;
        if let Some(start) = p.start_date.filter(|s| old.start_date != Some(*s)) {
            let first: Option<NaiveDate> = tx
                .prepare_cached("SELECT min(on_date) FROM reviews WHERE project_id = ?1")
                .and_then(|mut s| s.query_row([p.id], |r| r.get(0)))
                .context("cannot read the project's reviews")
                .map_err(fatal)?;
            if let Some(first) = first.filter(|f| *f < start) {
                return Err(fix(
                    START,
                    Error::Invalid(format!(
                        "project {} was reviewed on {first}, before the new start date {start}; give a start on or before {first}",
                        old.code
                    )),
                ));
            }
        }
        let diff = changes::diff(
            &changes::snapshot(&old, UNLOGGED),
            &changes::snapshot(&p, UNLOGGED),
            &[],
        );
        let mut changed = false;
        if !diff.is_empty() {
            changed = true;
            tx.prepare_cached(
                "UPDATE projects SET title = ?2, summary = ?3, form = ?4, activity = ?5,
                    level_planned = ?6, level_achieved = ?7, department = ?8, academic_year = ?9,
                    start_date = ?10, end_date = ?11, lead_id = ?12, budget_pence = ?13,
                    review_cadence_months = ?14,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    p.id,
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
            .context("cannot save the project")
            .map_err(fatal)?;
            if p.themes != old.themes {
                tx.prepare_cached("DELETE FROM project_themes WHERE project_id = ?1")
                    .and_then(|mut s| s.execute([p.id]))
                    .context("cannot save the themes")
                    .map_err(fatal)?;
                insert_themes(tx, p.id, &p.themes).map_err(fatal)?;
            }
            self.log(tx, p.id, "update", &Json::Object(diff))
                .map_err(fatal)?;
        }
        if let Some(status) = d.status.filter(|s| *s != p.status) {
            svc::apply_status(tx, &p, status, self.today, Some(&self.note))
                .map_err(|e| fix(STATUS, e))?;
            changed = true;
        }
        Ok(changed)
    }
}

/// Reads the values of a row, adding a problem for each one that is wrong.
fn draft(v: &Values<'_>, problems: &mut Vec<Problem>) -> Draft {
    Draft {
        code: v.read(CODE, problems, |c| match text(c)? {
            Some(t) => parse_code("project code", &t)
                .map(Some)
                .map_err(|e| e.to_string()),
            None => Ok(None),
        }),
        title: v.read(TITLE, problems, text),
        summary: v.read(SUMMARY, problems, text),
        status: v.read(STATUS, problems, parsed),
        form: v.read(FORM, problems, parsed),
        activity: v.read(ACTIVITY, problems, parsed),
        planned: v.read(PLANNED, problems, parsed),
        achieved: v.read(ACHIEVED, problems, parsed),
        department: v.read(DEPARTMENT, problems, text),
        year: v.read(YEAR, problems, parsed),
        start: v.read(START, problems, date),
        end: v.read(END, problems, date),
        lead: v.read(LEAD, problems, text),
        // Themes are written "a; b" by the export; a theme may hold a comma.
        themes: v
            .read(THEMES, problems, text)
            .map(|t| t.split(';').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
        budget: v.read(BUDGET, problems, money),
        cadence: v.read(CADENCE, problems, parsed),
    }
}

impl Importer for Projects {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn count(&mut self) {
        self.summary.rows += 1;
    }

    fn finish(&mut self, tx: &Connection) -> Result<()> {
        self.flush(tx)
    }

    fn row(&mut self, tx: &Connection, v: &Values<'_>) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        let d = draft(v, &mut problems);
        if let Some(code) = &d.code {
            if let Some(first) = self.seen.get(code) {
                problems.push(v.problem(
                    CODE,
                    format!("project {code} is on line {first} already; give each project one row"),
                ));
                // The first row may be waiting to be written: written, it is found below
                // as a registered project, as it always was.
                self.flush(tx).map_err(RowError::Fatal)?;
            } else {
                self.seen.insert(code.clone(), v.line);
            }
        }
        let existing = match &d.code {
            Some(code) => registered(tx, code).map_err(RowError::Fatal)?,
            None => None,
        };
        if let Some(id) = existing {
            if !problems.is_empty() {
                return Err(RowError::Problems(problems));
            }
            if !self.update {
                self.summary.kept += 1;
                return Ok(());
            }
            self.flush(tx).map_err(RowError::Fatal)?;
            let old = by_id(tx, id).map_err(RowError::Fatal)?;
            if self.update(tx, old, d, v)? {
                self.summary.updated += 1;
            } else {
                self.summary.unchanged += 1;
            }
            return Ok(());
        }
        // A new project needs what `spm project add` needs.
        let missing = |i: usize, what: &str, names: &[&str]| {
            v.problem(
                i,
                format!("the {what} is empty; one of: {}", names.join(", ")),
            )
        };
        let title = match d.title.as_deref().map(clean_title) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                problems.push(v.problem(TITLE, e.to_string()));
                None
            }
            None => {
                if blank(v, TITLE) {
                    problems.push(v.problem(TITLE, "a project needs a title"));
                }
                None
            }
        };
        if d.form.is_none() && blank(v, FORM) {
            problems.push(missing(FORM, "form", crate::model::Form::NAMES));
        }
        if d.planned.is_none() && blank(v, PLANNED) {
            problems.push(missing(
                PLANNED,
                "planned level",
                crate::model::Level::NAMES,
            ));
        }
        problems.sort_by_key(|p| p.column);
        let (Some(title), Some(form), Some(planned), true) =
            (title, d.form, d.planned, problems.is_empty())
        else {
            return Err(RowError::Problems(problems));
        };
        let mut new = NewProject::new(title, form, planned);
        new.summary = d.summary;
        new.activity = d.activity;
        new.level_achieved = d.achieved;
        new.status = d.status.unwrap_or(Status::Proposed);
        new.department = d.department;
        new.academic_year = d.year;
        new.start_date = d.start;
        new.end_date = d.end;
        new.lead = d.lead;
        new.themes = d.themes;
        new.budget = d.budget;
        new.cadence = d.cadence.unwrap_or_default();
        match d.code {
            Some(code) => self
                .insert_fast(tx, code, new)
                .map_err(|e| RowError::from_service(v, None, e))?,
            None => {
                self.flush(tx)
                    .map_err(|e| RowError::from_service(v, None, e))?;
                // Registering the lead first records that it was registered by this import.
                if let Some(key) = clean_text("staff lead", new.lead.as_deref())
                    .map_err(|e| RowError::from_service(v, Some(LEAD), e))?
                {
                    self.lead(tx, &key)
                        .map_err(|e| RowError::from_service(v, Some(LEAD), e))?;
                }
                let made = svc::insert(tx, new, self.today)
                    .map_err(|e| RowError::from_service(v, None, e))?;
                self.seen.insert(made.code, v.line);
            }
        }
        self.summary.added += 1;
        Ok(())
    }
}

/// Whether field `i` is empty in this row (not merely unreadable, which is said already).
fn blank(v: &Values<'_>, i: usize) -> bool {
    v.get(i).is_none_or(|(_, c)| matches!(text(c), Ok(None)))
}

/// The id of the project with `code`, if there is one.
fn registered(tx: &Connection, code: &str) -> Result<Option<i64>> {
    tx.prepare_cached("SELECT id FROM projects WHERE code = ?1")
        .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional())
        .context("cannot check project codes")
}

/// The project with `id`, as `service::project` reads it (its `SELECT` and `from_row`,
/// private there; the test `a_project_reads_back_as_the_service_reads_it` holds the two
/// together) but through a statement kept in the connection's cache: preparing that one for
/// each row of an `--update` took longer than the rest of the row.
///
/// The lead's name comes from a subquery, not `LEFT JOIN people`: with the join, SQLite
/// marks the statement to be prepared again whenever its parameter is cleared, which the
/// statement cache does each time it takes a statement back, and the cache is no help.
fn by_id(tx: &Connection, id: i64) -> Result<Project> {
    tx.prepare_cached(
        "SELECT p.id, p.code, p.title, p.summary, p.form, p.activity,
            p.level_planned, p.level_achieved, p.status, p.department, p.academic_year,
            p.start_date, p.end_date, (SELECT l.name FROM people l WHERE l.id = p.lead_id),
            p.budget_pence, p.review_cadence_months, p.created_at, p.updated_at,
            (SELECT group_concat(theme, char(31)) FROM
                (SELECT theme FROM project_themes t WHERE t.project_id = p.id ORDER BY theme))
            FROM projects p WHERE p.id = ?1",
    )
    .and_then(|mut s| {
        s.query_row([id], |r| {
            let themes: Option<String> = r.get(18)?;
            let cadence: i64 = r.get(15)?;
            Ok(Project {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                summary: r.get(3)?,
                form: r.get(4)?,
                activity: r.get(5)?,
                level_planned: r.get(6)?,
                level_achieved: r.get(7)?,
                status: r.get(8)?,
                department: r.get(9)?,
                academic_year: r.get(10)?,
                start_date: r.get(11)?,
                end_date: r.get(12)?,
                lead: r.get(13)?,
                budget: r.get::<_, Option<i64>>(14)?.map(Money),
                cadence: Cadence(u32::try_from(cadence).unwrap_or(12)),
                created_at: r.get(16)?,
                updated_at: r.get(17)?,
                themes: themes
                    .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })
    })
    .context("cannot read the project")
}

/// Runs `head` (`INSERT INTO t (a, b) VALUES `) on `values`, `width` of them to a row, in as
/// few statements as it can: [`CHUNK`] rows at a time, then 8, then 1. Each size of
/// statement is prepared once and kept in the connection's cache.
fn insert_many(
    tx: &Connection,
    head: &str,
    width: usize,
    values: &[&dyn ToSql],
) -> rusqlite::Result<()> {
    let mut rest = values;
    while !rest.is_empty() {
        let rows = rest.len() / width;
        let n = [CHUNK, 8, 1].into_iter().find(|&n| n <= rows).unwrap_or(1);
        let Some((now, later)) = rest.split_at_checked(n * width) else {
            return Err(rusqlite::Error::InvalidParameterCount(
                rest.len(),
                n * width,
            ));
        };
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![row.as_str(); n].join(", "));
        let mut stmt = tx.prepare_cached(&sql)?;
        for (i, value) in now.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        stmt.raw_execute()?;
        rest = later;
    }
    Ok(())
}

/// The change-log entry of a new project: the text of
/// `changes::snapshot(project, UNLOGGED).to_string()`, written straight from the values
/// rather than through a `serde_json::Value` (which cost a fifth of an import). The keys are
/// in the order `snapshot` leaves them: removing `id`, `created_at` and `updated_at` from a
/// map that keeps its order puts the last key in the place of each one removed, so
/// `cadence` comes first. The test `the_logged_text_is_the_snapshot` holds the two together.
fn logged(p: &Project) -> String {
    #[derive(serde::Serialize)]
    struct Logged<'a> {
        cadence: &'a Cadence,
        code: &'a str,
        title: &'a str,
        summary: &'a Option<String>,
        form: &'a Form,
        activity: &'a Option<Activity>,
        level_planned: &'a Level,
        level_achieved: &'a Option<Level>,
        status: &'a Status,
        department: &'a Option<String>,
        academic_year: &'a AcademicYear,
        start_date: &'a Option<NaiveDate>,
        end_date: &'a Option<NaiveDate>,
        lead: &'a Option<String>,
        themes: &'a [String],
        budget: &'a Option<Money>,
    }
    let l = Logged {
        cadence: &p.cadence,
        code: &p.code,
        title: &p.title,
        summary: &p.summary,
        form: &p.form,
        activity: &p.activity,
        level_planned: &p.level_planned,
        level_achieved: &p.level_achieved,
        status: &p.status,
        department: &p.department,
        academic_year: &p.academic_year,
        start_date: &p.start_date,
        end_date: &p.end_date,
        lead: &p.lead,
        themes: &p.themes,
        budget: &p.budget,
    };
    serde_json::to_string(&l).unwrap_or_else(|_| changes::snapshot(p, UNLOGGED).to_string())
}

fn insert_themes(tx: &Connection, id: i64, themes: &[String]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached("INSERT INTO project_themes (project_id, theme) VALUES (?1, ?2)")
        .context("cannot save the themes")?;
    for theme in themes {
        stmt.execute(params![id, theme])
            .context("cannot save the themes")?;
    }
    Ok(())
}

// The checks below are those of `service::project` (private there), word for word.

fn clean_title(title: &str) -> Result<String> {
    let title = clean_text("title", Some(title))?
        .ok_or_else(|| Error::Invalid("a project needs a title".into()))?;
    if title.contains('\n') {
        return Err(Error::Invalid("a project title is one line".into()));
    }
    Ok(title)
}

fn clean_themes(themes: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for theme in themes {
        let Some(t) = clean_text("theme", Some(theme))? else {
            continue;
        };
        if t.chars().count() > MAX_THEME || t.contains('\n') {
            return Err(Error::Invalid(format!(
                "theme {t:?} is too long: a theme is a short phrase of up to {MAX_THEME} characters"
            )));
        }
        if !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
    }
    out.sort_by_key(|t| t.to_lowercase());
    Ok(out)
}

fn check_dates(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(Error::Invalid(format!(
            "the end date {e} is before the start date {s}"
        ))),
        _ => Ok(()),
    }
}

/// The dates a project registered in `status` gets (`dates_for` with no previous status).
fn dates_for_new(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Form, Level};
    use crate::service::open_in_memory;

    fn day(s: &str) -> NaiveDate {
        crate::model::parse_date(s).expect("a valid test date")
    }

    /// Every row of the tables a new project touches, without timestamps.
    fn rows(conn: &Connection) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        for sql in [
            "SELECT code, title, summary, form, activity, level_planned, level_achieved, status,
                department, academic_year, start_date, end_date, lead_id, budget_pence,
                review_cadence_months, id FROM projects ORDER BY id",
            "SELECT project_id, theme FROM project_themes ORDER BY project_id, theme",
            "SELECT project_id, status, on_date, note FROM project_status_history ORDER BY id",
            "SELECT id, name, email, kind FROM people ORDER BY id",
            "SELECT actor, entity, entity_id, action, fields FROM changes ORDER BY id",
        ] {
            let mut stmt = conn.prepare(sql)?;
            let n = stmt.column_count();
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let cells: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            "{:?}",
                            r.get_ref(i).map(|v| v
                                .as_str()
                                .ok()
                                .map(str::to_string)
                                .unwrap_or_else(|| format!("{:?}", v)))
                        )
                    })
                    .collect();
                out.push(cells.join(" | "));
            }
        }
        Ok(out)
    }

    fn samples() -> Vec<NewProject> {
        let mut out = Vec::new();
        let base = |t: &str| NewProject::new(t, Form::EducationalResearch, Level::Partnership);
        out.push(base("Plain"));
        let mut p = base("  Full  ");
        p.summary = Some("What it does\nover two lines".into());
        p.activity = Some(Activity::ChangeMakers);
        p.level_achieved = Some(Level::Involvement);
        p.status = Status::Active;
        p.department = Some(" Economics ".into());
        p.academic_year = Some("2024/25".parse().expect("a year"));
        p.start_date = Some(day("2024-10-01"));
        p.lead = Some("Dr A. Khan".into());
        p.themes = vec![
            "Zeta".into(),
            "alpha".into(),
            "ALPHA".into(),
            " ".into(),
            "Beta".into(),
            "éclair".into(),
            "Émile".into(),
        ];
        p.budget = Some(Money(250_050));
        p.cadence = Cadence(6);
        out.push(p);
        let mut p = base("Active, no start");
        p.status = Status::Active;
        p.lead = Some("dr a. khan".into());
        out.push(p);
        let mut p = base("Completed");
        p.status = Status::Completed;
        p.start_date = Some(day("2023-01-01"));
        out.push(p);
        let mut p = base("Withdrawn before start");
        p.status = Status::Withdrawn;
        p.start_date = Some(day("2027-01-01"));
        out.push(p);
        let mut p = base("Paused");
        p.status = Status::Paused;
        out.push(p);
        out
    }

    #[test]
    fn the_fast_path_writes_what_the_service_writes() -> anyhow::Result<()> {
        let today = day("2026-11-23");
        let mut slow = open_in_memory()?;
        let mut fast = open_in_memory()?;
        {
            let tx = slow.transaction()?;
            for (i, mut new) in samples().into_iter().enumerate() {
                new.code = Some(format!("p-{i}"));
                svc::insert(&tx, new, today)?;
            }
            tx.commit()?;
        }
        {
            let tx = fast.transaction()?;
            let mut importer = Projects::new(false, today, "x.csv");
            for (i, new) in samples().into_iter().enumerate() {
                importer.insert_fast(&tx, format!("p-{i}"), new)?;
            }
            importer.finish(&tx)?;
            assert_eq!(importer.summary.new_leads, vec!["Dr A. Khan".to_string()]);
            tx.commit()?;
        }
        assert_eq!(rows(&slow)?, rows(&fast)?);
        Ok(())
    }

    /// Every row of every table, timestamps left out, in a fixed order.
    fn every_table(conn: &Connection) -> anyhow::Result<Vec<String>> {
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for table in tables {
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?
                .into_iter()
                .filter(|c| !matches!(c.as_str(), "created_at" | "updated_at" | "at"))
                .collect();
            let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
            let mut stmt = conn.prepare(&format!(
                "SELECT {} FROM \"{table}\" ORDER BY {}",
                columns.join(", "),
                order.join(", ")
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let cells: Vec<String> = (0..columns.len())
                    .map(|i| {
                        r.get_ref(i).map(|v| match v {
                            rusqlite::types::ValueRef::Text(t) => {
                                format!("{:?}", String::from_utf8_lossy(t))
                            }
                            other => format!("{other:?}"),
                        })
                    })
                    .collect::<rusqlite::Result<_>>()?;
                out.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        Ok(out)
    }

    /// 150 projects: more than two chunks, new leads met in the middle of a chunk, rows
    /// without a code (written by the service), every status, text that JSON escapes.
    fn many() -> Vec<NewProject> {
        let statuses = [
            Status::Proposed,
            Status::Active,
            Status::Paused,
            Status::Completed,
            Status::Withdrawn,
        ];
        (0..150)
            .map(|i| {
                let mut p = NewProject::new(
                    format!("Project \"{i}\" – café"),
                    Form::EducationalResearch,
                    Level::Partnership,
                );
                p.code = (i % 37 != 5).then(|| format!("p-{i}"));
                p.status = statuses[i % statuses.len()];
                if i % 4 == 0 {
                    p.summary = Some(format!("line one\nline two, \\ {i}"));
                }
                if i % 3 == 0 {
                    p.lead = Some(format!("Dr Lead {}", i / 20));
                }
                if i % 2 == 0 {
                    p.themes = vec!["Zeta".into(), format!("theme {}", i % 5), "alpha".into()];
                }
                if i % 6 == 0 {
                    p.start_date = Some(day("2025-01-15"));
                }
                if i % 10 == 0 {
                    p.budget = Some(Money(i as i64 * 1234));
                }
                p.academic_year = Some("2025/26".parse().expect("a year"));
                p.cadence = Cadence(1 + (i % 12) as u32);
                p
            })
            .collect()
    }

    /// `p` as a row of the CSV file `spm project list` writes.
    fn csv_row(p: &NewProject) -> Vec<String> {
        let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            p.code.clone().unwrap_or_default(),
            p.title.clone(),
            p.summary.clone().unwrap_or_default(),
            p.status.to_string(),
            p.form.to_string(),
            p.level_planned.to_string(),
            p.academic_year.map(|y| y.to_string()).unwrap_or_default(),
            show(p.start_date),
            p.lead.clone().unwrap_or_default(),
            p.themes.join("; "),
            p.budget.map(|b| b.plain()).unwrap_or_default(),
            p.cadence.to_string(),
        ]
    }

    #[test]
    fn an_import_writes_what_the_service_writes() -> anyhow::Result<()> {
        let today = day("2026-11-23");
        let mut slow = open_in_memory()?;
        {
            let tx = slow.transaction()?;
            for new in many() {
                svc::insert(&tx, new, today)?;
            }
            tx.commit()?;
        }
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("projects.csv");
        let mut out = csv::Writer::from_path(&path)?;
        out.write_record([
            "code",
            "title",
            "summary",
            "status",
            "form",
            "level_planned",
            "academic_year",
            "start_date",
            "lead",
            "themes",
            "budget",
            "review_cadence",
        ])?;
        for p in many() {
            out.write_record(csv_row(&p))?;
        }
        out.flush()?;
        drop(out);
        let mut fast = open_in_memory()?;
        let summary = super::super::projects(
            &mut fast,
            &path,
            &super::super::ImportOptions::default(),
            today,
            &mut |_, _| {},
        )?;
        assert_eq!(summary.added, 150);
        assert_eq!(summary.new_leads.len(), 8);
        let (a, b) = (every_table(&slow)?, every_table(&fast)?);
        assert!(a.len() > 700, "{} rows", a.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
        assert_eq!(a.len(), b.len());
        Ok(())
    }

    #[test]
    fn the_logged_text_is_the_snapshot() -> anyhow::Result<()> {
        let today = day("2026-11-23");
        let mut conn = open_in_memory()?;
        let tx = conn.transaction()?;
        let mut all = samples();
        all.extend(many());
        for (i, mut new) in all.into_iter().enumerate() {
            new.code = Some(format!("s-{i}"));
            let p = svc::insert(&tx, new, today)?;
            assert_eq!(logged(&p), changes::snapshot(&p, UNLOGGED).to_string());
        }
        Ok(())
    }

    #[test]
    fn a_project_reads_back_as_the_service_reads_it() -> anyhow::Result<()> {
        let today = day("2026-11-23");
        let mut conn = open_in_memory()?;
        let tx = conn.transaction()?;
        for (i, mut new) in samples().into_iter().enumerate() {
            new.code = Some(format!("r-{i}"));
            let p = svc::insert(&tx, new, today)?;
            assert_eq!(by_id(&tx, p.id)?, svc::get(&tx, &p.code)?);
            assert_eq!(by_id(&tx, p.id)?, p);
        }
        Ok(())
    }

    #[test]
    fn the_fast_path_refuses_what_the_service_refuses() -> anyhow::Result<()> {
        let today = day("2026-11-23");
        let base = || NewProject::new("T", Form::EducationalResearch, Level::Partnership);
        let mut bad = Vec::new();
        let mut p = base();
        p.title = " ".into();
        bad.push(p);
        let mut p = base();
        p.title = "two\nlines".into();
        bad.push(p);
        let mut p = base();
        p.themes = vec!["x".repeat(61)];
        bad.push(p);
        let mut p = base();
        p.start_date = Some(day("2025-01-02"));
        p.end_date = Some(day("2025-01-01"));
        bad.push(p);
        let mut p = base();
        p.summary = Some("bell\u{7}".into());
        bad.push(p);
        let mut conn = open_in_memory()?;
        let tx = conn.transaction()?;
        let mut importer = Projects::new(false, today, "x.csv");
        for (i, new) in bad.into_iter().enumerate() {
            let mut slow = new.clone();
            slow.code = Some(format!("s-{i}"));
            let a = svc::insert(&tx, slow, today).err().map(|e| e.to_string());
            let b = importer
                .insert_fast(&tx, format!("f-{i}"), new)
                .err()
                .map(|e| e.to_string());
            assert!(a.is_some(), "sample {i} should be refused");
            assert_eq!(a, b, "sample {i}");
        }
        Ok(())
    }
}
