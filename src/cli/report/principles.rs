//! `spm report principles`: staff and student scores per principle of the adopted framework.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::principles as svc;

pub const EXAMPLES: &str = "\
One row per principle of the adopted framework and wording it was scored against: a
principle whose words changed shows once per wording. The gap is the students' average less
the staff's (negative: students see less of it). \"Least evidenced\" marks the principles in
use with the fewest scores. --year keeps the reviews held in that year.

Examples:
  spm report principles
  spm report principles --year 2025/26 --format md
  spm report principles --dept Sociology -o principles.csv";

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
        &super::nothing("principles", &scope),
    )
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
