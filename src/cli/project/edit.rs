//! `spm project edit CODE`: a project's fields changed.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, clearable_text, parse_clearable, parse_opt};
use crate::error::Error;
use crate::model::{Activity, Form, Level};
use crate::service::project as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project edit mh-peer-2025 --title \"Peer wellbeing support\"
  spm project edit reading-lists-2025 --achieved partnership
  spm project edit mh-peer-2025 --add-theme belonging,transition
  spm project edit data-ethics-2026 --budget \"\"  clears the budget
  spm project edit cm-commuter-2025 --continues cm-feedback-2024
  spm project edit mh-peer-2025 --continues \"\"  no longer continues a project";

#[derive(Debug, ClapArgs)]
pub struct Args {
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
    /// The code of the project of an earlier academic year that it continues ("" clears it)
    #[arg(long, value_name = "CODE")]
    continues: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
        continues: clearable_text(args.continues),
    };
    if patch.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give at least one field, e.g. --title \"New title\" (see spm project edit --help)".into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let svc::Edited {
        project,
        changed,
        new_lead,
    } = svc::edit(&mut conn, &args.code, patch)?;
    if let Some(lead) = new_lead {
        ctx.note(&format!(
            "registered {lead} as a member of staff (see \"spm person list\")"
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
