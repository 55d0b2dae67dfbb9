//! `spm fund apply PROJECT`: a project's application to the fund.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::fund::{self as svc, NewApplication};
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm fund apply reading-lists-2025 --amount 2000 --theme \"inclusive curriculum\"
  spm fund apply cm-commuter-2025 --amount \"£2,500.50\" --theme belonging \\
      --on 2026-10-01";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
    /// The amount asked for in pounds, e.g. 8000 or £8,000.50 (at most the cap)
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// The fund's theme the application answers, e.g. "student voices, partnership and
    /// academic support"
    #[arg(long)]
    theme: String,
    /// The day the application was made, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let new = NewApplication {
        project: args.project,
        theme: args.theme,
        amount: args.amount.parse()?,
        on: parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0),
    };
    let mut conn = ctx.write()?;
    let a = svc::apply(&mut conn, new, today)?;
    let cap = settings::fund_cap(&conn)?;
    ctx.note(&format!(
        "application {} for {}: {} asked for on {} (the cap is {cap})",
        a.id, a.project, a.requested, a.applied_on
    ));
    ctx.emit_line(&a.id.to_string())
}
