//! Staff leads: found by id, email or name, or registered as members of staff when nobody
//! has the name, but never as a second person whose name differs from someone's only in
//! case, spaces or punctuation ("Dr A Khan" when "Dr A. Khan" is registered) unless asked.
//! Named by an email as well as a name (as a project list exported to CSV names them), the
//! email tells apart two members of staff who share a name.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{NewPerson, SELECT, find, from_row, insert, resolve};
use crate::error::{Context, Error, Result};
use crate::model::text::quoted;
use crate::model::{Person, PersonKind};
use crate::service::suggest::folded;

/// The staff lead named by `key` (id, email or name), registering a member of staff by that
/// name when nobody matches; returns the person and whether they were registered now. A
/// name that is nobody's but differs from a member of staff's or an external partner's
/// only in case, spaces or punctuation ([`similar`]) is refused unless `new_lead` says it
/// is someone new.
///
/// Errors: as [`resolve`] for an unknown id or email, or a name shared by several people;
/// `Conflict` for a name like someone's (see above); `Invalid` for someone erased or a
/// student.
pub fn lead(tx: &Connection, key: &str, new_lead: bool) -> Result<(Person, bool)> {
    match find(tx, key, false) {
        Ok(p) if p.erased_on.is_some() => Err(Error::Invalid(format!(
            "{} was erased and cannot lead a project",
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
/// or the person may not lead (erased, a student); as [`lead`] otherwise.
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

/// Someone like `name` (see [`similar`]) when nobody is called `name` itself: the person a
/// lead given by that name alone may have been meant to be.
///
/// Errors: `Database` when a query fails.
pub(crate) fn like_but_unknown(conn: &Connection, name: &str) -> Result<Option<Person>> {
    match find(conn, name, false) {
        Err(Error::NotFound {
            what: "person called",
            ..
        }) => similar(conn, name),
        Ok(_) | Err(Error::NotFound { .. } | Error::Invalid(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A member of staff or external partner, not erased, whose name is `name` but for case,
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
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE ((name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE)
                 OR (name >= ?3 COLLATE NOCASE AND name < ?4 COLLATE NOCASE)
                 OR (name >= ?5 COLLATE NOCASE AND name < ?6 COLLATE NOCASE))
               AND erased_on IS NULL AND kind <> 'student'
             ORDER BY id"
        ))
        .context("cannot check names")?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(bounds.iter()), from_row)
        .context("cannot check names")?;
    for person in rows {
        let person = person.context("cannot check names")?;
        if folded(&person.name) == wanted {
            return Ok(Some(person));
        }
    }
    Ok(None)
}
