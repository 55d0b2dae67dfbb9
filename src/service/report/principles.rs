//! `spm report principles`: per principle of the adopted framework, the projects scored, the
//! average staff and student scores, the gap between them, and the least evidenced.
//!
//! A score keeps the words its principle had when it was given (`review_scores.wording`), so
//! the rows are per principle and wording: a principle whose words changed shows once per
//! wording, and no score is averaged with scores given against other words. Reviews count
//! when held in the year, of projects of the department. Scores are given for a review, not
//! by a counted person, so the figures are exact.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{IN_DEPT, Scope, dated};
use crate::error::{Context, Result};
use crate::model::{AcademicYear, Framework, Principle, Project};
use crate::service::{principle, project};

/// One principle, against one wording.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleRow {
    pub code: String,
    /// The words scored against (the principle's present words when it has no scores).
    pub wording: String,
    pub retired: bool,
    /// Distinct projects with a score against these words.
    pub projects: u64,
    pub staff_scores: u64,
    pub staff_average: Option<f64>,
    pub student_scores: u64,
    pub student_average: Option<f64>,
    /// Students' average less staff's: negative when students see less of the principle.
    pub gap: Option<f64>,
    /// The principle (in use) has the fewest scores of all, over all its wordings.
    pub least_evidenced: bool,
}

/// The scores of one principle against one wording, in scope.
struct Tally {
    principle: i64,
    wording: String,
    /// Distinct projects.
    projects: i64,
    /// How many staff scores, and their sum.
    staff: i64,
    staff_total: f64,
    students: i64,
    students_total: f64,
}

/// The words a score is given against: the principle's title, then its statement. The rule
/// of `service::review` when it records a score.
fn present_wording(p: &Principle) -> String {
    match &p.statement {
        Some(s) if !s.trim().is_empty() => format!("{}: {s}", p.title),
        _ => p.title.clone(),
    }
}

/// The adopted framework and its rows: every principle in use, and every retired one with
/// scores in scope, in the framework's order; a principle's present wording first.
///
/// Errors: `Usage` when no framework is adopted; `NotFound` for an unknown department; a
/// database error when a query fails.
pub fn principles(conn: &Connection, scope: &Scope) -> Result<(Framework, Vec<PrincipleRow>)> {
    let resolved = scope.resolve(conn)?;
    let (framework, all) = principle::list(conn, None, true)?;
    // The framework's id is a number from the database, not user input.
    let sql = format!(
        "SELECT s.principle_id, s.wording, count(DISTINCT r.project_id),
            sum(s.scored_by = 'staff'), total(CASE WHEN s.scored_by = 'staff' THEN s.score END),
            sum(s.scored_by = 'students'),
            total(CASE WHEN s.scored_by = 'students' THEN s.score END)
         FROM review_scores s
         JOIN reviews r ON r.id = s.review_id
         JOIN projects p ON p.id = r.project_id
         WHERE s.principle_id IN (SELECT id FROM principles WHERE framework_id = {})
           AND {IN_DEPT} AND {}
         GROUP BY s.principle_id, s.wording",
        framework.id,
        dated("r.on_date")
    );
    let tallies: Vec<Tally> = resolved.rows(conn, &sql, "cannot total the scores", |r| {
        Ok(Tally {
            principle: r.get(0)?,
            wording: r.get(1)?,
            projects: r.get(2)?,
            staff: r.get(3)?,
            staff_total: r.get(4)?,
            students: r.get(5)?,
            students_total: r.get(6)?,
        })
    })?;
    let mut by_principle: HashMap<i64, Vec<&Tally>> = HashMap::new();
    for t in &tallies {
        by_principle.entry(t.principle).or_default().push(t);
    }
    let average = |total: f64, n: i64| (n > 0).then(|| total / n as f64);
    let mut rows = Vec::new();
    let mut evidence: Vec<(String, i64)> = Vec::new();
    for p in &all {
        let retired = p.retired_on.is_some();
        let present = present_wording(p);
        let mut mine = by_principle.remove(&p.id).unwrap_or_default();
        if !retired {
            evidence.push((
                p.code.clone(),
                mine.iter().map(|t| t.staff + t.students).sum(),
            ));
        }
        if mine.is_empty() {
            if !retired {
                rows.push(PrincipleRow {
                    code: p.code.clone(),
                    wording: present,
                    retired,
                    projects: 0,
                    staff_scores: 0,
                    staff_average: None,
                    student_scores: 0,
                    student_average: None,
                    gap: None,
                    least_evidenced: false,
                });
            }
            continue;
        }
        mine.sort_by_key(|t| (t.wording != present, t.wording.clone()));
        for t in mine {
            let staff = average(t.staff_total, t.staff);
            let students = average(t.students_total, t.students);
            rows.push(PrincipleRow {
                code: p.code.clone(),
                wording: t.wording.clone(),
                retired,
                projects: t.projects.unsigned_abs(),
                staff_scores: t.staff.unsigned_abs(),
                staff_average: staff,
                student_scores: t.students.unsigned_abs(),
                student_average: students,
                gap: staff.zip(students).map(|(a, b)| b - a),
                least_evidenced: false,
            });
        }
    }
    if let Some(fewest) = evidence.iter().map(|e| e.1).min() {
        for row in &mut rows {
            row.least_evidenced = evidence
                .iter()
                .any(|(code, n)| *n == fewest && *code == row.code);
        }
    }
    Ok((framework, rows))
}

/// One principle in one project of a series, against one wording.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    pub code: String,
    pub wording: String,
    pub retired: bool,
    pub year: AcademicYear,
    pub project: String,
    pub staff_scores: u64,
    pub staff_average: Option<f64>,
    pub student_scores: u64,
    pub student_average: Option<f64>,
    /// Students' average less staff's.
    pub gap: Option<f64>,
}

/// `spm report principles --series CODE`: the series of project `code` (see
/// `project::chain`) and, per principle of the adopted framework in its order and per
/// project of the series in year order, the staff's and the students' scores from every
/// review of that project, per wording as in [`principles`]. A principle in use with no
/// score in a project has a row without averages; a retired one shows only where scored.
///
/// Errors: `Usage` when no framework is adopted; `NotFound` for an unknown code; a
/// database error when a query fails.
pub fn series(conn: &Connection, code: &str) -> Result<(Vec<Project>, Vec<SeriesRow>)> {
    let chain = project::chain(conn, &project::get(conn, code)?)?;
    let (framework, all) = principle::list(conn, None, true)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT s.principle_id, s.wording,
                sum(s.scored_by = 'staff'),
                total(CASE WHEN s.scored_by = 'staff' THEN s.score END),
                sum(s.scored_by = 'students'),
                total(CASE WHEN s.scored_by = 'students' THEN s.score END)
             FROM review_scores s
             JOIN reviews r ON r.id = s.review_id
             WHERE r.project_id = ?1
               AND s.principle_id IN (SELECT id FROM principles WHERE framework_id = ?2)
             GROUP BY s.principle_id, s.wording",
        )
        .context("cannot total the scores")?;
    // (principle, project) -> tallies of each wording.
    let mut tallies: HashMap<(i64, i64), Vec<Tally>> = HashMap::new();
    for p in &chain {
        let found = stmt
            .query_map(rusqlite::params![p.id, framework.id], |r| {
                Ok(Tally {
                    principle: r.get(0)?,
                    wording: r.get(1)?,
                    projects: 1,
                    staff: r.get(2)?,
                    staff_total: r.get(3)?,
                    students: r.get(4)?,
                    students_total: r.get(5)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .context("cannot total the scores")?;
        for t in found {
            tallies.entry((t.principle, p.id)).or_default().push(t);
        }
    }
    let average = |total: f64, n: i64| (n > 0).then(|| total / n as f64);
    let mut rows = Vec::new();
    for pr in &all {
        let retired = pr.retired_on.is_some();
        let present = present_wording(pr);
        for p in &chain {
            let mut mine = tallies.remove(&(pr.id, p.id)).unwrap_or_default();
            let row = |wording: String| SeriesRow {
                code: pr.code.clone(),
                wording,
                retired,
                year: p.academic_year,
                project: p.code.clone(),
                staff_scores: 0,
                staff_average: None,
                student_scores: 0,
                student_average: None,
                gap: None,
            };
            if mine.is_empty() {
                if !retired {
                    rows.push(row(present.clone()));
                }
                continue;
            }
            mine.sort_by_key(|t| (t.wording != present, t.wording.clone()));
            for t in mine {
                debug_assert_eq!(t.projects, 1);
                let staff = average(t.staff_total, t.staff);
                let students = average(t.students_total, t.students);
                rows.push(SeriesRow {
                    staff_scores: t.staff.unsigned_abs(),
                    staff_average: staff,
                    student_scores: t.students.unsigned_abs(),
                    student_average: students,
                    gap: staff.zip(students).map(|(a, b)| b - a),
                    ..row(t.wording)
                });
            }
        }
    }
    Ok((chain, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AcademicYear, parse_date};
    use crate::service::database::open_in_memory;
    use crate::service::demo;

    #[test]
    fn scores_are_averaged_per_wording() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        demo::load(&mut conn, parse_date("2026-11-23")?)?;
        let (_, rows) = principles(&conn, &Scope::default())?;
        let cp2: Vec<&PrincipleRow> = rows.iter().filter(|r| r.code == "CP2").collect();
        assert_eq!(cp2.len(), 1);
        // Staff 3 and 4, students 2 and 4, all on assessment-2024.
        assert_eq!(cp2[0].projects, 1);
        assert_eq!(cp2[0].staff_average, Some(3.5));
        assert_eq!(cp2[0].student_average, Some(3.0));
        assert_eq!(cp2[0].gap, Some(-0.5));
        // Words changed since: a new row, not a new average.
        conn.execute(
            "UPDATE review_scores SET wording = 'old words'
             WHERE principle_id = (SELECT id FROM principles WHERE code = 'CP2')
               AND review_id = (SELECT min(id) FROM reviews)",
            [],
        )?;
        let (_, rows) = principles(&conn, &Scope::default())?;
        let cp2: Vec<&PrincipleRow> = rows.iter().filter(|r| r.code == "CP2").collect();
        assert_eq!(cp2.len(), 2);
        assert_eq!(cp2[1].wording, "old words");
        assert_eq!(
            (cp2[1].staff_average, cp2[1].student_average),
            (Some(3.0), Some(2.0))
        );
        assert_eq!(
            (cp2[0].staff_average, cp2[0].student_average),
            (Some(4.0), Some(4.0))
        );
        // In 2025/26 only reading lists and the internship were reviewed.
        let scope = Scope {
            year: Some(AcademicYear(2025)),
            dept: None,
        };
        let (_, rows) = principles(&conn, &scope)?;
        let cp1 = rows.iter().find(|r| r.code == "CP1");
        assert_eq!(
            cp1.map(|r| (r.projects, r.staff_average)),
            Some((2, Some(4.5)))
        );
        assert!(
            rows.iter()
                .filter(|r| r.least_evidenced)
                .all(|r| r.projects == 0)
        );
        Ok(())
    }
}
