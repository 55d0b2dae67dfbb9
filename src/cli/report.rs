//! `spm report ...`: reports for leadership, in counts safe to publish (DESIGN.md §2: the
//! HESA rounding convention) unless `--raw` asks for exact figures.

use std::io::Write;

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::parse_opt;
use crate::model::hesa::SUPPRESSED;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Figure;
use crate::service::report::participation::{self as svc, GroupBy};

pub const EXAMPLES: &str = "\
Examples:
  spm report participation --year 2025/26 --by kind
  spm report participation --by ethnicity --format csv -o participation.csv";

/// What `--raw` says on stderr before it prints anything.
const RAW_WARNING: &str = "warning: --raw shows exact counts that can identify people in small groups; do not publish them";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Count the people taking part, grouped by kind, level, department, role or a
    /// characteristic, in counts rounded to the nearest 5
    #[command(after_help = PARTICIPATION_EXAMPLES)]
    Participation(ParticipationArgs),
}

const PARTICIPATION_EXAMPLES: &str = "\
Counts of people are rounded to the nearest 5 (0, 1 and 2 become 0); a percentage of fewer
than 23 people and an average over 7 or fewer are shown as \"..\" (the HESA convention).

Examples:
  spm report participation                          everyone who has ever taken part, by kind
  spm report participation --year 2025/26 --by level
  spm report participation --by dept --format md    a table for a paper to a committee
  spm report participation --by role                a person with two roles counts in each
  spm report participation --by disability          a self-declared characteristic
  spm report participation --by kind --raw          exact figures, for checking; never publish";

#[derive(Debug, ClapArgs)]
pub struct ParticipationArgs {
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

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Participation(args) => participation(ctx, args),
    }
}

/// A percentage or average as a cell.
fn figure(f: Figure) -> Value {
    match f {
        Figure::Value(x) => Value::Float(x),
        Figure::Suppressed => Value::Text(SUPPRESSED.into()),
        Figure::Blank => Value::Null,
    }
}

fn participation(ctx: &Ctx, args: ParticipationArgs) -> anyhow::Result<()> {
    let year = parse_opt(args.year.as_deref())?;
    let by: GroupBy = args.by.parse()?;
    let conn = ctx.open()?;
    let report = svc::participation(&conn, year, &by)?;
    let mut rows = Rows::new(&[
        col("group", "Group"),
        col("people", "People"),
        col("percent", "% of all"),
        col("average_hours", "Average hours"),
    ]);
    for r in report.shown(args.raw) {
        rows.push(vec![
            Value::Text(r.group),
            Value::Int(i64::try_from(r.people).unwrap_or(i64::MAX)),
            figure(r.percent),
            figure(r.average_hours),
        ]);
    }
    if args.raw {
        // Said even with --quiet: exact counts are never handed over without it.
        let _ = writeln!(std::io::stderr(), "{RAW_WARNING}");
    }
    ctx.emit(&Doc::Rows(rows))
}
