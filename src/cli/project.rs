//! `spm project ...`: register, list, show, edit, change status, remove.

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use super::args::{Choices, Date, clearable_text, parse_clearable, parse_opt};
use super::prompt;
use crate::error::Error;
use crate::model::{AcademicYear, Activity, Cadence, Form, Level, Money, Project, Status};
use crate::output::{Doc, Format, Record, Rows, Value, col};
use crate::service::{changes, project as svc, settings};

pub const EXAMPLES: &str = "\
Examples:
  spm project add \"Mental health peer support\" --form wider-student-experience \\
      --level partnership --dept \"Student Services\" --lead \"Dr A. Khan\" --theme wellbeing --budget 2500
  spm project list --status active --year 2025/26
  spm project show mental-health-2025
  spm project edit mental-health-2025 --achieved involvement --add-theme belonging
  spm project status mental-health-2025 active --on 2025-10-01 --note \"kick-off meeting\"";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a project and print its code (asks for each field on a terminal if no title is given)
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),

    /// List projects, filtered
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(ListArgs),

    /// Show one project whole, with its status history and change log
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The project's code, e.g. mental-health-2025
        code: String,
    },

    /// Change a project's fields (an empty value, e.g. --dept "", clears an optional field)
    #[command(after_help = EDIT_EXAMPLES)]
    Edit(EditArgs),

    /// Move a project to active, paused, completed or withdrawn
    #[command(after_help = STATUS_EXAMPLES)]
    Status(StatusArgs),

    /// Delete a project that was registered by mistake (withdraw real ones instead)
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The project's code
        code: String,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm project add \"Mental health peer support\" --form wider-student-experience --level partnership \\
      --dept \"Student Services\" --lead \"Dr A. Khan\" --theme wellbeing --budget 2500
  spm project add \"Reading lists\" --form co-creation-of-curriculum --level involvement \\
      --code reading-lists --year 2025/26 --start 2025-09-15 --theme inclusion,decolonising
  spm project add            (on a terminal: asks for each field)";

const LIST_EXAMPLES: &str = "\
Examples:
  spm project list
  spm project list --status active --dept \"Student Services\"
  spm project list --theme wellbeing --year 2025/26
  spm project list --search \"peer support\"
  spm --format csv project list -o projects.csv";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm project show mental-health-2025
  spm --format json project show mental-health-2025";

const EDIT_EXAMPLES: &str = "\
Examples:
  spm project edit mental-health-2025 --title \"Peer wellbeing support\"
  spm project edit mental-health-2025 --achieved involvement --add-theme belonging
  spm project edit mental-health-2025 --end \"\"        (clears the end date)";

const STATUS_EXAMPLES: &str = "\
Examples:
  spm project status mental-health-2025 active
  spm project status mental-health-2025 paused --on 2026-01-10 --note \"lead on leave\"
  spm project status mental-health-2025 completed --on 2026-06-30";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm project remove mental-health-2025-2
  spm project rm mental-health-2025-2 --yes";

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The project's title
    title: Option<String>,
    /// A code to use instead of the generated one (letters, digits, hyphens)
    #[arg(long)]
    code: Option<String>,
    /// A sentence or two on what the project does
    #[arg(long)]
    summary: Option<String>,
    /// The form (location) of partnership
    #[arg(long, value_parser = Choices(Form::NAMES))]
    form: Option<String>,
    /// The kind of activity
    #[arg(long, value_parser = Choices(Activity::NAMES))]
    activity: Option<String>,
    /// The planned engagement level
    #[arg(long, value_parser = Choices(Level::NAMES))]
    level: Option<String>,
    /// The engagement level achieved so far
    #[arg(long, value_parser = Choices(Level::NAMES))]
    achieved: Option<String>,
    /// The status to start in [default: proposed]
    #[arg(long, value_parser = Choices(Status::NAMES))]
    status: Option<String>,
    /// The department, school or service
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// The academic year, e.g. 2025/26 [default: the current one]
    #[arg(long)]
    year: Option<String>,
    /// The start date, YYYY-MM-DD
    #[arg(long)]
    start: Option<String>,
    /// The end date, YYYY-MM-DD
    #[arg(long)]
    end: Option<String>,
    /// The staff lead
    #[arg(long)]
    lead: Option<String>,
    /// A theme (repeat, or separate with commas)
    #[arg(long = "theme", value_delimiter = ',')]
    themes: Vec<String>,
    /// The budget in pounds, e.g. 2500 or £2,500.00
    #[arg(long, allow_hyphen_values = true)]
    budget: Option<String>,
    /// How often it is reviewed, e.g. 6m, 12m, 1y [default: 12m]
    #[arg(long)]
    cadence: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
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
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
    /// The project's code
    code: String,
    /// A new code
    #[arg(long = "code", id = "new_code", value_name = "CODE")]
    new_code: Option<String>,
    #[arg(long)]
    /// A new title
    title: Option<String>,
    /// A new summary ("" clears it)
    #[arg(long)]
    summary: Option<String>,
    /// A new form of partnership
    #[arg(long, value_parser = Choices(Form::NAMES))]
    form: Option<String>,
    /// A new activity ("" clears it)
    #[arg(long, value_parser = Choices(Activity::NAMES))]
    activity: Option<String>,
    /// A new planned engagement level
    #[arg(long, value_parser = Choices(Level::NAMES))]
    level: Option<String>,
    /// The engagement level achieved ("" clears it)
    #[arg(long, value_parser = Choices(Level::NAMES))]
    achieved: Option<String>,
    /// A new department ("" clears it)
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// A new academic year
    #[arg(long)]
    year: Option<String>,
    /// A new start date ("" clears it)
    #[arg(long)]
    start: Option<String>,
    /// A new end date ("" clears it)
    #[arg(long)]
    end: Option<String>,
    /// A new staff lead ("" clears it)
    #[arg(long)]
    lead: Option<String>,
    /// Replace every theme with these (repeat, or separate with commas)
    #[arg(long = "theme", value_delimiter = ',')]
    themes: Option<Vec<String>>,
    /// Add a theme
    #[arg(long = "add-theme", value_delimiter = ',')]
    add_themes: Vec<String>,
    /// Remove a theme
    #[arg(long = "remove-theme", value_delimiter = ',')]
    remove_themes: Vec<String>,
    /// A new budget ("" clears it)
    #[arg(long, allow_hyphen_values = true)]
    budget: Option<String>,
    /// A new review cadence, e.g. 6m
    #[arg(long)]
    cadence: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct StatusArgs {
    /// The project's code
    code: String,
    /// The new status
    #[arg(value_parser = Choices(&["active", "paused", "completed", "withdrawn"]))]
    status: String,
    /// The day it changed, YYYY-MM-DD [default: today]
    #[arg(long)]
    on: Option<String>,
    /// Why, in a sentence
    #[arg(long)]
    note: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add(ctx, args),
        Command::List(args) => list(ctx, args),
        Command::Show { code } => show(ctx, &code),
        Command::Edit(args) => edit(ctx, args),
        Command::Status(args) => status(ctx, args),
        Command::Remove { code, yes } => remove(ctx, &code, yes),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Flags are checked before the database is opened, so a typo never creates one.
    let from_flags = match args.title.clone() {
        Some(title) => Some(new_from_flags(title, &args)?),
        None if prompt::interactive() => None,
        None => {
            return Err(Error::Usage(
                "a title is needed, and there is no terminal to ask for it: spm project add \"TITLE\" --form FORM --level LEVEL".into(),
            )
            .into());
        }
    };
    let mut conn = ctx.open()?;
    let new = match from_flags {
        Some(new) => new,
        None => {
            let year = settings::current_year(&conn, today)?;
            ask_new(&args, year)?
        }
    };
    let project = svc::add(&mut conn, new, today)?;
    ctx.note(&format!(
        "created project {} ({}, {})",
        project.code, project.title, project.academic_year
    ));
    ctx.emit_line(&project.code)
}

fn required<T: std::str::FromStr<Err = Error>>(
    value: Option<&str>,
    flag: &str,
    names: &[&str],
) -> Result<T, Error> {
    match value {
        Some(v) => v.parse(),
        None => Err(Error::Usage(format!(
            "--{flag} is required; one of: {}",
            names.join(", ")
        ))),
    }
}

fn new_from_flags(title: String, args: &AddArgs) -> Result<svc::NewProject, Error> {
    let form: Form = required(args.form.as_deref(), "form", Form::NAMES)?;
    let level: Level = required(args.level.as_deref(), "level", Level::NAMES)?;
    let mut new = svc::NewProject::new(title, form, level);
    fill_optional(&mut new, args)?;
    Ok(new)
}

fn fill_optional(new: &mut svc::NewProject, args: &AddArgs) -> Result<(), Error> {
    new.code = args.code.clone();
    new.summary = args.summary.clone();
    new.activity = parse_opt(args.activity.as_deref())?;
    new.level_achieved = parse_opt(args.achieved.as_deref())?;
    if let Some(s) = parse_opt::<Status>(args.status.as_deref())? {
        new.status = s;
    }
    new.department = args.dept.clone();
    new.academic_year = parse_opt(args.year.as_deref())?;
    new.start_date = parse_opt::<Date>(args.start.as_deref())?.map(|d| d.0);
    new.end_date = parse_opt::<Date>(args.end.as_deref())?.map(|d| d.0);
    new.lead = args.lead.clone();
    new.themes = args.themes.clone();
    new.budget = parse_opt::<Money>(args.budget.as_deref())?;
    if let Some(c) = parse_opt::<Cadence>(args.cadence.as_deref())? {
        new.cadence = c;
    }
    Ok(())
}

/// Asks for each field not given as a flag.
fn ask_new(args: &AddArgs, year: AcademicYear) -> Result<svc::NewProject, Error> {
    let title = prompt::text("Title", true, None)?;
    let form = match &args.form {
        Some(f) => f.parse()?,
        None => Form::ALL[prompt::select("Form of partnership", Form::NAMES, 0)?],
    };
    let level = match &args.level {
        Some(l) => l.parse()?,
        None => Level::ALL[prompt::select("Planned engagement level", Level::NAMES, 2)?],
    };
    let mut new = svc::NewProject::new(title, form, level);
    fill_optional(&mut new, args)?;
    if args.activity.is_none() {
        let mut names = vec!["(none)"];
        names.extend_from_slice(Activity::NAMES);
        let i = prompt::select("Activity", &names, 0)?;
        new.activity = i.checked_sub(1).map(|i| Activity::ALL[i]);
    }
    if args.dept.is_none() {
        new.department = Some(prompt::text("Department (blank for none)", false, None)?);
    }
    if args.lead.is_none() {
        new.lead = Some(prompt::text("Staff lead (blank for none)", false, None)?);
    }
    if args.year.is_none() {
        let shown = year.to_string();
        new.academic_year = Some(prompt::parsed("Academic year", Some(&shown), |s| {
            s.parse()
        })?);
    }
    if args.themes.is_empty() {
        let themes = prompt::text("Themes, separated by commas (blank for none)", false, None)?;
        new.themes = themes.split(',').map(str::to_string).collect();
    }
    if args.budget.is_none() {
        new.budget = prompt::parsed("Budget in pounds (blank for none)", None, |s| {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                s.parse::<Money>().map(Some)
            }
        })?;
    }
    Ok(new)
}

const LIST_WIDE: &[(&str, &str)] = &[
    ("code", "Code"),
    ("title", "Title"),
    ("summary", "Summary"),
    ("status", "Status"),
    ("form", "Form"),
    ("activity", "Activity"),
    ("level_planned", "Planned level"),
    ("level_achieved", "Achieved level"),
    ("department", "Department"),
    ("academic_year", "Year"),
    ("start_date", "Start"),
    ("end_date", "End"),
    ("lead", "Staff lead"),
    ("themes", "Themes"),
    ("budget", "Budget"),
    ("review_cadence", "Review cadence"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
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

fn cell(p: &Project, key: &str) -> Value {
    match key {
        "code" => Value::Text(p.code.clone()),
        "title" => Value::Text(p.title.clone()),
        "summary" => Value::text(p.summary.clone()),
        "status" => Value::Text(p.status.to_string()),
        "form" => Value::Text(p.form.to_string()),
        "activity" => Value::text(p.activity.map(|a| a.to_string())),
        "level_planned" => Value::Text(p.level_planned.to_string()),
        "level_achieved" => Value::text(p.level_achieved.map(|l| l.to_string())),
        "department" => Value::text(p.department.clone()),
        "academic_year" => Value::Text(p.academic_year.to_string()),
        "start_date" => Value::date(p.start_date),
        "end_date" => Value::date(p.end_date),
        "lead" => Value::text(p.lead.clone()),
        "themes" => Value::List(p.themes.clone()),
        "budget" => p.budget.map_or(Value::Null, Value::Money),
        "review_cadence" => Value::Text(p.cadence.to_string()),
        "created_at" => Value::Date(p.created_at.clone()),
        "updated_at" => Value::Date(p.updated_at.clone()),
        _ => Value::Null,
    }
}

fn project_rows(projects: &[Project], format: Format) -> Rows {
    let columns: Vec<_> = LIST_WIDE
        .iter()
        .filter(|(k, _)| matches!(format, Format::Csv | Format::Json) || LIST_NARROW.contains(k))
        .map(|(k, h)| col(k, h))
        .collect();
    let mut rows = Rows::new(&columns);
    for p in projects {
        rows.push(columns.iter().map(|c| cell(p, c.key)).collect());
    }
    rows
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
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
    let conn = ctx.open()?;
    let projects = svc::list(&conn, &filter)?;
    ctx.emit(&Doc::Rows(project_rows(&projects, ctx.format)))
}

fn show(ctx: &Ctx, code: &str) -> anyhow::Result<()> {
    let conn = ctx.open()?;
    let p = svc::get(&conn, code)?;
    let mut rec = Record::default();
    for (key, header) in LIST_WIDE {
        rec.field(key, header, cell(&p, key));
    }
    let mut statuses = Rows::new(&[
        col("on", "On"),
        col("status", "Status"),
        col("note", "Note"),
    ]);
    for s in svc::status_history(&conn, &p)? {
        statuses.push(vec![
            Value::Date(s.on.to_string()),
            Value::Text(s.status.to_string()),
            Value::text(s.note),
        ]);
    }
    rec.section("status_history", "Status history", statuses);
    let mut log = Rows::new(&[
        col("at", "When"),
        col("actor", "Who"),
        col("action", "What"),
        col("fields", "Changes"),
    ]);
    for c in svc::history(&conn, &p)? {
        let what = if c.action == "insert" {
            "created".to_string()
        } else {
            changes::describe(&c)
        };
        log.push(vec![
            Value::Date(c.at),
            Value::Text(c.actor),
            Value::Text(c.action),
            Value::Text(what),
        ]);
    }
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}

fn edit(ctx: &Ctx, args: EditArgs) -> anyhow::Result<()> {
    let patch = svc::ProjectPatch {
        code: args.new_code,
        title: args.title,
        summary: clearable_text(args.summary),
        form: parse_opt(args.form.as_deref())?,
        activity: parse_clearable(args.activity.as_deref())?,
        level_planned: parse_opt(args.level.as_deref())?,
        level_achieved: parse_clearable(args.achieved.as_deref())?,
        department: clearable_text(args.dept),
        academic_year: parse_opt(args.year.as_deref())?,
        start_date: parse_clearable::<Date>(args.start.as_deref())?.map(|d| d.map(|d| d.0)),
        end_date: parse_clearable::<Date>(args.end.as_deref())?.map(|d| d.map(|d| d.0)),
        lead: clearable_text(args.lead),
        themes: args.themes,
        add_themes: args.add_themes,
        remove_themes: args.remove_themes,
        budget: parse_clearable(args.budget.as_deref())?,
        cadence: parse_opt(args.cadence.as_deref())?,
    };
    if patch.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give at least one field, e.g. --title \"New title\" (see spm project edit --help)".into(),
        )
        .into());
    }
    let mut conn = ctx.open()?;
    let (project, changed) = svc::edit(&mut conn, &args.code, patch)?;
    if changed.is_empty() {
        ctx.note(&format!(
            "project {} already had those values; nothing changed",
            project.code
        ));
    } else {
        ctx.note(&format!(
            "updated project {}: {}",
            project.code,
            changed.join(", ")
        ));
    }
    ctx.emit_line(&project.code)
}

fn status(ctx: &Ctx, args: StatusArgs) -> anyhow::Result<()> {
    let status: Status = args.status.parse()?;
    if status == Status::Proposed {
        return Err(Error::Invalid(
            "a project cannot go back to proposed; choose active, paused, completed or withdrawn"
                .into(),
        )
        .into());
    }
    let on = match parse_opt::<Date>(args.on.as_deref())? {
        Some(d) => d.0,
        None => ctx.today()?,
    };
    let mut conn = ctx.open()?;
    let project = svc::set_status(&mut conn, &args.code, status, on, args.note.as_deref())?;
    ctx.note(&format!(
        "project {} is {} from {on}",
        project.code, project.status
    ));
    Ok(())
}

fn remove(ctx: &Ctx, code: &str, yes: bool) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let project = svc::get(&conn, code)?;
    if !yes {
        if !prompt::interactive() {
            return Err(Error::Usage(format!(
                "removing project {} needs confirmation: add --yes (there is no terminal to ask on)",
                project.code
            ))
            .into());
        }
        let question = format!(
            "Remove project {} ({}) for good?",
            project.code, project.title
        );
        if !prompt::confirm(&question)? {
            ctx.note("nothing was removed");
            return Ok(());
        }
    }
    let removed = svc::remove(&mut conn, &project.code)?;
    ctx.note(&format!(
        "removed project {} ({})",
        removed.code, removed.title
    ));
    Ok(())
}
