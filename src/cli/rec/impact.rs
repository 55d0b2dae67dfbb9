//! `spm rec impact ID`: whether an implemented recommendation changed what it meant to
//! change, checked on a day, with the evidence.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::model::Worked;
use crate::service::rec as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm rec impact 1 --worked partly \\
      --evidence \"the module survey rose in Economics, not in Sociology\"
  spm rec impact 1 --on 2026-07-15 --worked yes \\
      --evidence \"who could say which feedback mattered: 41% to 68%\"

Only an implemented or partly implemented recommendation is checked, on or after the day
it was implemented. Checking again replaces the verdict; the change log keeps the old one.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The recommendation's id (see spm rec list --status implemented)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// Whether it changed what it meant to change
    #[arg(long, value_parser = Choices(Worked::NAMES))]
    worked: String,
    /// What shows it: a survey result, a count, what students said
    #[arg(long, value_name = "TEXT")]
    evidence: Option<String>,
    /// The day it was checked, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let worked: Worked = args.worked.parse()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let (impact, before) = svc::record_impact(
        &mut conn,
        args.id,
        on,
        worked,
        args.evidence.as_deref(),
        today,
    )?;
    let id = impact.recommendation_id;
    ctx.note(&format!(
        "{} the impact of recommendation {id}: {} (checked {})",
        if before { "replaced" } else { "recorded" },
        impact.worked,
        impact.on
    ));
    Ok(())
}
