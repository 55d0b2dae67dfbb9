//! `spm report funding`: the enhancement fund by academic year and theme: applications, what
//! was requested, awarded and spent, and the largest award against the cap; each year's
//! budget and what remains of it.
//!
//! An application belongs to the year it was made in, and everything spent from its award
//! counts with it (even when spent in a later year), so a year's round reads whole. With a
//! department, only its projects' applications count, and the budget (the whole fund's) is
//! left out. Without a year, each year's themes are followed by a row for the year (all
//! themes, with its budget), and the total comes last; with a year, the total is the year's.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::{IN_DEPT, Scope, dated};
use crate::error::Result;
use crate::model::{AcademicYear, Money};
use crate::service::{fund, settings};

/// What a row of the report adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundRowKind {
    /// One theme in one year.
    Theme,
    /// Every theme of one year (only in a report of every year).
    Year,
    /// Everything in the report.
    Total,
}

/// One row: a theme in a year, a year, or the total (see [`FundRowKind`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FundRow {
    pub kind: FundRowKind,
    pub year: Option<AcademicYear>,
    pub theme: Option<String>,
    pub applications: u64,
    pub awards: u64,
    pub requested: Money,
    pub awarded: Money,
    pub spent: Money,
    pub largest_award: Option<Money>,
    /// The year's budget, on the row of a year (or the total of a report of one year),
    /// when one is set and no department is asked for.
    pub budget: Option<Money>,
}

impl FundRow {
    fn empty(kind: FundRowKind, year: Option<AcademicYear>, theme: Option<String>) -> FundRow {
        FundRow {
            kind,
            year,
            theme,
            applications: 0,
            awards: 0,
            requested: Money(0),
            awarded: Money(0),
            spent: Money(0),
            largest_award: None,
            budget: None,
        }
    }

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

    /// What remains of the budget after the row's awards (below zero when overspent).
    pub fn remaining(&self) -> Option<Money> {
        self.budget
            .map(|b| Money(b.pence().saturating_sub(self.awarded.pence())))
    }
}

/// The fund's cap, and the rows: for each year (oldest first) its themes (alphabetical in
/// any case) and, in a report of every year, the year; then the total row.
///
/// Errors: `NotFound` for an unknown department; `BadDatabase` for a damaged cap setting or
/// budget; a database error when a query fails.
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
    let with_budgets = resolved.dept.is_none();
    let mut themes: BTreeMap<(AcademicYear, String), FundRow> = BTreeMap::new();
    let mut years: BTreeMap<AcademicYear, FundRow> = BTreeMap::new();
    let mut total = FundRow::empty(FundRowKind::Total, resolved.year, None);
    if with_budgets && resolved.year.is_none() {
        // A year with a budget has a row even before its first application.
        for b in fund::budgets(conn)? {
            years.insert(
                b.year,
                FundRow::empty(FundRowKind::Year, Some(b.year), None),
            );
        }
    }
    for (on, theme, requested, awarded, spent) in applications {
        let year = AcademicYear::containing(on, resolved.start);
        themes
            .entry((year, theme.to_lowercase()))
            .or_insert_with(|| FundRow::empty(FundRowKind::Theme, Some(year), Some(theme)))
            .add(requested, awarded, spent);
        years
            .entry(year)
            .or_insert_with(|| FundRow::empty(FundRowKind::Year, Some(year), None))
            .add(requested, awarded, spent);
        total.add(requested, awarded, spent);
    }
    let mut rows = Vec::new();
    match resolved.year {
        // One year: its total is the year's row.
        Some(year) => {
            rows.extend(themes.into_values());
            if with_budgets {
                total.budget = fund::year_budget(conn, year)?.budget;
            }
        }
        None => {
            for (year, mut row) in years {
                rows.extend(
                    themes
                        .range((year, String::new())..)
                        .take_while(|((y, _), _)| *y == year)
                        .map(|(_, r)| r.clone()),
                );
                if with_budgets {
                    row.budget = fund::year_budget(conn, year)?.budget;
                }
                rows.push(row);
            }
        }
    }
    rows.push(total);
    Ok((cap, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;
    use crate::service::database::open_in_memory;
    use crate::service::demo;

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
        let year = |y: &str| Some(y.to_string());
        assert_eq!(
            summary,
            [
                (
                    year("2025/26"),
                    Some("inclusive curriculum".into()),
                    1,
                    0,
                    0
                ),
                (year("2025/26"), Some(voices.into()), 1, 600_000, 215_000),
                (year("2025/26"), None, 2, 600_000, 215_000),
                (year("2026/27"), Some(voices.into()), 1, 0, 0),
                (year("2026/27"), None, 1, 0, 0),
                (None, None, 3, 600_000, 215_000),
            ]
        );
        assert_eq!(rows[1].largest_award, Some(Money(600_000)));
        let kinds: Vec<FundRowKind> = rows.iter().map(|r| r.kind).collect();
        use FundRowKind::{Theme, Total, Year};
        assert_eq!(kinds, [Theme, Theme, Year, Theme, Year, Total]);
        assert!(rows.iter().all(|r| r.budget.is_none()));
        Ok(())
    }

    #[test]
    fn each_year_shows_its_budget_and_what_remains() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        demo::load(&mut conn, parse_date("2026-11-23")?)?;
        let y2025: AcademicYear = "2025/26".parse()?;
        let y2027: AcademicYear = "2027/28".parse()?;
        fund::set_budget(&mut conn, y2025, Some(Money(2_000_000)))?;
        fund::set_budget(&mut conn, y2027, Some(Money(500_000)))?;
        let (_, rows) = funding(&conn, &Scope::default())?;
        let years: Vec<_> = rows
            .iter()
            .filter(|r| r.kind == FundRowKind::Year)
            .map(|r| (r.year, r.budget, r.remaining()))
            .collect();
        assert_eq!(
            years,
            [
                (Some(y2025), Some(Money(2_000_000)), Some(Money(1_400_000))),
                (Some("2026/27".parse()?), None, None),
                (Some(y2027), Some(Money(500_000)), Some(Money(500_000))),
            ]
        );
        // One year: the total is the year's, with its budget.
        let one = Scope {
            year: Some(y2025),
            dept: None,
        };
        let (_, rows) = funding(&conn, &one)?;
        let total = rows.last().ok_or_else(|| anyhow::anyhow!("no total"))?;
        assert_eq!(total.remaining(), Some(Money(1_400_000)));
        assert!(rows.iter().all(|r| r.kind != FundRowKind::Year));
        // A department's awards are not the fund's: no budget.
        let dept = Scope {
            year: Some(y2025),
            dept: Some("Sociology".into()),
        };
        let (_, rows) = funding(&conn, &dept)?;
        assert!(rows.iter().all(|r| r.budget.is_none()));
        Ok(())
    }
}
