//! `spm project list`: projects, filtered, grouped or streamed as they are read.

use clap::Args as ClapArgs;

use super::{LIST_WIDE, cell};
use crate::cli::Ctx;
use crate::cli::args::{Choices, parse_opt};
use crate::cli::screen::Filters;
use crate::db::Connection;
use crate::model::{Activity, Form, Level, Project, Status};
use crate::output::{Column, Doc, Groups, Kind, Rows, Value, col};
use crate::service::project as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project list
  spm project list --status active --dept \"Student Services\"
  spm project list --theme wellbeing --year 2025/26
  spm project list --search \"peer support\"
  spm project list --activity change-makers --group-by theme  a gallery
  spm project list --wide                                     every column
  spm --format csv project list -o projects.csv

On a terminal the table fits its width: codes, dates and money are never broken, and the
columns that do not fit are left out and named on stderr (--wide shows them). A list with
nothing in it says so, naming the filters that matched nothing.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only projects with this status
    #[arg(long, value_parser = Choices(Status::NAMES))]
    status: Option<String>,
    /// Only projects of this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
    /// Only projects of this form
    #[arg(long, value_parser = Choices(Form::NAMES))]
    form: Option<String>,
    /// Only projects at this planned engagement level
    #[arg(long, value_parser = Choices(Level::NAMES))]
    level: Option<String>,
    /// Only projects of this activity
    #[arg(long, value_parser = Choices(Activity::NAMES))]
    activity: Option<String>,
    /// Only projects of this department (whole name, any case)
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// Only projects with this theme (any case)
    #[arg(long)]
    theme: Option<String>,
    /// Only projects whose staff lead's name contains this
    #[arg(long)]
    lead: Option<String>,
    /// Only projects with this text in the code, title, summary, department, lead or themes
    #[arg(long)]
    search: Option<String>,
    /// Group the list: by theme (a gallery: a project appears under each of its themes),
    /// department, status, form, activity, level, year or lead
    #[arg(long, value_name = "FIELD", value_parser = Choices(GROUPINGS))]
    group_by: Option<String>,
}

/// What `--group-by` can group projects by.
const GROUPINGS: &[&str] = &[
    "theme",
    "department",
    "status",
    "form",
    "activity",
    "level",
    "year",
    "lead",
];

/// The columns a person reads in a table; scripts and spreadsheets get them all.
const LIST_NARROW: &[&str] = &[
    "code",
    "title",
    "status",
    "form",
    "level_planned",
    "department",
    "academic_year",
    "lead",
    "themes",
    "budget",
];

/// The columns of a list: every one, or those a person reads in a table.
fn list_columns(every_column: bool) -> Vec<Column> {
    LIST_WIDE
        .iter()
        .filter(|(k, _)| every_column || LIST_NARROW.contains(k))
        .map(|&(k, h)| fitted(col(k, h)))
        .collect()
}

/// A column as a table fitted to a terminal treats it: the code is never left out, what
/// tells projects apart (title, status, year, lead) goes last, and the form (long, and in
/// `show`) and the themes go first when the columns do not all fit.
fn fitted(c: Column) -> Column {
    match c.key {
        "code" => c.kind(Kind::Code).key(),
        "title" | "status" | "academic_year" | "lead" => c.high(),
        "form" | "themes" | "summary" | "activity" | "level_achieved" | "lead_email"
        | "review_cadence" | "continues" | "created_at" | "updated_at" => c.low(),
        _ => c,
    }
}

/// The value of one column, moved out of `p` (each column is taken once).
fn take_cell(p: &mut Project, key: &str) -> Value {
    match key {
        "code" => Value::Text(std::mem::take(&mut p.code)),
        "title" => Value::Text(std::mem::take(&mut p.title)),
        "summary" => Value::text(p.summary.take()),
        "department" => Value::text(p.department.take()),
        "lead" => Value::text(p.lead.take()),
        "lead_email" => Value::text(p.lead_email.take()),
        "continues" => Value::text(p.continues.take()),
        "themes" => Value::List(std::mem::take(&mut p.themes)),
        "created_at" => Value::Date(std::mem::take(&mut p.created_at)),
        "updated_at" => Value::Date(std::mem::take(&mut p.updated_at)),
        _ => cell(p, key),
    }
}

fn project_rows(projects: &[Project], every_column: bool) -> Rows {
    let columns = list_columns(every_column);
    let mut rows = Rows::new(&columns);
    for p in projects {
        rows.push(columns.iter().map(|c| cell(p, c.key)).collect());
    }
    rows
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let filter = svc::ProjectFilter {
        status: parse_opt(args.status.as_deref())?,
        year: parse_opt(args.year.as_deref())?,
        form: parse_opt(args.form.as_deref())?,
        level: parse_opt(args.level.as_deref())?,
        activity: parse_opt(args.activity.as_deref())?,
        department: args.dept,
        theme: args.theme,
        lead: args.lead,
        search: args.search,
    };
    let group_by = match args.group_by.as_deref() {
        Some(g) => Some(GROUPINGS[crate::model::enums::parse_choice(g, "grouping", GROUPINGS)?]),
        None => None,
    };
    let empty = Filters::default()
        .value("--status", filter.status.as_ref())
        .value("--year", filter.year.as_ref())
        .value("--form", filter.form.as_ref())
        .value("--level", filter.level.as_ref())
        .value("--activity", filter.activity.as_ref())
        .text("--dept", filter.department.as_deref())
        .text("--theme", filter.theme.as_deref())
        .text("--lead", filter.lead.as_deref())
        .text("--search", filter.search.as_deref())
        .empty(
            "projects",
            "no projects yet; add one with spm project add TITLE",
        );
    let conn = ctx.read()?;
    match group_by {
        // Groups need every project first.
        None => stream(ctx, &conn, &filter, &empty),
        Some(by) => {
            let projects = svc::list(&conn, &filter)?;
            let doc = Doc::Groups(grouped(&projects, by, ctx.every_column()));
            ctx.emit_or(&doc, &empty)
        }
    }
}

/// Writes the list as the projects are read, so 100,000 of them cost little more than the
/// query: `ctx.emit` of the same rows, without holding them.
fn stream(
    ctx: &Ctx,
    conn: &Connection,
    filter: &svc::ProjectFilter,
    empty: &str,
) -> anyhow::Result<()> {
    let columns = list_columns(ctx.every_column());
    ctx.stream(&columns, empty, |emit| {
        let mut row = Vec::with_capacity(columns.len());
        svc::each(conn, filter, |mut p| {
            row.clear();
            row.extend(columns.iter().map(|c| take_cell(&mut p, c.key)));
            emit(&row)
        })
    })
}

/// The projects under each value of `by`, groups in alphabetical order and "(none)" last.
fn grouped(projects: &[Project], by: &str, every_column: bool) -> Groups {
    let none = "(none)".to_string();
    let mut groups: Vec<(String, Vec<&Project>)> = Vec::new();
    for p in projects {
        let keys: Vec<String> = match by {
            "theme" if p.themes.is_empty() => vec![none.clone()],
            "theme" => p.themes.clone(),
            "department" => vec![p.department.clone().unwrap_or_else(|| none.clone())],
            "status" => vec![p.status.to_string()],
            "form" => vec![p.form.to_string()],
            "activity" => vec![p.activity.map_or_else(|| none.clone(), |a| a.to_string())],
            "level" => vec![p.level_planned.to_string()],
            "year" => vec![p.academic_year.to_string()],
            _ => vec![p.lead.clone().unwrap_or_else(|| none.clone())],
        };
        for key in keys {
            match groups
                .iter_mut()
                .find(|(k, _)| k.to_lowercase() == key.to_lowercase())
            {
                Some((_, list)) => list.push(p),
                None => groups.push((key, vec![p])),
            }
        }
    }
    groups.sort_by_key(|(k, _)| (*k == none, k.to_lowercase()));
    let header = match by {
        "theme" => col("theme", "Theme"),
        "department" => col("department", "Department"),
        "status" => col("status", "Status"),
        "form" => col("form", "Form"),
        "activity" => col("activity", "Activity"),
        "level" => col("level", "Planned level"),
        "year" => col("year", "Year"),
        _ => col("lead", "Staff lead"),
    };
    Groups::new(
        header,
        groups
            .into_iter()
            .map(|(k, list)| {
                let owned: Vec<Project> = list.into_iter().cloned().collect();
                (k, project_rows(&owned, every_column))
            })
            .collect(),
    )
}
