//! `spm report ...`: reports for leadership, in counts safe to publish (DESIGN.md §2: the
//! HESA rounding convention) unless `--raw` asks for exact figures. One file per report.

mod all;
mod funding;
mod outcomes;
mod participation;
mod principles;
mod recommendations;
mod reviews;
mod summary;

use std::io::Write;

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::parse_opt;
use crate::model::hesa::SUPPRESSED;
use crate::output::Value;
use crate::service::report::{Figure, Scope};

pub const EXAMPLES: &str = "\
Examples:
  spm report summary --year 2025/26           the year at a glance
  spm report reviews --dept History           review compliance of a department
  spm report principles --format md           staff and student scores compared
  spm report recommendations --year 2025/26 -o recs.csv
  spm report funding                          the fund by theme and year
  spm report participation --year 2025/26 --by kind
  spm report all --year 2025/26 -o year.xlsx  every report, a sheet each";

/// What `--raw` says on stderr before it prints anything.
const RAW_WARNING: &str = "warning: --raw shows exact counts that can identify people in small groups; do not publish them";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The year at a glance: projects, reviews, partners, recommendations and the fund
    #[command(after_help = summary::EXAMPLES)]
    Summary(summary::Args),

    /// Per principle of the adopted framework: projects scored, staff and student scores
    /// and the gap between them, and the least evidenced
    #[command(after_help = principles::EXAMPLES)]
    Principles(principles::Args),

    /// Review compliance by department: on time, late, overdue now, never reviewed
    #[command(after_help = reviews::EXAMPLES)]
    Reviews(reviews::Args),

    /// How often each student, staff and institutional outcome was seen, by year
    #[command(after_help = outcomes::EXAMPLES)]
    Outcomes(outcomes::Args),

    /// Count the people taking part, grouped by kind, level, department, role or a
    /// characteristic, in counts rounded to the nearest 5
    #[command(after_help = participation::EXAMPLES)]
    Participation(participation::Args),

    /// Recommendations by theme and status: how long decisions and replies to students
    /// take, and themes left without action term after term
    #[command(after_help = recommendations::EXAMPLES)]
    Recommendations(recommendations::Args),

    /// The enhancement fund by year and theme: requested, awarded and spent, against the cap
    #[command(after_help = funding::EXAMPLES)]
    Funding(funding::Args),

    /// Every report at once: a workbook with a sheet per report (--output year.xlsx)
    #[command(after_help = all::EXAMPLES)]
    All(all::Args),
}

/// The options every report but participation takes: which year and department.
#[derive(Debug, ClapArgs)]
pub struct ScopeArgs {
    /// Only this academic year, e.g. 2025/26 [default: every year]
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,

    /// Only projects of this department (the whole name, any case) [default: every department]
    #[arg(long, value_name = "DEPT")]
    dept: Option<String>,
}

impl ScopeArgs {
    /// The scope asked for; a year that is not one is refused before the database is opened.
    fn scope(&self) -> anyhow::Result<Scope> {
        Ok(Scope {
            year: parse_opt(self.year.as_deref())?,
            dept: self.dept.clone(),
        })
    }
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Summary(args) => summary::run(ctx, args),
        Command::Principles(args) => principles::run(ctx, args),
        Command::Reviews(args) => reviews::run(ctx, args),
        Command::Outcomes(args) => outcomes::run(ctx, args),
        Command::Participation(args) => participation::run(ctx, args),
        Command::Recommendations(args) => recommendations::run(ctx, args),
        Command::Funding(args) => funding::run(ctx, args),
        Command::All(args) => all::run(ctx, args),
    }
}

/// What a report with no rows says on a terminal, instead of an empty table.
fn nothing(report: &str, scope: &Scope) -> String {
    let mut within = String::new();
    if let Some(dept) = &scope.dept {
        within.push_str(&format!(" of {}", crate::model::text::quoted(dept)));
    }
    if let Some(year) = scope.year {
        within.push_str(&format!(" in {year}"));
    }
    match report {
        "principles" => "no principles to report on: the adopted framework has none; adopt another with spm principle adopt KEY".to_string(),
        "outcomes" => format!("no review{within} has rated an outcome yet"),
        _ => format!("nothing to report{within}"),
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

/// A count as a cell.
fn int(n: u64) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Says, even with --quiet, that exact counts of people follow: they are never handed over
/// without it.
fn warn_raw() {
    let _ = writeln!(std::io::stderr(), "{RAW_WARNING}");
}
