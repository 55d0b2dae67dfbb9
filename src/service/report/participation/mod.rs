//! `spm report participation`: counts of the distinct people taking part (people with a
//! place on a project), grouped by kind, level of study, department, role or a
//! self-declared characteristic, with the hours they gave.
//!
//! Every group that could hold people is listed, even when it holds none: a row that
//! appeared only for groups with someone in them would tell a reader that a group rounded
//! to 0 is not empty. So kinds, levels and roles are listed whole, departments are those of
//! every person on record, and a characteristic's values are every value anyone has given.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use rusqlite::{Connection, named_params};

use super::{Figure, MINUTES_IN_YEAR, count};
use crate::db;
use crate::error::{Error, Result};
use crate::model::AcademicYear;
use crate::model::enums::{PersonKind, Role, StudyLevel};
use crate::service::settings;

/// The label of the group of people with nothing recorded.
pub const NOT_RECORDED: &str = "not recorded";

/// The label of the row of everyone.
pub const TOTAL: &str = "Total";

/// What to group the people taking part by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// Student, staff or external.
    Kind,
    /// Level of study (ug, pgt, pgr).
    Level,
    /// The person's department.
    Dept,
    /// The role held on a project: a person with two roles counts once in each.
    Role,
    /// A self-declared characteristic, by its category (e.g. `ethnicity`).
    Characteristic(String),
}

impl GroupBy {
    /// The groupings every database has; any other word names a characteristic.
    pub const BUILT_IN: &'static [&'static str] = &["kind", "level", "dept", "role"];
}

impl FromStr for GroupBy {
    type Err = Error;

    /// Reads `--by`: `kind`, `level`, `dept` (or `department`), `role`, or else the category
    /// of a characteristic, which [`participation`] checks someone has recorded.
    fn from_str(s: &str) -> Result<Self> {
        let word: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Ok(match word.as_str() {
            "" => {
                return Err(Error::Invalid(
                    "--by is empty; group by kind, level, dept, role or a characteristic such \
                     as ethnicity"
                        .into(),
                ));
            }
            "kind" => GroupBy::Kind,
            "level" => GroupBy::Level,
            "dept" | "department" => GroupBy::Dept,
            "role" => GroupBy::Role,
            _ => GroupBy::Characteristic(word),
        })
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GroupBy::Kind => "kind",
            GroupBy::Level => "level",
            GroupBy::Dept => "dept",
            GroupBy::Role => "role",
            GroupBy::Characteristic(c) => c,
        })
    }
}

/// Which rows a group is: an ordinary group, the people with nothing recorded, or everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKind {
    Group,
    NotRecorded,
    Total,
}

/// One group of the report, in exact figures.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's label (`student`, `History`, `prefer not to say`, `not recorded`, `Total`).
    pub group: String,
    /// Which kind of row this is.
    pub kind: RowKind,
    /// The distinct people in the group: exact, so never to be published as it is.
    pub people: u64,
    /// The hours their contributions in scope add up to.
    pub hours: f64,
    /// Everyone taking part in scope: the population percentages are of.
    pub population: u64,
}

/// The participation report in exact figures: the groups sorted by label with "not recorded"
/// after them, then the Total row.
#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    /// What the people were grouped by.
    pub by: GroupBy,
    /// The academic year counted, or `None` for every year.
    pub year: Option<AcademicYear>,
    /// The groups, then the Total row.
    pub rows: Vec<GroupRow>,
}

/// One row as it may be shown: counts rounded and small-number figures suppressed, unless
/// exact figures were asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownRow {
    pub group: String,
    pub kind: RowKind,
    /// The count of people, rounded to the nearest 5 unless exact.
    pub people: u64,
    /// The group as a percentage of everyone taking part.
    pub percent: Figure,
    /// The average hours per person in the group.
    pub average_hours: Figure,
}

impl Participation {
    /// The rows as they may be shown: under the HESA convention (counts rounded to the
    /// nearest 5, percentages of fewer than 23 people and averages over 7 or fewer
    /// suppressed), or in exact figures when `exact`. Percentages and averages are always
    /// computed from the exact figures.
    pub fn shown(&self, exact: bool) -> Vec<ShownRow> {
        let mut shown: Vec<ShownRow> = self
            .rows
            .iter()
            .map(|r| ShownRow {
                group: r.group.clone(),
                kind: r.kind,
                people: count(r.people, exact),
                percent: if exact {
                    Figure::percentage(r.people, r.population, true)
                } else {
                    published_percentage(r.people, r.population)
                },
                average_hours: Figure::average(r.hours, r.people, exact),
            })
            .collect();
        // A total's average, less the averages shown for the groups, would give away the
        // hours of a suppressed group: when any group's is withheld, so is the total's.
        if !exact
            && shown
                .iter()
                .any(|r| r.kind == RowKind::Group && r.average_hours == Figure::Suppressed)
        {
            for r in shown.iter_mut().filter(|r| r.kind == RowKind::Total) {
                r.average_hours = Figure::Suppressed;
            }
        }
        shown
    }
}

/// A percentage safe to publish: of the rounded counts, in whole numbers, withheld for a
/// small population and for a group whose rounded count is 0 (a 0 beside a percentage
/// would say the group is not empty).
fn published_percentage(part: u64, population: u64) -> Figure {
    let (part_shown, whole_shown) = (count(part, false), count(population, false));
    if part_shown == 0 || whole_shown == 0 {
        return Figure::Suppressed;
    }
    match crate::model::hesa::percentage(part, population) {
        None => Figure::Suppressed,
        Some(_) => Figure::Value((100.0 * part_shown as f64 / whole_shown as f64).round()),
    }
}

/// One person's place on a project, in scope.
struct Place {
    person: i64,
    role: String,
    kind: String,
    level: Option<String>,
    department: Option<String>,
    characteristic: Option<String>,
    /// Minutes in the year: a share of a period's can be a fraction.
    minutes: f64,
}

/// Every place on a project that overlaps the year (:first to :last, academic year :year;
/// all places when :year is NULL), with its person and the minutes of its contributions in
/// the year (`MINUTES_IN_YEAR`: a period's pro rata by day).
/// A place runs from its from_date, else the project's start, else the first day of the
/// project's academic year (which is on or before the year's last day exactly when the
/// project's year is not later), to its to_date, else the project's end, else for ever.
/// A forgotten person's characteristics are gone, even if a row were left behind.
fn places_sql() -> String {
    format!(
        "SELECT pp.person_id, pp.role, p.kind, p.level, p.department,
            (SELECT c.value FROM person_characteristics c
              WHERE c.person_id = p.id AND c.category = :category AND p.erased_on IS NULL),
            {MINUTES_IN_YEAR}
        FROM project_partners pp
        JOIN people p ON p.id = pp.person_id
        JOIN projects pr ON pr.id = pp.project_id
        WHERE :year IS NULL OR (
            CASE WHEN coalesce(pp.from_date, pr.start_date) IS NULL THEN pr.academic_year <= :year
                 ELSE coalesce(pp.from_date, pr.start_date) <= :last END
            AND (coalesce(pp.to_date, pr.end_date) IS NULL
                 OR coalesce(pp.to_date, pr.end_date) >= :first))
        ORDER BY pp.id"
    )
}

/// Counts the distinct people taking part, in `year` (a person takes part in a year when one
/// of their places on a project overlaps it) or in every year when `None`, grouped `by`,
/// with the hours of their contributions in the year (a period's pro rata by day).
/// Forgotten people still count.
///
/// The figures are exact: show them through [`Participation::shown`].
///
/// # Errors
///
/// `Error::Invalid` when `by` names a characteristic nobody has recorded (the message lists
/// the groupings there are); `Error::BadDatabase` when the year-start setting is damaged;
/// a database error when a query fails.
pub fn participation(
    conn: &Connection,
    year: Option<AcademicYear>,
    by: &GroupBy,
) -> Result<Participation> {
    let mut groups = domain(conn, by)?;
    let places = places(conn, year, by)?;
    let mut everyone = Tally::default();
    for place in &places {
        let (kind, label) = label(by, place);
        let key = (kind, label.to_lowercase());
        let tally = groups.entry(key).or_insert_with(|| Tally::named(&label));
        tally.add(place);
        everyone.add(place);
    }
    let population = everyone.people.len() as u64;
    let mut rows: Vec<GroupRow> = groups
        .into_iter()
        .map(|((kind, _), t)| t.row(kind, population))
        .collect();
    everyone.label = TOTAL.to_string();
    rows.push(everyone.row(RowKind::Total, population));
    Ok(Participation {
        by: by.clone(),
        year,
        rows,
    })
}

/// The people and minutes counted in one group.
#[derive(Default)]
struct Tally {
    label: String,
    people: BTreeSet<i64>,
    minutes: f64,
}

impl Tally {
    fn named(label: &str) -> Tally {
        Tally {
            label: label.to_string(),
            ..Tally::default()
        }
    }

    fn add(&mut self, place: &Place) {
        self.people.insert(place.person);
        self.minutes += place.minutes;
    }

    fn row(self, kind: RowKind, population: u64) -> GroupRow {
        GroupRow {
            group: self.label,
            kind,
            people: self.people.len() as u64,
            hours: self.minutes / 60.0,
            population,
        }
    }
}

/// Groups keyed by kind of row, then label in lower case: so sorted by label, with "not
/// recorded" after the others, and departments or values that differ only in case together.
type Groups = BTreeMap<(RowKind, String), Tally>;

/// The group a place counts in.
fn label(by: &GroupBy, place: &Place) -> (RowKind, String) {
    let recorded = |value: &Option<String>| match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() && !v.eq_ignore_ascii_case(NOT_RECORDED) => {
            (RowKind::Group, v.to_string())
        }
        _ => (RowKind::NotRecorded, NOT_RECORDED.to_string()),
    };
    match by {
        GroupBy::Kind => (RowKind::Group, place.kind.clone()),
        GroupBy::Role => (RowKind::Group, place.role.clone()),
        GroupBy::Level => recorded(&place.level),
        GroupBy::Dept => recorded(&place.department),
        GroupBy::Characteristic(_) => recorded(&place.characteristic),
    }
}

/// Every group that could hold people, each empty: see the module's comment for why.
fn domain(conn: &Connection, by: &GroupBy) -> Result<Groups> {
    let mut groups = Groups::new();
    let mut add = |kind: RowKind, label: &str| {
        groups
            .entry((kind, label.to_lowercase()))
            .or_insert_with(|| Tally::named(label));
    };
    match by {
        GroupBy::Kind => PersonKind::NAMES
            .iter()
            .for_each(|n| add(RowKind::Group, n)),
        GroupBy::Role => Role::NAMES.iter().for_each(|n| add(RowKind::Group, n)),
        GroupBy::Level => {
            StudyLevel::NAMES
                .iter()
                .for_each(|n| add(RowKind::Group, n));
            add(RowKind::NotRecorded, NOT_RECORDED);
        }
        GroupBy::Dept => {
            let sql = "SELECT DISTINCT trim(department) FROM people
                WHERE trim(department) <> '' ORDER BY 1";
            for d in texts(conn, sql, None, "cannot list the departments")? {
                if !d.eq_ignore_ascii_case(NOT_RECORDED) {
                    add(RowKind::Group, &d);
                }
            }
            add(RowKind::NotRecorded, NOT_RECORDED);
        }
        GroupBy::Characteristic(category) => {
            let what = "cannot list the values of a characteristic";
            let sql = "SELECT category FROM person_characteristics WHERE category = ?1 LIMIT 1";
            if texts(conn, sql, Some(category), what)?.is_empty() {
                return Err(unknown_grouping(conn, category));
            }
            // The values of people not forgotten: a forgotten person's declarations are gone.
            let sql = "SELECT DISTINCT trim(c.value) FROM person_characteristics c
                JOIN people p ON p.id = c.person_id
                WHERE c.category = ?1 AND p.erased_on IS NULL ORDER BY 1";
            for v in texts(conn, sql, Some(category), what)? {
                if !v.eq_ignore_ascii_case(NOT_RECORDED) {
                    add(RowKind::Group, &v);
                }
            }
            add(RowKind::NotRecorded, NOT_RECORDED);
        }
    }
    Ok(groups)
}

/// The error for `--by` naming a characteristic nobody has: one sentence with the choices.
fn unknown_grouping(conn: &Connection, category: &str) -> Error {
    let sql = "SELECT DISTINCT lower(category) FROM person_characteristics ORDER BY 1";
    match texts(conn, sql, None, "cannot list the characteristics") {
        Err(e) => e,
        Ok(categories) if categories.is_empty() => Error::Invalid(format!(
            "cannot group by {category:?}: choose kind, level, dept or role \
             (no characteristics are recorded yet)"
        )),
        Ok(categories) => Error::Invalid(format!(
            "cannot group by {category:?}: choose kind, level, dept, role or a recorded \
             characteristic ({})",
            categories.join(", ")
        )),
    }
}

/// The first column of every row of `sql`, as text.
fn texts(conn: &Connection, sql: &str, param: Option<&str>, what: &str) -> Result<Vec<String>> {
    db::rows(conn, what, sql, rusqlite::params_from_iter(param), |r| {
        r.get(0)
    })
}

/// Every place in scope, with the minutes of its contributions in scope.
fn places(conn: &Connection, year: Option<AcademicYear>, by: &GroupBy) -> Result<Vec<Place>> {
    const WHAT: &str = "cannot count the people taking part";
    let days = match year {
        Some(y) => Some(y.days(settings::year_start(conn)?)),
        None => None,
    };
    let category = match by {
        GroupBy::Characteristic(c) => Some(c.as_str()),
        _ => None,
    };
    db::rows(
        conn,
        WHAT,
        &places_sql(),
        named_params! {
            ":category": category,
            ":first": days.map(|d| d.0.to_string()),
            ":last": days.map(|d| d.1.to_string()),
            ":year": year.map(|y| y.to_string()),
        },
        |r| {
            Ok(Place {
                person: r.get(0)?,
                role: r.get(1)?,
                kind: r.get(2)?,
                level: r.get(3)?,
                department: r.get(4)?,
                characteristic: r.get(5)?,
                minutes: r.get(6)?,
            })
        },
    )
}

#[cfg(test)]
mod tests;
