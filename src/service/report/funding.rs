//! `spm report funding`: the enhancement fund by academic year and theme: applications, what
//! was requested, awarded and spent, and the largest award against the cap.
//!
//! An application belongs to the year it was made in, and everything spent from its award
//! counts with it (even when spent in a later year), so a year's round reads whole. With a
//! department, only its projects' applications count.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::{IN_DEPT, Scope, dated};
use crate::error::Result;
use crate::model::{AcademicYear, Money};
use crate::service::settings;

/// One theme in one year, or the total ([`FundRow::year`] and [`FundRow::theme`] `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct FundRow {
    pub year: Option<AcademicYear>,
    pub theme: Option<String>,
    pub applications: u64,
    pub awards: u64,
    pub requested: Money,
    pub awarded: Money,
    pub spent: Money,
    pub largest_award: Option<Money>,
}

impl FundRow {
    fn add(&mut self, requested: i64, awarded: Option<i64>, spent: i64) {
        self.applications += 1;
        self.requested = Money(self.requested.pence().saturating_add(requested));
        self.spent = Money(self.spent.pence().saturating_add(spent));
        if let Some(a) = awarded {
            self.awards += 1;
            self.awarded = Money(self.awarded.pence().saturating_add(a));
            self.largest_award = Some(self.largest_award.map_or(Money(a), |m| m.max(Money(a))));
        }
    }
}

/// The fund's cap, and a row per year and theme (oldest year first, themes alphabetical in
/// any case), then the total row.
///
/// Errors: `NotFound` for an unknown department; `BadDatabase` for a damaged cap setting; a
/// database error when a query fails.
pub fn funding(conn: &Connection, scope: &Scope) -> Result<(Money, Vec<FundRow>)> {
    let resolved = scope.resolve(conn)?;
    let cap = settings::fund_cap(conn)?;
    let sql = format!(
        "SELECT a.applied_on, trim(a.theme), a.requested_pence, a.awarded_pence,
            (SELECT coalesce(sum(s.amount_pence), 0) FROM fund_spend s
              WHERE s.application_id = a.id)
         FROM fund_applications a JOIN projects p ON p.id = a.project_id
         WHERE {IN_DEPT} AND {}",
        dated("a.applied_on")
    );
    let applications: Vec<(chrono::NaiveDate, String, i64, Option<i64>, i64)> =
        resolved.rows(conn, &sql, "cannot total the fund", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let empty = |year, theme| FundRow {
        year,
        theme,
        applications: 0,
        awards: 0,
        requested: Money(0),
        awarded: Money(0),
        spent: Money(0),
        largest_award: None,
    };
    let mut groups: BTreeMap<(AcademicYear, String), FundRow> = BTreeMap::new();
    let mut total = empty(resolved.year, None);
    for (on, theme, requested, awarded, spent) in applications {
        let year = AcademicYear::containing(on, resolved.start);
        groups
            .entry((year, theme.to_lowercase()))
            .or_insert_with(|| empty(Some(year), Some(theme)))
            .add(requested, awarded, spent);
        total.add(requested, awarded, spent);
    }
    let mut rows: Vec<FundRow> = groups.into_values().collect();
    rows.push(total);
    Ok((cap, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;
    use crate::service::{demo, open_in_memory};

    #[test]
    fn the_demo_by_year_and_theme() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        demo::load(&mut conn, parse_date("2026-11-23")?)?;
        let (cap, rows) = funding(&conn, &Scope::default())?;
        assert_eq!(cap, Money(1_000_000));
        let summary: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.year.map(|y| y.to_string()),
                    r.theme.clone(),
                    r.applications,
                    r.awarded.pence(),
                    r.spent.pence(),
                )
            })
            .collect();
        let voices = "student voices, partnership and academic support";
        assert_eq!(
            summary,
            [
                (
                    Some("2025/26".into()),
                    Some("inclusive curriculum".into()),
                    1,
                    0,
                    0
                ),
                (
                    Some("2025/26".into()),
                    Some(voices.into()),
                    1,
                    600_000,
                    215_000
                ),
                (Some("2026/27".into()), Some(voices.into()), 1, 0, 0),
                (None, None, 3, 600_000, 215_000),
            ]
        );
        assert_eq!(rows[1].largest_award, Some(Money(600_000)));
        Ok(())
    }
}
