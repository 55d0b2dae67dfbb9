//! `spm fund budget [YEAR [AMOUNT]]`: the fund's budget for each academic year and what
//! remains of it.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::model::{AcademicYear, Money};
use crate::output::{Doc, Rows, Value, col};
use crate::service::fund::{self as svc, YearBudget};

pub const EXAMPLES: &str = "\
A year's budget is what the fund can award to the applications made in that academic year.
An award beyond what remains of it is refused unless \"spm fund decide\" is given
--over-budget; a lower budget than the awards made already is kept, with a warning.

Examples:
  spm fund budget                  each year's budget, and what remains of it
  spm fund budget 2025/26          one year; empty when no budget is set
  spm fund budget 2026/27 50000    set a year's budget
  spm fund budget 2026/27 --clear  remove it";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year, e.g. 2026/27 [default: every year with a budget]
    year: Option<String>,
    /// The year's new budget in pounds, e.g. 50000 or £50,000
    #[arg(allow_hyphen_values = true, requires = "year")]
    amount: Option<String>,
    /// Remove the year's budget
    #[arg(long, requires = "year", conflicts_with = "amount")]
    clear: bool,
}

/// Shows, sets or removes the fund's budget for a year, then prints the years asked for.
pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let amount = parse_opt::<Money>(args.amount.as_deref())?;
    let years = match year {
        None => {
            let conn = ctx.read()?;
            svc::budgets(&conn)?
        }
        Some(year) if amount.is_some() || args.clear => {
            let mut conn = ctx.write()?;
            let (after, warning) = svc::set_budget(&mut conn, year, amount)?;
            match (after.budget, after.remaining()) {
                (Some(b), Some(left)) => ctx.note(&format!(
                    "the fund's budget for {year} is now {b}: {} awarded, {left} remains",
                    after.awarded
                )),
                _ => ctx.note(&format!("the fund has no budget for {year} now")),
            }
            if let Some(w) = warning {
                ctx.note(&format!("warning: {w}"));
            }
            vec![after]
        }
        Some(year) => {
            let conn = ctx.read()?;
            vec![svc::year_budget(&conn, year)?]
        }
    };
    ctx.emit(&Doc::Rows(rows(&years)))
}

fn rows(years: &[YearBudget]) -> Rows {
    let money = |m: Option<Money>| m.map_or(Value::Null, Value::Money);
    let mut rows = Rows::new(&[
        col("year", "Year"),
        col("budget", "Budget"),
        col("awards", "Awards"),
        col("awarded", "Awarded"),
        col("remaining", "Remaining"),
    ]);
    for y in years {
        rows.push(vec![
            Value::Text(y.year.to_string()),
            money(y.budget),
            Value::Int(i64::try_from(y.awards).unwrap_or(i64::MAX)),
            Value::Money(y.awarded),
            money(y.remaining()),
        ]);
    }
    rows
}
