//! Staff leads: found by id, email or name, or registered as members of staff when nobody
//! has the name, but never as a second person whose name differs from someone's only in
//! case, spaces or punctuation ("Dr A Khan" when "Dr A. Khan" is registered) unless asked.
//! Named by an email as well as a name (as a project list exported to CSV names them), the
//! email tells apart two members of staff who share a name.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{NewPerson, find, insert, resolve};
use crate::error::{Context, Error, Result};
use crate::model::text::quoted;
use crate::model::{Person, PersonKind};
use crate::service::suggest::{folded, folds_to};

/// The staff lead named by `key` (id, email or name), registering a member of staff by that
/// name when nobody matches; returns the person and whether they were registered now. A
/// name that is nobody's but differs from a member of staff's or an external partner's
/// only in case, spaces or punctuation ([`similar`]) is refused unless `new_lead` says it
/// is someone new.
///
/// Errors: as [`resolve`] for an unknown id or email, or a name shared by several people;
/// `Conflict` for a name like someone's (see above); `Invalid` for someone forgotten or a
/// student.
pub fn lead(tx: &Connection, key: &str, new_lead: bool) -> Result<(Person, bool)> {
    match find(tx, key, false) {
        Ok(p) if p.erased_on.is_some() => Err(Error::Invalid(format!(
            "{} was forgotten and cannot lead a project",
            p.name
        ))),
        Ok(p) if p.kind == PersonKind::Student => Err(Error::Invalid(format!(
            "{} is a student; a project's staff lead is a member of staff or an external partner (students take part with \"spm project partner add\")",
            p.label()
        ))),
        Ok(p) => Ok((p, false)),
        Err(Error::NotFound {
            what: "person called",
            ..
        }) => {
            if !new_lead && let Some(like) = similar(tx, key)? {
                return Err(Error::Conflict(format!(
                    "nobody is called {}; did you mean {} (#{})? give --lead {} for them, or add --new-lead to register a new member of staff by that name",
                    quoted(key.trim()),
                    like.name,
                    like.id,
                    like.id
                )));
            }
            // A lead registered this way has no consent dates, so "today" checks nothing.
            let new = NewPerson::new(key, PersonKind::Staff);
            Ok((insert(tx, new, NaiveDate::MAX)?, true))
        }
        // An unknown email or id ends the command: worth the query for a suggestion.
        Err(Error::NotFound { .. }) => resolve(tx, key).map(|p| (p, false)),
        Err(e) => Err(e),
    }
}

/// The staff lead with `email` when it is given, else the one called `name` (as [`lead`],
/// registering a name like someone's: an import checks that row by row itself). Nobody has
/// the email: the one person called `name` who has no email yet is taken to be them;
/// otherwise a member of staff with that name and email is registered. Returns the person
/// and whether they were registered now.
///
/// Errors: `Invalid` when neither is given, when the email is unknown and no name is given,
/// or the person may not lead (forgotten, a student); as [`lead`] otherwise.
pub fn lead_by(tx: &Connection, name: Option<&str>, email: Option<&str>) -> Result<(Person, bool)> {
    let Some(email) = email else {
        return match name {
            Some(name) => lead(tx, name, true),
            None => Err(Error::Invalid(
                "a staff lead needs a name or an email".into(),
            )),
        };
    };
    match find(tx, email, false) {
        // By id, so the checks of who may lead are the ones `lead` makes.
        Ok(p) => lead(tx, &format!("#{}", p.id), true),
        Err(Error::NotFound {
            what: "person with email",
            ..
        }) => {
            let Some(name) = name else {
                return Err(Error::Invalid(format!(
                    "nobody has the email {}; give the lead's name as well to register them",
                    quoted(email)
                )));
            };
            match find(tx, name, false) {
                Ok(p) if p.email.is_none() => lead(tx, &format!("#{}", p.id), true),
                _ => {
                    let mut new = NewPerson::new(name, PersonKind::Staff);
                    new.email = Some(email.to_string());
                    // A lead registered this way has no consent dates: "today" checks nothing.
                    Ok((insert(tx, new, NaiveDate::MAX)?, true))
                }
            }
        }
        Err(e) => Err(e),
    }
}

/// A member of staff or external partner, not forgotten, whose name is `name` but for case,
/// spaces and punctuation ("Dr A. Khan" for "dr a khan"), the first registered when there
/// are several; `None` when nobody's is.
///
/// Such a name begins with the same letter or digit as `name`, followed by its second one or
/// by a space or punctuation: three ranges of the index of names (`people_name`), so the
/// check reads a few names of the thousands a large database holds.
///
/// Errors: `Database` when the query fails.
pub fn similar(conn: &Connection, name: &str) -> Result<Option<Person>> {
    let wanted = folded(name);
    let mut alnum = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase());
    let Some(first) = alnum.next() else {
        return Ok(None);
    };
    let second = alnum.next().unwrap_or(first);
    let after = |c: char| char::from_u32(u32::from(c) + 1).unwrap_or(char::MAX);
    // NOCASE folds ASCII letters to lower case, as the bounds are.
    let bounds = [
        format!("{first}{second}"),
        format!("{first}{}", after(second)),
        // `first` alone or followed by a space or ASCII punctuation (all below '0')...
        first.to_string(),
        format!("{first}0"),
        // ...or by any character beyond ASCII (a curly apostrophe, a letter with an accent).
        format!("{first}\u{80}"),
        after(first).to_string(),
    ];
    // Names only, compared as they are read; the one person found is read whole. Three
    // statements joined by UNION ALL read the three ranges of the index (an OR of them is
    // slower: see benches/README.md), so the first registered is chosen here.
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name FROM people WHERE name >= ?1 COLLATE NOCASE
                 AND name < ?2 COLLATE NOCASE AND erased_on IS NULL AND kind <> 'student'
             UNION ALL
             SELECT id, name FROM people WHERE name >= ?3 COLLATE NOCASE
                 AND name < ?4 COLLATE NOCASE AND erased_on IS NULL AND kind <> 'student'
             UNION ALL
             SELECT id, name FROM people WHERE name >= ?5 COLLATE NOCASE
                 AND name < ?6 COLLATE NOCASE AND erased_on IS NULL AND kind <> 'student'",
        )
        .context("cannot check names")?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(bounds.iter()))
        .context("cannot check names")?;
    let mut first: Option<i64> = None;
    while let Some(row) = rows.next().context("cannot check names")? {
        let name = row
            .get_ref(1)
            .and_then(|v| v.as_str().map_err(Into::into))
            .context("cannot check names")?;
        if folds_to(name, &wanted) {
            let id: i64 = row.get(0).context("cannot check names")?;
            first = Some(first.map_or(id, |f| f.min(id)));
        }
    }
    first.map(|id| super::get(conn, id)).transpose()
}

/// Every member of staff and external partner not forgotten, by folded name (see `similar`):
/// for an import, which may look for many leads like someone's, to read once.
///
/// Errors: `Database` when the query fails.
pub(crate) fn folded_names(conn: &Connection) -> Result<HashMap<String, (i64, String)>> {
    let mut names: HashMap<String, (i64, String)> = HashMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT id, name FROM people WHERE erased_on IS NULL AND kind <> 'student' ORDER BY id",
        )
        .context("cannot read the names")?;
    let mut rows = stmt.query([]).context("cannot read the names")?;
    while let Some(row) = rows.next().context("cannot read the names")? {
        let (id, name): (i64, String) = (
            row.get(0).context("cannot read the names")?,
            row.get(1).context("cannot read the names")?,
        );
        // The first registered stays, as `similar` chooses it.
        names.entry(folded(&name)).or_insert((id, name));
    }
    Ok(names)
}

/// Whether nobody is called `name` (any case), so that a lead by that name would be someone
/// new.
///
/// Errors: `Database` when the query fails.
pub(crate) fn unknown_name(conn: &Connection, name: &str) -> Result<bool> {
    match find(conn, name, false) {
        Err(Error::NotFound {
            what: "person called",
            ..
        }) => Ok(true),
        Ok(_) | Err(Error::NotFound { .. } | Error::Invalid(_)) => Ok(false),
        Err(e) => Err(e),
    }
}
