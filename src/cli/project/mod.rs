//! `spm project ...`: register, list, show, edit, change status, remove; the people who take
//! part (`partner/`).

mod add;
mod checklist;
mod edit;
mod import;
mod list;
mod partner;
mod publish;
mod remove;
mod show;
mod status;
mod unpublish;

use clap::Subcommand;

use super::Ctx;
use crate::model::Project;
use crate::output::Value;

pub const EXAMPLES: &str = "\
Examples:
  spm project add \"Commuter peer mentoring\" --form wider-student-experience \\
      --level partnership --dept \"Student Services\" --lead \"Dr A. Khan\" \\
      --theme belonging --budget 2500
  spm project list --status active --year 2025/26
  spm project show mh-peer-2025
  spm project edit reading-lists-2025 --achieved partnership
  spm project status reps-forum-2025 active --note \"new reps elected\"";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a project and print its code (asks for each field on a terminal if no title is given)
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List projects, filtered
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one project whole, with its status history and change log
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Change a project's fields (an empty value, e.g. --dept "", clears an optional field)
    #[command(after_help = edit::EXAMPLES)]
    Edit(edit::Args),

    /// Move a project to active, paused, completed or withdrawn
    #[command(after_help = status::EXAMPLES)]
    Status(status::Args),

    /// The start-of-project checklist: list a project's points, tick or untick one, add the institution's own
    #[command(after_help = checklist::EXAMPLES)]
    Checklist(checklist::Args),

    /// The people who take part in a project: roles, hours, payments and recognition
    #[command(subcommand, after_help = partner::EXAMPLES)]
    Partner(partner::Command),

    /// Register projects from a CSV or XLSX file (such as "project list" exports), all or nothing
    #[command(after_help = import::EXAMPLES)]
    Import(import::Args),

    /// Approve a project's title and summary for the public pages (the Change Makers gallery)
    #[command(after_help = publish::EXAMPLES)]
    Publish(publish::Args),

    /// Take a project off the public pages
    #[command(after_help = unpublish::EXAMPLES)]
    Unpublish(unpublish::Args),

    /// Delete a project that was registered by mistake (withdraw real ones instead)
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::Checklist(args) => checklist::run(ctx, args),
        Command::Partner(cmd) => partner::run(ctx, cmd),
        Command::Import(args) => import::run(ctx, args),
        Command::Publish(args) => publish::run(ctx, args),
        Command::Unpublish(args) => unpublish::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
    }
}

/// A project's fields, as `list` names its columns and `show` its lines.
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
    ("lead_email", "Lead's email"),
    ("themes", "Themes"),
    ("budget", "Budget"),
    ("review_cadence", "Review cadence"),
    ("continues", "Continues"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
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
        "lead_email" => Value::text(p.lead_email.clone()),
        "themes" => Value::List(p.themes.clone()),
        "budget" => p.budget.map_or(Value::Null, Value::Money),
        "review_cadence" => Value::Text(p.cadence.to_string()),
        "continues" => Value::text(p.continues.clone()),
        "created_at" => Value::Date(p.created_at.clone()),
        "updated_at" => Value::Date(p.updated_at.clone()),
        _ => Value::Null,
    }
}
