//! People from a file: each row checked as `spm person add` checks it, matched on email (or,
//! with no email, on name and kind, the pair `add` already refuses twice).
//!
//! New people are checked as they are read and written 64 at a time by the person service's
//! [`Batch`], which `spm person add` writes through too (one at a time), so the import has no
//! INSERT of its own. The change log says which file and line each person came from
//! (`changes::origin_fields`), not a copy of their values: the values are in the record,
//! every later change is logged with its old value, and forgetting has less to scrub.
//!
//! Two rows about the same person are found through the database's indexes, not a map of
//! every row read, so memory stays flat however long the file is: a person this import added
//! has an id from [`Batch`]'s first one on, and their row's line is in their change-log entry.
//! Only rows about people registered before the import are remembered (their id and line),
//! and rows refused, up to [`MAX_REFUSED`], since neither leaves a trace in the database.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::columns::{Field, date, parsed, text};
use super::read::Problem;
use super::{Importer, RowError, Summary, Values};
use crate::error::{Context, Result};
use crate::model::text::quoted;
use crate::model::{PersonKind, StudyLevel, parse_email};
use crate::service::changes;
use crate::service::person::{self as svc, Batch, Found, NewPerson, PersonPatch};

const NAME: usize = 0;
const EMAIL: usize = 1;
const KIND: usize = 2;
const DEPARTMENT: usize = 3;
const LEVEL: usize = 4;
const CONSENT: usize = 5;
const EXPIRES: usize = 6;
const WITHDRAWN: usize = 7;
const FORGOTTEN: usize = 8;
const NOTES: usize = 9;

const fn field(key: &'static str, aliases: &'static [&'static str], required: bool) -> Field {
    Field {
        key,
        aliases,
        required,
    }
}

/// The columns of `spm person list --format csv` (but `id`, which is ignored), and notes.
pub(super) const FIELDS: &[Field] = &[
    field("name", &["fullname", "personname"], true),
    field("email", &["emailaddress", "mail"], false),
    field("kind", &["type", "persontype"], true),
    field(
        "department",
        &["dept", "school", "faculty", "service"],
        false,
    ),
    field("level", &["studylevel", "levelofstudy"], false),
    field("consent_given", &["consent", "consentdate"], false),
    field("consent_expires", &["consentexpiry", "consentends"], false),
    field("consent_withdrawn", &["withdrawn"], false),
    // "forgotten" is the header `person list` writes now, "erased" the one it wrote before.
    field("erased_on", &["forgotten", "erased"], false),
    field("notes", &["note", "comments"], false),
];

/// The values of one row.
#[derive(Debug, Default)]
struct Draft {
    name: Option<String>,
    email: Option<String>,
    kind: Option<PersonKind>,
    department: Option<String>,
    level: Option<StudyLevel>,
    consent: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    withdrawn: Option<NaiveDate>,
    forgotten: Option<NaiveDate>,
    notes: Option<String>,
}

fn draft(v: &Values<'_>, problems: &mut Vec<Problem>) -> Draft {
    Draft {
        name: v.read(NAME, problems, text),
        email: v.read(EMAIL, problems, |c| match text(c)? {
            Some(t) => parse_email(&t).map(Some).map_err(|e| e.to_string()),
            None => Ok(None),
        }),
        kind: v.read(KIND, problems, parsed),
        department: v.read(DEPARTMENT, problems, text),
        level: v.read(LEVEL, problems, parsed),
        consent: v.read(CONSENT, problems, date),
        expires: v.read(EXPIRES, problems, date),
        withdrawn: v.read(WITHDRAWN, problems, date),
        forgotten: v.read(FORGOTTEN, problems, date),
        notes: v.read(NOTES, problems, text),
    }
}

/// Rows refused (and so never written) whose person is remembered, so that a later row about
/// them is still reported as a repeat: beyond this many, memory stays flat and a repeat of
/// a refused row shows only its own problems (the file has thousands of errors by then).
const MAX_REFUSED: usize = 4096;

/// Importing people: the state kept from row to row.
pub(super) struct People {
    update: bool,
    today: NaiveDate,
    /// The change-log entry of a person added: the file and line they came from.
    origin: changes::Origin,
    /// New people, checked and waiting to be written.
    batch: Batch,
    /// People registered before the import that a row of the file matched, with its line.
    matched: HashMap<i64, u32>,
    /// Rows refused about someone not registered, by email (ASCII lower case) or else name and
    /// kind, with their line: at most [`MAX_REFUSED`].
    refused: HashMap<String, u32>,
    pub(super) summary: Summary,
}

impl People {
    /// An import of the file `file` (as the change log names it); `update` overwrites the
    /// people registered already with the file's values.
    pub(super) fn new(update: bool, today: NaiveDate, file: &str) -> Self {
        People {
            update,
            today,
            origin: changes::Origin::new(file),
            batch: Batch::new(),
            matched: HashMap::new(),
            refused: HashMap::new(),
            summary: Summary::default(),
        }
    }

    /// The line of an earlier row of the file about the person a row with `key` is about
    /// (`found`, when registered): the row that added them, or that matched them, or that
    /// was refused.
    fn earlier(&self, tx: &Connection, found: Option<Found>, key: &str) -> Result<Option<u64>> {
        Ok(match found {
            Some(f) if f.added => Some(added_on(tx, f.id)?),
            Some(f) => self.matched.get(&f.id).map(|l| u64::from(*l)),
            None if self.refused.is_empty() => None,
            None => self.refused.get(key).map(|l| u64::from(*l)),
        })
    }

    /// Remembers a row about `found` (or, when nobody is registered, refused with `key`), so
    /// that a later row about the same person is reported as a repeat.
    fn remember(&mut self, found: Option<Found>, key: Option<String>, line: u64) {
        match (found, key) {
            (Some(f), _) if !f.added => {
                self.matched.entry(f.id).or_insert(line32(line));
            }
            (None, Some(key)) if self.refused.len() < MAX_REFUSED => {
                self.refused.entry(key).or_insert(line32(line));
            }
            _ => {}
        }
    }
}

/// The line a person this import added came from, as their change-log entry says (the
/// import writes one for each; 0 if it were missing).
fn added_on(tx: &Connection, id: i64) -> Result<u64> {
    let line: Option<i64> = tx
        .prepare_cached(
            "SELECT json_extract(fields, '$.line') FROM changes
             WHERE entity = 'person' AND entity_id = ?1 AND action = 'insert'",
        )
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .context("cannot read the change log")?
        .flatten();
    Ok(line.and_then(|l| u64::try_from(l).ok()).unwrap_or(0))
}

/// A line number kept in 4 bytes (a file of over four billion lines shows the last one).
fn line32(line: u64) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// What tells a person apart when nobody registered is found: their email, or their name
/// and kind (ASCII case folded, as the database compares them).
fn key_of(d: &Draft, name: &str, kind: PersonKind) -> String {
    match &d.email {
        Some(e) => e.to_ascii_lowercase(),
        None => format!("{}\u{1f}{kind}", name.to_ascii_lowercase()),
    }
}

impl Importer for People {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn count(&mut self) {
        self.summary.rows += 1;
    }

    fn finish(&mut self, tx: &Connection) -> Result<()> {
        self.batch.flush(tx)
    }

    fn row(&mut self, tx: &Connection, v: &Values<'_>) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        let d = draft(v, &mut problems);
        if d.forgotten.is_some() {
            // A forgotten record holds nothing to bring back; importing it would make a stranger.
            self.summary.skipped += 1;
            return Ok(());
        }
        let name = match &d.name {
            Some(n) => n.clone(),
            None => {
                problems.push(v.problem(NAME, "a person needs a name"));
                String::new()
            }
        };
        let kind = match d.kind {
            Some(k) => k,
            None => {
                if v.get(KIND)
                    .is_some_and(|(_, c)| text(c).ok().flatten().is_none())
                {
                    problems.push(v.problem(
                        KIND,
                        format!(
                            "the kind is empty; one of: {}",
                            PersonKind::NAMES.join(", ")
                        ),
                    ));
                }
                PersonKind::Student
            }
        };
        let known = !name.is_empty() || d.email.is_some();
        let found = if known {
            self.batch
                .find(tx, &name, kind, d.email.as_deref())
                .map_err(RowError::Fatal)?
        } else {
            None
        };
        // The key is needed only to remember or look up a refused row.
        let key = (known && found.is_none()).then(|| key_of(&d, &name, kind));
        if known {
            let first = self
                .earlier(tx, found, key.as_deref().unwrap_or_default())
                .map_err(RowError::Fatal)?;
            if let Some(first) = first {
                let by_email = found.map_or(d.email.is_some(), |f| f.by_email);
                let (i, what) = match (&d.email, by_email) {
                    (Some(e), true) => (EMAIL, e.clone()),
                    _ => (NAME, format!("{} ({kind}, no email)", quoted(&name))),
                };
                problems.push(v.problem(
                    i,
                    format!("{what} is on line {first} already; give each person one row"),
                ));
            }
        }
        if !problems.is_empty() {
            self.remember(found, key, v.line);
            return Err(RowError::Problems(problems));
        }
        let service = |e| RowError::from_service(v, None, e);
        if let Some(found) = found {
            self.remember(Some(found), None, v.line);
            if !self.update {
                self.summary.kept += 1;
                return Ok(());
            }
            // An update is written now: the people read before it first, in file order.
            self.batch.flush(tx).map_err(RowError::Fatal)?;
            let patch = PersonPatch {
                name: v.has(NAME).then_some(name),
                email: d.email.is_some().then(|| d.email.clone()),
                kind: Some(kind),
                department: v.has(DEPARTMENT).then_some(d.department),
                level: v.has(LEVEL).then_some(d.level),
                consent_given: v.has(CONSENT).then_some(d.consent),
                consent_expires: v.has(EXPIRES).then_some(d.expires),
                consent_withdrawn: v.has(WITHDRAWN).then_some(d.withdrawn),
                notes: v.has(NOTES).then_some(d.notes),
                // Consent to be named is given with `person edit` alone, never by a file.
                consent_to_name: None,
            };
            let old = svc::get(tx, found.id).map_err(service)?;
            let (_, changed) = svc::apply_patch(tx, old, patch, self.today).map_err(service)?;
            if changed.is_empty() {
                self.summary.unchanged += 1;
            } else {
                self.summary.updated += 1;
            }
            return Ok(());
        }
        let new = NewPerson {
            name,
            email: d.email,
            kind,
            department: d.department,
            level: d.level,
            consent_given: d.consent,
            consent_expires: d.expires,
            notes: d.notes,
        };
        let logged = self.origin.fields(v.line);
        if let Err(e) = self.batch.push(tx, new, d.withdrawn, self.today, logged) {
            self.remember(None, key, v.line);
            return Err(service(e));
        }
        self.summary.added += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
