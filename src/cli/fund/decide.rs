//! `spm fund decide ID`: an application awarded or rejected, once (or the decision corrected).

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::fund::{self as svc, NewDecision, Verdict};

pub const EXAMPLES: &str = "\
Examples:
  spm fund decide 3 --award 3500
  spm fund decide 3 --award 3500 --on 2026-11-18 --note \"panel of 18 November\"
  spm fund decide 3 --reject --note \"outside the fund's themes\"
  spm fund decide 1 --award 5000 --correct --note \"typo: the panel awarded 5000\"
  spm fund decide 3 --award 4000 --over-budget --note \"approved by the PVC\"

An award counts against the budget of the year the application was made in. A warning (not
a refusal) says when one project's awards in a year together pass the cap on one application.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The application's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    #[command(flatten)]
    verdict: VerdictArgs,
    /// The day of the decision, YYYY-MM-DD [default: today; with --correct, the day corrected]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// A note on the decision: the panel, the reasons
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Replace the decision recorded already, when it was a mistake (the history keeps it)
    #[arg(long)]
    correct: bool,
    /// Award even beyond what remains of the year's budget (with approval: the history
    /// keeps that it was deliberate)
    #[arg(long)]
    over_budget: bool,
}

/// Exactly one of --award and --reject.
#[derive(Debug, ClapArgs)]
#[group(required = true, multiple = false)]
pub struct VerdictArgs {
    /// Award this amount in pounds (at most the amount asked for, and the cap)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    award: Option<String>,
    /// Reject the application
    #[arg(long)]
    reject: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let verdict = match args.verdict.award {
        Some(amount) => Verdict::Award(amount.parse()?),
        None => Verdict::Reject,
    };
    let decision = NewDecision {
        verdict,
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
        note: args.note,
        correct: args.correct,
        over_budget: args.over_budget,
    };
    let mut conn = ctx.write()?;
    let decided = svc::decide(&mut conn, args.id, decision, today)?;
    for w in &decided.warnings {
        ctx.note(&format!("warning: {w}"));
    }
    let a = decided.application;
    match a.awarded {
        Some(award) => ctx.note(&format!(
            "awarded {award} of the {} asked for to application {} ({}) on {}",
            a.requested,
            a.id,
            a.project,
            a.decided_on.map(|d| d.to_string()).unwrap_or_default()
        )),
        None => ctx.note(&format!(
            "rejected application {} ({}) on {}",
            a.id,
            a.project,
            a.decided_on.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
    Ok(())
}
