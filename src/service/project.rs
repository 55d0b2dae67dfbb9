//! Projects: registering them, finding them, editing them and moving them through their life.

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde_json::{Value as Json, json};

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::code::{MAX_CODE, parse_code, slug};
use crate::model::{AcademicYear, Activity, Cadence, Change, Form, Level, Money, Project, Status};
use crate::service::changes::{self, Action};
use crate::service::settings;

/// The entity name of projects in the change log.
const ENTITY: &str = "project";
/// Fields that the change log leaves out (they change on their own).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at"];
/// The longest title, summary or other free text.
const MAX_TEXT: usize = 2000;
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
    pub themes: Vec<String>,
    pub budget: Option<Money>,
    pub cadence: Cadence,
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
            themes: Vec::new(),
            budget: None,
            cadence: Cadence::default(),
        }
    }
}

/// Changes to a project. `None` leaves a field alone; `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct ProjectPatch {
    pub code: Option<String>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub form: Option<Form>,
    pub activity: Option<Option<Activity>>,
    pub level_planned: Option<Level>,
    pub level_achieved: Option<Option<Level>>,
    pub department: Option<Option<String>>,
    pub academic_year: Option<AcademicYear>,
    pub start_date: Option<Option<NaiveDate>>,
    pub end_date: Option<Option<NaiveDate>>,
    pub lead: Option<Option<String>>,
    /// Replaces every theme.
    pub themes: Option<Vec<String>>,
    pub add_themes: Vec<String>,
    pub remove_themes: Vec<String>,
    pub budget: Option<Option<Money>>,
    pub cadence: Option<Cadence>,
}

impl ProjectPatch {
    /// Whether the patch changes nothing at all.
    pub fn is_empty(&self) -> bool {
        self.code.is_none()
            && self.title.is_none()
            && self.summary.is_none()
            && self.form.is_none()
            && self.activity.is_none()
            && self.level_planned.is_none()
            && self.level_achieved.is_none()
            && self.department.is_none()
            && self.academic_year.is_none()
            && self.start_date.is_none()
            && self.end_date.is_none()
            && self.lead.is_none()
            && self.themes.is_none()
            && self.add_themes.is_empty()
            && self.remove_themes.is_empty()
            && self.budget.is_none()
            && self.cadence.is_none()
    }
}

/// Which projects to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub status: Option<Status>,
    pub year: Option<AcademicYear>,
    pub form: Option<Form>,
    pub level: Option<Level>,
    pub activity: Option<Activity>,
    /// The department, matched whole, case-insensitively.
    pub department: Option<String>,
    /// A theme, matched whole, case-insensitively.
    pub theme: Option<String>,
    /// Part of the staff lead's name, case-insensitively.
    pub lead: Option<String>,
    /// Text found in the code, title, summary, department, lead or a theme.
    pub search: Option<String>,
}

/// One entry of a project's status history.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: Status,
    pub on: NaiveDate,
    pub note: Option<String>,
}

const SELECT: &str = "SELECT p.id, p.code, p.title, p.summary, p.form, p.activity,
    p.level_planned, p.level_achieved, p.status, p.department, p.academic_year, p.start_date,
    p.end_date, p.lead, p.budget_pence, p.review_cadence_months, p.created_at, p.updated_at,
    (SELECT group_concat(theme, char(31)) FROM
        (SELECT theme FROM project_themes t WHERE t.project_id = p.id ORDER BY theme)) AS themes
    FROM projects p";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
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
}

/// Trims free text and refuses control characters; blank text becomes `None`.
pub fn clean_text(what: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "the {what} is longer than {MAX_TEXT} characters"
        )));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::Invalid(format!(
            "the {what} contains control characters; remove them and try again"
        )));
    }
    Ok(Some(text.to_string()))
}

fn clean_title(title: &str) -> Result<String> {
    let title = clean_text("title", Some(title))?
        .ok_or_else(|| Error::Invalid("a project needs a title".into()))?;
    if title.contains('\n') {
        return Err(Error::Invalid("a project title is one line".into()));
    }
    Ok(title)
}

/// Trims themes, drops blanks and case-insensitive duplicates, and checks their length.
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
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
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

fn code_taken(conn: &Connection, code: &str, except_id: Option<i64>) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM projects WHERE code = ?1 AND id IS NOT ?2)",
        params![code, except_id],
        |r| r.get(0),
    )
    .context("cannot check project codes")
}

/// A free code from the title and year: `mental-health-2025`, then `-2`, `-3`, ...
fn generate_code(conn: &Connection, title: &str, year: AcademicYear) -> Result<String> {
    let stem = slug(title);
    for n in 1..10_000 {
        let tail = if n == 1 {
            format!("-{}", year.start_year())
        } else {
            format!("-{}-{n}", year.start_year())
        };
        // Shorten the stem, never the year or number, so the code stays within the limit.
        let room = MAX_CODE.saturating_sub(tail.len());
        let head = stem[..stem.len().min(room)].trim_end_matches('-');
        let code = format!("{head}{tail}");
        if !code_taken(conn, &code, None)? {
            return Ok(code);
        }
    }
    Err(Error::Conflict(format!(
        "cannot find a free code for {title:?}; give one with --code"
    )))
}

/// Registers a project and returns it.
///
/// Errors: `Invalid` for a blank title, bad dates or themes; `Conflict` when `code` is taken.
pub fn add(conn: &mut Connection, new: NewProject, today: NaiveDate) -> Result<Project> {
    let tx = begin_write(conn)?;
    let project = insert(&tx, new, today)?;
    tx.commit().context("cannot save the project")?;
    Ok(project)
}

/// Registers a project inside the caller's write transaction (for imports and demo data).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewProject, today: NaiveDate) -> Result<Project> {
    let title = clean_title(&new.title)?;
    let summary = clean_text("summary", new.summary.as_deref())?;
    let department = clean_text("department", new.department.as_deref())?;
    let lead = clean_text("staff lead", new.lead.as_deref())?;
    let themes = clean_themes(&new.themes)?;
    // Registered as already running or ended, a project gets the dates `status` would give it.
    let (start_date, end_date) = dates_for(new.status, new.start_date, new.end_date, today);
    check_dates(start_date, end_date)?;
    let year = match new.academic_year {
        Some(y) => y,
        None => settings::current_year(tx, today)?,
    };
    let code = match &new.code {
        Some(code) => {
            let code = parse_code("project code", code)?;
            if code_taken(tx, &code, None)? {
                return Err(Error::Conflict(format!(
                    "a project with code {code:?} already exists; choose another --code"
                )));
            }
            code
        }
        None => generate_code(tx, &title, year)?,
    };
    tx.execute(
        "INSERT INTO projects (code, title, summary, form, activity, level_planned, level_achieved,
            status, department, academic_year, start_date, end_date, lead, budget_pence,
            review_cadence_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
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
            lead,
            new.budget.map(Money::pence),
            new.cadence.months(),
        ],
    )
    .context("cannot save the project")?;
    let id = tx.last_insert_rowid();
    write_themes(tx, id, &themes)?;
    // The history holds changes of status; a project registered as proposed has had none yet.
    if new.status != Status::Proposed {
        let since = match new.status {
            Status::Completed | Status::Withdrawn => end_date.or(start_date),
            _ => start_date,
        };
        tx.execute(
            "INSERT INTO project_status_history (project_id, status, on_date) VALUES (?1, ?2, ?3)",
            params![id, new.status, since.unwrap_or(today)],
        )
        .context("cannot save the project's status")?;
    }
    let project = by_id(tx, id)?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Insert,
        &changes::snapshot(&project, UNLOGGED),
    )?;
    Ok(project)
}

fn write_themes(conn: &Connection, id: i64, themes: &[String]) -> Result<()> {
    conn.execute("DELETE FROM project_themes WHERE project_id = ?1", [id])
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

fn by_id(conn: &Connection, id: i64) -> Result<Project> {
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
        Error::not_found(
            "project with code",
            code.trim(),
            "run \"spm project list\" to see the codes",
        )
    })
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The projects that match `filter`, newest academic year first, then by code.
pub fn list(conn: &Connection, filter: &ProjectFilter) -> Result<Vec<Project>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(s) = filter.status {
        clauses.push("p.status = ?");
        values.push(Box::new(s));
    }
    if let Some(y) = filter.year {
        clauses.push("p.academic_year = ?");
        values.push(Box::new(y));
    }
    if let Some(f) = filter.form {
        clauses.push("p.form = ?");
        values.push(Box::new(f));
    }
    if let Some(l) = filter.level {
        clauses.push("p.level_planned = ?");
        values.push(Box::new(l));
    }
    if let Some(a) = filter.activity {
        clauses.push("p.activity = ?");
        values.push(Box::new(a));
    }
    if let Some(d) = &filter.department {
        clauses.push("p.department = ? COLLATE NOCASE");
        values.push(Box::new(d.trim().to_string()));
    }
    if let Some(t) = &filter.theme {
        clauses.push(
            "EXISTS (SELECT 1 FROM project_themes t WHERE t.project_id = p.id AND t.theme = ?)",
        );
        values.push(Box::new(t.trim().to_string()));
    }
    if let Some(l) = &filter.lead {
        clauses.push("p.lead LIKE ? ESCAPE '\\'");
        values.push(Box::new(like_pattern(l)));
    }
    if let Some(s) = &filter.search {
        clauses.push(
            "(p.code LIKE ? ESCAPE '\\' OR p.title LIKE ? ESCAPE '\\'
              OR p.summary LIKE ? ESCAPE '\\' OR p.department LIKE ? ESCAPE '\\'
              OR p.lead LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM project_themes t
                 WHERE t.project_id = p.id AND t.theme LIKE ? ESCAPE '\\'))",
        );
        for _ in 0..6 {
            values.push(Box::new(like_pattern(s)));
        }
    }
    let mut sql = String::from(SELECT);
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY p.academic_year DESC, p.code");
    let mut stmt = conn.prepare(&sql).context("cannot list projects")?;
    let rows = stmt
        .query_map(params_from_iter(values.iter()), from_row)
        .context("cannot list projects")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot list projects")
}

/// Applies `patch` to the project with `code` and returns it with the fields that changed.
///
/// Errors: `NotFound`; `Invalid` for bad values or a theme to remove that is not there;
/// `Conflict` when a new code is taken.
pub fn edit(
    conn: &mut Connection,
    code: &str,
    patch: ProjectPatch,
) -> Result<(Project, Vec<String>)> {
    let tx = begin_write(conn)?;
    let old = get(&tx, code)?;
    let mut p = old.clone();
    if let Some(c) = &patch.code {
        let c = parse_code("project code", c)?;
        if code_taken(&tx, &c, Some(p.id))? {
            return Err(Error::Conflict(format!(
                "a project with code {c:?} already exists; choose another code"
            )));
        }
        p.code = c;
    }
    if let Some(t) = &patch.title {
        p.title = clean_title(t)?;
    }
    if let Some(s) = &patch.summary {
        p.summary = clean_text("summary", s.as_deref())?;
    }
    if let Some(f) = patch.form {
        p.form = f;
    }
    if let Some(a) = patch.activity {
        p.activity = a;
    }
    if let Some(l) = patch.level_planned {
        p.level_planned = l;
    }
    if let Some(l) = patch.level_achieved {
        p.level_achieved = l;
    }
    if let Some(d) = &patch.department {
        p.department = clean_text("department", d.as_deref())?;
    }
    if let Some(y) = patch.academic_year {
        p.academic_year = y;
    }
    if let Some(d) = patch.start_date {
        p.start_date = d;
    }
    if let Some(d) = patch.end_date {
        p.end_date = d;
    }
    if let Some(l) = &patch.lead {
        p.lead = clean_text("staff lead", l.as_deref())?;
    }
    if let Some(b) = patch.budget {
        p.budget = b;
    }
    if let Some(c) = patch.cadence {
        p.cadence = c;
    }
    let mut themes = match &patch.themes {
        Some(t) => t.clone(),
        None => p.themes.clone(),
    };
    for gone in &patch.remove_themes {
        let before = themes.len();
        themes.retain(|t| !t.eq_ignore_ascii_case(gone.trim()));
        if themes.len() == before {
            return Err(Error::Invalid(format!(
                "project {:?} has no theme {:?}",
                p.code,
                gone.trim()
            )));
        }
    }
    themes.extend(patch.add_themes.iter().cloned());
    p.themes = clean_themes(&themes)?;
    check_dates(p.start_date, p.end_date)?;

    let diff = changes::diff(
        &changes::snapshot(&old, UNLOGGED),
        &changes::snapshot(&p, UNLOGGED),
        &[],
    );
    if diff.is_empty() {
        return Ok((old, Vec::new()));
    }
    tx.execute(
        "UPDATE projects SET code = ?2, title = ?3, summary = ?4, form = ?5, activity = ?6,
            level_planned = ?7, level_achieved = ?8, department = ?9, academic_year = ?10,
            start_date = ?11, end_date = ?12, lead = ?13, budget_pence = ?14,
            review_cadence_months = ?15, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![
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
            p.lead,
            p.budget.map(Money::pence),
            p.cadence.months(),
        ],
    )
    .context("cannot save the project")?;
    if p.themes != old.themes {
        write_themes(&tx, p.id, &p.themes)?;
    }
    let changed: Vec<String> = diff.keys().cloned().collect();
    changes::record(&tx, ENTITY, p.id, Action::Update, &Json::Object(diff))?;
    let project = by_id(&tx, p.id)?;
    tx.commit().context("cannot save the project")?;
    Ok((project, changed))
}

/// The start and end dates of a project that reaches `status` on `on`: becoming active fills
/// a missing start date; completing or withdrawing fills a missing end date, except for a
/// project withdrawn before its planned start, which never ran and so has no end.
fn dates_for(
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    on: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = match status {
        Status::Active if start.is_none() => Some(on),
        _ => start,
    };
    let never_ran = status == Status::Withdrawn && start.is_some_and(|s| on < s);
    let end = match status {
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
/// change of status; `Invalid` for a note with control characters or an end before the start.
pub fn set_status(
    conn: &mut Connection,
    code: &str,
    status: Status,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<Project> {
    let note = clean_text("note", note)?;
    let tx = begin_write(conn)?;
    let old = get(&tx, code)?;
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
    let (start, end) = dates_for(status, old.start_date, old.end_date, on);
    check_dates(start, end)?;
    tx.execute(
        "UPDATE projects SET status = ?2, start_date = ?3, end_date = ?4,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![old.id, status, start, end],
    )
    .context("cannot save the status")?;
    tx.execute(
        "INSERT INTO project_status_history (project_id, status, on_date, note)
         VALUES (?1, ?2, ?3, ?4)",
        params![old.id, status, on, note],
    )
    .context("cannot save the status")?;
    let mut fields = json!({ "status": [old.status, status], "on": on });
    if old.start_date != start {
        fields["start_date"] = json!([old.start_date, start]);
    }
    if old.end_date != end {
        fields["end_date"] = json!([old.end_date, end]);
    }
    if let Some(n) = &note {
        fields["note"] = json!(n);
    }
    changes::record(&tx, ENTITY, old.id, Action::Update, &fields)?;
    let project = by_id(&tx, old.id)?;
    tx.commit().context("cannot save the status")?;
    Ok(project)
}

/// Deletes a project, its themes and status history; the change log keeps what it held.
///
/// Errors: `NotFound`; `Conflict` when other records still refer to it.
pub fn remove(conn: &mut Connection, code: &str) -> Result<Project> {
    let tx = begin_write(conn)?;
    let project = get(&tx, code)?;
    tx.execute("DELETE FROM projects WHERE id = ?1", [project.id])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Conflict(format!(
                "project {:?} is still referred to by other records; withdraw it instead",
                project.code
            )),
            _ => crate::error::from_sqlite("cannot remove the project", e),
        })?;
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

/// A project's changes of status, oldest first.
pub fn status_history(conn: &Connection, project: &Project) -> Result<Vec<StatusChange>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT status, on_date, note FROM project_status_history
             WHERE project_id = ?1 ORDER BY on_date, id",
        )
        .context("cannot read the status history")?;
    let rows = stmt
        .query_map([project.id], |r| {
            Ok(StatusChange {
                status: r.get(0)?,
                on: r.get(1)?,
                note: r.get(2)?,
            })
        })
        .context("cannot read the status history")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot read the status history")
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
mod tests {
    use super::*;
    use crate::service::open_in_memory;

    fn day(s: &str) -> NaiveDate {
        crate::model::parse_date(s).expect("a valid test date")
    }

    #[test]
    fn codes_come_from_the_title_and_year() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = day("2025-10-01");
        let new = NewProject::new(
            "Mental health peer support",
            Form::WiderExperience,
            Level::Partnership,
        );
        assert_eq!(
            add(&mut conn, new.clone(), today)?.code,
            "mental-health-2025"
        );
        assert_eq!(add(&mut conn, new, today)?.code, "mental-health-2025-2");
        Ok(())
    }

    #[test]
    fn edits_are_logged_with_old_and_new_values() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let p = add(
            &mut conn,
            NewProject::new(
                "Reading lists",
                Form::CurriculumCoCreation,
                Level::Involvement,
            ),
            day("2025-10-01"),
        )?;
        let patch = ProjectPatch {
            title: Some("Co-created reading lists".into()),
            add_themes: vec!["Decolonising".into()],
            ..Default::default()
        };
        let (p2, changed) = edit(&mut conn, &p.code, patch)?;
        assert_eq!(changed, vec!["title".to_string(), "themes".to_string()]);
        assert_eq!(p2.themes, vec!["Decolonising".to_string()]);
        let log = history(&conn, &p2)?;
        assert_eq!(log.len(), 2);
        assert_eq!(log[1].fields["title"][1], "Co-created reading lists");
        Ok(())
    }

    #[test]
    fn status_moves_follow_the_project_life() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let p = add(
            &mut conn,
            NewProject::new("Panel", Form::EducationalResearch, Level::Consultation),
            day("2025-10-01"),
        )?;
        assert!(set_status(&mut conn, &p.code, Status::Paused, day("2025-10-02"), None).is_err());
        let p = set_status(&mut conn, &p.code, Status::Active, day("2025-10-02"), None)?;
        assert_eq!(p.start_date, Some(day("2025-10-02")));
        assert!(
            set_status(
                &mut conn,
                &p.code,
                Status::Completed,
                day("2025-09-01"),
                None
            )
            .is_err()
        );
        let p = set_status(
            &mut conn,
            &p.code,
            Status::Completed,
            day("2026-06-30"),
            Some("done"),
        )?;
        assert_eq!(p.end_date, Some(day("2026-06-30")));
        assert_eq!(status_history(&conn, &p)?.len(), 2);
        Ok(())
    }

    #[test]
    fn filters_combine() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = day("2025-10-01");
        let mut a = NewProject::new("Alpha 100%", Form::WiderExperience, Level::Partnership);
        a.themes = vec!["wellbeing".into()];
        a.department = Some("Student Services".into());
        add(&mut conn, a, today)?;
        add(
            &mut conn,
            NewProject::new("Beta", Form::WiderExperience, Level::StudentLed),
            today,
        )?;
        let f = ProjectFilter {
            theme: Some("WELLBEING".into()),
            department: Some("student services".into()),
            ..Default::default()
        };
        assert_eq!(list(&conn, &f)?.len(), 1);
        let f = ProjectFilter {
            search: Some("100%".into()),
            form: Some(Form::WiderExperience),
            ..Default::default()
        };
        assert_eq!(list(&conn, &f)?.len(), 1);
        let f = ProjectFilter {
            search: Some("%".into()),
            level: Some(Level::StudentLed),
            ..Default::default()
        };
        assert_eq!(list(&conn, &f)?.len(), 0);
        Ok(())
    }
}
