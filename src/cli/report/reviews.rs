//! `spm report reviews`: review compliance by department.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::reviews as svc;

pub const EXAMPLES: &str = "\
Every project that has started counts once, in the first column that fits: overdue (its
next review was due before today; only active projects fall due), never reviewed, late (its
last review was held after the day it was due), or on time. --year keeps the projects
running in that year.

Examples:
  spm report reviews  every department
  spm report reviews --year 2025/26 --format md
  spm report reviews --dept \"Student Services\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    ctx.emit_or(
        &doc(&conn, &scope, ctx.today()?)?,
        &super::nothing("reviews", &scope),
    )
}

/// The report as rows.
pub(super) fn doc(conn: &Connection, scope: &Scope, today: NaiveDate) -> anyhow::Result<Doc> {
    let report = svc::reviews(conn, scope, today)?;
    let mut rows = Rows::new(&[
        col("department", "Department"),
        col("projects", "Projects"),
        col("on_time", "On time"),
        col("late", "Late"),
        col("overdue", "Overdue"),
        col("never_reviewed", "Never reviewed"),
    ]);
    for r in report {
        rows.push(vec![
            Value::Text(r.department),
            int(r.projects),
            int(r.on_time),
            int(r.late),
            int(r.overdue),
            int(r.never),
        ]);
    }
    Ok(Doc::Rows(rows))
}
