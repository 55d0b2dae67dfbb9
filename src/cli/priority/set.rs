//! `spm priority set YEAR PROJECT`: a priority with its objectives.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::error::Error;
use crate::model::AcademicYear;
use crate::service::priority::{self as svc, SetOutcome};

pub const EXAMPLES: &str = "\
Examples:
  spm priority set 2026/27 mh-peer-2025 \\
      --objective \"halve waiting times for peer support\"
  spm priority set 2026/27 reps-forum-2025 \\
      --objective \"close the feedback loop within a term\" \\
      --objective \"publish a you-said-we-did board each term\"

Setting a priority that exists already replaces its objectives with the ones given.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year, e.g. 2025/26
    year: String,
    /// The project's code
    project: String,
    /// An objective of the priority, in order (repeat; at least one)
    #[arg(long = "objective", value_name = "TEXT")]
    objectives: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year: AcademicYear = args.year.parse()?;
    if args.objectives.is_empty() {
        return Err(Error::Usage(
            "a priority needs at least one objective: add --objective TEXT (repeat for each)"
                .into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let set = svc::set(
        &mut conn,
        year,
        &args.project,
        &args.objectives,
        ctx.today()?,
    )?;
    let p = &set.priority;
    let n = p.objectives.len();
    let objectives = format!("{n} objective{}", if n == 1 { "" } else { "s" });
    ctx.note(&match set.outcome {
        SetOutcome::Created => format!("{} is a priority for {year}, with {objectives}", p.project),
        SetOutcome::Replaced => format!(
            "replaced the objectives of {} for {year}: now {objectives}",
            p.project
        ),
        SetOutcome::Unchanged => format!(
            "{} is a priority for {year} with these {objectives} already; nothing changed",
            p.project
        ),
    });
    Ok(())
}
