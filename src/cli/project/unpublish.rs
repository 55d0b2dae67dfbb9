//! `spm project unpublish CODE`: a project taken off the public pages.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::project as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project unpublish cm-feedback-2024

The project stays as it is; only the approval of its title and summary for the public pages
goes (the change log keeps the words that were published).";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    code: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let (project, old) = svc::unpublish(&mut conn, &args.code)?;
    ctx.note(&format!(
        "{} is off the public pages (it was approved on {})",
        project.code, old.published_on
    ));
    Ok(())
}
