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

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::parse_opt;
use crate::model::hesa::SUPPRESSED;
use crate::output::html::{Bar, Chart, Page, Section};
use crate::output::{Doc, Rows, Value};
use crate::service::report::{Figure, Scope};

pub const EXAMPLES: &str = "\
Examples:
  spm report summary --year 2025/26           the year at a glance
  spm report reviews --dept History           review compliance of a department
  spm report principles --format md           staff and student scores compared
  spm report recommendations --year 2025/26 -o recs.csv
  spm report funding                          the fund by theme and year
  spm report participation --year 2025/26 --by kind
  spm report all --year 2025/26 -o year.xlsx  every report, a sheet each
  spm report all --year 2025/26 -o year.html  a page for leadership, with charts";

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

    /// Every report at once: a workbook with a sheet per report (--output year.xlsx), or a
    /// page for leadership with a chart of each (--output year.html)
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

/// What a page of a report says at its foot about counts of people, unless `--raw`.
const ROUNDED: &str = "Counts of people are rounded to the nearest 5 (0, 1 and 2 become 0); \
\"..\" marks a percentage or average withheld because too few people are behind it (the HESA \
convention).";

/// What a page of exact counts (`--raw`) says first.
const RAW_PAGE: &str = "Exact counts of people, which can identify people in small groups: \
not for publication.";

/// A report as every format gives it (its rows), and as a page shows it: its title, what it
/// is, and a chart of its figures.
pub(super) struct Shown {
    /// The report's name: a JSON key, and the anchor of its section on a page.
    pub key: &'static str,
    /// Its title: a sheet's name, a heading.
    pub title: &'static str,
    /// What it shows, in a sentence or two for a reader of the page.
    pub about: String,
    /// Headline figures, shown large before the chart: (what, how many).
    pub figures: Vec<(String, String)>,
    pub doc: Doc,
    pub chart: Option<Chart>,
    /// What it says when it has no rows.
    pub empty: String,
}

impl Shown {
    /// The report as a section of a page: titled (one of several) or the page's body.
    fn section(&self, titled: bool) -> Section {
        Section {
            id: self.key.to_string(),
            title: titled.then(|| self.title.to_string()),
            lead: vec![self.about.clone()],
            figures: self.figures.clone(),
            chart: self.chart.clone(),
            doc: Some(self.doc.clone()),
            caption: self.title.to_string(),
            empty: page_sentence(&self.empty),
            extra: None,
        }
    }
}

/// Writes one report: its own page under html (its chart, then its table), else its rows
/// as every other format writes them. `raw`: exact counts of people.
fn emit(ctx: &Ctx, shown: Shown, scope: &Scope, raw: bool) -> anyhow::Result<()> {
    if !ctx.html() {
        return ctx.emit_or(&shown.doc, &shown.empty);
    }
    let mut page = report_page(ctx, shown.title, scope, raw)?;
    page.sections.push(shown.section(false));
    ctx.emit_page(&page)
}

/// A report's page, titled `title`: the scope and date under the title; at the foot, how
/// counts of people were made safe (or, first of all, that they were not).
fn report_page(ctx: &Ctx, title: &str, scope: &Scope, raw: bool) -> anyhow::Result<Page> {
    let line = scope_line(scope, ctx.today()?);
    let mut page = ctx.page(title)?;
    if raw {
        page.subtitle = Some(format!("{line}. {RAW_PAGE}"));
    } else {
        page.subtitle = Some(line);
        page.footer = format!("{} {ROUNDED}", page.footer);
    }
    Ok(page)
}

/// What a report covers, in words: "Academic year 2025/26 · History · figures as of
/// 2026-11-23".
fn scope_line(scope: &Scope, today: NaiveDate) -> String {
    let mut parts = vec![match scope.year {
        Some(y) => format!("Academic year {y}"),
        None => "Every academic year".to_string(),
    }];
    if let Some(dept) = &scope.dept {
        parts.push(dept.trim().to_string());
    }
    parts.push(format!("figures as of {today}"));
    parts.join(" · ")
}

/// A report's message as a sentence on a page.
fn page_sentence(message: &str) -> String {
    super::page::sentence(message)
}

/// The index of the column `key` in `rows`.
fn column(rows: &Rows, key: &str) -> Option<usize> {
    rows.columns.iter().position(|c| c.key == key)
}

/// The cell of column `key` in `row` (`Null` when there is no such column).
fn cell<'a>(rows: &Rows, row: &'a [Value], key: &str) -> &'a Value {
    column(rows, key)
        .and_then(|i| row.get(i))
        .unwrap_or(&Value::Null)
}

/// A bar of series `series` for a cell as its table shows it; `none` is its text when the
/// cell is empty.
fn bar(series: usize, value: &Value, none: &str) -> Bar {
    let shown = match value {
        Value::Null => none.to_string(),
        v => v.display(),
    };
    Bar::of(series, value.number(), shown)
}

/// The rows of a document that is a list (every report's is).
fn rows_of(doc: &Doc) -> Option<&Rows> {
    match doc {
        Doc::Rows(rows) => Some(rows),
        _ => None,
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
