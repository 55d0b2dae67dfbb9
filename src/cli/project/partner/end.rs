//! `spm project partner end PROJECT PERSON --on DATE`: the day a person left a project.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::model::Role;
use crate::service::partner as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project partner end mh-peer-2025 a.hassan@example.ac.uk --on 2026-06-30
  spm project partner end intern-archives-2025 \"Li Wei\" --on 2026-07-31 \\
      --skills \"archival research, NVivo, presenting to a seminar\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: String,
    /// The day they left, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    on: String,
    /// Which of their roles, when they have several on the project
    #[arg(long, value_parser = Choices(Role::NAMES))]
    role: Option<String>,
    /// The skills they gained (a research intern's, say)
    #[arg(long)]
    skills: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let Args {
        project,
        person,
        on,
        role,
        skills,
    } = args;
    let on = on.parse::<Date>()?.0;
    let role = parse_opt::<Role>(role.as_deref())?;
    let mut conn = ctx.write()?;
    let p = svc::end(
        &mut conn,
        &project,
        &person,
        role,
        on,
        skills.as_deref(),
        today,
    )?;
    ctx.note(&format!(
        "{} left {} ({}) on {on}",
        p.person, p.project, p.role
    ));
    Ok(())
}
