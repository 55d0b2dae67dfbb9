//! `spm project partner remove PROJECT PERSON`: a role added by mistake, taken away with
//! what was logged for it.

use clap::Args as ClapArgs;

use crate::cli::args::{Choices, parse_opt};
use crate::cli::{Ctx, prompt};
use crate::model::Role;
use crate::service::partner as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project partner remove mh-peer-2025 t.evans@example.ac.uk --yes
  spm project partner rm mh-peer-2025 \"Amira Hassan\" --role student-partner -y";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: String,
    /// Which of their roles, when they have several on the project
    #[arg(long, value_parser = Choices(Role::NAMES))]
    role: Option<String>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let Args {
        project,
        person,
        role,
        yes,
    } = args;
    let role = parse_opt::<Role>(role.as_deref())?;
    let question = format!("Take {person} off {project}, with the hours and payments logged?");
    if !prompt::confirm_or_refuse(yes, "taking a partner off a project", &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let mut conn = ctx.write()?;
    let p = svc::remove(&mut conn, &project, &person, role)?;
    ctx.note(&format!("took {} ({}) off {}", p.person, p.role, p.project));
    Ok(())
}
