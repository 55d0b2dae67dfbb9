//! `spm report recommendations`: what became of recommendations, by theme and status.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, bar, cell, int, rows_of};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::model::enums::RecStatus;
use crate::output::html::{Chart, Group};
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::recommendations as svc;

pub const EXAMPLES: &str = "\
One row per theme and status, a row of every status for each theme, then the same for all
themes. Medians are of the days from being raised to the first decision, and to telling
students what became of it. \"Terms waiting\" counts the terms in which recommendations on
the theme still proposed were raised (a panel session's term, else the term the date falls
in); a theme waiting in two or more is stalled. \"Done\" counts those implemented or partly
implemented, \"Impact checked\" those of them checked with spm rec impact, and \"Worked\"
those checked that worked. --year keeps those raised in that year.

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
    let shown = shown(&conn, &scope, ctx.today()?)?;
    super::emit(ctx, shown, &scope, false)
}

/// The report, with a chart of each theme's recommendations by status.
pub(super) fn shown(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Shown> {
    let doc = doc(conn, scope, today)?;
    let chart = rows_of(&doc).map(chart);
    Ok(Shown {
        key: "recommendations",
        title: "Recommendations by theme and status",
        about: "What became of the recommendations raised, theme by theme: how many are at \
each status, how long the first decision and telling students took (medians, in days), and \
the themes whose recommendations have waited for a decision two terms or more (stalled)."
            .into(),
        figures: Vec::new(),
        chart,
        doc,
        empty: super::nothing("recommendations", scope),
    })
}

/// Each theme's recommendations by status. The rows of every status (`all`) and of every
/// theme (the rows with no terms waiting) are left to the table.
fn chart(rows: &Rows) -> Chart {
    let mut groups: Vec<Group> = Vec::new();
    for row in &rows.rows {
        let Value::Text(status) = cell(rows, row, "status") else {
            continue;
        };
        let Some(series) = RecStatus::NAMES.iter().position(|n| n == status) else {
            continue;
        };
        if matches!(cell(rows, row, "waiting_terms"), Value::Null) {
            continue;
        }
        let theme = cell(rows, row, "theme").display();
        let bar = bar(series, cell(rows, row, "recommendations"), "");
        match groups.last_mut() {
            Some(g) if g.label == theme => g.bars.push(bar),
            _ => groups.push(Group {
                label: theme,
                bars: vec![bar],
            }),
        }
    }
    let series: Vec<String> = RecStatus::NAMES
        .iter()
        .map(|n| n.replace('-', " "))
        .collect();
    let series: Vec<&str> = series.iter().map(String::as_str).collect();
    Chart::stacked(
        "recommendations-chart",
        "Recommendations by theme and status",
        "For each theme, how many recommendations are at each status, from proposed to \
implemented, not adopted or beyond our control.",
        &series,
        groups,
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
        col("done", "Done"),
        col("impact_checked", "Impact checked"),
        col("worked", "Worked"),
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
            int(r.done),
            int(r.impact_checked),
            int(r.worked),
        ]);
    }
    Ok(Doc::Rows(rows))
}
