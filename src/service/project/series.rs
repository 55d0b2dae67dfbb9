//! Projects that continue year to year: a project may continue one of an earlier academic
//! year (`continues_id`), and the projects linked that way, back and forth, are its series.

use rusqlite::{Connection, OptionalExtension};

use super::{by_id, get};
use crate::error::{Context, Error, Result};
use crate::model::{AcademicYear, Project};

/// The id of the project that project `this` (`None`: one not yet written) of academic
/// year `year` may continue, named by `code`.
///
/// Errors: `NotFound` (with a did-you-mean) for an unknown code; `Invalid` when it is the
/// project itself, when the link would make a cycle, or when it is not of an earlier year.
pub(crate) fn checked(
    conn: &Connection,
    this: Option<(i64, &str)>,
    year: AcademicYear,
    code: &str,
) -> Result<i64> {
    let earlier = get(conn, code)?;
    if let Some((id, own)) = this {
        if earlier.id == id {
            return Err(Error::Invalid(format!(
                "project {own} cannot continue itself; give the code of an earlier year's project"
            )));
        }
        // Walk back from the project it would continue: meeting this one is a cycle.
        let mut at = continued(conn, earlier.id)?;
        while let Some(back) = at {
            if back == id {
                return Err(Error::Invalid(format!(
                    "project {own} cannot continue {}: {} already goes back to {own}, so the link would make a cycle",
                    earlier.code, earlier.code
                )));
            }
            at = continued(conn, back)?;
        }
    }
    if earlier.academic_year >= year {
        return Err(Error::Invalid(format!(
            "project {} is of {}, not earlier than {year}; a project continues one of an earlier academic year",
            earlier.code, earlier.academic_year
        )));
    }
    Ok(earlier.id)
}

/// The id of the project that project `id` (code `own`, of academic year `was_year`, moving
/// to `year`) is to continue: the one it continues now when `given` is `None`, none when
/// `given` is blank, else the project with code `given`, checked by [`checked`]. A project
/// that moves year is checked again against the project it keeps continuing, and against
/// the projects that continue it ([`later_than`]). `spm project edit` and
/// `spm project import --update` both decide a link here.
///
/// Errors: as [`checked`] and [`later_than`].
pub(crate) fn relinked(
    conn: &Connection,
    id: i64,
    own: &str,
    was_year: AcademicYear,
    year: AcademicYear,
    given: Option<&str>,
) -> Result<Option<i64>> {
    let now = match given.map(str::trim) {
        None => continued(conn, id)?,
        Some("") => None,
        Some(code) => Some(checked(conn, Some((id, own)), year, code)?),
    };
    if year != was_year {
        if let (Some(earlier), None) = (now, given) {
            let earlier = by_id(conn, earlier)?;
            checked(conn, Some((id, own)), year, &earlier.code)?;
        }
        later_than(conn, id, own, year)?;
    }
    Ok(now)
}

/// Links project `code` to the project `earlier` it continues, inside the caller's write
/// transaction (the demo data, whose projects are not in year order). Not logged.
///
/// Errors: as [`checked`].
pub(crate) fn link(tx: &Connection, code: &str, earlier: &str) -> Result<()> {
    let p = get(tx, code)?;
    let id = checked(tx, Some((p.id, &p.code)), p.academic_year, earlier)?;
    super::write::set_continues(tx, p.id, Some(id))
}

/// Whether the projects that continue project `id` are all of academic years after `year`
/// (so that `id` may move to `year`).
///
/// Errors: `Invalid` naming the first that is not; `Database` when the query fails.
pub(crate) fn later_than(conn: &Connection, id: i64, own: &str, year: AcademicYear) -> Result<()> {
    for p in continuing(conn, id)? {
        if p.academic_year <= year {
            return Err(Error::Invalid(format!(
                "project {} of {} continues {own}, so {own} must be of an earlier year than {}",
                p.code, p.academic_year, p.academic_year
            )));
        }
    }
    Ok(())
}

/// The id of the project that project `id` continues, if any.
///
/// Errors: `Database` when the query fails.
pub(crate) fn continued(conn: &Connection, id: i64) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT continues_id FROM projects WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get::<_, Option<i64>>(0)).optional())
        .map(Option::flatten)
        .context("cannot read the project it continues")
}

/// The projects that continue project `id`, by academic year and code.
fn continuing(conn: &Connection, id: i64) -> Result<Vec<Project>> {
    let ids: Vec<i64> = crate::db::rows(
        conn,
        "cannot read the projects that continue it",
        "SELECT id FROM projects WHERE continues_id = ?1 ORDER BY academic_year, code",
        [id],
        |r| r.get(0),
    )?;
    ids.into_iter().map(|i| by_id(conn, i)).collect()
}

/// The series of project `p`: the first project it goes back to, through the projects it
/// continues, and every project that continues that one, directly or not, in academic-year
/// order (then by code).
///
/// Errors: `Database` when a query fails.
pub fn chain(conn: &Connection, p: &Project) -> Result<Vec<Project>> {
    let mut first = p.id;
    let mut seen = vec![p.id];
    while let Some(id) = continued(conn, first)? {
        if seen.contains(&id) {
            break;
        }
        seen.push(id);
        first = id;
    }
    let mut out = vec![by_id(conn, first)?];
    let mut next = vec![first];
    while let Some(id) = next.pop() {
        for later in continuing(conn, id)? {
            if !out.iter().any(|x| x.id == later.id) {
                next.push(later.id);
                out.push(later);
            }
        }
    }
    out.sort_by(|a, b| {
        a.academic_year
            .cmp(&b.academic_year)
            .then_with(|| a.code.cmp(&b.code))
    });
    Ok(out)
}
