//! Staff leads named by an email as well as a name, as a project list exported to CSV names
//! them: the email tells apart two members of staff who share a name.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{NewPerson, insert, lead, resolve};
use crate::error::{Error, Result};
use crate::model::{Person, PersonKind};

/// The staff lead with `email` when it is given, else the one called `name` (as [`lead`]).
/// Nobody has the email: the one person called `name` who has no email yet is taken to be
/// them; otherwise a member of staff with that name and email is registered. Returns the
/// person and whether they were registered now.
///
/// Errors: `Invalid` when neither is given, when the email is unknown and no name is given,
/// or the person may not lead (erased, a student); as [`lead`] otherwise.
pub fn lead_by(tx: &Connection, name: Option<&str>, email: Option<&str>) -> Result<(Person, bool)> {
    let Some(email) = email else {
        return match name {
            Some(name) => lead(tx, name),
            None => Err(Error::Invalid(
                "a staff lead needs a name or an email".into(),
            )),
        };
    };
    match resolve(tx, email) {
        // By id, so the checks of who may lead are the ones `lead` makes.
        Ok(p) => lead(tx, &format!("#{}", p.id)),
        Err(Error::NotFound {
            what: "person with email",
            ..
        }) => {
            let Some(name) = name else {
                return Err(Error::Invalid(format!(
                    "nobody has the email {}; give the lead's name as well to register them",
                    crate::model::text::quoted(email)
                )));
            };
            match resolve(tx, name) {
                Ok(p) if p.email.is_none() => lead(tx, &format!("#{}", p.id)),
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
