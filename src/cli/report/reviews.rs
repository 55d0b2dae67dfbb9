//! `spm report reviews`: review compliance by department.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, bar, cell, int, rows_of};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::html::{Chart, Group};
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::reviews as svc;

pub const EXAMPLES: &str = "\
Every project that has started counts once, in the first column that fits: overdue (its
next review was due before today; only active projects fall due), never reviewed, late (its
last review was held after the day it was due), or on time. --year keeps the projects
running in that year.

Examples:
  spm report reviews  every department
  spm report reviews --year 2025/26 --format md
  spm report reviews --dept \"Student Services\"";

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

/// The standings, in the order a project is counted in them.
const STANDINGS: [(&str, &str); 4] = [
    ("on_time", "on time"),
    ("late", "late"),
    ("overdue", "overdue"),
    ("never_reviewed", "never reviewed"),
];

/// The report, with a chart of each department's projects by standing.
pub(super) fn shown(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Shown> {
    let doc = doc(conn, scope, today)?;
    let chart = rows_of(&doc).map(chart);
    Ok(Shown {
        key: "reviews",
        title: "Review compliance by department",
        about: "Every project that has started counts once, in the first column that fits: \
overdue (its next review was due before today), never reviewed, late (its last review was \
held after the day it was due), or on time."
            .into(),
        figures: Vec::new(),
        chart,
        doc,
        empty: super::nothing("reviews", scope),
    })
}

/// Each department's projects by standing; the last row, the total, is left to the table.
fn chart(rows: &Rows) -> Chart {
    let departments = &rows.rows[..rows.rows.len().saturating_sub(1)];
    let groups = departments
        .iter()
        .map(|row| Group {
            label: cell(rows, row, "department").display(),
            bars: STANDINGS
                .iter()
                .enumerate()
                .map(|(i, (key, _))| bar(i, cell(rows, row, key), ""))
                .collect(),
        })
        .collect();
    let series: Vec<&str> = STANDINGS.iter().map(|(_, name)| *name).collect();
    Chart::stacked(
        "reviews-chart",
        "Review compliance by department",
        "For each department, how many of its projects were reviewed on time, late, are \
overdue for review today, or were never reviewed.",
        &series,
        groups,
    )
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Doc> {
    let report = svc::reviews(conn, scope, today)?;
    let mut rows = Rows::new(&[
        col("department", "Department"),
        col("projects", "Projects"),
        col("on_time", "On time"),
        col("late", "Late"),
        col("overdue", "Overdue"),
        col("never_reviewed", "Never reviewed"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.department),
            int(r.projects),
            int(r.on_time),
            int(r.late),
            int(r.overdue),
            int(r.never),
        ]);
    }
    Ok(Doc::Rows(rows))
}
