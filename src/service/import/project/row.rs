//! The file's columns, a row of it as values, and the registered project it may match.

use super::*;
use crate::model::parse_email;

pub(super) const CODE: usize = 0;
pub(super) const TITLE: usize = 1;
pub(super) const SUMMARY: usize = 2;
pub(super) const STATUS: usize = 3;
pub(super) const FORM: usize = 4;
pub(super) const ACTIVITY: usize = 5;
pub(super) const PLANNED: usize = 6;
pub(super) const ACHIEVED: usize = 7;
pub(super) const DEPARTMENT: usize = 8;
pub(super) const YEAR: usize = 9;
pub(super) const START: usize = 10;
pub(super) const END: usize = 11;
pub(super) const LEAD: usize = 12;
pub(super) const LEAD_EMAIL: usize = 13;
pub(super) const THEMES: usize = 14;
pub(super) const BUDGET: usize = 15;
pub(super) const CADENCE: usize = 16;
pub(super) const CONTINUES: usize = 17;

const fn field(key: &'static str, aliases: &'static [&'static str], required: bool) -> Field {
    Field {
        key,
        aliases,
        required,
    }
}

/// The columns of `spm project list --format csv`, in its order, with their aliases.
pub(in crate::service::import) const FIELDS: &[Field] = &[
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
    field(
        "lead_email",
        &[
            "leadsemail",
            "leademail",
            "staffleademail",
            "leademailaddress",
        ],
        false,
    ),
    field("themes", &["theme", "tags"], false),
    field("budget", &["budgetgbp", "budgetpounds"], false),
    field("review_cadence", &["cadence", "reviewevery"], false),
    field(
        "continues",
        &[
            "continuesproject",
            "previousproject",
            "continuescode",
            "continuesfrom",
        ],
        false,
    ),
];

/// Reads the values of a row, adding a problem for each one that is wrong.
pub(super) fn draft(v: &Values<'_>, problems: &mut Vec<Problem>) -> Draft {
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
        lead_email: v.read(LEAD_EMAIL, problems, |c| match text(c)? {
            Some(t) => parse_email(&t).map(Some).map_err(|e| e.to_string()),
            None => Ok(None),
        }),
        // Themes are written "a; b" by the export; a theme may hold a comma.
        themes: v
            .read(THEMES, problems, text)
            .map(|t| t.split(';').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
        budget: v.read(BUDGET, problems, money),
        cadence: v.read(CADENCE, problems, parsed),
        continues: v.read(CONTINUES, problems, text),
    }
}

/// Whether field `i` is empty in this row (not merely unreadable, which is said already).
pub(super) fn blank(v: &Values<'_>, i: usize) -> bool {
    v.get(i).is_none_or(|(_, c)| matches!(text(c), Ok(None)))
}

/// The id of the project with `code`, if there is one.
pub(super) fn registered(tx: &Connection, code: &str) -> Result<Option<i64>> {
    tx.prepare_cached("SELECT id FROM projects WHERE code = ?1")
        .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional())
        .context("cannot check project codes")
}

/// The project with `id`, as `service::project` reads it (its `SELECT`, which the test
/// `a_project_reads_back_as_the_service_reads_it` holds together with this one, and its
/// `from_row`) but through a statement kept in the connection's cache: preparing it for each
/// row of an `--update` would cost more than the rest of the row (see benches/README.md).
///
/// The lead's name comes from a subquery, not `LEFT JOIN people`: with the join, SQLite
/// marks the statement to be prepared again whenever its parameter is cleared, which the
/// statement cache does each time it takes a statement back, and the cache is no help.
pub(super) fn by_id(tx: &Connection, id: i64) -> Result<Project> {
    tx.prepare_cached(
        "SELECT p.id, p.code, p.title, p.summary, p.form, p.activity,
            p.level_planned, p.level_achieved, p.status, p.department, p.academic_year,
            p.start_date, p.end_date, (SELECT l.name FROM people l WHERE l.id = p.lead_id),
            p.budget_pence, p.review_cadence_months, p.created_at, p.updated_at,
            (SELECT group_concat(theme, char(31)) FROM
                (SELECT theme FROM project_themes t WHERE t.project_id = p.id ORDER BY theme)),
            (SELECT l.email FROM people l WHERE l.id = p.lead_id),
            (SELECT c.code FROM projects c WHERE c.id = p.continues_id)
            FROM projects p WHERE p.id = ?1",
    )
    .and_then(|mut s| s.query_row([id], svc::from_row))
    .context("cannot read the project")
}
