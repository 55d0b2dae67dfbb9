//! `spm report summary`: the year at a glance.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, bar, cell, int, rows_of, warn_raw};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::model::enums::Level;
use crate::output::html::{Chart, Group};
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::count;
use crate::service::report::summary::{self as svc, Measure};

pub const EXAMPLES: &str = "\
One row per figure: projects running in the year by status, form and engagement level
(planned, and achieved, with those that achieved less than they planned); reviews held in
the year, and due within 30 days or overdue today; the people taking part (rounded to the
nearest 5, the HESA convention) and their hours; recommendations raised in the year by
status; fund applications made in the year, with what was awarded and spent from them.

Examples:
  spm report summary                             every year so far
  spm report summary --year 2025/26 --format md  for a paper to a committee
  spm report summary --year 2025/26 --dept History
  spm report summary --raw                       exact counts; never publish";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,

    /// Show exact counts of people: they can identify people, so never publish them
    #[arg(long)]
    raw: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    let shown = shown(&conn, &scope, ctx.today()?, args.raw)?;
    if args.raw {
        warn_raw();
    }
    super::emit(ctx, shown, &scope, args.raw)
}

/// The report, with its headline figures and a chart of engagement planned and achieved.
pub(super) fn shown(
    conn: &Connection,
    scope: &Scope,
    today: NaiveDate,
    raw: bool,
) -> anyhow::Result<Shown> {
    let doc = doc(conn, scope, today, raw)?;
    let rows = rows_of(&doc).cloned().unwrap_or_default();
    Ok(Shown {
        key: "summary",
        title: "The year at a glance",
        about: "Projects running in the year by status, form and engagement level; reviews \
held in the year, and due or overdue today; the people taking part and their hours; \
recommendations raised in the year; and the fund's applications made in the year."
            .into(),
        figures: headlines(&rows),
        chart: Some(engagement(&rows).chart),
        doc,
        empty: super::nothing("summary", scope),
    })
}

/// The headline figures, as the summary's rows show them (people rounded unless `--raw`):
/// (what, how many).
pub(super) fn headlines(rows: &Rows) -> Vec<(String, String)> {
    const HEADLINES: [(&str, &str, &str); 9] = [
        ("projects", "total", "Projects running"),
        ("projects by status", "active", "Active projects"),
        ("reviews", "done", "Reviews held"),
        ("reviews", "overdue", "Reviews overdue today"),
        ("partners", "people", "People taking part"),
        ("partners", "hours", "Hours given"),
        ("recommendations", "raised", "Recommendations raised"),
        ("fund", "awarded", "Awarded from the fund"),
        ("fund", "spent", "Spent from awards"),
    ];
    HEADLINES
        .iter()
        .filter_map(|(section, measure, what)| {
            find(rows, section, measure).map(|v| (what.to_string(), v.display()))
        })
        .collect()
}

/// The value of the summary's row (`section`, `measure`).
fn find<'a>(rows: &'a Rows, section: &str, measure: &str) -> Option<&'a Value> {
    let is = |row: &[Value], key: &str, text: &str| matches!(cell(rows, row, key), Value::Text(t) if t == text);
    rows.rows
        .iter()
        .find(|r| is(r, "section", section) && is(r, "measure", measure))
        .map(|r| cell(rows, r, "value"))
}

/// Engagement planned against achieved, from the summary's rows: a table, a chart, and a
/// sentence on drift towards tokenism.
pub(super) struct Engagement {
    pub rows: Rows,
    pub chart: Chart,
    pub about: String,
}

/// Engagement planned against achieved, level by level, from the summary's rows.
pub(super) fn engagement(summary: &Rows) -> Engagement {
    let mut rows = Rows::new(&[
        col("level", "Engagement level"),
        col("planned", "Planned"),
        col("achieved", "Achieved"),
    ]);
    let mut groups = Vec::new();
    let levels = Level::NAMES.iter().chain(["not recorded"].iter());
    for level in levels {
        let planned = find(summary, "engagement planned", level).cloned();
        let achieved = find(summary, "engagement achieved", level).cloned();
        let mut bars = Vec::new();
        if let Some(p) = &planned {
            bars.push(bar(0, p, ""));
        }
        if let Some(a) = &achieved {
            bars.push(bar(1, a, ""));
        }
        if bars.is_empty() {
            continue;
        }
        groups.push(Group {
            label: level.replace('-', " "),
            bars,
        });
        rows.push(vec![
            Value::Text(level.to_string()),
            planned.unwrap_or(Value::Null),
            achieved.unwrap_or(Value::Null),
        ]);
    }
    let below = find(summary, "engagement achieved", "below planned")
        .and_then(Value::number)
        .unwrap_or(0.0);
    let drift = match below as u64 {
        0 => "No project achieved less than it planned.".to_string(),
        1 => "1 project achieved less than it planned: a drift towards tokenism to look into."
            .to_string(),
        n => format!(
            "{n} projects achieved less than they planned: a drift towards tokenism to look into."
        ),
    };
    let chart = Chart::grouped(
        "engagement-chart",
        "Engagement planned against achieved",
        format!(
            "For each level of student engagement, from consultation to student-led, how many \
projects planned it and how many achieved it. {drift}"
        ),
        &["Planned", "Achieved"],
        groups,
    );
    Engagement {
        rows,
        chart,
        about: format!(
            "Where the projects running in the year sit on the continuum of student \
engagement, as planned and as achieved; a project not yet assessed counts as not recorded. \
{drift}"
        ),
    }
}

/// The report as rows.
pub(super) fn doc(
    conn: &Connection,
    scope: &Scope,
    today: NaiveDate,
    raw: bool,
) -> anyhow::Result<Doc> {
    let lines = svc::summary(conn, scope, today)?;
    let mut rows = Rows::new(&[
        col("section", "Section"),
        col("measure", "Measure"),
        col("value", "Value"),
    ]);
    for line in lines {
        let value = match line.value {
            Measure::Count(n) => int(n),
            Measure::People(n) => int(count(n, raw)),
            Measure::Hours(h) => Value::Float(h),
            Measure::Money(m) => Value::Money(m),
        };
        rows.push(vec![
            Value::Text(line.section.to_string()),
            Value::Text(line.measure),
            value,
        ]);
    }
    Ok(Doc::Rows(rows))
}
