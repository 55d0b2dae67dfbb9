//! `spm report outcomes`: how often each outcome was seen, by year.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::outcomes as svc;

pub const EXAMPLES: &str = "\
One row per outcome (students', staff's, then the institution's) for each academic year with
a review that rated one: how many reviews rated it not seen, emerging and clear. --year keeps
the reviews held in that year, and lists every outcome even when none was rated.

Examples:
  spm report outcomes
  spm report outcomes --year 2025/26 --format md
  spm report outcomes --dept Economics -o outcomes.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    let shown = shown(&conn, &scope, ctx.today()?)?;
    super::emit(ctx, shown, &scope, false)
}

/// The report: a table, with no chart.
pub(super) fn shown(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Shown> {
    Ok(Shown {
        key: "outcomes",
        title: "Outcomes seen",
        about: "How often reviews saw each outcome for students, staff and the institution: \
not seen, emerging or clear, year by year."
            .into(),
        figures: Vec::new(),
        chart: None,
        doc: doc(conn, scope, today)?,
        empty: super::nothing("outcomes", scope),
    })
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, _today: NaiveDate) -> anyhow::Result<Doc> {
    let report = svc::outcomes(conn, scope)?;
    let mut rows = Rows::new(&[
        col("year", "Year"),
        col("group", "For"),
        col("outcome", "Outcome"),
        col("description", "Description"),
        col("not_seen", "Not seen"),
        col("emerging", "Emerging"),
        col("clear", "Clear"),
        col("rated", "Reviews rating it"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.year.to_string()),
            Value::Text(r.outcome.group().to_string()),
            Value::Text(r.outcome.to_string()),
            Value::Text(r.outcome.description().to_string()),
            int(r.not_seen),
            int(r.emerging),
            int(r.clear),
            int(r.rated()),
        ]);
    }
    Ok(Doc::Rows(rows))
}
