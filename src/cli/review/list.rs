//! `spm review list`: reviews, newest first.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::cli::screen::Filters;
use crate::output::{Doc, Rows, Value, col};
use crate::service::review as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm review list
  spm review list --project assessment-2024
  spm review list --year 2025/26 --format csv -o reviews.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only the reviews of this project (its code)
    #[arg(long)]
    project: Option<String>,
    /// Only reviews held in this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let filter = svc::ReviewFilter {
        project: args.project,
        year: parse_opt(args.year.as_deref())?,
    };
    let empty = Filters::default()
        .text("--project", filter.project.as_deref())
        .value("--year", filter.year.as_ref())
        .empty(
            "reviews",
            "no reviews yet; record one with spm review add PROJECT",
        );
    let conn = ctx.read()?;
    let reviews = svc::list(&conn, &filter)?;
    let wide = ctx.every_column();
    let mut columns = vec![col("id", "Id"), col("project", "Project")];
    if wide {
        columns.push(col("title", "Title"));
    }
    columns.extend([
        col("on", "On"),
        col("kind", "Kind"),
        col("decision", "Decision"),
        col("reviewers", "Reviewers"),
        col("staff_average", "Staff score"),
        col("students_average", "Students' score"),
        col("scores", "Scores"),
        col("outcomes", "Outcomes"),
    ]);
    let mut rows = Rows::new(&columns);
    for r in reviews {
        let mut row = vec![Value::Int(r.id), Value::Text(r.project)];
        if wide {
            row.push(Value::Text(r.title));
        }
        row.extend([
            Value::Date(r.on.to_string()),
            Value::Text(r.kind.to_string()),
            Value::Text(r.decision.to_string()),
            Value::List(r.reviewers),
            Value::float(r.staff_average),
            Value::float(r.students_average),
            Value::Int(r.scores),
            Value::Int(r.outcomes),
        ]);
        rows.push(row);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}
