//! `spm report participation`: the people taking part, grouped.

use clap::Args as ClapArgs;

use super::{Shown, figure, int, warn_raw};
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::db::Connection;
use crate::model::AcademicYear;
use crate::output::html::{Bar, Chart};
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::participation::{self as svc, GroupBy, RowKind};

pub const EXAMPLES: &str = "\
Counts of people are rounded to the nearest 5 (0, 1 and 2 become 0); a percentage of fewer
than 23 people and an average over 7 or fewer are shown as \"..\" (the HESA convention).

Examples:
  spm report participation                        all who took part, by kind
  spm report participation --year 2025/26 --by level
  spm report participation --by dept --format md  for a paper to a committee
  spm report participation --by role              two roles count in each
  spm report participation --by disability        a self-declared characteristic
  spm report participation --by kind --raw        exact figures; never publish";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only people taking part in this academic year, e.g. 2025/26 [default: every year]
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,

    /// Group by kind, level, dept, role, or a characteristic's category (e.g. ethnicity)
    #[arg(long, value_name = "GROUPING", default_value = "kind")]
    by: String,

    /// Show exact counts, percentages and averages: they can identify people, so never
    /// publish them
    #[arg(long)]
    raw: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt(args.year.as_deref())?;
    let by: GroupBy = args.by.parse()?;
    let conn = ctx.read()?;
    let shown = shown(&conn, year, &by, args.raw)?;
    if args.raw {
        warn_raw();
    }
    let scope = crate::service::report::Scope { year, dept: None };
    super::emit(ctx, shown, &scope, args.raw)
}

/// The report as rows, with a chart of the people in each group: the counts the table
/// shows, rounded unless `raw`.
pub(super) fn shown(
    conn: &Connection,
    year: Option<AcademicYear>,
    by: &GroupBy,
    raw: bool,
) -> anyhow::Result<Shown> {
    let report = svc::participation(conn, year, by)?;
    let mut bars = Vec::new();
    let mut rows = Rows::new(&[
        col("group", "Group"),
        col("people", "People"),
        col("percent", "% of all"),
        col("average_hours", "Average hours"),
    ]);
    for r in report.shown(raw) {
        let people = int(r.people);
        if r.kind != RowKind::Total {
            bars.push((r.group.clone(), Bar::new(people.number(), people.display())));
        }
        rows.push(vec![
            Value::Text(r.group),
            people,
            figure(r.percent),
            figure(r.average_hours),
        ]);
    }
    let how = if raw {
        "exact counts, not for publication"
    } else {
        "counts rounded to the nearest 5"
    };
    let chart = Chart::bars(
        "participation-chart",
        format!("People taking part, by {by}"),
        format!("How many people took part in each group ({how})."),
        bars,
    );
    let scope = crate::service::report::Scope { year, dept: None };
    Ok(Shown {
        key: "participation",
        title: "Participation",
        about: format!(
            "The people taking part, by {by}, in {how}: a percentage of fewer than 23 people \
and an average over 7 or fewer are withheld (\"..\")."
        ),
        figures: Vec::new(),
        chart: Some(chart),
        doc: Doc::Rows(rows),
        empty: super::nothing("participation", &scope),
    })
}
