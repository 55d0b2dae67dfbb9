//! People from a file: each row checked as `spm person add` checks it, matched on email (or,
//! with no email, on name and kind, the pair `add` already refuses twice).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::columns::{Field, date, parsed, text};
use super::read::Problem;
use super::{Importer, RowError, Summary, Values};
use crate::error::{Context, Result};
use crate::model::text::quoted;
use crate::model::{PersonKind, StudyLevel, parse_email};
use crate::service::person::{self as svc, NewPerson, PersonPatch};

const NAME: usize = 0;
const EMAIL: usize = 1;
const KIND: usize = 2;
const DEPARTMENT: usize = 3;
const LEVEL: usize = 4;
const CONSENT: usize = 5;
const EXPIRES: usize = 6;
const WITHDRAWN: usize = 7;
const ERASED: usize = 8;
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
    field("erased_on", &["erased"], false),
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
    erased: Option<NaiveDate>,
    notes: Option<String>,
}

/// Importing people: the state kept from row to row.
pub(super) struct People {
    update: bool,
    today: NaiveDate,
    /// Emails (lower case), or name and kind for people without one, with their line.
    seen: HashMap<String, u64>,
    pub(super) summary: Summary,
}

impl People {
    pub(super) fn new(update: bool, today: NaiveDate) -> Self {
        People {
            update,
            today,
            seen: HashMap::new(),
            summary: Summary::default(),
        }
    }
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
        erased: v.read(ERASED, problems, date),
        notes: v.read(NOTES, problems, text),
    }
}

/// Someone registered with a name and kind and no email.
const SAME_NAME: &str = "SELECT id FROM people WHERE name = ?1 COLLATE NOCASE AND kind = ?2
    AND email IS NULL AND erased_on IS NULL LIMIT 1";

/// The id of the person the row is about, if they are registered.
fn existing(tx: &Connection, d: &Draft, kind: PersonKind, name: &str) -> Result<Option<i64>> {
    if let Some(email) = &d.email {
        let found = tx
            .prepare_cached("SELECT id FROM people WHERE email = ?1")
            .and_then(|mut s| s.query_row([email], |r| r.get(0)).optional())
            .context("cannot check emails")?;
        if found.is_some() {
            return Ok(found);
        }
    }
    // Someone of that name and kind with no email (a lead registered by a project import, say)
    // is the same person: `add` refuses them twice, so there is one at most. (With `ORDER BY`
    // or `min(id)`, SQLite prepares the statement again for every new name: a third of the
    // time of an import.)
    tx.prepare_cached(SAME_NAME)
        .and_then(|mut s| {
            s.query_row(params![name.trim(), kind], |r| r.get(0))
                .optional()
        })
        .context("cannot check names")
}

impl Importer for People {
    fn fields(&self) -> &'static [Field] {
        FIELDS
    }

    fn count(&mut self) {
        self.summary.rows += 1;
    }

    fn row(&mut self, tx: &Connection, v: &Values<'_>) -> std::result::Result<(), RowError> {
        let mut problems = Vec::new();
        let d = draft(v, &mut problems);
        if d.erased.is_some() {
            // An erased record holds nothing to bring back; importing it would make a stranger.
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
        let key = match &d.email {
            Some(e) => e.to_lowercase(),
            None => format!("{}\u{1f}{kind}", name.to_lowercase()),
        };
        if !name.is_empty() || d.email.is_some() {
            if let Some(first) = self.seen.get(&key) {
                let (i, what) = match &d.email {
                    Some(e) => (EMAIL, e.clone()),
                    None => (NAME, format!("{} ({kind}, no email)", quoted(&name))),
                };
                problems.push(v.problem(
                    i,
                    format!("{what} is on line {first} already; give each person one row"),
                ));
            } else {
                self.seen.insert(key, v.line);
            }
        }
        if !problems.is_empty() {
            return Err(RowError::Problems(problems));
        }
        let service = |e| RowError::from_service(v, None, e);
        if let Some(id) = existing(tx, &d, kind, &name).map_err(RowError::Fatal)? {
            if !self.update {
                self.summary.kept += 1;
                return Ok(());
            }
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
            };
            let old = svc::get(tx, id).map_err(service)?;
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
        let person = svc::insert(tx, new, self.today).map_err(service)?;
        if let Some(w) = d.withdrawn {
            let patch = PersonPatch {
                consent_withdrawn: Some(Some(w)),
                ..Default::default()
            };
            svc::apply_patch(tx, person, patch, self.today).map_err(service)?;
        }
        self.summary.added += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::open_in_memory;

    #[test]
    fn looking_people_up_does_not_prepare_the_statement_again() -> anyhow::Result<()> {
        let conn = open_in_memory()?;
        for i in 0..5 {
            let d = Draft {
                email: Some(format!("p{i}@example.ac.uk")),
                ..Draft::default()
            };
            assert_eq!(
                existing(&conn, &d, PersonKind::Student, &format!("P {i}"))?,
                None
            );
        }
        for sql in [SAME_NAME, "SELECT id FROM people WHERE email = ?1"] {
            let stmt = conn.prepare_cached(sql)?;
            assert_eq!(
                stmt.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "{sql}"
            );
        }
        Ok(())
    }
}
