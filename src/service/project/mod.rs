//! Projects: registering them and finding them. Listing is in `list`, editing in `edit`, the
//! project's life (status changes) in `status`; every write of a project's rows (its own, its
//! themes, its status history), whoever asks for it, is in `write`.

pub mod checklist;
mod code;
mod edit;
mod find;
mod list;
mod publish;
mod series;
mod status;
pub(crate) mod write;

pub(crate) use code::Codes;

pub use edit::{Edited, ProjectPatch, edit};
pub use find::{led_by, similar_title};
pub use list::{ProjectFilter, each, list};
pub use publish::{PublishProject, apply_publish, publication, publish, unpublish};
pub use series::chain;
pub(crate) use series::{link, relinked};
pub use status::{StatusChange, allowed_moves, set_status, status_history};

pub(crate) use status::apply as apply_status;
use status::dates_for;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::Value as Json;

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::code::parse_code;
use crate::model::text::quoted;
use crate::model::{AcademicYear, Activity, Cadence, Change, Form, Level, Money, Project, Status};
use crate::service::changes::{self, Action};
use crate::service::suggest::{self, Among};
use crate::service::{clean_text, person, review, settings};

/// The entity name of projects in the change log.
pub(crate) const ENTITY: &str = "project";
/// Fields that the change log leaves out: they change on their own, or belong to the lead's
/// own record (an email in a project's log would be one more place forgetting has to find).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at", "lead_email"];

/// The longest theme.
const MAX_THEME: usize = 60;

/// A project to register. Text fields are trimmed; blank ones count as absent.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub code: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub form: Form,
    pub activity: Option<Activity>,
    pub level_planned: Level,
    pub level_achieved: Option<Level>,
    pub status: Status,
    pub department: Option<String>,
    /// The academic year; the current one when absent.
    pub academic_year: Option<AcademicYear>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub lead: Option<String>,
    /// A `lead` whose name is nobody's but like someone's (see `person::similar`) is a new
    /// member of staff, not refused.
    pub new_lead: bool,
    /// [`add`] registers the project even when another of the same academic year has the
    /// same title but for case, spaces and punctuation (see [`similar_title`]).
    pub same_title: bool,
    pub themes: Vec<String>,
    pub budget: Option<Money>,
    pub cadence: Cadence,
    /// The code of the project of an earlier academic year that this one continues.
    pub continues: Option<String>,
}

impl NewProject {
    /// A new proposed project with only its required fields set.
    pub fn new(title: impl Into<String>, form: Form, level_planned: Level) -> Self {
        NewProject {
            code: None,
            title: title.into(),
            summary: None,
            form,
            activity: None,
            level_planned,
            level_achieved: None,
            status: Status::Proposed,
            department: None,
            academic_year: None,
            start_date: None,
            end_date: None,
            lead: None,
            new_lead: false,
            same_title: false,
            themes: Vec::new(),
            budget: None,
            cadence: Cadence::default(),
            continues: None,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.code, p.title, p.summary, p.form, p.activity,
    p.level_planned, p.level_achieved, p.status, p.department, p.academic_year, p.start_date,
    p.end_date, l.name, p.budget_pence, p.review_cadence_months, p.created_at, p.updated_at,
    (SELECT group_concat(theme, char(31)) FROM
        (SELECT theme FROM project_themes t WHERE t.project_id = p.id ORDER BY theme)) AS themes,
    l.email, (SELECT c.code FROM projects c WHERE c.id = p.continues_id)
    FROM projects p LEFT JOIN people l ON l.id = p.lead_id";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
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
        lead_email: r.get(19)?,
        budget: r.get::<_, Option<i64>>(14)?.map(Money),
        cadence: Cadence(u32::try_from(cadence).unwrap_or(12)),
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
        themes: themes
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        continues: r.get(20)?,
    })
}

pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = clean_text("title", Some(title))?
        .ok_or_else(|| Error::Invalid("a project needs a title".into()))?;
    if title.contains('\n') {
        return Err(Error::Invalid("a project title is one line".into()));
    }
    Ok(title)
}

/// Trims themes, drops blanks and case-insensitive duplicates, and checks their length.
pub(crate) fn clean_themes(themes: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for theme in themes {
        let Some(t) = clean_text("theme", Some(theme))? else {
            continue;
        };
        if t.chars().count() > MAX_THEME || t.contains('\n') {
            return Err(Error::Invalid(format!(
                "theme {} is too long: a theme is a short phrase of up to {MAX_THEME} characters",
                quoted(&t)
            )));
        }
        if !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
    }
    out.sort_by_key(|t| t.to_lowercase());
    Ok(out)
}

pub(crate) fn check_dates(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(Error::Invalid(format!(
            "the end date {e} is before the start date {s}"
        ))),
        _ => Ok(()),
    }
}

fn code_taken(conn: &Connection, code: &str, except_id: Option<i64>) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM projects WHERE code = ?1 AND id IS NOT ?2)",
        params![code, except_id],
        |r| r.get(0),
    )
    .context("cannot check project codes")
}

/// A project just registered.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub project: Project,
    /// The staff lead's name, when naming them registered a new member of staff.
    pub new_lead: Option<String>,
}

/// Registers a project; returns it, and the lead when it registered them.
///
/// Errors: `Invalid` for a blank title, bad dates or themes; `Conflict` when `code` is taken,
/// when another project of the same academic year has the same title but for case, spaces
/// and punctuation (unless `new.same_title`), or when the lead's name is like someone's (see
/// [`person::lead`]).
pub fn add(conn: &mut Connection, new: NewProject, today: NaiveDate) -> Result<Added> {
    let tx = begin_write(conn)?;
    if !new.same_title {
        let title = clean_title(&new.title)?;
        let year = match new.academic_year {
            Some(y) => y,
            None => settings::current_year(&tx, today)?,
        };
        if let Some((code, other)) = similar_title(&tx, &title, year)? {
            let same = if other == title {
                "the same title".to_string()
            } else {
                format!("the title {}", quoted(&other))
            };
            return Err(Error::Conflict(format!(
                "project {code} already has {same} in {year}; run \"spm project show {code}\", or add --same-title to register another project with it"
            )));
        }
    }
    let added = write_new(&tx, new, today, None, &mut Codes::default())?;
    tx.commit().context("cannot save the project")?;
    Ok(added)
}

/// Registers a project inside the caller's write transaction (for imports and demo data).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewProject, today: NaiveDate) -> Result<Project> {
    Ok(write_new(tx, new, today, None, &mut Codes::default())?.project)
}

/// [`insert`], with `logged` as the fields of its change-log entry instead of the new
/// project's values (an import logs the file and line it came from), and codes made
/// through `codes`, kept for the whole batch.
///
/// Errors: as [`add`].
pub(crate) fn insert_logged(
    tx: &Connection,
    new: NewProject,
    today: NaiveDate,
    logged: Json,
    codes: &mut Codes,
) -> Result<Project> {
    Ok(write_new(tx, new, today, Some(logged), codes)?.project)
}

/// [`insert`], logging `logged` or else the project's values; says whether naming the lead
/// registered them.
fn write_new(
    tx: &Connection,
    new: NewProject,
    today: NaiveDate,
    logged: Option<Json>,
    codes: &mut Codes,
) -> Result<Added> {
    let lead_key = new.lead.clone();
    let new_lead = new.new_lead;
    let given_code = new.code.clone();
    let continues = new
        .continues
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    let mut registered = false;
    let lead = || match clean_text("staff lead", lead_key.as_deref())? {
        Some(key) => {
            let (lead, new) = person::lead(tx, &key, new_lead)?;
            registered = new;
            Ok(Some(Lead::from(lead)))
        }
        None => Ok(None),
    };
    let year = || settings::current_year(tx, today);
    let code = |title: &str, year: AcademicYear| match &given_code {
        Some(code) => {
            let code = parse_code("project code", code)?;
            if code_taken(tx, &code, None)? {
                return Err(Error::Conflict(format!(
                    "a project with code {code:?} already exists; choose another --code"
                )));
            }
            Ok(code)
        }
        None => codes.generate(tx, title, year),
    };
    let mut ready = checked(new, today, lead, year, code)?;
    ready.logged = logged.as_ref().map(Json::to_string);
    write::Writer::new(tx).insert(&mut ready)?;
    let id = ready.project.id;
    if let Some(code) = &continues {
        let p = &ready.project;
        let earlier = series::checked(tx, Some((id, &p.code)), p.academic_year, code)?;
        write::set_continues(tx, id, Some(earlier))?;
    }
    review::refresh(tx, id)?;
    let project = by_id(tx, id)?;
    if logged.is_none() {
        let snapshot = changes::snapshot(&project, UNLOGGED);
        changes::record(tx, ENTITY, id, Action::Insert, &snapshot)?;
    }
    let new_lead = project.lead.clone().filter(|_| registered);
    Ok(Added { project, new_lead })
}

/// A project's staff lead, as a new project names them.
#[derive(Debug, Clone)]
pub(crate) struct Lead {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
}

impl From<crate::model::Person> for Lead {
    fn from(p: crate::model::Person) -> Self {
        Lead {
            id: p.id,
            name: p.name,
            email: p.email,
        }
    }
}

/// A new project checked as `spm project add` checks it, ready for [`write::Writer`] (not
/// logged: set `logged`). Its lead, the current academic year (for a project without one)
/// and its code come from `lead`, `year` and `code` (given the clean title and the year),
/// called at the point of the checks where `add` looks them up, so that a project with
/// several faults is refused for the same one whoever registers it.
///
/// Errors: `Invalid` for a blank title, bad dates or themes; what `lead`, `year` or `code`
/// return.
pub(crate) fn checked(
    new: NewProject,
    today: NaiveDate,
    lead: impl FnOnce() -> Result<Option<Lead>>,
    year: impl FnOnce() -> Result<AcademicYear>,
    code: impl FnOnce(&str, AcademicYear) -> Result<String>,
) -> Result<write::Ready> {
    let title = clean_title(&new.title)?;
    let summary = clean_text("summary", new.summary.as_deref())?;
    let department = clean_text("department", new.department.as_deref())?;
    let lead = lead()?;
    let themes = clean_themes(&new.themes)?;
    // Registered as already running or ended, a project gets the dates `status` would give it.
    let (start_date, end_date) = dates_for(None, new.status, new.start_date, new.end_date, today);
    check_dates(start_date, end_date)?;
    let year = match new.academic_year {
        Some(y) => y,
        None => year()?,
    };
    let code = code(&title, year)?;
    // The history holds changes of status; a project registered as proposed has had none yet.
    let since = match new.status {
        Status::Proposed => None,
        Status::Completed | Status::Withdrawn => Some(end_date.or(start_date).unwrap_or(today)),
        _ => Some(start_date.unwrap_or(today)),
    };
    let (lead_id, lead, lead_email) = match lead {
        Some(l) => (Some(l.id), Some(l.name), l.email),
        None => (None, None, None),
    };
    Ok(write::Ready {
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
            lead_email,
            themes,
            budget: new.budget,
            cadence: new.cadence,
            created_at: String::new(),
            updated_at: String::new(),
            continues: None,
        },
        lead_id,
        since,
        logged: None,
    })
}

pub(crate) fn by_id(conn: &Connection, id: i64) -> Result<Project> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .context("cannot read the project")
}

/// The project with this code (case-insensitive).
///
/// Errors: `NotFound` with a hint to list the codes.
pub fn get(conn: &Connection, code: &str) -> Result<Project> {
    conn.query_row(
        &format!("{SELECT} WHERE p.code = ?1"),
        [code.trim()],
        from_row,
    )
    .optional()
    .context("cannot read the project")?
    .ok_or_else(|| {
        suggest::not_found(
            conn,
            Among::ProjectCodes,
            "project with code",
            code,
            "run \"spm project list\" to see the codes",
        )
    })
}

/// Deletes a project, its themes and status history; the change log keeps what it held.
///
/// Errors: `NotFound`; `Conflict` when other records still refer to it.
pub fn remove(conn: &mut Connection, code: &str) -> Result<Project> {
    let tx = begin_write(conn)?;
    let project = get(&tx, code)?;
    let reviews: i64 = tx
        .query_row(
            "SELECT count(*) FROM reviews WHERE project_id = ?1",
            [project.id],
            |r| r.get(0),
        )
        .context("cannot read the project's reviews")?;
    if reviews > 0 {
        return Err(Error::Conflict(format!(
            "project {} has {reviews} review{} and cannot be removed; withdraw it instead with \"spm project status {} withdrawn\"",
            project.code,
            if reviews == 1 { "" } else { "s" },
            project.code
        )));
    }
    write::delete(&tx, &project)?;
    changes::record(
        &tx,
        ENTITY,
        project.id,
        Action::Delete,
        &changes::snapshot(&project, UNLOGGED),
    )?;
    tx.commit().context("cannot remove the project")?;
    Ok(project)
}

/// A project's entries in the change log, oldest first.
pub fn history(conn: &Connection, project: &Project) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, project.id)
}

/// How many projects the database holds.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM projects", [], |r| r.get(0))
        .context("cannot count projects")
}

#[cfg(test)]
mod tests;
