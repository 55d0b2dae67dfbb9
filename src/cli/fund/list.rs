//! `spm fund list`: applications, newest first, with what was awarded, spent and remains; and
//! after them what remains of each year's budget.

use std::collections::BTreeSet;

use clap::Args as ClapArgs;

use super::money;
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::cli::screen::Filters;
use crate::db::Connection;
use crate::model::{AcademicYear, Application, Money};
use crate::output::{Doc, Kind, Rows, Value, col};
use crate::service::fund::{self as svc, FundFilter};

pub const EXAMPLES: &str = "\
After the list, a line for each year in it that has a budget says what remains of it.

Examples:
  spm fund list
  spm fund list --year 2026/27
  spm fund list --project mh-peer-2025 -o fund.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only applications made in this academic year, e.g. 2026/27
    #[arg(long)]
    year: Option<String>,
    /// Only the applications of this project (its code)
    #[arg(long)]
    project: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let filter = FundFilter {
        year: parse_opt(args.year.as_deref())?,
        project: args.project,
    };
    let empty = Filters::default()
        .value("--year", filter.year.as_ref())
        .text("--project", filter.project.as_deref())
        .empty(
            "fund applications",
            "no fund applications yet; add one with spm fund apply PROJECT --amount AMOUNT --theme THEME",
        );
    let conn = ctx.read()?;
    let applications = svc::list(&conn, &filter)?;
    // On a narrow terminal the money and the decision stay longest.
    let notes = remaining_notes(&conn, filter.year, &applications)?;
    let mut rows = Rows::new(&[
        col("id", "Id").kind(Kind::Id).key(),
        col("project", "Project").kind(Kind::Code).high(),
        col("theme", "Theme").low(),
        col("requested", "Requested"),
        col("decision", "Decision").high(),
        col("awarded", "Awarded").high(),
        col("spent", "Spent"),
        col("remaining", "Remaining").high(),
        col("applied_on", "Applied").low(),
        col("decided_on", "Decided").low(),
    ]);
    for a in applications {
        rows.push(vec![
            Value::Int(a.id),
            Value::Text(a.project.clone()),
            Value::Text(a.theme.clone()),
            Value::Money(a.requested),
            Value::Text(a.decision.to_string()),
            money(a.awarded),
            Value::Money(a.spent),
            money(a.remaining()),
            Value::Date(a.applied_on.to_string()),
            Value::date(a.decided_on),
        ]);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)?;
    for note in notes {
        ctx.note(&note);
    }
    Ok(())
}

/// The lines after `fund list`: for the year asked for, or each year of the applications
/// listed, that has a budget, what remains of it.
fn remaining_notes(
    conn: &Connection,
    year: Option<AcademicYear>,
    applications: &[Application],
) -> anyhow::Result<Vec<String>> {
    let mut years: BTreeSet<AcademicYear> = year.into_iter().collect();
    for a in applications {
        years.insert(svc::year_of(conn, a.applied_on)?);
    }
    let mut notes = Vec::new();
    for year in years {
        let y = svc::year_budget(conn, year)?;
        if let (Some(budget), Some(left)) = (y.budget, y.remaining()) {
            notes.push(if left.pence() < 0 {
                format!(
                    "{year}: the fund's budget of {budget} is overspent by {} ({} awarded)",
                    Money(-left.pence()),
                    y.awarded
                )
            } else {
                format!(
                    "{year}: {left} remains of the fund's budget of {budget} ({} awarded)",
                    y.awarded
                )
            });
        }
    }
    Ok(notes)
}
