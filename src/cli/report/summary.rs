//! `spm report summary`: the year at a glance.

use chrono::NaiveDate;
use clap::Args as ClapArgs;

use super::{ScopeArgs, int, warn_raw};
use crate::cli::Ctx;
use crate::db::Connection;
use crate::output::{Doc, Rows, Value, col};
use crate::service::report::Scope;
use crate::service::report::count;
use crate::service::report::summary::{self as svc, Measure};

pub const EXAMPLES: &str = "\
One row per figure: projects running in the year by status, form and engagement level
(planned, and achieved, with those that achieved less than they planned); reviews held in
the year, and due within 30 days or overdue today; the people taking part (rounded to the
nearest 5, the HESA convention) and their hours; recommendations raised in the year by
status; fund applications made in the year, with what was awarded and spent from them.

Examples:
  spm report summary                             every year so far
  spm report summary --year 2025/26 --format md  for a paper to a committee
  spm report summary --year 2025/26 --dept History
  spm report summary --raw                       exact counts; never publish";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,

    /// Show exact counts of people: they can identify people, so never publish them
    #[arg(long)]
    raw: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let conn = ctx.read()?;
    let doc = doc(&conn, &scope, ctx.today()?, args.raw)?;
    if args.raw {
        warn_raw();
    }
    ctx.emit_or(&doc, &super::nothing("summary", &scope))
}

/// The report as rows.
pub(super) fn doc(
    conn: &Connection,
    scope: &Scope,
    today: NaiveDate,
    raw: bool,
) -> anyhow::Result<Doc> {
    let lines = svc::summary(conn, scope, today)?;
    let mut rows = Rows::new(&[
        col("section", "Section"),
        col("measure", "Measure"),
        col("value", "Value"),
    ]);
    for line in lines {
        let value = match line.value {
            Measure::Count(n) => int(n),
            Measure::People(n) => int(count(n, raw)),
            Measure::Hours(h) => Value::Float(h),
            Measure::Money(m) => Value::Money(m),
        };
        rows.push(vec![
            Value::Text(line.section.to_string()),
            Value::Text(line.measure),
            value,
        ]);
    }
    Ok(Doc::Rows(rows))
}
