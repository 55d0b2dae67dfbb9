//! The fund's year: a budget for each academic year, what its awards come to, and what
//! remains. An application belongs to the year it was made in (as in the funding report), so
//! its award counts against that year's budget whenever it is decided.
//!
//! An award that would pass the year's budget is refused unless the coordinator insists
//! (`--over-budget`): the budget is money the fund does not have beyond it, so overspending
//! needs someone's approval, and the flag makes that a deliberate act the change log keeps.
//! The cap on one application is a different matter: a project's awards in a year may
//! together pass it (two rounds, say), which is worth a warning but is not against a rule.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Application, Money};
use crate::service::changes::{self, Action};
use crate::service::settings;

/// The entity name of yearly budgets in the change log (the entity id is the year's first
/// calendar year: 2026 for 2026/27).
pub const BUDGET_ENTITY: &str = "fund_budget";

/// A year of the fund: its budget, if set, and the awards to applications made in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearBudget {
    pub year: AcademicYear,
    pub budget: Option<Money>,
    /// What the year's awards come to.
    pub awarded: Money,
    /// How many applications made in the year were awarded.
    pub awards: u64,
}

impl YearBudget {
    /// What is left of the budget (below zero when overspent); `None` without a budget.
    pub fn remaining(&self) -> Option<Money> {
        self.budget.map(|b| Money(b.pence() - self.awarded.pence()))
    }
}

/// The academic year an application belongs to: the year it was made in.
pub fn year_of(conn: &Connection, applied_on: NaiveDate) -> Result<AcademicYear> {
    Ok(AcademicYear::containing(
        applied_on,
        settings::year_start(conn)?,
    ))
}

/// The fund's year `year`: its budget (if set) and awards.
///
/// Errors: `BadDatabase` for a damaged year-start setting; a database error.
pub fn year_budget(conn: &Connection, year: AcademicYear) -> Result<YearBudget> {
    const WHAT: &str = "cannot read the fund's budget";
    let budget: Option<i64> = conn
        .query_row(
            "SELECT budget_pence FROM fund_budgets WHERE academic_year = ?1",
            [year.to_string()],
            |r| r.get(0),
        )
        .optional()
        .context(WHAT)?;
    let (first, last) = year.days(settings::year_start(conn)?);
    let (awarded, awards): (i64, i64) = conn
        .query_row(
            "SELECT coalesce(sum(awarded_pence), 0), count(awarded_pence) FROM fund_applications
             WHERE applied_on BETWEEN ?1 AND ?2",
            params![first, last],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .context(WHAT)?;
    Ok(YearBudget {
        year,
        budget: budget.map(Money),
        awarded: Money(awarded),
        awards: awards.unsigned_abs(),
    })
}

/// Every year that has a budget, oldest first.
///
/// Errors: `BadDatabase` for a damaged year in the table or year-start setting; a database
/// error.
pub fn budgets(conn: &Connection) -> Result<Vec<YearBudget>> {
    const WHAT: &str = "cannot read the fund's budgets";
    let years: Vec<String> = rows(
        conn,
        WHAT,
        "SELECT academic_year FROM fund_budgets ORDER BY academic_year",
        [],
        |r| r.get(0),
    )?;
    years
        .iter()
        .map(|y| {
            let year: AcademicYear = y
                .parse()
                .map_err(|_| Error::BadDatabase(format!("the fund's budgets hold a year {y:?}")))?;
            year_budget(conn, year)
        })
        .collect()
}

/// Sets the fund's budget for `year`, or with `None` removes it (if it has one). Returns the
/// year, and a warning when its awards already pass the new budget (a budget cut is allowed;
/// the awards made stand).
///
/// Errors: `Invalid` for a budget of nothing.
pub fn set_budget(
    conn: &mut Connection,
    year: AcademicYear,
    budget: Option<Money>,
) -> Result<(YearBudget, Option<String>)> {
    if budget.is_some_and(|b| b.pence() <= 0) {
        return Err(Error::Invalid(
            "the fund's budget must be more than £0.00, e.g. 50000".into(),
        ));
    }
    let tx = begin_write(conn)?;
    let before = year_budget(&tx, year)?;
    match budget {
        Some(b) => tx.execute(
            "INSERT INTO fund_budgets (academic_year, budget_pence) VALUES (?1, ?2)
             ON CONFLICT (academic_year) DO UPDATE SET budget_pence = excluded.budget_pence,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![year.to_string(), b.pence()],
        ),
        // Removing a budget never set leaves the year as asked: without one.
        None => tx.execute(
            "DELETE FROM fund_budgets WHERE academic_year = ?1",
            [year.to_string()],
        ),
    }
    .context("cannot save the fund's budget")?;
    if before.budget != budget {
        let action = match (before.budget, budget) {
            (None, _) => Action::Insert,
            (_, None) => Action::Delete,
            _ => Action::Update,
        };
        changes::record(
            &tx,
            BUDGET_ENTITY,
            i64::from(year.start_year()),
            action,
            &json!({ "year": year.to_string(), "budget": [before.budget, budget] }),
        )?;
    }
    let after = year_budget(&tx, year)?;
    tx.commit().context("cannot save the fund's budget")?;
    let warning = match after.remaining() {
        Some(left) if left.pence() < 0 => Some(format!(
            "the awards for {year} already come to {}, {} more than this budget",
            after.awarded,
            Money(-left.pence())
        )),
        _ => None,
    };
    Ok((after, warning))
}

/// The checks of an award of `amount` to `application` (whose award so far, when this
/// corrects one, no longer counts): refused past the year's budget unless `over_budget`,
/// then warnings when it takes the year past its budget or the project's awards in the year
/// past the cap.
///
/// Errors: `Conflict` for an award beyond what remains of the year's budget, without
/// `over_budget`.
pub(super) fn check_award(
    tx: &Connection,
    application: &Application,
    amount: Money,
    over_budget: bool,
) -> Result<Vec<String>> {
    let year = year_of(tx, application.applied_on)?;
    let fund = year_budget(tx, year)?;
    let before = application.awarded.map_or(0, |a| a.pence());
    let total = Money(fund.awarded.pence() - before + amount.pence());
    let mut warnings = Vec::new();
    if let Some(budget) = fund.budget.filter(|b| total > *b) {
        let left = Money((budget.pence() - (fund.awarded.pence() - before)).max(0));
        if !over_budget {
            return Err(Error::Conflict(format!(
                "awarding {amount} would take the fund's awards for {year} to {total}, over its budget of {budget} ({left} remains); award at most {left}, or add --over-budget to award it anyway"
            )));
        }
        warnings.push(format!(
            "the fund's awards for {year} now come to {total}, {} over its budget of {budget}",
            Money(total.pence() - budget.pence())
        ));
    }
    let (first, last) = year.days(settings::year_start(tx)?);
    let project_awards: i64 = tx
        .query_row(
            "SELECT coalesce(sum(a.awarded_pence), 0) FROM fund_applications a
             JOIN projects p ON p.id = a.project_id
             WHERE p.code = ?1 AND a.id <> ?2 AND a.applied_on BETWEEN ?3 AND ?4",
            params![application.project, application.id, first, last],
            |r| r.get(0),
        )
        .context("cannot read the project's awards")?;
    let cap = settings::fund_cap(tx)?;
    let project_total = Money(project_awards + amount.pence());
    if project_awards > 0 && project_total > cap {
        warnings.push(format!(
            "{}'s awards for {year} now come to {project_total}, more than the fund's cap of {cap} for one application",
            application.project
        ));
    }
    Ok(warnings)
}
