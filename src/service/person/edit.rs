//! Editing a person's record, with every change logged as old and new values.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value as Json;

use super::{
    ENTITY, UNLOGGED, check_consent, check_unique, check_withdrawal, clean_name, get, resolve,
};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{Person, PersonKind, Role, StudyLevel, parse_email};
use crate::service::changes::{self, Action};
use crate::service::clean_text;

/// Changes to a person. `None` leaves a field alone; `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub kind: Option<PersonKind>,
    pub department: Option<Option<String>>,
    pub level: Option<Option<StudyLevel>>,
    pub consent_given: Option<Option<NaiveDate>>,
    pub consent_expires: Option<Option<NaiveDate>>,
    pub consent_withdrawn: Option<Option<NaiveDate>>,
    pub notes: Option<Option<String>>,
    /// The day they consented to be named on a public page; `Some(None)` withdraws it.
    pub consent_to_name: Option<Option<NaiveDate>>,
}

impl PersonPatch {
    /// Whether the patch changes nothing at all.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.email.is_none()
            && self.kind.is_none()
            && self.department.is_none()
            && self.level.is_none()
            && self.consent_given.is_none()
            && self.consent_expires.is_none()
            && self.consent_withdrawn.is_none()
            && self.notes.is_none()
            && self.consent_to_name.is_none()
    }
}

/// Applies `patch` to the person `key` names; returns them with the fields that changed.
///
/// Errors: as [`resolve`] and [`add`](super::add); `Invalid` for a forgotten person.
pub fn edit(
    conn: &mut Connection,
    key: &str,
    patch: PersonPatch,
    today: NaiveDate,
) -> Result<(Person, Vec<String>)> {
    let tx = begin_write(conn)?;
    let old = resolve(&tx, key)?;
    let (person, changed) = apply(&tx, old, patch, today)?;
    tx.commit().context("cannot save the person")?;
    Ok((person, changed))
}

/// Applies `patch` to `old` inside the caller's write transaction (for imports): the rules of
/// [`edit`]. Nothing is written when nothing changes.
///
/// Errors: as [`edit`].
pub(crate) fn apply(
    tx: &Connection,
    old: Person,
    patch: PersonPatch,
    today: NaiveDate,
) -> Result<(Person, Vec<String>)> {
    if old.erased_on.is_some() {
        return Err(Error::Invalid(format!(
            "{} was forgotten on {}; a forgotten record cannot be edited",
            old.name,
            old.erased_on.map(|d| d.to_string()).unwrap_or_default()
        )));
    }
    let mut p = old.clone();
    if let Some(n) = &patch.name {
        p.name = clean_name(n)?;
    }
    if let Some(e) = &patch.email {
        p.email = e
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(parse_email)
            .transpose()?;
    }
    if let Some(k) = patch.kind {
        p.kind = k;
    }
    if let Some(d) = &patch.department {
        p.department = clean_text("department", d.as_deref())?;
    }
    if let Some(l) = patch.level {
        p.level = l;
    }
    if let Some(d) = patch.consent_given {
        p.consent_given = d;
    }
    if let Some(d) = patch.consent_expires {
        p.consent_expires = d;
    }
    if let Some(d) = patch.consent_withdrawn {
        p.consent_withdrawn = d;
    }
    if let Some(n) = &patch.notes {
        p.notes = clean_text("notes", n.as_deref())?;
    }
    if let Some(d) = patch.consent_to_name {
        if let Some(d) = d.filter(|d| *d > today) {
            return Err(Error::Invalid(format!(
                "consent to be named is recorded when it is given: {d} is after today ({today})"
            )));
        }
        p.consent_to_name = d;
    }
    check_consent(&p, today)?;
    check_withdrawal(&p, today)?;
    check_unique(tx, &p, Some(p.id))?;
    if p.kind != old.kind {
        // Their roles must still suit them, by the one table of role rules.
        let roles: Vec<(Role, String)> = rows(
            tx,
            "cannot read the person's roles",
            "SELECT pp.role, pr.code FROM project_partners pp
             JOIN projects pr ON pr.id = pp.project_id
             WHERE pp.person_id = ?1 ORDER BY pp.id",
            [p.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some((role, code)) = roles.iter().find(|(r, _)| !r.suits(p.kind)) {
            return Err(Error::Conflict(format!(
                "{} is {role} on {code}, a role for {}, not {}; change the role first",
                p.name,
                role.for_whom(),
                p.kind.people()
            )));
        }
        if p.kind == PersonKind::Student {
            let led: Option<String> = tx
                .query_row(
                    "SELECT code FROM projects WHERE lead_id = ?1 LIMIT 1",
                    [p.id],
                    |r| r.get(0),
                )
                .optional()
                .context("cannot read the projects they lead")?;
            if let Some(code) = led {
                return Err(Error::Conflict(format!(
                    "{} leads {code}, and a student cannot be a project's staff lead; give it another lead first",
                    p.name
                )));
            }
        }
    }
    let fields = changes::diff(
        &changes::snapshot(&old, UNLOGGED),
        &changes::snapshot(&p, UNLOGGED),
        UNLOGGED,
    );
    if fields.is_empty() {
        return Ok((old, Vec::new()));
    }
    tx.execute(
        "UPDATE people SET name = ?2, email = ?3, kind = ?4, department = ?5, level = ?6,
            consent_given = ?7, consent_expires = ?8, consent_withdrawn = ?9, notes = ?10,
            consent_to_name = ?11, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![
            p.id,
            p.name,
            p.email,
            p.kind,
            p.department,
            p.level,
            p.consent_given,
            p.consent_expires,
            p.consent_withdrawn,
            p.notes,
            p.consent_to_name
        ],
    )
    .context("cannot save the person")?;
    let changed: Vec<String> = fields.keys().cloned().collect();
    changes::record(tx, ENTITY, p.id, Action::Update, &Json::Object(fields))?;
    let person = get(tx, p.id)?;
    Ok((person, changed))
}
