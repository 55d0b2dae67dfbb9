//! `spm priority list [YEAR]`: the priority projects with their objectives.

use clap::Args as ClapArgs;

use super::numbered;
use crate::cli::Ctx;
use crate::model::AcademicYear;
use crate::output::{Doc, Format, Rows, Value, col};
use crate::service::priority as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm priority list
  spm priority list 2021/22
  spm --format json priority list 2021/22";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only this academic year, e.g. 2025/26 [default: every year]
    year: Option<String>,
}

/// Objectives as one cell: a list for scripts, numbered lines for a person.
fn objectives_value(format: Format, objectives: &[String]) -> Value {
    match format {
        Format::Json | Format::Csv => Value::List(objectives.to_vec()),
        Format::Table | Format::Md | Format::Html => Value::Text(numbered(objectives).join("\n")),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year: Option<AcademicYear> = args.year.as_deref().map(str::parse).transpose()?;
    let conn = ctx.read()?;
    let priorities = svc::list(&conn, year)?;
    let mut rows = Rows::new(&[
        col("year", "Year"),
        col("project", "Project"),
        col("title", "Title"),
        col("objectives", "Objectives"),
        col("carried_from", "Carried from"),
    ]);
    for p in priorities {
        rows.push(vec![
            Value::Text(p.year.to_string()),
            Value::Text(p.project.clone()),
            Value::Text(p.title.clone()),
            objectives_value(ctx.format, &p.objectives),
            Value::text(p.carried_from.map(|y| y.to_string())),
        ]);
    }
    let within = year.map_or_else(String::new, |y| format!(" for {y}"));
    ctx.emit_or(
        &Doc::Rows(rows),
        &format!("no priority projects{within} yet; set one with spm priority set YEAR PROJECT"),
    )
}
