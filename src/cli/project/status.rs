//! `spm project status CODE STATUS`: a project moved to active, paused, completed or withdrawn.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::error::Error;
use crate::model::Status;
use crate::service::project as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project status lab-methods-2026 active
  spm project status mh-peer-2025 paused --note \"lead on leave\"
  spm project status reps-forum-2025 active --on 2026-11-02
  spm project status intern-archives-2025 completed --on 2026-07-31";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
    // Starting with nothing on the start-of-project checklist ticked: a reminder, not a refusal.
    if project.status == Status::Active && svc::checklist::progress(&conn, &project)?.0 == 0 {
        ctx.note(&format!(
            "nothing on the start-of-project checklist is ticked; see spm project checklist {}",
            project.code
        ));
    }
    Ok(())
}
