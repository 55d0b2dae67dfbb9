//! The one writer of new rows of `project_partners` and `contributions`: `spm project
//! partner add`, `spm project partner log` (with corrections and reversals) and `spm dev
//! generate` write through here. What is written has been checked by the caller.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::db::Prepared;
use crate::error::{Context, Result};
use crate::model::{Contribution, Role};

/// A partner's row as it is stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartnerRow<'a> {
    pub project_id: i64,
    pub person_id: i64,
    pub role: Role,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub skills: Option<&'a str>,
    /// When it was written (`created_at` and `updated_at`); `None`: now.
    pub at: Option<&'a str>,
}

/// The prepared inserts of partners and their contributions, each prepared on first use and
/// kept for the writer's life.
pub(crate) struct Writer<'c> {
    partner: Prepared<'c>,
    contribution: Prepared<'c>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(tx: &'c Connection) -> Self {
        Writer {
            partner: Prepared::new(
                tx,
                "INSERT INTO project_partners (project_id, person_id, role, from_date, to_date,
                    skills, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                    coalesce(?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                    coalesce(?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
            contribution: Prepared::new(
                tx,
                "INSERT INTO contributions (partner_id, on_date, to_date, minutes, paid_pence,
                    recognition, note, replaces_id, reversal, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,
                    coalesce(?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
            ),
        }
    }

    /// Writes a partner's row; returns its id.
    ///
    /// Errors: `Database` when the write fails (the same person in the same role twice
    /// among them: callers check first).
    pub(crate) fn partner(&mut self, r: &PartnerRow<'_>) -> Result<i64> {
        self.partner
            .get()
            .and_then(|s| {
                s.insert(params![
                    r.project_id,
                    r.person_id,
                    r.role,
                    r.from,
                    r.to,
                    r.skills,
                    r.at
                ])
            })
            .context("cannot save the partner")
    }

    /// Writes an entry for the partner row `partner_id`, written at `at` (a timestamp) or
    /// now; returns it with its id.
    ///
    /// Errors: `Database` when the write fails.
    pub(crate) fn contribution(
        &mut self,
        partner_id: i64,
        entry: Contribution,
        at: Option<&str>,
    ) -> Result<Contribution> {
        let id = self
            .contribution
            .get()
            .and_then(|s| {
                s.insert(params![
                    partner_id,
                    entry.on,
                    entry.to,
                    entry.minutes,
                    entry.paid_pence,
                    entry.recognition,
                    entry.note,
                    entry.replaces,
                    entry.reversal,
                    entry.reason,
                    at
                ])
            })
            .context("cannot save the contribution")?;
        Ok(Contribution { id, ..entry })
    }
}
