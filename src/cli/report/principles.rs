//! `spm report principles`: staff and student scores per principle of the adopted framework.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, Shown, bar, cell, int, rows_of};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::html::{Chart, Group};
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::principles as svc;

pub const EXAMPLES: &str = "\
One row per principle of the adopted framework and wording it was scored against: a
principle whose words changed shows once per wording. The gap is the students' average less
the staff's (negative: students see less of it). \"Least evidenced\" marks the principles in
use with the fewest scores. --year keeps the reviews held in that year.

--series CODE follows a project that continues year to year (spm project add|edit
--continues): for each principle, the staff's and the students' average scores in each
project of the series, year by year, from all of that project's reviews.

Examples:
  spm report principles
  spm report principles --series mh-peer-2025
  spm report principles --year 2025/26 --format md
  spm report principles --dept Sociology -o principles.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
    /// Year on year across the series of this project (the projects it continues and those
    /// that continue it)
    #[arg(long, value_name = "CODE", conflicts_with_all = ["year", "dept"])]
    series: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    if let Some(code) = &args.series {
        let conn = ctx.read()?;
        return ctx.emit(&series(&conn, code)?);
    }
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    let shown = shown(&conn, &scope, ctx.today()?)?;
    super::emit(ctx, shown, &scope, false)
}

/// The report, with a chart of the staff's and the students' average scores.
pub(super) fn shown(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Shown> {
    let doc = doc(conn, scope, today)?;
    let chart = rows_of(&doc).map(chart);
    Ok(Shown {
        key: "principles",
        title: "Staff and student scores per principle",
        about: "For each principle of the adopted framework, the average score (1 to 5) \
that staff and students gave it in reviews. The gap is the students' average less the \
staff's: below zero, students see less of the principle in practice than staff do."
            .into(),
        figures: Vec::new(),
        chart,
        doc,
        empty: super::nothing("principles", scope),
    })
}

/// Staff against students, principle by principle, on a scale of 1 to 5.
fn chart(rows: &Rows) -> Chart {
    let groups = rows
        .rows
        .iter()
        .map(|row| {
            let code = cell(rows, row, "principle").display();
            let wording = cell(rows, row, "wording").display();
            let title = wording.split(':').next().unwrap_or_default().trim();
            Group {
                label: if title.is_empty() {
                    code
                } else {
                    format!("{code} {title}")
                },
                bars: vec![
                    bar(0, cell(rows, row, "staff_average"), "no scores"),
                    bar(1, cell(rows, row, "student_average"), "no scores"),
                ],
            }
        })
        .collect();
    Chart::grouped(
        "principles-chart",
        "Staff and student scores per principle",
        "Average scores from 1 to 5 for each principle, as staff scored it and as students \
did; where the students' bar is shorter, students see less of the principle than staff.",
        &["Staff", "Students"],
        groups,
    )
    .scale(5.0)
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, _today: NaiveDate) -> anyhow::Result<Doc> {
    let (_, report) = svc::principles(conn, scope)?;
    let mut rows = Rows::new(&[
        col("principle", "Principle"),
        col("wording", "Scored against"),
        col("retired", "Retired"),
        col("projects", "Projects scored"),
        col("staff_scores", "Staff scores"),
        col("staff_average", "Staff average"),
        col("student_scores", "Student scores"),
        col("student_average", "Student average"),
        col("gap", "Gap"),
        col("least_evidenced", "Least evidenced"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.code),
            Value::Text(r.wording),
            Value::Bool(r.retired),
            int(r.projects),
            int(r.staff_scores),
            Value::float(r.staff_average),
            int(r.student_scores),
            Value::float(r.student_average),
            Value::float(r.gap),
            Value::Bool(r.least_evidenced),
        ]);
    }
    Ok(Doc::Rows(rows))
}

/// `--series CODE`: per principle and project of the series, year by year.
fn series(conn: &Connection, code: &str) -> anyhow::Result<Doc> {
    let (_, report) = svc::series(conn, code)?;
    let mut rows = Rows::new(&[
        col("principle", "Principle"),
        col("wording", "Scored against"),
        col("retired", "Retired"),
        col("year", "Year"),
        col("project", "Project"),
        col("staff_scores", "Staff scores"),
        col("staff_average", "Staff average"),
        col("student_scores", "Student scores"),
        col("student_average", "Student average"),
        col("gap", "Gap"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.code),
            Value::Text(r.wording),
            Value::Bool(r.retired),
            Value::Text(r.year.to_string()),
            Value::Text(r.project),
            int(r.staff_scores),
            Value::float(r.staff_average),
            int(r.student_scores),
            Value::float(r.student_average),
            Value::float(r.gap),
        ]);
    }
    Ok(Doc::Rows(rows))
}
