//! Reports for leadership: figures computed once, exactly, then made safe to publish by the
//! HESA convention (`crate::model::hesa`) unless exact figures are asked for.

pub mod funding;
pub mod outcomes;
pub mod participation;
pub mod principles;
pub mod recommendations;
pub mod reviews;
pub mod summary;

use chrono::NaiveDate;
use rusqlite::types::{ToSql, Value as SqlValue};
use rusqlite::{Connection, Row};

use crate::db;
use crate::error::{Error, Result};
use crate::model::{AcademicYear, hesa};
use crate::service::settings;

/// The label of a department left blank, in reports by department.
pub const NO_DEPARTMENT: &str = "not recorded";

/// What a report covers: an academic year and a department, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The academic year: what a report means by "in the year" is said by each report.
    pub year: Option<AcademicYear>,
    /// A project's department, matched whole and case-insensitively.
    pub dept: Option<String>,
}

/// A scope checked against the database, ready to bind to SQL.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub year: Option<AcademicYear>,
    /// The first and last days of the year.
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub dept: Option<String>,
    /// The day the academic year starts (month, day).
    pub start: (u32, u32),
}

/// SQL: project `p` is of the department `:dept` (any, when it is NULL).
pub(crate) const IN_DEPT: &str = "(:dept IS NULL OR trim(p.department) = :dept COLLATE NOCASE)";

/// SQL: project `p` runs in the year (`:first` to `:last`, academic year `:year`; every
/// project when `:year` is NULL): it starts on or before the year's last day (a project with
/// no start date, when its academic year is not later) and has not ended before the first.
/// The same rule as a place on a project in the participation report.
pub(crate) const RUNNING: &str = "(:year IS NULL OR (
    CASE WHEN p.start_date IS NULL THEN p.academic_year <= :year
         ELSE p.start_date <= :last END
    AND (p.end_date IS NULL OR p.end_date >= :first)))";

/// SQL: the minutes of contribution `k` in the year (`:first` to `:last`; all of them when
/// there is no year), counting only an entry no later entry replaced (a correction or a
/// reversal). A period's hours are spread evenly over its days, so a period that straddles
/// the start of a year counts in each year pro rata by day.
pub(crate) const MINUTES_IN_YEAR: &str = "(SELECT coalesce(sum(CASE WHEN :first IS NULL
        THEN k.minutes
        ELSE k.minutes * (julianday(min(coalesce(k.to_date, k.on_date), :last))
                          - julianday(max(k.on_date, :first)) + 1)
             / (julianday(coalesce(k.to_date, k.on_date)) - julianday(k.on_date) + 1) END), 0)
    FROM contributions k
    WHERE k.partner_id = pp.id
      AND (:first IS NULL OR (k.on_date <= :last AND coalesce(k.to_date, k.on_date) >= :first))
      AND NOT EXISTS (SELECT 1 FROM contributions x WHERE x.replaces_id = k.id))";

/// SQL: the date column `column` falls in the year (always, when there is no year).
pub(crate) fn dated(column: &str) -> String {
    format!("(:first IS NULL OR {column} BETWEEN :first AND :last)")
}

impl Scope {
    /// Checks the scope against the database.
    ///
    /// Errors: `NotFound` for a department no project has (the message lists those there
    /// are); `BadDatabase` when the year-start setting is damaged.
    pub(crate) fn resolve(&self, conn: &Connection) -> Result<Resolved> {
        let start = settings::year_start(conn)?;
        let dept = match self.dept.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(Error::Invalid(
                    "--dept is empty; give a department, e.g. --dept History".into(),
                ));
            }
            Some(d) => Some(known_department(conn, d)?),
        };
        Ok(Resolved {
            year: self.year,
            days: self.year.map(|y| y.days(start)),
            dept,
            start,
        })
    }
}

/// `dept` as given, when some project has it (in any case).
fn known_department(conn: &Connection, dept: &str) -> Result<String> {
    const WHAT: &str = "cannot list the departments";
    let all: Vec<String> = db::rows(
        conn,
        WHAT,
        "SELECT DISTINCT trim(department) FROM projects
         WHERE trim(department) <> '' ORDER BY 1 COLLATE NOCASE",
        [],
        |r| r.get(0),
    )?;
    if all.iter().any(|d| d.eq_ignore_ascii_case(dept)) {
        return Ok(dept.to_string());
    }
    let mut names: Vec<&str> = Vec::new();
    for d in &all {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(d)) {
            names.push(d);
        }
    }
    let hint = if names.is_empty() {
        "no project has a department yet".to_string()
    } else {
        format!("departments with projects: {}", names.join(", "))
    };
    Err(Error::not_found("project in department", dept, hint))
}

impl Resolved {
    /// The scope's named parameters that `sql` uses (SQLite refuses a name it does not use).
    fn named(&self, sql: &str) -> Vec<(&'static str, SqlValue)> {
        let text = |v: Option<String>| v.map_or(SqlValue::Null, SqlValue::Text);
        let all = [
            (":first", text(self.days.map(|d| d.0.to_string()))),
            (":last", text(self.days.map(|d| d.1.to_string()))),
            (":year", text(self.year.map(|y| y.to_string()))),
            (":dept", text(self.dept.clone())),
        ];
        all.into_iter().filter(|(k, _)| sql.contains(k)).collect()
    }

    /// Every row of `sql`, bound to the scope, read by `f`; `what` names the step for errors.
    pub(crate) fn rows<T>(
        &self,
        conn: &Connection,
        sql: &str,
        what: &str,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let named = self.named(sql);
        let params: Vec<(&str, &dyn ToSql)> =
            named.iter().map(|(k, v)| (*k, v as &dyn ToSql)).collect();
        db::rows(conn, what, sql, params.as_slice(), f)
    }
}

/// The median of `values` (sorted here), or `None` when there are none: the middle value,
/// or the mean of the two middle values of an even number.
pub fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

/// A department as a report groups it: trimmed, or [`NO_DEPARTMENT`] when blank.
pub(crate) fn department_label(dept: Option<&str>) -> String {
    match dept.map(str::trim) {
        Some(d) if !d.is_empty() => d.to_string(),
        _ => NO_DEPARTMENT.to_string(),
    }
}

/// A measured figure (a percentage, an average) as a report shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// The figure.
    Value(f64),
    /// Withheld under the HESA convention: too few people for it to be safe (printed `..`).
    Suppressed,
    /// There is nothing to measure (an average over nobody, in exact figures).
    Blank,
}

impl Figure {
    /// A figure from a `hesa` function, where `None` means suppressed.
    pub fn published(value: Option<f64>) -> Figure {
        value.map_or(Figure::Suppressed, Figure::Value)
    }

    /// An exact figure, where `None` means there is nothing to measure.
    pub fn exact(value: Option<f64>) -> Figure {
        value.map_or(Figure::Blank, Figure::Value)
    }

    /// `part` as a percentage of `population`: suppressed for a small population unless
    /// `exact`.
    pub fn percentage(part: u64, population: u64, exact: bool) -> Figure {
        if exact {
            Figure::exact((population > 0).then(|| 100.0 * part as f64 / population as f64))
        } else {
            Figure::published(hesa::percentage(part, population))
        }
    }

    /// `total` per person of `people`: suppressed for few people unless `exact`.
    pub fn average(total: f64, people: u64, exact: bool) -> Figure {
        if exact {
            Figure::exact((people > 0).then(|| total / people as f64))
        } else {
            Figure::published(hesa::average(total, people))
        }
    }
}

/// A count of people as a report shows it: rounded to the nearest 5 unless `exact`.
pub fn count(people: u64, exact: bool) -> u64 {
    if exact {
        people
    } else {
        hesa::round_count(people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_figures_follow_the_hesa_convention() {
        assert_eq!(count(7, false), 5);
        assert_eq!(count(7, true), 7);
        assert_eq!(Figure::percentage(1, 22, false), Figure::Suppressed);
        assert_eq!(Figure::percentage(1, 22, true), Figure::Value(100.0 / 22.0));
        assert_eq!(Figure::percentage(0, 0, true), Figure::Blank);
        assert_eq!(Figure::average(14.0, 7, false), Figure::Suppressed);
        assert_eq!(Figure::average(14.0, 7, true), Figure::Value(2.0));
        assert_eq!(Figure::average(0.0, 0, true), Figure::Blank);
        assert_eq!(Figure::average(16.0, 8, false), Figure::Value(2.0));
    }

    #[test]
    fn a_median_is_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7.0));
        assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
        assert_eq!(median(&mut [10, 1, 4, 3]), Some(3.5));
        assert_eq!(median(&mut [-2, 2]), Some(0.0));
    }

    #[test]
    fn a_scope_binds_only_the_names_its_sql_uses() -> anyhow::Result<()> {
        let conn = crate::service::database::open_in_memory()?;
        let scope = Scope {
            year: Some(AcademicYear(2025)),
            dept: None,
        }
        .resolve(&conn)?;
        let sql = format!("SELECT {} AND :dept IS NULL", dated("'2025-09-01'"));
        assert_eq!(
            scope.rows(&conn, &sql, "a test", |r| r.get::<_, bool>(0))?,
            [true]
        );
        let sql = format!("SELECT {}", dated("'2026-09-01'"));
        assert_eq!(
            scope.rows(&conn, &sql, "a test", |r| r.get::<_, bool>(0))?,
            [false]
        );
        Ok(())
    }

    #[test]
    fn an_unknown_department_is_refused_with_those_there_are() -> anyhow::Result<()> {
        let conn = crate::service::database::open_in_memory()?;
        conn.execute(
            "INSERT INTO projects (code, title, form, level_planned, academic_year, department)
             VALUES ('p', 'p', 'educational-research', 'partnership', '2025/26', 'History')",
            [],
        )?;
        let scope = |d: &str| Scope {
            year: None,
            dept: Some(d.into()),
        };
        assert_eq!(
            scope(" HISTORY ").resolve(&conn)?.dept.as_deref(),
            Some("HISTORY")
        );
        let err = scope("Histroy").resolve(&conn).unwrap_err().to_string();
        assert_eq!(
            err,
            "no project in department \"Histroy\"; departments with projects: History"
        );
        assert!(scope(" ").resolve(&conn).is_err());
        Ok(())
    }
}
