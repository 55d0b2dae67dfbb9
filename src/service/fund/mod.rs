//! The education-enhancement fund: applications, awards and spend. The cap (a setting, GBP
//! 10,000 unless configured) holds for every amount requested and every award; spend never goes
//! beyond an award; a year's awards stay within its budget when one is set (`budget.rs`).

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde_json::{Value as Json, json};

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Application, Change, Money, Spend, Standing};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, project, settings};

/// The entity name of fund applications in the change log.
pub const ENTITY: &str = "fund_application";

/// The application as the change log keeps it.
pub(crate) fn logged(a: &Application) -> Json {
    json!({
        "project": a.project,
        "theme": a.theme,
        "requested": a.requested,
        "applied_on": a.applied_on,
        "decision": a.decision,
        "awarded": a.awarded,
        "decided_on": a.decided_on,
        "decision_note": a.decision_note,
        "spent": a.spent,
    })
}

/// An application to record.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// The project's code.
    pub project: String,
    pub theme: String,
    pub amount: Money,
    /// The day the application was made.
    pub on: NaiveDate,
}

/// The decision on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Award(Money),
    Reject,
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct NewDecision {
    pub verdict: Verdict,
    /// The day of the decision: today when absent, or when correcting, the day corrected.
    pub on: Option<NaiveDate>,
    pub note: Option<String>,
    /// Replace a decision recorded already (a mistake corrected; the change log keeps the
    /// first). Without it a decided application is refused.
    pub correct: bool,
    /// Award even beyond what remains of the year's budget (with approval; a warning says
    /// so and the change log keeps it). Without it such an award is refused.
    pub over_budget: bool,
}

/// A decision recorded, with the warnings to show: the year's awards past its budget (with
/// `over_budget`), or a project's awards in a year past the cap.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub application: Application,
    pub warnings: Vec<String>,
}

/// Spend to record against an award.
#[derive(Debug, Clone)]
pub struct NewSpend {
    pub amount: Money,
    pub on: NaiveDate,
    pub note: String,
}

/// Which applications to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct FundFilter {
    /// Applications made in this academic year.
    pub year: Option<AcademicYear>,
    /// The project's code.
    pub project: Option<String>,
}

/// Refuses a date after today.
fn not_future(what: &str, on: NaiveDate, today: NaiveDate, fix: &str) -> Result<()> {
    if on > today {
        return Err(Error::Invalid(format!(
            "the {what} {on} is in the future (today is {today}); {fix}"
        )));
    }
    Ok(())
}

/// Refuses an amount of nothing, and one over the fund's cap; `what` names the amount.
fn check_amount(conn: &Connection, what: &str, amount: Money) -> Result<()> {
    if amount.pence() <= 0 {
        return Err(Error::Invalid(format!(
            "the {what} must be more than £0.00"
        )));
    }
    let cap = settings::fund_cap(conn)?;
    if amount > cap {
        return Err(Error::Invalid(format!(
            "the {what}, {amount}, is over the fund's cap of {cap} for one application; give {cap} or less"
        )));
    }
    Ok(())
}

/// Records an application to the fund.
///
/// Errors: `NotFound` for an unknown project; `Invalid` for an amount of nothing or over the
/// cap, a blank theme, or a date after `today`.
pub fn apply(conn: &mut Connection, new: NewApplication, today: NaiveDate) -> Result<Application> {
    let tx = begin_write(conn)?;
    let application = insert_application(&tx, new, today)?;
    tx.commit().context("cannot save the application")?;
    Ok(application)
}

/// Records an application inside the caller's write transaction (for demo data and imports).
///
/// Errors: as [`apply`].
pub fn insert_application(
    tx: &Connection,
    new: NewApplication,
    today: NaiveDate,
) -> Result<Application> {
    let project = project::get(tx, &new.project)?;
    let theme = clean_text("theme", Some(&new.theme))?.ok_or_else(|| {
        Error::Invalid(
            "an application needs a theme, e.g. --theme \"student voices, partnership and academic support\"".into(),
        )
    })?;
    if theme.contains('\n') {
        return Err(Error::Invalid(
            "the theme is one line; put longer text in the decision note".into(),
        ));
    }
    check_amount(tx, "amount requested", new.amount)?;
    not_future(
        "application date",
        new.on,
        today,
        "give the day it was made",
    )?;
    let id = write::Writer::new(tx).application(&write::ApplicationRow {
        project_id: project.id,
        theme: &theme,
        requested_pence: new.amount.pence(),
        applied_on: new.on,
        decision: None,
        awarded_pence: None,
        decided_on: None,
        at: None,
    })?;
    let application = get(tx, id)?;
    changes::record(tx, ENTITY, id, Action::Insert, &logged(&application))?;
    Ok(application)
}

const SELECT: &str = "SELECT a.id, p.code, p.title, a.theme, a.requested_pence, a.applied_on,
    a.decision, a.awarded_pence, a.decided_on, a.decision_note,
    (SELECT coalesce(sum(s.amount_pence), 0) FROM fund_spend s WHERE s.application_id = a.id),
    a.created_at, a.updated_at
    FROM fund_applications a JOIN projects p ON p.id = a.project_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Application> {
    let decision: Option<String> = r.get(6)?;
    Ok(Application {
        id: r.get(0)?,
        project: r.get(1)?,
        project_title: r.get(2)?,
        theme: r.get(3)?,
        requested: Money(r.get(4)?),
        applied_on: r.get(5)?,
        decision: Standing::from_column(decision.as_deref())?,
        awarded: r.get::<_, Option<i64>>(7)?.map(Money),
        decided_on: r.get(8)?,
        decision_note: r.get(9)?,
        spent: Money(r.get(10)?),
        spend: Vec::new(),
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// The application with this id, with its spend, oldest first.
///
/// Errors: `NotFound` with a hint to list the applications.
pub fn get(conn: &Connection, id: i64) -> Result<Application> {
    let mut application = conn
        .query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()
        .context("cannot read the application")?
        .ok_or_else(|| {
            Error::not_found(
                "fund application with id",
                id.to_string(),
                "run \"spm fund list\" to see the ids",
            )
        })?;
    application.spend = rows(
        conn,
        "cannot read the spend",
        "SELECT id, amount_pence, on_date, note FROM fund_spend
         WHERE application_id = ?1 ORDER BY on_date, id",
        [id],
        |r| {
            Ok(Spend {
                id: r.get(0)?,
                amount: Money(r.get(1)?),
                on: r.get(2)?,
                note: r.get(3)?,
            })
        },
    )?;
    Ok(application)
}

/// The applications that match `filter`, newest first (without their spend; the totals are
/// filled).
///
/// Errors: `NotFound` for an unknown project.
pub fn list(conn: &Connection, filter: &FundFilter) -> Result<Vec<Application>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(code) = &filter.project {
        let p = project::get(conn, code)?;
        clauses.push("a.project_id = ?");
        values.push(Box::new(p.id));
    }
    if let Some(year) = filter.year {
        let (first, last) = year.days(settings::year_start(conn)?);
        clauses.push("a.applied_on BETWEEN ? AND ?");
        values.push(Box::new(first));
        values.push(Box::new(last));
    }
    let mut sql = String::from(SELECT);
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY a.applied_on DESC, a.id DESC");
    rows(
        conn,
        "cannot list the applications",
        &sql,
        params_from_iter(values.iter()),
        from_row,
    )
}

/// An application's entries in the change log, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, id)
}

mod award;
mod budget;
pub(crate) mod write;

pub use award::{decide, insert_decision, insert_spend, spend};
pub use budget::{BUDGET_ENTITY, YearBudget, budgets, set_budget, year_budget, year_of};

#[cfg(test)]
mod tests;
