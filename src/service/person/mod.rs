//! People: registering them, finding them by id, email or name, listing and editing them.
//! Their part in projects is in `service::partner`; data-protection rights in `rights`.

mod batch;
mod edit;
mod export;
mod forget;
mod lead;
mod places;
mod register;
mod rights;
mod scrub;

pub use edit::{PersonPatch, edit};

pub(crate) use batch::{Batch, Found};
pub(crate) use register::{Ready, write};

pub(crate) use edit::apply as apply_patch;
pub use export::export;
pub use forget::{Cleanup, Forgotten, forget, forget_all};
pub(crate) use lead::{folded_names, unknown_name};
pub use lead::{lead, lead_by, similar};
pub use places::{By, OnForget, PLACES, Place};
pub use rights::{
    Candidate, RETENTION_YEARS, clear_characteristic, close_request, request, requests, retention,
    retention_candidates, set_characteristic, set_retention,
};
pub(crate) use rights::{insert_characteristic, insert_request};

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::text::quoted;
use crate::model::{Change, Person, PersonKind, StudyLevel, parse_email};
use crate::service::changes;
use crate::service::suggest::{self, Among};
use crate::service::{clean_text, like_pattern};

/// The entity name of people in the change log.
pub(crate) const ENTITY: &str = "person";
/// Fields that the change log leaves out (they change on their own).
const UNLOGGED: &[&str] = &["id", "created_at", "updated_at"];
/// The longest name.
const MAX_NAME: usize = 200;

/// A person to register. Text fields are trimmed; blank ones count as absent.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub name: String,
    pub email: Option<String>,
    pub kind: PersonKind,
    pub department: Option<String>,
    pub level: Option<StudyLevel>,
    pub consent_given: Option<NaiveDate>,
    pub consent_expires: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl NewPerson {
    /// A person with only a name and a kind.
    pub fn new(name: impl Into<String>, kind: PersonKind) -> Self {
        NewPerson {
            name: name.into(),
            email: None,
            kind,
            department: None,
            level: None,
            consent_given: None,
            consent_expires: None,
            notes: None,
        }
    }
}

/// Which people to list. Every filter given must match.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub kind: Option<PersonKind>,
    /// The department, whole, any case.
    pub department: Option<String>,
    /// Text in the name, email or department.
    pub search: Option<String>,
    /// Consent that expires on or before this day and has not expired yet.
    pub consent_expiring_by: Option<NaiveDate>,
    /// Consent that has expired or been withdrawn.
    pub consent_expired: bool,
}

const SELECT: &str = "SELECT id, name, email, kind, department, level, consent_given,
    consent_expires, consent_withdrawn, notes, erased_on, created_at, updated_at,
    consent_to_name FROM people";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        kind: r.get(3)?,
        department: r.get(4)?,
        level: r.get(5)?,
        consent_given: r.get(6)?,
        consent_expires: r.get(7)?,
        consent_withdrawn: r.get(8)?,
        notes: r.get(9)?,
        erased_on: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        consent_to_name: r.get(13)?,
    })
}

fn clean_name(name: &str) -> Result<String> {
    let name = clean_text("name", Some(name))?
        .ok_or_else(|| Error::Invalid("a person needs a name".into()))?;
    if name.contains('\n') || name.chars().count() > MAX_NAME {
        return Err(Error::Invalid(format!(
            "the name {} is not one line of up to {MAX_NAME} characters",
            quoted(&name)
        )));
    }
    if parse_email(&name).is_ok() {
        return Err(Error::Invalid(format!(
            "the name {} is an email address; give it with --email and the person's name as the name",
            quoted(&name)
        )));
    }
    if name.bytes().all(|b| b.is_ascii_digit() || b == b'#') {
        return Err(Error::Invalid(format!(
            "the name {} is only a number, which spm reads as an id; give the person's name",
            quoted(&name)
        )));
    }
    Ok(name)
}

/// Checks consent dates: given no later than today, expiring after it was given.
fn check_consent(p: &Person, today: NaiveDate) -> Result<()> {
    if let Some(given) = p.consent_given.filter(|g| *g > today) {
        return Err(Error::Invalid(format!(
            "consent is recorded when it is given: {given} is after today ({today})"
        )));
    }
    match (p.consent_given, p.consent_expires, p.consent_withdrawn) {
        (Some(g), Some(e), _) if e < g => Err(Error::Invalid(format!(
            "consent cannot expire ({e}) before it was given ({g})"
        ))),
        (Some(g), _, Some(w)) if w < g => Err(Error::Invalid(format!(
            "consent cannot be withdrawn ({w}) before it was given ({g})"
        ))),
        (None, Some(_), _) => Err(Error::Invalid(
            "an expiry date needs the date consent was given: add --consent DATE".into(),
        )),
        _ => Ok(()),
    }
}

/// Refuses consent withdrawn on a day still to come: a withdrawal is recorded when it happens.
fn check_withdrawal(p: &Person, today: NaiveDate) -> Result<()> {
    match p.consent_withdrawn.filter(|w| *w > today) {
        Some(w) => Err(Error::Invalid(format!(
            "consent is withdrawn on the day it happens: {w} is after today ({today})"
        ))),
        None => Ok(()),
    }
}

/// Refuses an email or a name that would make the same person twice.
fn check_unique(conn: &Connection, p: &Person, except: Option<i64>) -> Result<()> {
    check_email(conn, p, except)?;
    check_twin(conn, p, except)
}

/// Refuses an email that belongs to someone else (anyone but `except`).
fn check_email(conn: &Connection, p: &Person, except: Option<i64>) -> Result<()> {
    if let Some(email) = &p.email {
        let other = conn
            .prepare_cached(&format!("{SELECT} WHERE email = ?1 AND id IS NOT ?2"))
            .and_then(|mut s| s.query_row(params![email, except], from_row).optional())
            .context("cannot check emails")?;
        if let Some(o) = other {
            return Err(Error::Conflict(format!(
                "{email} already belongs to {}; change that record with \"spm person edit {}\"",
                o.label(),
                o.id
            )));
        }
    }
    Ok(())
}

/// Refuses a name and kind that someone else (anyone but `except`) has, where one of the two
/// has no email to tell them apart: the same person twice.
fn check_twin(conn: &Connection, p: &Person, except: Option<i64>) -> Result<()> {
    let twin = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE name = ?1 COLLATE NOCASE AND kind = ?2 AND id IS NOT ?3
             AND (email IS NULL OR ?4 IS NULL) AND erased_on IS NULL"
        ))
        .and_then(|mut s| {
            s.query_row(params![p.name, p.kind, except, p.email], from_row)
                .optional()
        })
        .context("cannot check names")?;
    match twin {
        // Someone new whose name is that of a record with no email (a project's lead,
        // registered by name alone): most likely the same person, whose record wants these
        // details rather than a second record.
        Some(o) if except.is_none() && o.email.is_none() => {
            let them = match edit_command(o.id, p) {
                Some(edit) => format!("add these details to their record with \"{edit}\""),
                None => format!("see \"spm person show {}\"", o.id),
            };
            Err(Error::Conflict(format!(
                "{} is already registered as {}{}, with no email; if that is them, {them}; if someone else, first give them their own email with \"spm person edit {} --email EMAIL\", then add this one with an --email",
                o.label(),
                o.kind,
                leads_of(conn, o.id)?,
                o.id
            )))
        }
        Some(o) => Err(Error::Conflict(format!(
            "a {} called {} is already registered: {}; give each an --email to tell them apart",
            o.kind,
            o.name,
            o.label()
        ))),
        None => Ok(()),
    }
}

/// ", the lead of mh-peer-2025" (up to three codes), or nothing for someone who leads no
/// project.
fn leads_of(conn: &Connection, id: i64) -> Result<String> {
    let codes: Vec<String> = rows(
        conn,
        "cannot read the projects they lead",
        "SELECT code FROM projects WHERE lead_id = ?1 ORDER BY code LIMIT 4",
        [id],
        |r| r.get(0),
    )?;
    Ok(match codes.len() {
        0 => String::new(),
        1..=3 => format!(", the staff lead of {}", codes.join(", ")),
        _ => format!(", the staff lead of {} and more", codes[..3].join(", ")),
    })
}

/// The `spm person edit` that gives person `id` the details `p` has; `None` when `p` has
/// none to give.
fn edit_command(id: i64, p: &Person) -> Option<String> {
    let mut words = vec![format!("spm person edit {id}")];
    let mut flag = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            words.push(format!("--{name} {}", shell_words::quote(&v)));
        }
    };
    flag("email", p.email.clone());
    flag("dept", p.department.clone());
    flag("level", p.level.map(|l| l.to_string()));
    flag("consent", p.consent_given.map(|d| d.to_string()));
    flag("consent-expires", p.consent_expires.map(|d| d.to_string()));
    (words.len() > 1).then(|| words.join(" "))
}

/// Registers a person and returns them.
///
/// Errors: `Invalid` for a blank name, a malformed email or bad consent dates; `Conflict`
/// when the email is taken, or the same name and kind exist with no email to tell them apart.
pub fn add(conn: &mut Connection, new: NewPerson, today: NaiveDate) -> Result<Person> {
    let tx = begin_write(conn)?;
    let person = insert(&tx, new, today)?;
    tx.commit().context("cannot save the person")?;
    Ok(person)
}

/// Registers a person inside the caller's write transaction (for demo data, a project's new
/// lead); checked and written as a batch (`spm person import`) checks and writes them, one
/// at a time.
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewPerson, today: NaiveDate) -> Result<Person> {
    let person = register::draft(new, None)?;
    register::check(tx, &person, today, false)?;
    // No one is registered with consent to be named: `person edit` gives it, and logs it.
    let fields = changes::snapshot(&person, &[UNLOGGED, &["consent_to_name"]].concat()).to_string();
    let id = write(
        tx,
        &[Ready {
            person,
            fields: Some(fields),
        }],
    )?;
    get(tx, id)
}

/// The person with this id.
///
/// Errors: `NotFound`.
pub fn get(conn: &Connection, id: i64) -> Result<Person> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], from_row).optional())
        .context("cannot read the person")?
        .ok_or_else(|| {
            Error::not_found(
                "person with id",
                id.to_string(),
                "run \"spm person list\" to see the people",
            )
        })
}

/// Finds a person by id (`12` or `#12`), email, or name when it is unique (any case).
///
/// Errors: `NotFound`, suggesting the closest email or name; `Invalid` when several people
/// have that name (the matches are listed).
pub fn resolve(conn: &Connection, key: &str) -> Result<Person> {
    find(conn, key, true)
}

/// [`resolve`], with no suggestion in the `NotFound` error when `suggest` is false: for a
/// caller that registers whoever is not found (a project's new lead, an import's), where
/// looking for one would cost a query for nothing.
fn find(conn: &Connection, key: &str, suggest: bool) -> Result<Person> {
    let key = key.trim();
    let not_found = |keys: Among, what: &'static str, hint: &str| {
        if suggest {
            suggest::not_found(conn, keys, what, key, hint)
        } else {
            Error::not_found(what, key, hint)
        }
    };
    let digits = key.strip_prefix('#').unwrap_or(key);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let id = digits.parse::<i64>().map_err(|_| {
            Error::not_found(
                "person with id",
                key,
                "run \"spm person list\" to see the people",
            )
        })?;
        return get(conn, id);
    }
    if parse_email(key).is_ok() {
        return conn
            .query_row(&format!("{SELECT} WHERE email = ?1"), [key], from_row)
            .optional()
            .context("cannot read the person")?
            .ok_or_else(|| {
                not_found(
                    Among::PersonEmails,
                    "person with email",
                    "run \"spm person list\" to see the people",
                )
            });
    }
    let matches: Vec<Person> = rows(
        conn,
        "cannot read the person",
        &format!("{SELECT} WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 6"),
        [key],
        from_row,
    )?;
    match matches.len() {
        0 => Err(not_found(
            Among::PersonNames,
            "person called",
            "search with \"spm person list --search TEXT\", or add them with \"spm person add\"",
        )),
        1 => Ok(matches
            .into_iter()
            .next()
            .ok_or_else(|| Error::Invalid("a match vanished while it was read".into()))?),
        _ => {
            let names: Vec<String> = matches.iter().map(Person::label).collect();
            Err(Error::Invalid(format!(
                "more than one person is called {}: {}; give the id or the email instead",
                quoted(key),
                names.join(", ")
            )))
        }
    }
}

/// The people that match `filter`, by name.
pub fn list(conn: &Connection, filter: &PersonFilter, today: NaiveDate) -> Result<Vec<Person>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(k) = filter.kind {
        clauses.push("kind = ?");
        values.push(Box::new(k));
    }
    if let Some(d) = &filter.department {
        clauses.push("department = ? COLLATE NOCASE");
        values.push(Box::new(d.trim().to_string()));
    }
    if let Some(s) = &filter.search {
        clauses.push(
            "(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR department LIKE ? ESCAPE '\\')",
        );
        let pattern = like_pattern("--search", s)?;
        for _ in 0..3 {
            values.push(Box::new(pattern.clone()));
        }
    }
    if let Some(by) = filter.consent_expiring_by {
        // The forgotten keep no consent to renew (nor a name to ask them by).
        clauses.push(
            "erased_on IS NULL AND consent_withdrawn IS NULL AND consent_expires >= ? AND consent_expires <= ?",
        );
        values.push(Box::new(today));
        values.push(Box::new(by));
    }
    if filter.consent_expired {
        clauses.push("erased_on IS NULL AND (consent_expires < ? OR consent_withdrawn <= ?)");
        values.push(Box::new(today));
        values.push(Box::new(today));
    }
    let mut sql = String::from(SELECT);
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY name COLLATE NOCASE, id");
    rows(
        conn,
        "cannot list people",
        &sql,
        params_from_iter(values.iter()),
        from_row,
    )
}

/// A person's entries in the change log, oldest first.
pub fn history(conn: &Connection, person: &Person) -> Result<Vec<Change>> {
    changes::history(conn, ENTITY, person.id)
}

/// How many people the database holds.
pub fn count(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .context("cannot count people")
}

#[cfg(test)]
mod tests;
