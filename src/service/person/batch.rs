//! Registering many people at once (`spm person import`): a [`Batch`] holds up to [`CHUNK`]
//! people checked and waiting, and writes them with one multi-row INSERT into `people` and
//! one into `changes`, through the same [`register`](super::register) functions as
//! [`insert`](super::insert); and it finds who a record is about, seeing the people waiting.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::NewPerson;
use super::register::{Ready, check, draft, write};
use crate::db::CHUNK;
use crate::error::{Context, Result};
use crate::model::PersonKind;

/// A registered person a record is about, as [`Batch::find`] finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub id: i64,
    /// Found by email (else by name and kind, having no email).
    pub by_email: bool,
    /// Registered by this batch.
    pub added: bool,
}

/// People registered together inside the caller's write transaction (`spm person import`):
/// each checked as [`insert`](super::insert) checks it when it is pushed, and written with
/// the next [`CHUNK`]. Every look-up made through the batch sees the people waiting: when one
/// of them could answer it, they are written first, so every check gives the answer that
/// writing each person as it came would give. Call [`Batch::flush`] before writing anything
/// else, and at the end.
pub(crate) struct Batch {
    ready: Vec<Ready>,
    /// The id the first person this batch registers gets (AUTOINCREMENT numbers on from the
    /// highest id ever given); read with the first look-up.
    base: Option<i64>,
    /// The last look-up, when it found nobody.
    vacant: Option<Vacant>,
    /// How many people have no email (an estimate, from above: counted once, then the ones
    /// this batch adds), which decides how people without an email are looked up.
    without_email: Option<usize>,
}

/// A look-up by [`Batch::find`] that found nobody: who it was for, and the database's count
/// of rows changed then, so that it is trusted only while nothing has been written since.
#[derive(Debug)]
struct Vacant {
    name: String,
    kind: PersonKind,
    email: Option<String>,
    changes: u64,
}

impl Batch {
    /// An empty batch.
    pub(crate) fn new() -> Batch {
        Batch {
            ready: Vec::with_capacity(CHUNK),
            base: None,
            vacant: None,
            without_email: None,
        }
    }

    /// Writes the waiting people if one of them could answer a look-up of `name`, `kind` and
    /// `email`: one with that email, or that name and kind where either has no email (the
    /// look-ups of [`Batch::find`] and `check_unique`). Names and emails are compared with
    /// ASCII case folded, as the database's NOCASE compares them.
    fn settle(
        &mut self,
        tx: &Connection,
        name: &str,
        kind: PersonKind,
        email: Option<&str>,
    ) -> Result<()> {
        let clash = self.ready.iter().any(|r| {
            let p = &r.person;
            let same_email =
                matches!((email, &p.email), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
            same_email
                || (p.kind == kind
                    && (email.is_none() || p.email.is_none())
                    && p.name.eq_ignore_ascii_case(name.trim()))
        });
        if clash { self.flush(tx) } else { Ok(()) }
    }

    /// The registered person a record with this `name`, `kind` and `email` is about: the one
    /// with the email, else the one of that name and kind who has no email (whom `spm person
    /// add` refuses to register twice). The people waiting are written first if one of them
    /// could be the one.
    ///
    /// Errors: `Database` when a look-up fails.
    pub(crate) fn find(
        &mut self,
        tx: &Connection,
        name: &str,
        kind: PersonKind,
        email: Option<&str>,
    ) -> Result<Option<Found>> {
        self.settle(tx, name, kind, email)?;
        let base = self.base(tx)?;
        let found = |id: i64, by_email| Found {
            id,
            by_email,
            added: id >= base,
        };
        // One statement for both look-ups: the email first, then the name (SQLite stops at
        // the first row). Two statements cost a run of a statement more for each row (see
        // benches/README.md).
        let who = if self.without_email(tx)? <= FEW_WITHOUT_EMAIL {
            WHO
        } else {
            WHO_BY_NAME
        };
        let row: Option<(i64, bool)> = tx
            .prepare_cached(who)
            .and_then(|mut s| {
                s.query_row(rusqlite::params![name.trim(), kind, email], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .context("cannot check emails and names")?;
        if let Some((id, by_email)) = row {
            self.vacant = None;
            return Ok(Some(found(id, by_email)));
        }
        // What was just looked up need not be looked up again by `push`.
        self.vacant = Some(Vacant {
            name: name.trim().to_string(),
            kind,
            email: email.map(str::to_string),
            changes: tx.total_changes(),
        });
        Ok(None)
    }

    /// Checks a new person as [`insert`](super::insert) does (consent withdrawn on
    /// `withdrawn`, checked as `spm person edit` checks it) and queues them, to be written
    /// with the next chunk and logged with `fields` (JSON text).
    ///
    /// Errors: as [`insert`](super::insert), and as `edit` for the withdrawal; `Database`
    /// when writing the chunk fails.
    pub(crate) fn push(
        &mut self,
        tx: &Connection,
        new: NewPerson,
        withdrawn: Option<NaiveDate>,
        today: NaiveDate,
        fields: String,
    ) -> Result<()> {
        // Read before anything is written, so it tells apart the people written from here.
        self.base(tx)?;
        let person = draft(new, withdrawn)?;
        self.settle(tx, &person.name, person.kind, person.email.as_deref())?;
        let vacant = self.vacant.take().is_some_and(|v| {
            v.changes == tx.total_changes()
                && v.kind == person.kind
                && v.name == person.name
                && v.email == person.email
        });
        check(tx, &person, today, vacant)?;
        self.ready.push(Ready {
            person,
            fields: Some(fields),
        });
        if self.ready.len() >= CHUNK {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Writes the people waiting, in the order they were pushed.
    ///
    /// Errors: as [`write()`].
    pub(crate) fn flush(&mut self, tx: &Connection) -> Result<()> {
        if !self.ready.is_empty() {
            write(tx, &self.ready)?;
            if let Some(n) = &mut self.without_email {
                *n += self
                    .ready
                    .iter()
                    .filter(|r| r.person.email.is_none())
                    .count();
            }
            // The buffer is kept for the next chunk.
            self.ready.clear();
        }
        Ok(())
    }

    /// How many people have no email (the forgotten among them: [`WHO`] reads them too),
    /// counted with the first look-up; see [`FEW_WITHOUT_EMAIL`].
    fn without_email(&mut self, tx: &Connection) -> Result<usize> {
        if let Some(n) = self.without_email {
            return Ok(n);
        }
        let n: i64 = tx
            .query_row("SELECT count(*) FROM people WHERE email IS NULL", [], |r| {
                r.get(0)
            })
            .context("cannot count the people without an email")?;
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        self.without_email = Some(n);
        Ok(n)
    }

    /// The id the first person this batch registers gets: one more than the highest id
    /// AUTOINCREMENT has given, which no one registered before can have had.
    fn base(&mut self, tx: &Connection) -> Result<i64> {
        if let Some(base) = self.base {
            return Ok(base);
        }
        let given: Option<i64> = tx
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'people'",
                [],
                |r| r.get(0),
            )
            .optional()
            .context("cannot read the people's numbering")?;
        let base = given.unwrap_or(0) + 1;
        self.base = Some(base);
        Ok(base)
    }
}

/// Up to how many people without an email [`WHO`] looks someone up among; beyond, it is
/// [`WHO_BY_NAME`]. SQLite takes `email IS NULL` for a search of the unique index on emails
/// (one row, it assumes) and reads every person without an email to find a name: nothing
/// when everybody has one, but as many rows as a file adds people without an email, for
/// every row, so the time grows with the square of them (see benches/README.md). Through the
/// index on names it reads everyone of the same name instead: cheap for real names, but 40
/// rows a look-up where a few names are shared by many, as in the benchmark's generated
/// people.
const FEW_WITHOUT_EMAIL: usize = 64;

/// The person with the email `?3`, else someone registered with the name `?1` and kind `?2`
/// and no email (`add` refuses a second, so there is one at most), and whether they were
/// found by email. (With `ORDER BY` or `min(id)`, SQLite prepares the statement again for
/// every new name, a large part of an import's time: see benches/README.md.)
pub(super) const WHO: &str = "SELECT id, 1 FROM people WHERE email = ?3
    UNION ALL SELECT * FROM (SELECT id, 0 FROM people WHERE name = ?1 COLLATE NOCASE
        AND kind = ?2 AND email IS NULL AND erased_on IS NULL LIMIT 1)
    LIMIT 1";

/// [`WHO`] through the index on names.
pub(super) const WHO_BY_NAME: &str = "SELECT id, 1 FROM people WHERE email = ?3
    UNION ALL SELECT * FROM (SELECT id, 0 FROM people INDEXED BY people_name
        WHERE name = ?1 COLLATE NOCASE AND kind = ?2 AND email IS NULL AND erased_on IS NULL
        LIMIT 1)
    LIMIT 1";

#[cfg(test)]
mod tests;
