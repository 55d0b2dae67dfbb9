//! `spm report funding`: the enhancement fund by year and theme, against the cap.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::funding as svc;

pub const EXAMPLES: &str = "\
One row per academic year and theme, then the total. An application counts in the year it
was made, with everything spent from its award. The cap is the fund's present cap on one
application (spm fund cap), beside the largest award.

Examples:
  spm report funding
  spm report funding --year 2025/26 --format md
  spm report funding --dept Law --format csv -o fund.csv";

/// The label of the total row.
const TOTAL: &str = "Total";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    ctx.emit(&doc(&conn, &scope, ctx.today()?)?)
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
    ]);
    for r in report {
        rows.push(vec![
            Value::text(r.year.map(|y| y.to_string())),
            Value::Text(r.theme.unwrap_or_else(|| TOTAL.to_string())),
            int(r.applications),
            int(r.awards),
            Value::Money(r.requested),
            Value::Money(r.awarded),
            Value::Money(r.spent),
            r.largest_award.map_or(Value::Null, Value::Money),
            Value::Money(cap),
        ]);
    }
    Ok(Doc::Rows(rows))
}
