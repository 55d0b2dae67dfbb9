//! Projects from a file: each row checked as `spm project add` checks it, matched on code.
//!
//! A row with a code is written by a fast path (prepared statements kept for the whole
//! import, leads looked up once) that applies exactly the checks and writes exactly the
//! rows and change-log entries of `service::project::insert`; the test
//! `the_fast_path_writes_what_the_service_writes` holds the two together. A row without a
//! code goes through `insert` itself, which makes up the code.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;

use super::columns::{Field, date, money, parsed, text};
use super::read::Problem;
use super::{Importer, RowError, Summary, Values};
use crate::error::{Context, Error, Result};
use crate::model::code::parse_code;
use crate::model::{AcademicYear, Cadence, Money, Project, Status};
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
            summary: Summary::default(),
        }
    }

    /// The staff lead `key` names, registered as a member of staff when no one has the name.
    fn lead(&mut self, tx: &Connection, key: &str) -> Result<(i64, String)> {
        let folded = key.to_ascii_lowercase();
        if let Some(found) = self.leads.get(&folded) {
            return Ok(found.clone());
        }
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

    /// Registers a project whose code is given, as `service::project::insert` would.
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
        tx.prepare_cached(
            "INSERT INTO projects (code, title, summary, form, activity, level_planned,
                level_achieved, status, department, academic_year, start_date, end_date, lead_id,
                budget_pence, review_cadence_months)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )
        .and_then(|mut s| {
            s.execute(params![
                code,
                title,
                summary,
                new.form,
                new.activity,
                new.level_planned,
                new.level_achieved,
                new.status,
                department,
                year,
                start_date,
                end_date,
                lead.as_ref().map(|l| l.0),
                new.budget.map(Money::pence),
                new.cadence.months(),
            ])
        })
        .context("cannot save the project")?;
        let id = tx.last_insert_rowid();
        insert_themes(tx, id, &themes)?;
        if new.status != Status::Proposed {
            let since = match new.status {
                Status::Completed | Status::Withdrawn => end_date.or(start_date),
                _ => start_date,
            };
            tx.prepare_cached(
                "INSERT INTO project_status_history (project_id, status, on_date) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![id, new.status, since.unwrap_or(self.today)]))
            .context("cannot save the project's status")?;
        }
        // As the database reads them back: themes in NOCASE order.
        themes.sort_by_key(|t| t.to_ascii_lowercase());
        let project = Project {
            id,
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
            lead: lead.map(|l| l.1),
            themes,
            budget: new.budget,
            cadence: new.cadence,
            created_at: String::new(),
            updated_at: String::new(),
        };
        self.log(tx, id, "insert", &changes::snapshot(&project, UNLOGGED))
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

    fn row(&mut self, tx: &Connection, v: &Values<'_>) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        let d = draft(v, &mut problems);
        if let Some(code) = &d.code {
            if let Some(first) = self.seen.get(code) {
                problems.push(v.problem(
                    CODE,
                    format!("project {code} is on line {first} already; give each project one row"),
                ));
            } else {
                self.seen.insert(code.clone(), v.line);
            }
        }
        let existing = match &d.code {
            Some(code) => svc_get(tx, code).map_err(RowError::Fatal)?,
            None => None,
        };
        if let Some(old) = existing {
            if !problems.is_empty() {
                return Err(RowError::Problems(problems));
            }
            if !self.update {
                self.summary.kept += 1;
                return Ok(());
            }
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

/// The project with `code`, if there is one.
fn svc_get(tx: &Connection, code: &str) -> Result<Option<Project>> {
    let id: Option<i64> = tx
        .prepare_cached("SELECT id FROM projects WHERE code = ?1")
        .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional())
        .context("cannot check project codes")?;
    match id {
        Some(_) => svc::get(tx, code).map(Some),
        None => Ok(None),
    }
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
            assert_eq!(importer.summary.new_leads, vec!["Dr A. Khan".to_string()]);
            tx.commit()?;
        }
        assert_eq!(rows(&slow)?, rows(&fast)?);
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
