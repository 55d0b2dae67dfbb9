//! `spm project remove CODE`: a project registered by mistake, deleted.

use clap::Args as ClapArgs;

use crate::cli::{Ctx, prompt};
use crate::service::project as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project remove lab-methods-2026 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    code: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let project = svc::get(&conn, &args.code)?;
    let question = format!(
        "Remove project {} ({}) for good?",
        project.code, project.title
    );
    let what = format!("removing project {}", project.code);
    if !prompt::confirm_or_refuse(args.yes, &what, &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove(&mut conn, &project.code)?;
    ctx.note(&format!(
        "removed project {} ({})",
        removed.code, removed.title
    ));
    Ok(())
}
