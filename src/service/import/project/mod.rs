//! Projects from a file: each row checked as `spm project add` checks it, matched on code
//! (or, without one, on title and academic year: `codeless.rs`).
//!
//! A row with a code is checked by `service::project::checked`, as `spm project add` checks
//! it, with its lead and the current year looked up once for the whole import, and written
//! by `service::project::write::Writer::insert_all` a chunk at a time; the test
//! `the_fast_path_writes_what_the_service_writes` holds this path and `service::project::insert`
//! together. A row without a code goes through `insert` itself, which makes up the code.
//! Either way the change log says which file and line a project came from
//! (`changes::origin_fields`) rather than copying its values.

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
use crate::service::changes::{self, Action};
use crate::service::project::write::{self as writer, Ready};
use crate::service::project::{
    self as svc, Lead, NewProject, check_dates, clean_themes, clean_title,
};
use crate::service::{clean_text, person, settings, suggest};

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
    lead_email: Option<String>,
    themes: Vec<String>,
    budget: Option<Money>,
    cadence: Option<Cadence>,
    /// The code of the project it continues.
    continues: Option<String>,
}

/// A row that says which project it continues, checked and written once every row is
/// written ([`Projects::settle`]): the project may be on a later row, as in the files
/// `spm project list` writes, newest year first.
#[derive(Debug)]
struct Link {
    line: u64,
    /// The code of the row's project.
    code: String,
    /// The code of the project it continues (not blank).
    continues: String,
    /// Whether the row overwrites a project registered before (`--update`), whose change is
    /// then logged; a new project's log entry names the file and line it came from.
    updated: bool,
}

/// Projects written at once (see `db::insert_many`).
use crate::db::CHUNK;

/// Importing projects: the state kept from row to row.
pub(super) struct Projects {
    update: bool,
    today: NaiveDate,
    /// The file as the change log names it.
    file: String,
    /// The note on a change of status made by `--update`.
    note: String,
    year: Option<AcademicYear>,
    /// The id the first project this import adds gets (AUTOINCREMENT numbers on from the
    /// highest id ever given); read with the first row.
    base: Option<i64>,
    /// The line of each project this import added, by `id - base`: 4 bytes a project, far
    /// less than a map of the codes seen (see benches/README.md).
    added_lines: Vec<u32>,
    /// Projects registered before the import that a row of the file matched, with its line.
    matched: HashMap<i64, u32>,
    /// What rows without a code are matched against, read a year at a time.
    by_title: codeless::ByTitle,
    /// Leads by what the file calls them, their email or else their name (ASCII case
    /// folded, as SQLite's NOCASE).
    leads: HashMap<String, Lead>,
    /// Staff and external partners by folded name, to refuse a lead given by a name like
    /// someone's (see `person::similar`): read at the first lead that needs it.
    names: Option<HashMap<String, (i64, String)>>,
    /// New projects checked but not yet written, each logged with the file and line it came
    /// from: at most [`CHUNK`], written in file order before anything else is written (a
    /// lead, a project without a code, an update) and at the end, so every table gets the
    /// rows, ids and change-log entries, in the order, that writing each project as it was
    /// read would give.
    pending: Vec<Ready>,
    /// The codes made for rows without one, counted on through the whole import.
    codes: svc::Codes,
    /// The links between rows, for [`Projects::settle`].
    links: Vec<Link>,
    /// The file's column of `continues`, for problems with [`Link`]s.
    continues_column: Option<usize>,
    pub(super) summary: Summary,
}

impl Projects {
    pub(super) fn new(update: bool, today: NaiveDate, file: &str) -> Self {
        Projects {
            update,
            today,
            file: file.to_string(),
            note: format!("imported from {file}"),
            year: None,
            base: None,
            added_lines: Vec::new(),
            matched: HashMap::new(),
            by_title: HashMap::new(),
            leads: HashMap::new(),
            names: None,
            pending: Vec::with_capacity(CHUNK),
            codes: svc::Codes::default(),
            links: Vec::new(),
            continues_column: None,
            summary: Summary::default(),
        }
    }

    /// The staff lead a row names: by `email` when given (two staff may share a name), else
    /// by `name`; registered as a member of staff when nobody matches (see
    /// `person::lead_by`). `None` when the row names no lead.
    fn lead(
        &mut self,
        tx: &Connection,
        name: Option<&str>,
        email: Option<&str>,
    ) -> Result<Option<Lead>> {
        let name = clean_text("staff lead", name)?;
        let Some(key) = email.or(name.as_deref()) else {
            return Ok(None);
        };
        let folded = key.to_ascii_lowercase();
        if let Some(found) = self.leads.get(&folded) {
            return Ok(Some(found.clone()));
        }
        // A lead given by a name alone that is nobody's but differs from someone's only in
        // case, spaces or punctuation is refused, row by row, as `project add --lead` refuses
        // it: registering them would make the same person twice.
        // Everyone's names are read once, the first time such a check is needed.
        if email.is_none()
            && let Some(name) = name.as_deref()
            && person::unknown_name(tx, name)?
        {
            let names = match &mut self.names {
                Some(names) => names,
                None => self.names.insert(person::folded_names(tx)?),
            };
            if let Some((id, like)) = names.get(&suggest::folded(name)) {
                return Err(Error::Conflict(format!(
                    "nobody is called {}; did you mean {like} (#{id})? write the name as it is registered, or give a lead_email to register someone new",
                    crate::model::text::quoted(name),
                )));
            }
        }
        // Registering the lead writes a person and a change-log entry: after the projects
        // read before it, as when each project was written as it was read.
        self.flush(tx)?;
        let (p, registered) = person::lead_by(tx, name.as_deref(), email)?;
        if registered {
            self.summary.new_leads.push(p.name.clone());
            if let Some(names) = &mut self.names {
                names
                    .entry(suggest::folded(&p.name))
                    .or_insert((p.id, p.name.clone()));
            }
        }
        let found = Lead::from(p);
        self.leads.insert(folded, found.clone());
        Ok(Some(found))
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
    /// it now (its lead already found) and writes it with the next chunk
    /// ([`Projects::flush`]).
    fn insert_fast(
        &mut self,
        tx: &Connection,
        code: String,
        new: NewProject,
        lead: Option<Lead>,
        line: u32,
    ) -> Result<()> {
        let today = self.today;
        let mut ready = svc::checked(
            new,
            today,
            || Ok(lead),
            || self.current_year(tx),
            |_, _| Ok(code),
        )?;
        ready.logged = Some(origin(&self.file, line));
        self.pending.push(ready);
        if self.pending.len() >= CHUNK {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Links the project of a row to the project it continues, checked as
    /// `spm project edit --continues` checks it; logs the change of a project registered
    /// before the import.
    ///
    /// Errors: as `service::project::relinked`.
    fn link(&mut self, tx: &Connection, link: &Link) -> Result<()> {
        let p = svc::get(tx, &link.code)?;
        let id = p.id;
        let year = p.academic_year;
        let Some(earlier) = svc::relinked(tx, id, &p.code, year, year, Some(&link.continues))?
        else {
            return Ok(());
        };
        writer::set_continues(tx, id, Some(earlier))?;
        if link.updated {
            let now = by_id(tx, earlier)?.code;
            let fields = serde_json::json!({ "continues": [p.continues, now] });
            changes::record(tx, svc::ENTITY, id, Action::Update, &fields)?;
        }
        Ok(())
    }

    /// Writes the pending projects, in file order (see `project::write::Writer::insert_all`).
    ///
    /// Errors: as `project::write::Writer::insert_all`.
    fn flush(&mut self, tx: &Connection) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        writer::Writer::new(tx).insert_all(&mut self.pending)?;
        // The buffer is kept for the next chunk.
        self.pending.clear();
        Ok(())
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
        self.flush(tx)?;
        // The next review dates of the projects added (numbered from `base` on) and updated.
        if let Some(base) = self.base {
            crate::service::review::refresh_from(tx, base)?;
        }
        if self.update {
            for id in self.matched.keys() {
                crate::service::review::refresh(tx, *id)?;
            }
        }
        Ok(())
    }

    fn settle(&mut self, tx: &Connection) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        for link in std::mem::take(&mut self.links) {
            match self.link(tx, &link) {
                Ok(()) => {}
                Err(e) => match RowError::at(link.line, self.continues_column, e) {
                    RowError::Problems(found) => problems.extend(found),
                    fatal @ RowError::Fatal(_) => return Err(fatal),
                },
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(RowError::Problems(problems))
        }
    }

    fn row(&mut self, tx: &Connection, v: &Values<'_>) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        let d = draft(v, &mut problems);
        self.continues_column = v.columns[CONTINUES];
        let base = self.base(tx).map_err(RowError::Fatal)?;
        let existing = match (&d.code, d.title.as_deref().map(clean_title)) {
            (Some(code), _) => registered(tx, code).map_err(RowError::Fatal)?,
            (None, Some(Ok(title))) => self
                .match_codeless(tx, &title, d.year, base)
                .map_err(RowError::Fatal)?,
            (None, _) => None,
        };
        if let Some(code) = &d.code
            && let Some(first) = self.line_of(code, existing, base)
        {
            problems.push(v.problem(
                CODE,
                format!("project {code} is on line {first} already; give each project one row"),
            ));
            return Err(RowError::Problems(problems));
        }
        if let Some(id) = existing {
            if !problems.is_empty() {
                return Err(RowError::Problems(problems));
            }
            self.matched.insert(id, line32(v.line));
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
        let column = lead_column(&d);
        let mut new = NewProject::new(title, form, planned);
        new.summary = d.summary;
        new.activity = d.activity;
        new.level_achieved = d.achieved;
        new.status = d.status.unwrap_or(Status::Proposed);
        new.department = d.department;
        new.academic_year = d.year;
        new.start_date = d.start;
        new.end_date = d.end;
        new.themes = d.themes;
        new.budget = d.budget;
        new.cadence = d.cadence.unwrap_or_default();
        let code = match d.code {
            Some(code) => {
                let lead = self
                    .lead(tx, d.lead.as_deref(), d.lead_email.as_deref())
                    .map_err(|e| RowError::from_service(v, Some(column), e))?;
                self.insert_fast(tx, code.clone(), new, lead, line32(v.line))
                    .map_err(|e| RowError::from_service(v, None, e))?;
                code
            }
            None => {
                self.flush(tx)
                    .map_err(|e| RowError::from_service(v, None, e))?;
                // Registering the lead first records that it was registered by this import;
                // the project then names it by id.
                let lead = self
                    .lead(tx, d.lead.as_deref(), d.lead_email.as_deref())
                    .map_err(|e| RowError::from_service(v, Some(column), e))?;
                new.lead = lead.map(|l| format!("#{}", l.id));
                let logged = changes::origin_fields(&self.file, v.line);
                svc::insert_logged(tx, new, self.today, logged, &mut self.codes)
                    .map_err(|e| RowError::from_service(v, None, e))?
                    .code
            }
        };
        if let Some(continues) = d.continues {
            self.links.push(Link {
                line: v.line,
                code,
                continues,
                updated: false,
            });
        }
        self.summary.added += 1;
        self.added_lines.push(line32(v.line));
        Ok(())
    }
}

/// The column a problem with a row's lead is in: the email's when the row gives one.
fn lead_column(d: &Draft) -> usize {
    if d.lead_email.is_some() {
        LEAD_EMAIL
    } else {
        LEAD
    }
}

mod codeless;
mod lines;
mod row;
mod update;

pub(super) use row::FIELDS;
use row::{
    ACHIEVED, ACTIVITY, BUDGET, CODE, CONTINUES, DEPARTMENT, END, FORM, LEAD, LEAD_EMAIL, PLANNED,
    START, STATUS, SUMMARY, THEMES, TITLE, YEAR, blank, by_id, draft, registered,
};
mod write;

use lines::line32;
use write::origin;

#[cfg(test)]
mod tests;
