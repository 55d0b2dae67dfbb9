//! `spm report outcomes`: how often each student, staff and institutional outcome was rated
//! not seen, emerging or clear, by academic year of the review. Reviews count when held in
//! the year, of projects of the department. Ratings are of reviews, not counts of people, so
//! they are exact.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{IN_DEPT, Scope, dated};
use crate::error::Result;
use crate::model::{AcademicYear, Outcome, Rating};

/// One outcome in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    pub year: AcademicYear,
    pub outcome: Outcome,
    pub not_seen: u64,
    pub emerging: u64,
    pub clear: u64,
}

impl OutcomeRow {
    /// The reviews that rated it.
    pub fn rated(&self) -> u64 {
        self.not_seen + self.emerging + self.clear
    }
}

/// Every outcome (students', staff's, then the institution's) for each year with a rating,
/// oldest year first; for the year asked for, every outcome even with no rating.
///
/// Errors: `NotFound` for an unknown department; a database error when a query fails.
pub fn outcomes(conn: &Connection, scope: &Scope) -> Result<Vec<OutcomeRow>> {
    let resolved = scope.resolve(conn)?;
    let sql = format!(
        "SELECT r.on_date, o.outcome, o.rating, count(*)
         FROM review_outcomes o
         JOIN reviews r ON r.id = o.review_id
         JOIN projects p ON p.id = r.project_id
         WHERE {IN_DEPT} AND {}
         GROUP BY r.on_date, o.outcome, o.rating",
        dated("r.on_date")
    );
    let ratings: Vec<(NaiveDate, Outcome, Rating, i64)> =
        resolved.rows(conn, &sql, "cannot count the outcomes", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let mut years: BTreeMap<AcademicYear, Vec<OutcomeRow>> = BTreeMap::new();
    let blank = |year| {
        Outcome::ALL
            .iter()
            .map(|&outcome| OutcomeRow {
                year,
                outcome,
                not_seen: 0,
                emerging: 0,
                clear: 0,
            })
            .collect::<Vec<_>>()
    };
    if let Some(year) = resolved.year {
        years.insert(year, blank(year));
    }
    for (on, outcome, rating, n) in ratings {
        let year = AcademicYear::containing(on, resolved.start);
        let rows = years.entry(year).or_insert_with(|| blank(year));
        if let Some(row) = rows.iter_mut().find(|r| r.outcome == outcome) {
            let n = n.unsigned_abs();
            match rating {
                Rating::NotSeen => row.not_seen += n,
                Rating::Emerging => row.emerging += n,
                Rating::Clear => row.clear += n,
            }
        }
    }
    Ok(years.into_values().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;
    use crate::service::database::open_in_memory;
    use crate::service::demo;

    #[test]
    fn the_demo_by_year() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        demo::load(&mut conn, parse_date("2026-11-23")?)?;
        let rows = outcomes(&conn, &Scope::default())?;
        // Reviews in 2024/25 and 2025/26: every outcome listed for each.
        assert_eq!(rows.len(), 2 * Outcome::ALL.len());
        let confidence = rows
            .iter()
            .find(|r| r.year == AcademicYear(2024) && r.outcome == Outcome::Confidence);
        assert_eq!(confidence.map(|r| (r.emerging, r.clear)), Some((1, 1)));
        let none = outcomes(
            &conn,
            &Scope {
                year: Some(AcademicYear(2030)),
                dept: None,
            },
        )?;
        assert_eq!(none.len(), Outcome::ALL.len());
        assert!(none.iter().all(|r| r.rated() == 0));
        Ok(())
    }
}
