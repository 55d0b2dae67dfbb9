//! `spm project edit`, `status` and `remove`.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, clearable_text, parse_clearable, parse_opt};
use crate::cli::prompt;
use crate::error::Error;
use crate::model::{Activity, Form, Level, Status};
use crate::service::project as svc;

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
    /// Register --lead as a new member of staff even though someone's name differs from it
    /// only in case, spaces or punctuation
    #[arg(long, requires = "lead")]
    new_lead: bool,
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

pub(super) fn edit(ctx: &Ctx, args: EditArgs) -> anyhow::Result<()> {
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
        new_lead: args.new_lead,
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
    let mut conn = ctx.write()?;
    let new_lead = patch
        .lead
        .clone()
        .flatten()
        .filter(|l| crate::cli::lead_is_new(&conn, l));
    let (project, changed) = svc::edit(&mut conn, &args.code, patch)?;
    if let Some(lead) = new_lead {
        ctx.note(&format!(
            "registered {} as a member of staff (see \"spm person list\")",
            lead.trim()
        ));
    }
    if changed.is_empty() {
        ctx.note(&format!(
            "project {} already had those values; nothing changed",
            project.code
        ));
    } else {
        ctx.note(&format!(
            "updated project {}: {}",
            project.code,
            changed
                .iter()
                .map(|k| crate::service::changes::label(k))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    ctx.emit_line(&project.code)
}

pub(super) fn status(ctx: &Ctx, args: StatusArgs) -> anyhow::Result<()> {
    let status: Status = args.status.parse()?;
    if status == Status::Proposed {
        return Err(Error::Invalid(
            "a project cannot go back to proposed; choose active, paused, completed or withdrawn"
                .into(),
        )
        .into());
    }
    let today = ctx.today()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let planned = svc::get(&conn, &args.code)?.start_date;
    let project = svc::set_status(
        &mut conn,
        &args.code,
        status,
        on,
        args.note.as_deref(),
        today,
    )?;
    ctx.note(&format!(
        "project {} is {} from {on}",
        project.code, project.status
    ));
    // Becoming active before the planned start moves the start to the day it began: say so,
    // since the date the coordinator typed earlier is gone.
    if let (Some(planned), Some(start)) = (planned, project.start_date)
        && planned != start
    {
        ctx.note(&format!(
            "its start date moved from the planned {planned} to {start}, the day it became {}",
            project.status
        ));
    }
    Ok(())
}

pub(super) fn remove(ctx: &Ctx, code: &str, yes: bool) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
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
