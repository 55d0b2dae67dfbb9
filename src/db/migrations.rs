//! The steps that bring an older database's schema up to date, one a version: SQL from
//! `migrations/`, or code where SQL cannot say it.

use super::{Connection, reorder, step7, value_lists};
use crate::error::{Context, Result, from_sqlite};

/// A step from one schema version to the next: SQL, or, where SQL cannot say it, code; or
/// code that makes tables again, which runs with foreign keys off (SQLite's procedure for a
/// change `ALTER TABLE` cannot make: see reorder.rs), since renaming a table aside with
/// them on would rewrite every reference to it.
pub enum Migration {
    Sql(&'static str),
    Code(fn(&Connection) -> Result<()>),
    Rebuild(fn(&Connection) -> Result<()>),
}

/// The steps from each older schema version to the next: step `i` takes version `i` to `i + 1`.
/// Append only: never edit a step that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("../../migrations/0001_initial.sql")),
    Migration::Sql(include_str!("../../migrations/0002_reviews.sql")),
    Migration::Sql(include_str!("../../migrations/0003_people.sql")),
    Migration::Sql(include_str!("../../migrations/0004_programmes.sql")),
    // 0005: lists of allowed words in CHECKs become OR chains (see value_lists.rs).
    Migration::Code(|conn| {
        value_lists::migrate(conn).context("cannot migrate to schema version 5")
    }),
    // 0006: each project keeps its next review date.
    Migration::Code(next_review_due),
    // 0007: contributions over a period, corrected or reversed; the fund's yearly budget;
    // the external-partner role and voucher recognition (see step7.rs).
    Migration::Code(step7::migrate),
    // 0008: an index on every foreign key.
    Migration::Sql(include_str!(
        "../../migrations/0008_foreign_key_indexes.sql"
    )),
    // 0009: approvals for the public pages, and consent to be named on them.
    Migration::Code(publications),
    // 0010: projects, project_partners and contributions with their columns in a reader's
    // order (see reorder.rs).
    Migration::Rebuild(reorder::migrate),
    // 0011 (migrations/0011_continues.sql): a project may continue an earlier year's.
    Migration::Code(continues),
    // 0012: whether an implemented recommendation worked.
    Migration::Sql(include_str!("../../migrations/0012_impact.sql")),
    // 0013: the start-of-project checklist.
    Migration::Sql(include_str!("../../migrations/0013_checklist.sql")),
];

/// The step of `migrations/0011_continues.sql`, skipped when its column is there already, so
/// it is idempotent like step 9.
fn continues(conn: &Connection) -> Result<()> {
    const WHAT: &str = "cannot migrate to schema version 11";
    let done: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('projects') WHERE name = 'continues_id'",
            [],
            |r| r.get(0),
        )
        .context(WHAT)?;
    if !done {
        conn.execute_batch(include_str!("../../migrations/0011_continues.sql"))
            .context(WHAT)?;
    }
    Ok(())
}

/// Step 9: the SQL of `migrations/0009_publications.sql`, skipped when it is there already
/// (the batch runs in one transaction, so its first column there means all of it), so the
/// step is idempotent like step 7: a database whose version number was set back takes it
/// again unharmed.
fn publications(conn: &Connection) -> Result<()> {
    const WHAT: &str = "cannot migrate to schema version 9";
    let done: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('people') WHERE name = 'consent_to_name'",
            [],
            |r| r.get(0),
        )
        .context(WHAT)?;
    if !done {
        conn.execute_batch(include_str!("../../migrations/0009_publications.sql"))
            .context(WHAT)?;
    }
    Ok(())
}

/// Step 6: the column and index of `migrations/0006_next_review_due.sql`, then every
/// project's date worked out by the rule the service layer writes it with (the one place
/// `db` calls into `service`: the rule is not SQL). Should a later step change what that
/// rule reads, this step must keep a copy of today's version.
fn next_review_due(conn: &Connection) -> Result<()> {
    conn.execute_batch(include_str!("../../migrations/0006_next_review_due.sql"))
        .context("cannot migrate to schema version 6")?;
    crate::service::review::refresh_all(conn)?;
    Ok(())
}

impl Migration {
    /// Runs the step that makes schema version `to`.
    pub(super) fn run(&self, conn: &Connection, to: usize) -> Result<()> {
        match self {
            Migration::Sql(sql) => conn
                .execute_batch(sql)
                .map_err(|e| from_sqlite(&format!("cannot migrate to schema version {to}"), e)),
            Migration::Code(step) | Migration::Rebuild(step) => step(conn),
        }
    }

    /// Runs the step outside a migration's transaction, as tests take the steps one by one:
    /// with foreign keys off for a step that makes tables again.
    #[cfg(test)]
    pub(crate) fn run_alone(&self, conn: &Connection, to: usize) -> Result<()> {
        if self.rebuilds() {
            foreign_keys(conn, false)?;
        }
        let done = self.run(conn, to);
        if self.rebuilds() {
            foreign_keys(conn, true)?;
        }
        done
    }

    /// Whether the step must run with foreign keys off.
    pub(super) fn rebuilds(&self) -> bool {
        matches!(self, Migration::Rebuild(_))
    }
}

/// Turns foreign keys off or on. Outside a transaction only: inside one SQLite ignores it.
pub(super) fn foreign_keys(conn: &Connection, on: bool) -> Result<()> {
    let value = if on { "ON" } else { "OFF" };
    conn.execute_batch(&format!("PRAGMA foreign_keys = {value};"))
        .context("cannot migrate the database")
}
