//! Writing checked projects: multi-row INSERTs, the change-log text, and the dates of a
//! new project.

use super::*;

/// Runs `head` (`INSERT INTO t (a, b) VALUES `) on `values`, `width` of them to a row, in as
/// few statements as it can: [`CHUNK`] rows at a time, then 8, then 1. Each size of
/// statement is prepared once and kept in the connection's cache.
pub(super) fn insert_many(
    tx: &Connection,
    head: &str,
    width: usize,
    values: &[&dyn ToSql],
) -> rusqlite::Result<()> {
    let mut rest = values;
    while !rest.is_empty() {
        let rows = rest.len() / width;
        let n = [CHUNK, 8, 1].into_iter().find(|&n| n <= rows).unwrap_or(1);
        let Some((now, later)) = rest.split_at_checked(n * width) else {
            return Err(rusqlite::Error::InvalidParameterCount(
                rest.len(),
                n * width,
            ));
        };
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![row.as_str(); n].join(", "));
        let mut stmt = tx.prepare_cached(&sql)?;
        for (i, value) in now.iter().enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        stmt.raw_execute()?;
        rest = later;
    }
    Ok(())
}

/// The change-log entry of a new project: the text of
/// `changes::snapshot(project, UNLOGGED).to_string()`, written straight from the values
/// rather than through a `serde_json::Value` (which cost a fifth of an import). The keys are
/// in the order `snapshot` leaves them: removing `id`, `created_at` and `updated_at` from a
/// map that keeps its order puts the last key in the place of each one removed, so
/// `cadence` comes first. The test `the_logged_text_is_the_snapshot` holds the two together.
pub(super) fn logged(p: &Project) -> String {
    #[derive(serde::Serialize)]
    struct Logged<'a> {
        cadence: &'a Cadence,
        code: &'a str,
        title: &'a str,
        summary: &'a Option<String>,
        form: &'a Form,
        activity: &'a Option<Activity>,
        level_planned: &'a Level,
        level_achieved: &'a Option<Level>,
        status: &'a Status,
        department: &'a Option<String>,
        academic_year: &'a AcademicYear,
        start_date: &'a Option<NaiveDate>,
        end_date: &'a Option<NaiveDate>,
        lead: &'a Option<String>,
        themes: &'a [String],
        budget: &'a Option<Money>,
    }
    let l = Logged {
        cadence: &p.cadence,
        code: &p.code,
        title: &p.title,
        summary: &p.summary,
        form: &p.form,
        activity: &p.activity,
        level_planned: &p.level_planned,
        level_achieved: &p.level_achieved,
        status: &p.status,
        department: &p.department,
        academic_year: &p.academic_year,
        start_date: &p.start_date,
        end_date: &p.end_date,
        lead: &p.lead,
        themes: &p.themes,
        budget: &p.budget,
    };
    serde_json::to_string(&l).unwrap_or_else(|_| changes::snapshot(p, UNLOGGED).to_string())
}

pub(super) fn insert_themes(tx: &Connection, id: i64, themes: &[String]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached("INSERT INTO project_themes (project_id, theme) VALUES (?1, ?2)")
        .context("cannot save the themes")?;
    for theme in themes {
        stmt.execute(params![id, theme])
            .context("cannot save the themes")?;
    }
    Ok(())
}

/// The dates a project registered in `status` gets (`dates_for` with no previous status).
pub(super) fn dates_for_new(
    status: Status,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    on: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = match (status, start) {
        (Status::Active, None) => Some(on),
        _ => start,
    };
    let never_ran = status == Status::Withdrawn && start.is_some_and(|s| on < s);
    let end = match status {
        Status::Completed | Status::Withdrawn if end.is_none() && !never_ran => Some(on),
        _ => end,
    };
    (start, end)
}
