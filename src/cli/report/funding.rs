//! `spm report funding`: the enhancement fund by year and theme, against the cap.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::model::Money;
use crate::output::html::{Bar, Chart, Group};
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
    let shown = shown(&conn, &scope, ctx.today()?)?;
    super::emit(ctx, shown, &scope, false)
}

/// The report as rows, with a chart of each theme's requests, awards and spend against the
/// cap on one award.
pub(super) fn shown(conn: &Connection, scope: &Scope, _today: NaiveDate) -> anyhow::Result<Shown> {
    let (cap, report) = svc::funding(conn, scope)?;
    let money = |m: Money| Value::Money(m);
    let mut groups = Vec::new();
    for r in report.iter().filter(|r| r.kind == FundRowKind::Theme) {
        let theme = r.theme.clone().unwrap_or_default();
        let label = match (scope.year, r.year) {
            (None, Some(year)) => format!("{year}: {theme}"),
            _ => theme,
        };
        let bars = [r.requested, r.awarded, r.spent]
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let v = money(m);
                Bar::of(i, v.number(), v.display())
            })
            .collect();
        groups.push(Group { label, bars });
    }
    let cap_value = money(cap);
    let chart = Chart::grouped(
        "funding-chart",
        "The fund: requested, awarded and spent",
        format!(
            "For each theme, the money requested from the enhancement fund, awarded and spent, \
with a line at the cap on one award ({}).",
            cap_value.display()
        ),
        &["Requested", "Awarded", "Spent"],
        groups,
    )
    .reference(
        cap_value.number().unwrap_or(0.0),
        format!("Cap {}", cap_value.display()),
    );
    Ok(Shown {
        key: "funding",
        title: "The enhancement fund",
        about: "What was requested from the fund, awarded and spent, theme by theme and year \
by year, against the cap on one award; an application counts in the year it was made."
            .into(),
        figures: Vec::new(),
        chart: Some(chart),
        doc: doc(cap, report),
        empty: super::nothing("funding", scope),
    })
}

/// The report as rows.
fn doc(cap: Money, report: Vec<svc::FundRow>) -> Doc {
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
    Doc::Rows(rows)
}
