//! `spm report funding`: the enhancement fund by year and theme, against the cap.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::funding::{self as svc, FundRowKind};

pub const EXAMPLES: &str = "\
One row per academic year and theme, then a row for the year (all themes), then the total;
with --year, the total is the year's. An application counts in the year it was made, with
everything spent from its award. The cap is the fund's present cap on one application (spm
fund cap), beside the largest award. Budget and Remaining are the year's budget (spm fund
budget) and what its awards leave of it; they are left out with --dept, since the budget is
the whole fund's.

Examples:
  spm report funding
  spm report funding --year 2025/26 --format md
  spm report funding --dept Law -o fund.csv";

/// The label of the total row.
const TOTAL: &str = "Total";

/// The theme of the row of a whole year.
const ALL_THEMES: &str = "All themes";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    ctx.emit_or(
        &doc(&conn, &scope, ctx.today()?)?,
        &super::nothing("funding", &scope),
    )
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, _today: NaiveDate) -> anyhow::Result<Doc> {
    let (cap, report) = svc::funding(conn, scope)?;
    let mut rows = Rows::new(&[
        col("year", "Year"),
        col("theme", "Theme"),
        col("applications", "Applications"),
        col("awards", "Awards"),
        col("requested", "Requested"),
        col("awarded", "Awarded"),
        col("spent", "Spent"),
        col("largest_award", "Largest award"),
        col("cap", "Cap"),
        col("budget", "Budget"),
        col("remaining", "Remaining"),
    ]);
    let money = |m: Option<crate::model::Money>| m.map_or(Value::Null, Value::Money);
    for r in report {
        let theme = match r.kind {
            FundRowKind::Theme => r.theme.clone().unwrap_or_default(),
            FundRowKind::Year => ALL_THEMES.to_string(),
            FundRowKind::Total => TOTAL.to_string(),
        };
        rows.push(vec![
            Value::text(r.year.map(|y| y.to_string())),
            Value::Text(theme),
            int(r.applications),
            int(r.awards),
            Value::Money(r.requested),
            Value::Money(r.awarded),
            Value::Money(r.spent),
            money(r.largest_award),
            Value::Money(cap),
            money(r.budget),
            money(r.remaining()),
        ]);
    }
    Ok(Doc::Rows(rows))
}
