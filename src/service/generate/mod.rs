//! Realistic data at any size, through the same schema, for benchmarks (`spm dev generate`).
//!
//! Every record is a pure function of the seed and its index, drawn from a small PRNG kept
//! here (splitmix64), so the same seed makes the same database on any machine. The reviews
//! are shared out over the projects in proportion to the days each could have been reviewed
//! on, which takes two passes over the projects: the first only measures, so memory stays
//! flat however many projects are asked for. Rows are written in one transaction through each
//! record's own writer (`project::write`, `person::write`, `review::write`, ...), with
//! timestamps on the days they happened; the change log is left empty (these records were
//! never edited).
//!
//! `rng` is the PRNG, `plan` a project's first draw (year, status, dates), `people` the
//! people, `writer` the projects and their reviews, `records` what a
//! project gathers as it runs (partners, recommendations, fund applications), `words` the
//! vocabulary.

mod people;
mod plan;
mod records;
mod rng;
#[rustfmt::skip]
mod words;
mod writer;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::service::{principle, review};

use people::people;
use plan::plan;
use writer::Writer;

/// The most projects, reviews or people one run makes.
pub const MAX_SIZE: u64 = 10_000_000;

/// How much to make, and the seed that decides everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub projects: u64,
    pub reviews: u64,
    pub people: u64,
    pub seed: u64,
}

/// What was made, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub projects: u64,
    pub reviews: u64,
    pub people: u64,
    pub partners: u64,
    pub contributions: u64,
    pub scores: u64,
    pub recommendations: u64,
    pub applications: u64,
}

/// Sizes that were checked, and the days their projects have room for reviews on.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    sizes: Sizes,
    today: NaiveDate,
    capacity: u64,
}

/// Checks `sizes` before anything is opened or written: every size within [`MAX_SIZE`], at
/// least one project, and room on the projects' dates (up to `today`) for the reviews.
///
/// Errors: `Invalid`, naming the flag to change.
pub fn check(sizes: Sizes, today: NaiveDate) -> Result<Checked> {
    for (flag, n) in [
        ("--projects", sizes.projects),
        ("--reviews", sizes.reviews),
        ("--people", sizes.people),
    ] {
        if n > MAX_SIZE {
            return Err(Error::Invalid(format!(
                "{flag} {n} is more than spm dev generate makes ({MAX_SIZE}); give a smaller number"
            )));
        }
    }
    if sizes.projects == 0 {
        return Err(Error::Invalid(
            "--projects must be at least 1: reviews, partners and the rest belong to projects"
                .into(),
        ));
    }
    // The first pass: the days each project could be reviewed on.
    let capacity: u64 = (0..sizes.projects)
        .map(|i| plan(sizes.seed, i, sizes.projects, today).window)
        .sum();
    if sizes.reviews > capacity {
        return Err(Error::Invalid(format!(
            "{} projects have room for at most {capacity} reviews (one a day while they run); give fewer --reviews or more --projects",
            sizes.projects
        )));
    }
    Ok(Checked {
        sizes,
        today,
        capacity,
    })
}

/// Makes the data `checked` describes in the empty database `conn`, in one transaction, with
/// nothing dated after the day it was checked for, and returns what it made.
///
/// Errors: `Conflict` when the database already holds projects or people; `Usage` when no
/// framework is adopted; a database error when a write fails.
pub fn generate(conn: &mut Connection, checked: &Checked) -> Result<Generated> {
    let Checked {
        ref sizes,
        today,
        capacity,
    } = *checked;
    let (framework, principles) = principle::list(conn, None, false)?;
    // A bigger page cache keeps the indexes in memory while millions of rows go in.
    conn.execute_batch("PRAGMA cache_size = -65536;")
        .context("cannot set the cache size")?;
    let tx = begin_write(conn)?;
    let held: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM projects) OR EXISTS (SELECT 1 FROM people)",
            [],
            |r| r.get(0),
        )
        .context("cannot read the database")?;
    if held {
        return Err(Error::Conflict(
            "the database already holds projects or people; spm dev generate fills an empty database only: give a new --db path".into(),
        ));
    }
    let mut made = Generated::default();
    let first_person = people(&tx, sizes, today, &mut made)?;
    let mut writer = Writer::new(&tx, framework.id, &principles, sizes, first_person);
    let mut done_days: u128 = 0;
    let mut done_reviews: u64 = 0;
    for i in 0..sizes.projects {
        let p = plan(sizes.seed, i, sizes.projects, today);
        done_days += u128::from(p.window);
        // Cumulative rounding: exactly `reviews` in all, never more than a project's days.
        let target = if capacity == 0 {
            0
        } else {
            (u128::from(sizes.reviews) * done_days / u128::from(capacity)) as u64
        };
        let count = target - done_reviews;
        done_reviews = target;
        writer.project(i, p, count, today, &mut made)?;
    }
    drop(writer);
    // The rows went in by plain INSERTs: their next review dates are worked out once, at
    // the end, for all of them.
    review::refresh_all(&tx)?;
    tx.commit().context("cannot save the generated data")?;
    made.projects = sizes.projects;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::rng::Rng;
    use super::*;
    use crate::model::date::testing::day;

    fn sizes(projects: u64, reviews: u64, people: u64) -> Sizes {
        Sizes {
            projects,
            reviews,
            people,
            seed: 7,
        }
    }

    #[test]
    fn makes_exactly_what_was_asked_and_passes_the_checks() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        let checked = check(sizes(300, 2000, 150), day("2026-11-23"))?;
        let made = generate(&mut conn, &checked)?;
        assert_eq!((made.projects, made.reviews, made.people), (300, 2000, 150));
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        assert_eq!(count("SELECT count(*) FROM projects")?, 300);
        assert_eq!(count("SELECT count(*) FROM reviews")?, 2000);
        assert_eq!(count("SELECT count(*) FROM people")?, 150);
        assert_eq!(
            count("SELECT count(*) FROM project_partners")?,
            made.partners as i64
        );
        assert_eq!(
            count("SELECT count(*) FROM reviews WHERE on_date > '2026-11-23'")?,
            0
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM reviews r JOIN projects p ON p.id = r.project_id
                 WHERE r.on_date <= p.start_date OR r.on_date > coalesce(p.end_date, '9999')"
            )?,
            0
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM projects WHERE lead_id NOT IN (SELECT id FROM people WHERE kind = 'staff')"
            )?,
            0
        );
        let report = crate::service::database::check(&conn)?;
        assert!(report.is_ok(), "{report:?}");
        Ok(())
    }

    #[test]
    fn refuses_too_many_reviews_and_a_database_with_projects() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        let today = day("2026-11-23");
        let err = check(sizes(2, 1_000_000, 0), today).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        let err = check(sizes(MAX_SIZE + 1, 0, 0), today).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        let small = check(sizes(5, 5, 5), today)?;
        generate(&mut conn, &small)?;
        let err = generate(&mut conn, &small).unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        Ok(())
    }

    #[test]
    fn the_generator_is_spread_evenly() {
        let mut rng = Rng::new(1, 0, 0);
        let mut seen = [0u32; 10];
        for _ in 0..100_000 {
            seen[rng.index(10)] += 1;
        }
        assert!(seen.iter().all(|n| (9_600..10_400).contains(n)), "{seen:?}");
    }
}
