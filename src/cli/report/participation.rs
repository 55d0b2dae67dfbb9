//! `spm report participation`: the people taking part, grouped.

use clap::Args as ClapArgs;

use super::{figure, int, warn_raw};
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::db::Connection;
use crate::model::AcademicYear;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::participation::{self as svc, GroupBy};

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
    let doc = doc(&conn, year, &by, args.raw)?;
    if args.raw {
        warn_raw();
    }
    let scope = crate::service::report::Scope { year, dept: None };
    ctx.emit_or(&doc, &super::nothing("participation", &scope))
}

/// The report as rows.
pub(super) fn doc(
    conn: &Connection,
    year: Option<AcademicYear>,
    by: &GroupBy,
    raw: bool,
) -> anyhow::Result<Doc> {
    let report = svc::participation(conn, year, by)?;
    let mut rows = Rows::new(&[
        col("group", "Group"),
        col("people", "People"),
        col("percent", "% of all"),
        col("average_hours", "Average hours"),
    ]);
    for r in report.shown(raw) {
        rows.push(vec![
            Value::Text(r.group),
            int(r.people),
            figure(r.percent),
            figure(r.average_hours),
        ]);
    }
    Ok(Doc::Rows(rows))
}
