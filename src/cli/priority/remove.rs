//! `spm priority remove YEAR PROJECT`: a project taken off a year's priorities.

use clap::Args as ClapArgs;

use crate::cli::{Ctx, prompt};
use crate::model::AcademicYear;
use crate::service::priority as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm priority remove 2022/23 mental-health-2021 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year, e.g. 2025/26
    year: String,
    /// The project's code
    project: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year: AcademicYear = args.year.parse()?;
    let project = args.project.as_str();
    let mut conn = ctx.write()?;
    let p = svc::get(&conn, year, project)?;
    let question = format!(
        "Take {} off the priorities of {year}, with its {}?",
        p.project,
        if p.objectives.len() == 1 {
            "objective".to_string()
        } else {
            format!("{} objectives", p.objectives.len())
        }
    );
    let what = format!("taking {} off the priorities of {year}", p.project);
    if !prompt::confirm_or_refuse(args.yes, &what, &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove(&mut conn, year, project)?;
    ctx.note(&format!(
        "took {} off the priorities of {year}",
        removed.project
    ));
    Ok(())
}
