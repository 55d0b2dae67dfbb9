//! The one writer of new rows of `fund_applications` and `fund_spend`: `spm fund apply`,
//! `spm fund spend` and `spm dev generate` write through here. What is written has been
//! checked by the caller.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::db::Prepared;
use crate::error::{Context, Result};

/// An application's row as it is stored: a new one has no decision yet (`spm fund decide`
/// records it); a generated one may come decided.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ApplicationRow<'a> {
    pub project_id: i64,
    pub theme: &'a str,
    pub requested_pence: i64,
    pub applied_on: NaiveDate,
    /// `awarded` or `rejected`, with the amount awarded and the day of the decision.
    pub decision: Option<&'a str>,
    pub awarded_pence: Option<i64>,
    pub decided_on: Option<NaiveDate>,
    /// When it was written (`created_at` and `updated_at`); `None`: now.
    pub at: Option<&'a str>,
}

/// The prepared inserts of applications and their spend, each prepared on first use and
/// kept for the writer's life.
pub(crate) struct Writer<'c> {
    application: Prepared<'c>,
    spend: Prepared<'c>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: &'c Connection) -> Self {
        Writer {
            application: Prepared::new(
                tx,
                "INSERT INTO fund_applications (project_id, theme, requested_pence, applied_on,
                    decision, awarded_pence, decided_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                    coalesce(?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                    coalesce(?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
            spend: Prepared::new(
                tx,
                "INSERT INTO fund_spend (application_id, amount_pence, on_date, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, coalesce(?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
        }
    }

    /// Writes an application's row; returns its id.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn application(&mut self, r: &ApplicationRow<'_>) -> Result<i64> {
        self.application
            .get()
            .and_then(|s| {
                s.insert(params![
                    r.project_id,
                    r.theme,
                    r.requested_pence,
                    r.applied_on,
                    r.decision,
                    r.awarded_pence,
                    r.decided_on,
                    r.at
                ])
            })
            .context("cannot save the application")
    }

    /// Writes money spent from application `id`, written at `at` (a timestamp) or now.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn spend(
        &mut self,
        id: i64,
        amount_pence: i64,
        on: NaiveDate,
        note: &str,
        at: Option<&str>,
    ) -> Result<()> {
        self.spend
            .get()
            .and_then(|s| s.execute(params![id, amount_pence, on, note, at]))
            .context("cannot save the spend")?;
        Ok(())
    }
}
