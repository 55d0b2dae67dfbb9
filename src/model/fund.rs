//! The education-enhancement fund: an application, its decision, and what was spent from it.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::money::Money;

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Not decided yet.
    Pending,
    Awarded,
    Rejected,
}

impl Standing {
    /// The standing a row's `decision` gives (NULL while pending).
    pub(crate) fn from_column(value: Option<&str>) -> rusqlite::Result<Self> {
        match value {
            None => Ok(Standing::Pending),
            Some("awarded") => Ok(Standing::Awarded),
            Some("rejected") => Ok(Standing::Rejected),
            Some(other) => Err(rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                format!("{other:?} is not a fund decision").into(),
            )),
        }
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Standing::Pending => "pending",
            Standing::Awarded => "awarded",
            Standing::Rejected => "rejected",
        })
    }
}

/// Money spent from an award.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spend {
    pub id: i64,
    pub amount: Money,
    pub on: NaiveDate,
    pub note: String,
}

/// An application to the fund, its decision, and what has been spent from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    pub id: i64,
    /// The project's code.
    pub project: String,
    pub project_title: String,
    pub theme: String,
    pub requested: Money,
    pub applied_on: NaiveDate,
    pub decision: Standing,
    /// What was awarded (only when awarded).
    pub awarded: Option<Money>,
    pub decided_on: Option<NaiveDate>,
    pub decision_note: Option<String>,
    /// The sum of the spend.
    pub spent: Money,
    /// Each spend, oldest first (filled by [`crate::service::fund::get`]; empty in
    /// [`crate::service::fund::list`]).
    pub spend: Vec<Spend>,
    pub created_at: String,
    pub updated_at: String,
}

impl Application {
    /// What is left of the award to spend; `None` when nothing was awarded.
    pub fn remaining(&self) -> Option<Money> {
        self.awarded.map(|a| Money(a.pence() - self.spent.pence()))
    }
}
