//! `spm report recommendations`: recommendations by theme and status, the median days from
//! being raised to a decision and to being communicated back to students, and the themes
//! raised in several terms without action.
//!
//! Recommendations count when raised in the year, from projects of the department (one from
//! a panel session or elsewhere has no department, so only counts for every department).
//!
//! A recommendation's term is its panel session's; otherwise the term its raised date falls
//! in, the academic year cut into as many equal runs of months as there are terms (with the
//! usual three: September to December, January to April, May to August). A theme is stalled
//! when recommendations on it still proposed were raised in two or more terms.
//!
//! Closing the loop: of the implemented or partly implemented, how many have had their impact
//! checked (`spm rec impact`), and how many of those worked (fully).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::{IN_DEPT, Scope, dated, median};
use crate::error::Result;
use crate::model::{AcademicYear, RecStatus, Worked};
use crate::service::settings;

/// The label of recommendations with no theme.
pub const NO_THEME: &str = "no theme";
/// The status label of a theme's row of every status.
pub const ALL: &str = "all";
/// The fewest terms in which a theme waits without action for it to be stalled.
pub const STALLED_TERMS: u64 = 2;

/// One theme and status (or every status: [`ALL`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RecRow {
    pub theme: String,
    pub status: String,
    pub count: u64,
    pub median_days_to_decision: Option<f64>,
    pub median_days_to_communication: Option<f64>,
    /// The terms in which recommendations on the theme still proposed were raised (`None`
    /// on the rows of every theme).
    pub waiting_terms: Option<u64>,
    pub stalled: bool,
    /// Those implemented or partly implemented: whose impact could be checked.
    pub done: u64,
    /// Of those done, the ones whose impact has been checked.
    pub impact_checked: u64,
    /// Of those checked, the ones that worked.
    pub worked: u64,
}

/// A recommendation as the report reads it.
struct Rec {
    theme: Option<String>,
    status: RecStatus,
    raised: NaiveDate,
    decided: Option<NaiveDate>,
    communicated: Option<NaiveDate>,
    /// The panel session's year and term, when it came from one.
    session: Option<(AcademicYear, String)>,
    /// Whether it worked, once its impact was checked.
    worked: Option<Worked>,
}

/// The term `date` falls in: the academic year (starting on `start`) cut into `terms` equal
/// runs of months.
pub fn term_of(date: NaiveDate, start: (u32, u32), terms: &[String]) -> (AcademicYear, String) {
    let year = AcademicYear::containing(date, start);
    let first = year.days(start).0;
    let mut months = (date.year() - first.year()) * 12 + date.month() as i32 - first.month() as i32;
    if date.day() < first.day() {
        months -= 1;
    }
    let n = terms.len().max(1);
    let index = (usize::try_from(months.clamp(0, 11)).unwrap_or(0) * n / 12).min(n - 1);
    let name = terms.get(index).cloned().unwrap_or_default();
    (year, name)
}

/// Rows by theme (any case together, alphabetical, [`NO_THEME`] last), each theme's statuses
/// in their order then its [`ALL`] row; then the rows of every theme, labelled "all themes".
///
/// Errors: `NotFound` for an unknown department; a database error when a query fails.
pub fn recommendations(conn: &Connection, scope: &Scope) -> Result<Vec<RecRow>> {
    let resolved = scope.resolve(conn)?;
    let terms = settings::terms(conn)?;
    let sql = format!(
        "SELECT r.theme, r.status, r.raised_on,
            (SELECT min(h.on_date) FROM recommendation_history h
              WHERE h.recommendation_id = r.id AND h.status <> 'proposed'),
            r.communicated_on, s.academic_year, s.term, i.worked
         FROM recommendations r
         LEFT JOIN projects p ON p.id = r.project_id
         LEFT JOIN recommendation_impacts i ON i.recommendation_id = r.id
         LEFT JOIN panel_sessions s ON s.id = r.session_id
         WHERE (:dept IS NULL OR p.id IS NOT NULL) AND {IN_DEPT} AND {}",
        dated("r.raised_on")
    );
    let recs = resolved.rows(conn, &sql, "cannot read the recommendations", |r| {
        let year: Option<AcademicYear> = r.get(5)?;
        let term: Option<String> = r.get(6)?;
        Ok(Rec {
            theme: r
                .get::<_, Option<String>>(0)?
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            status: r.get(1)?,
            raised: r.get(2)?,
            decided: r.get(3)?,
            communicated: r.get(4)?,
            session: year.zip(term),
            worked: r.get(7)?,
        })
    })?;
    let mut themes: BTreeMap<(bool, String), (String, Vec<&Rec>)> = BTreeMap::new();
    for rec in &recs {
        let label = rec.theme.clone().unwrap_or_else(|| NO_THEME.to_string());
        themes
            .entry((rec.theme.is_none(), label.to_lowercase()))
            .or_insert_with(|| (label, Vec::new()))
            .1
            .push(rec);
    }
    let mut rows = Vec::new();
    for (label, group) in themes.into_values() {
        let waiting: BTreeSet<(AcademicYear, String)> = group
            .iter()
            .filter(|r| r.status == RecStatus::Proposed)
            .map(|r| {
                r.session
                    .clone()
                    .unwrap_or_else(|| term_of(r.raised, resolved.start, &terms))
            })
            .collect();
        rows.extend(theme_rows(&label, &group, Some(waiting.len() as u64)));
    }
    let every: Vec<&Rec> = recs.iter().collect();
    rows.extend(theme_rows("all themes", &every, None));
    Ok(rows)
}

/// A theme's rows: each status it has, then every status; `waiting` terms when known.
fn theme_rows(label: &str, group: &[&Rec], waiting: Option<u64>) -> Vec<RecRow> {
    let row = |status: &str, recs: Vec<&Rec>| {
        let mut decision: Vec<i64> = recs
            .iter()
            .filter_map(|r| r.decided.map(|d| (d - r.raised).num_days()))
            .collect();
        let mut communication: Vec<i64> = recs
            .iter()
            .filter_map(|r| r.communicated.map(|d| (d - r.raised).num_days()))
            .collect();
        let done: Vec<&&Rec> = recs
            .iter()
            .filter(|r| {
                matches!(
                    r.status,
                    RecStatus::Implemented | RecStatus::PartlyImplemented
                )
            })
            .collect();
        let checked = done.iter().filter(|r| r.worked.is_some()).count() as u64;
        let worked = done
            .iter()
            .filter(|r| r.worked == Some(Worked::Yes))
            .count() as u64;
        RecRow {
            theme: label.to_string(),
            status: status.to_string(),
            count: recs.len() as u64,
            median_days_to_decision: median(&mut decision),
            median_days_to_communication: median(&mut communication),
            waiting_terms: waiting,
            stalled: waiting.is_some_and(|w| w >= STALLED_TERMS),
            done: done.len() as u64,
            impact_checked: checked,
            worked,
        }
    };
    let mut by_status: HashMap<RecStatus, Vec<&Rec>> = HashMap::new();
    for r in group {
        by_status.entry(r.status).or_default().push(r);
    }
    let mut rows: Vec<RecRow> = RecStatus::ALL
        .iter()
        .filter_map(|s| by_status.remove(s).map(|recs| row(&s.to_string(), recs)))
        .collect();
    rows.push(row(ALL, group.to_vec()));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::testing::day;
    use crate::service::database::open_in_memory;
    use crate::service::demo;

    #[test]
    fn terms_cut_the_year_into_equal_runs_of_months() {
        let terms: Vec<String> = ["autumn", "winter", "spring"].map(String::from).to_vec();
        let term = |d: &str| {
            let (y, t) = term_of(day(d), (9, 1), &terms);
            format!("{y} {t}")
        };
        assert_eq!(term("2025-09-01"), "2025/26 autumn");
        assert_eq!(term("2025-12-31"), "2025/26 autumn");
        assert_eq!(term("2026-01-01"), "2025/26 winter");
        assert_eq!(term("2026-05-01"), "2025/26 spring");
        assert_eq!(term("2026-08-31"), "2025/26 spring");
        let two: Vec<String> = ["first", "second"].map(String::from).to_vec();
        assert_eq!(term_of(day("2026-02-28"), (9, 15), &two).1, "first");
        assert_eq!(term_of(day("2026-03-15"), (9, 15), &two).1, "second");
    }

    #[test]
    fn the_demo_by_theme() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        demo::load(&mut conn, day("2026-11-23"))?;
        let rows = recommendations(&conn, &Scope::default())?;
        let feedback: Vec<_> = rows
            .iter()
            .filter(|r| r.theme == "feedback")
            .map(|r| (r.status.as_str(), r.count, r.median_days_to_decision))
            .collect();
        // Raised 2025-05-20: accepted after 21 days, not adopted after 42.
        assert_eq!(
            feedback,
            [
                ("implemented", 1, Some(21.0)),
                ("not-adopted", 1, Some(42.0)),
                ("all", 2, Some(31.5))
            ]
        );
        let last = rows
            .last()
            .map(|r| (r.theme.as_str(), r.status.as_str(), r.count));
        assert_eq!(last, Some(("all themes", "all", 6)));
        // Another proposed recommendation on belonging, a term later: stalled.
        conn.execute(
            "INSERT INTO recommendations (finding, recommendation, addressed_to, theme, raised_on)
             VALUES ('f', 'r', 'Estates', 'Belonging', '2026-10-01')",
            [],
        )?;
        let rows = recommendations(&conn, &Scope::default())?;
        let belonging = rows.iter().find(|r| r.theme == "belonging");
        assert_eq!(
            belonging.map(|r| (r.count, r.waiting_terms, r.stalled)),
            Some((2, Some(2), true))
        );
        Ok(())
    }
}
