//! `spm report recommendations`: what became of recommendations, by theme and status.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::recommendations as svc;

pub const EXAMPLES: &str = "\
One row per theme and status, a row of every status for each theme, then the same for all
themes. Medians are of the days from being raised to the first decision, and to telling
students what became of it. \"Terms waiting\" counts the terms in which recommendations on
the theme still proposed were raised (a panel session's term, else the term the date falls
in); a theme waiting in two or more is stalled. --year keeps those raised in that year.

Examples:
  spm report recommendations
  spm report recommendations --year 2025/26 --format md
  spm report recommendations --dept \"Eden Centre\" -o recs.csv";

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
        &super::nothing("recommendations", &scope),
    )
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, _today: NaiveDate) -> anyhow::Result<Doc> {
    let report = svc::recommendations(conn, scope)?;
    let mut rows = Rows::new(&[
        col("theme", "Theme"),
        col("status", "Status"),
        col("recommendations", "Recommendations"),
        col("median_days_to_decision", "Median days to decision"),
        col(
            "median_days_to_communication",
            "Median days to tell students",
        ),
        col("waiting_terms", "Terms waiting"),
        col("stalled", "Stalled"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.theme),
            Value::Text(r.status),
            int(r.count),
            Value::float(r.median_days_to_decision),
            Value::float(r.median_days_to_communication),
            r.waiting_terms.map_or(Value::Null, int),
            Value::Bool(r.stalled),
        ]);
    }
    Ok(Doc::Rows(rows))
}
