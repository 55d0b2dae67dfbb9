//! The Change Makers gallery: a year's Change Makers projects whose title and summary are
//! approved for the public pages, by theme, with their published recommendations; and the
//! archive of earlier years.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::board::{PublicRec, public_recs};
use super::{Themed, by_theme};
use crate::db::rows;
use crate::error::Result;
use crate::model::hesa::round_count;
use crate::model::{AcademicYear, Activity, PersonKind, Status};
use crate::service::person;
use crate::service::rec::RecFilter;

/// The gallery of one academic year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gallery {
    pub year: AcademicYear,
    /// A project appears under each of its themes (those without one under `None`, last).
    pub themes: Vec<Themed<GalleryProject>>,
}

impl Gallery {
    /// The projects of the gallery, each once, in the order of their codes.
    pub fn projects(&self) -> Vec<&GalleryProject> {
        let mut all: Vec<&GalleryProject> =
            self.themes.iter().flat_map(|t| t.items.iter()).collect();
        all.sort_by(|a, b| a.code.cmp(&b.code));
        all.dedup_by(|a, b| a.code == b.code);
        all
    }

    /// Whether no project of the year is published.
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }
}

/// A Change Makers project as the gallery shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GalleryProject {
    pub code: String,
    /// The title and summary approved for publishing (`spm project publish`).
    pub title: String,
    pub summary: String,
    pub published_on: NaiveDate,
    pub status: Status,
    pub department: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// All its themes, alphabetical in any case.
    pub themes: Vec<String>,
    /// The students who took part and may be named today (both consents hold), by name.
    pub named_students: Vec<String>,
    /// How many other students took part, rounded as HESA asks (0, 1 and 2 become 0), never
    /// an exact small count: "and about N others".
    pub other_students: u64,
    /// Its recommendations approved for publishing, oldest raised first: the findings and
    /// what became of them.
    pub recommendations: Vec<PublicRec>,
}

/// The gallery of `year`: its Change Makers projects with an approved title and summary,
/// under each of their themes (alphabetical in any case, projects without one last), by
/// approved title within a theme. Students are named only where they may be on `today`.
///
/// Errors: `Database` when the records cannot be read.
pub fn gallery(conn: &Connection, year: AcademicYear, today: NaiveDate) -> Result<Gallery> {
    type Row = (
        i64,
        String,
        String,
        String,
        NaiveDate,
        Status,
        Option<String>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let found: Vec<Row> = rows(
        conn,
        "cannot read the gallery's projects",
        "SELECT p.id, p.code, pub.title, pub.summary, pub.published_on, p.status, p.department,
            p.start_date, p.end_date
         FROM projects p JOIN project_publications pub ON pub.project_id = p.id
         WHERE p.activity = ?1 AND p.academic_year = ?2
         ORDER BY lower(pub.title), pub.title, p.code",
        rusqlite::params![Activity::ChangeMakers, year],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        },
    )?;
    let mut placed: Vec<(Option<String>, GalleryProject)> = Vec::new();
    for (id, code, title, summary, published_on, status, department, start, end) in found {
        let themes: Vec<String> = rows(
            conn,
            "cannot read the project's themes",
            "SELECT theme FROM project_themes WHERE project_id = ?1
             ORDER BY lower(theme), theme",
            [id],
            |r| r.get(0),
        )?;
        let (named_students, others) = students(conn, id, today)?;
        let filter = RecFilter {
            project: Some(code.clone()),
            published: Some(true),
            ..RecFilter::default()
        };
        let project = GalleryProject {
            recommendations: public_recs(conn, &filter, today)?,
            code,
            title,
            summary,
            published_on,
            status,
            department,
            start_date: start,
            end_date: end,
            themes: themes.clone(),
            named_students,
            other_students: round_count(others),
        };
        if themes.is_empty() {
            placed.push((None, project));
        } else {
            for theme in themes {
                placed.push((Some(theme), project.clone()));
            }
        }
    }
    Ok(Gallery {
        year,
        themes: by_theme(placed),
    })
}

/// The students who took part in project `id`: the names of those who may be named on
/// `today` (by name, then id), and how many others there are (exact: the caller rounds it).
fn students(conn: &Connection, id: i64, today: NaiveDate) -> Result<(Vec<String>, u64)> {
    let ids: Vec<i64> = rows(
        conn,
        "cannot read the project's partners",
        "SELECT DISTINCT pp.person_id FROM project_partners pp
         JOIN people pe ON pe.id = pp.person_id
         WHERE pp.project_id = ?1 AND pe.kind = ?2 ORDER BY pp.person_id",
        rusqlite::params![id, PersonKind::Student],
        |r| r.get(0),
    )?;
    let mut named: Vec<(String, i64)> = Vec::new();
    let mut others = 0u64;
    for person_id in ids {
        let p = person::get(conn, person_id)?;
        if p.may_be_named_on(today) {
            named.push((p.name, p.id));
        } else {
            others += 1;
        }
    }
    named.sort();
    Ok((named.into_iter().map(|(n, _)| n).collect(), others))
}

/// The academic years before `before` with a project in their gallery, newest first: the
/// archive's pages.
///
/// Errors: `Database` when the records cannot be read.
pub fn archive_years(conn: &Connection, before: AcademicYear) -> Result<Vec<AcademicYear>> {
    rows(
        conn,
        "cannot read the gallery's years",
        "SELECT DISTINCT p.academic_year
         FROM projects p JOIN project_publications pub ON pub.project_id = p.id
         WHERE p.activity = ?1 AND p.academic_year < ?2
         ORDER BY p.academic_year DESC",
        rusqlite::params![Activity::ChangeMakers, before],
        |r| r.get(0),
    )
}

/// The archive: the gallery of each year before `before` that has one, newest first (a page
/// per year, so no page grows without bound).
///
/// Errors: as [`gallery`].
pub fn archive(conn: &Connection, before: AcademicYear, today: NaiveDate) -> Result<Vec<Gallery>> {
    archive_years(conn, before)?
        .into_iter()
        .map(|year| gallery(conn, year, today))
        .collect()
}
