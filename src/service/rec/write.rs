//! The one writer of new rows of `recommendations` and `recommendation_history`: `spm rec
//! add`, `spm rec update` and `spm dev generate` write through here. What is written has
//! been checked by the caller.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::db::Prepared;
use crate::error::{Context, Result};
use crate::model::RecStatus;

/// A recommendation's row as it is stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecRow<'a> {
    pub project_id: Option<i64>,
    pub session_id: Option<i64>,
    pub finding: &'a str,
    pub recommendation: &'a str,
    pub addressed_to: &'a str,
    pub owner_id: Option<i64>,
    pub due: Option<NaiveDate>,
    pub theme: Option<&'a str>,
    pub status: RecStatus,
    pub response: Option<&'a str>,
    pub raised_on: NaiveDate,
    pub communicated_on: Option<NaiveDate>,
    pub channel: Option<&'a str>,
    /// When it was written (`created_at` and `updated_at`); `None`: now.
    pub at: Option<&'a str>,
}

/// The prepared inserts of recommendations and their status history, each prepared on
/// first use and kept for the writer's life.
pub(crate) struct Writer<'c> {
    rec: Prepared<'c>,
    history: Prepared<'c>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: &'c Connection) -> Self {
        Writer {
            rec: Prepared::new(
                tx,
                "INSERT INTO recommendations (project_id, session_id, finding, recommendation,
                    addressed_to, owner_id, due, theme, status, response, raised_on,
                    communicated_on, channel, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                    coalesce(?14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                    coalesce(?14, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
            history: Prepared::new(
                tx,
                "INSERT INTO recommendation_history (recommendation_id, status, on_date,
                    response, created_at)
                 VALUES (?1, ?2, ?3, ?4, coalesce(?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
        }
    }

    /// Writes a recommendation's row; returns its id. Its history is [`Writer::history`]'s.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn rec(&mut self, r: &RecRow<'_>) -> Result<i64> {
        self.rec
            .get()
            .and_then(|s| {
                s.insert(params![
                    r.project_id,
                    r.session_id,
                    r.finding,
                    r.recommendation,
                    r.addressed_to,
                    r.owner_id,
                    r.due,
                    r.theme,
                    r.status,
                    r.response,
                    r.raised_on,
                    r.communicated_on,
                    r.channel,
                    r.at,
                ])
            })
            .context("cannot save the recommendation")
    }

    /// Appends a change of status (with the response given with it) to recommendation
    /// `id`'s history, written at `at` (a timestamp) or now.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn history(
        &mut self,
        id: i64,
        status: RecStatus,
        on: NaiveDate,
        response: Option<&str>,
        at: Option<&str>,
    ) -> Result<()> {
        self.history
            .get()
            .and_then(|s| s.execute(params![id, status, on, response, at]))
            .context("cannot save the status history")?;
        Ok(())
    }
}
