//! What goes on a "you said, we did" board: the recommendations decided or told back to
//! students, grouped by theme.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::ToSql;

use super::list::query;
use super::select;
use crate::error::{Context, Result};
use crate::model::{AcademicYear, Impact, Recommendation};
use crate::service::settings;

/// The theme of the items that have none (a theme of that name joins them).
pub const OTHER: &str = "Other";

/// One theme on the board and what was decided under it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardTheme {
    /// The theme as its first item spells it, or [`OTHER`].
    pub theme: String,
    /// Oldest raised first.
    pub items: Vec<Recommendation>,
    /// Each item's impact (spm rec impact), in the order of `items`: none until checked.
    pub impacts: Vec<Option<Impact>>,
}

/// The board: the recommendations decided or communicated back (raised in `year`, when
/// given), by theme: themes in alphabetical order, those differing only in case as one,
/// and the items without a theme last, under [`OTHER`]. No theme is empty.
///
/// Errors: `Database` when the recommendations or the year's first day cannot be read.
pub fn board(conn: &Connection, year: Option<AcademicYear>) -> Result<Vec<BoardTheme>> {
    let mut themes = by_theme(decided(conn, year)?);
    let mut impacts = impacts(conn)?;
    for theme in &mut themes {
        theme.impacts = theme.items.iter().map(|r| impacts.remove(&r.id)).collect();
    }
    Ok(themes)
}

/// Every recommendation's impact, by the recommendation's id.
fn impacts(conn: &Connection) -> Result<HashMap<i64, Impact>> {
    const WHAT: &str = "cannot read the impacts of recommendations";
    let mut stmt = conn
        .prepare("SELECT recommendation_id, on_date, worked, evidence FROM recommendation_impacts")
        .context(WHAT)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Impact {
                recommendation_id: r.get(0)?,
                on: r.get(1)?,
                worked: r.get(2)?,
                evidence: r.get(3)?,
            })
        })
        .context(WHAT)?;
    let mut out = HashMap::new();
    for row in rows {
        let i = row.context(WHAT)?;
        out.insert(i.recommendation_id, i);
    }
    Ok(out)
}

/// The recommendations on the board, by theme in any case with those without a theme last,
/// then oldest raised first.
fn decided(conn: &Connection, year: Option<AcademicYear>) -> Result<Vec<Recommendation>> {
    let mut sql = format!(
        "{} WHERE (r.status <> 'proposed' OR r.communicated_on IS NOT NULL)",
        select()
    );
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(year) = year {
        let (first, last) = year.days(settings::year_start(conn)?);
        sql.push_str(" AND r.raised_on BETWEEN ? AND ?");
        values.push(Box::new(first));
        values.push(Box::new(last));
    }
    sql.push_str(" ORDER BY r.theme IS NULL, r.theme COLLATE NOCASE, r.raised_on, r.id");
    query(conn, &sql, values)
}

/// `recs` (in the order `decided` gives them) under their themes.
fn by_theme(recs: Vec<Recommendation>) -> Vec<BoardTheme> {
    let mut groups: Vec<BoardTheme> = Vec::new();
    for r in recs {
        let theme = r.theme.clone().unwrap_or_else(|| OTHER.to_string());
        match groups
            .iter_mut()
            .find(|g| g.theme.to_lowercase() == theme.to_lowercase())
        {
            Some(g) => g.items.push(r),
            None => groups.push(BoardTheme {
                theme,
                items: vec![r],
                impacts: Vec::new(),
            }),
        }
    }
    // A theme called "Other" joins the items without one, at the end.
    if let Some(i) = groups
        .iter()
        .position(|g| g.theme.eq_ignore_ascii_case(OTHER))
    {
        let other = groups.remove(i);
        groups.push(other);
    }
    groups
}
