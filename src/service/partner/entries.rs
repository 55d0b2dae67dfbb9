//! The log of contributions, entry by entry: listed with what became of each, and put right
//! by a new entry that replaces an old one, either a correction or a reversal. Nothing is
//! overwritten: the old entry stays, marked as replaced, and both are in the change log.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Map, Value as Json, json};

use super::contribution::{check_entry, check_not_forgotten, insert};
use super::{ENTITY, by_id};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{Contribution, Money, Partner, Recognition, Role};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, person, project};

/// An entry of the log, with whose it is and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub contribution: Contribution,
    /// The project's code.
    pub project: String,
    pub person_id: i64,
    pub person: String,
    pub role: Role,
    /// The partner row the entry is logged against.
    pub partner_id: i64,
    /// The entry that replaced this one, and whether it reversed it.
    pub replaced_by: Option<(i64, bool)>,
}

impl Entry {
    /// Whether the entry counts in totals and reports: it is not a reversal, and no later
    /// entry replaced it.
    pub fn counts(&self) -> bool {
        self.replaced_by.is_none() && !self.contribution.reversal
    }

    /// What became of the entry, in words: `counts`, `corrected by 14`, `reversed by 15`,
    /// `reverses 12`.
    pub fn status(&self) -> String {
        match (self.replaced_by, self.contribution.reversal) {
            (Some((by, true)), _) => format!("reversed by {by}"),
            (Some((by, false)), _) => format!("corrected by {by}"),
            (None, true) => format!("reverses {}", self.contribution.replaces.unwrap_or(0)),
            (None, false) => "counts".to_string(),
        }
    }
}

const SELECT: &str = "SELECT c.id, c.on_date, c.to_date, c.minutes, c.paid_pence,
    c.recognition, c.note, c.replaces_id, c.reversal, c.reason,
    p.code, pe.id, pe.name, pp.role, pp.id, r.id, r.reversal
    FROM contributions c JOIN project_partners pp ON pp.id = c.partner_id
    JOIN projects p ON p.id = pp.project_id JOIN people pe ON pe.id = pp.person_id
    LEFT JOIN contributions r ON r.replaces_id = c.id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let replaced_by: Option<i64> = r.get(15)?;
    let replaced_by_reversal: Option<bool> = r.get(16)?;
    Ok(Entry {
        contribution: Contribution {
            id: r.get(0)?,
            on: r.get(1)?,
            to: r.get(2)?,
            minutes: r.get(3)?,
            paid_pence: r.get(4)?,
            recognition: r.get(5)?,
            note: r.get(6)?,
            replaces: r.get(7)?,
            reversal: r.get(8)?,
            reason: r.get(9)?,
        },
        project: r.get(10)?,
        person_id: r.get(11)?,
        person: r.get(12)?,
        role: r.get(13)?,
        partner_id: r.get(14)?,
        replaced_by: replaced_by.map(|id| (id, replaced_by_reversal.unwrap_or(false))),
    })
}

/// The entry with this id.
///
/// Errors: `NotFound` with a hint to list the entries.
pub fn entry(conn: &Connection, id: i64) -> Result<Entry> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()
        .context("cannot read the contribution")?
        .ok_or_else(|| {
            Error::not_found(
                "contribution with id",
                id.to_string(),
                "run \"spm project partner contribution list PROJECT\" to see the ids",
            )
        })
}

/// A project's entries (of one person, and one of their roles, when given), by date and
/// then in the order they were made, replaced entries and reversals among them.
///
/// Errors: `NotFound` for the project, or the person, or a person who has no part in it.
pub fn entries(
    conn: &Connection,
    code: &str,
    person: Option<&str>,
    role: Option<Role>,
) -> Result<Vec<Entry>> {
    let project = project::get(conn, code)?;
    let person_id = match person {
        Some(key) => {
            let person = person::resolve(conn, key)?;
            // Their part in the project must exist, so a typo is not an empty list; with
            // several roles and none named, the entries of every one are listed.
            if role.is_some() || !has_part(conn, project.id, person.id)? {
                super::find(conn, &project, &person, role)?;
            }
            Some(person.id)
        }
        None => None,
    };
    rows(
        conn,
        "cannot list the contributions",
        &format!(
            "{SELECT} WHERE pp.project_id = ?1 AND (?2 IS NULL OR pp.person_id = ?2)
               AND (?3 IS NULL OR pp.role = ?3)
             ORDER BY c.on_date, c.id"
        ),
        rusqlite::params![project.id, person_id, role],
        from_row,
    )
}

/// Whether the person has any part in the project.
fn has_part(conn: &Connection, project_id: i64, person_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM project_partners WHERE project_id = ?1 AND person_id = ?2",
        [project_id, person_id],
        |r| r.get(0),
    )
    .context("cannot read the partners")
}

/// What a correction changes; `None` keeps the old entry's value.
#[derive(Debug, Clone, Default)]
pub struct Correction {
    pub minutes: Option<u32>,
    pub paid: Option<Money>,
    /// The new day, or first day of a period, with the new last day (`None`: one day).
    pub period: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The new recognition; `Some(None)` clears it.
    pub recognition: Option<Option<Recognition>>,
    /// The new note; `Some(None)` clears it.
    pub note: Option<Option<String>>,
    /// Why: kept on the new entry and in the change log.
    pub reason: Option<String>,
}

impl Correction {
    fn is_empty(&self) -> bool {
        self.minutes.is_none()
            && self.paid.is_none()
            && self.period.is_none()
            && self.recognition.is_none()
            && self.note.is_none()
    }
}

/// The entry `id`, if it can still be put right: it counts (not replaced, not a reversal).
fn replaceable(conn: &Connection, id: i64, verb: &str) -> Result<Entry> {
    let old = entry(conn, id)?;
    if let Some((by, reversed)) = old.replaced_by {
        return Err(Error::Conflict(if reversed {
            format!(
                "entry {id} was reversed by entry {by}; log the contribution again with \"spm project partner log\""
            )
        } else {
            format!("entry {id} was corrected by entry {by}; {verb} entry {by} instead")
        }));
    }
    if old.contribution.reversal {
        return Err(Error::Conflict(format!(
            "entry {id} is the reversal of entry {}; log the contribution again with \"spm project partner log\"",
            old.contribution.replaces.unwrap_or(0)
        )));
    }
    Ok(old)
}

/// Corrects an entry: a new entry with the corrected values replaces it, and the old one
/// stays in the log, marked as corrected. Returns the old entry and the new one.
///
/// Errors: `NotFound`; `Usage` when nothing is to change; `Conflict` for an entry already
/// replaced or a reversal; `Invalid` for a correction that changes nothing, leaves nothing
/// logged, or breaks a rule of `partner log` (its period, the person's time on the project,
/// 24 hours a day), or for a forgotten person.
pub fn correct(
    conn: &mut Connection,
    id: i64,
    correction: Correction,
    today: NaiveDate,
) -> Result<(Entry, Entry)> {
    if correction.is_empty() {
        return Err(Error::Usage(
            "nothing to correct: give --hours, --paid, --on, --from and --to, --recognition or --note".into(),
        ));
    }
    let reason = clean_text("reason", correction.reason.as_deref())?;
    let note = match &correction.note {
        Some(n) => Some(clean_text("note", n.as_deref())?),
        None => None,
    };
    let tx = begin_write(conn)?;
    let old = replaceable(&tx, id, "correct")?;
    let (partner, project, person) = owner(&tx, &old)?;
    let was = &old.contribution;
    let (on, to) = correction.period.unwrap_or((was.on, was.to));
    let new = Contribution {
        id: 0,
        on,
        to: to.filter(|t| *t != on),
        minutes: correction.minutes.map_or(was.minutes, i64::from),
        paid_pence: correction.paid.map_or(was.paid_pence, |m| m.pence()),
        recognition: correction.recognition.unwrap_or(was.recognition),
        note: note.unwrap_or_else(|| was.note.clone()),
        replaces: Some(id),
        reversal: false,
        reason,
    };
    let fields = differences(was, &new);
    if fields.is_empty() {
        return Err(Error::Invalid(format!(
            "the correction changes nothing in entry {id}"
        )));
    }
    if new.minutes == 0 && new.paid_pence == 0 && new.recognition.is_none() {
        return Err(Error::Invalid(format!(
            "the corrected entry would log nothing; to take entry {id} back, run \"spm project partner contribution reverse {id}\""
        )));
    }
    if new.last() > today {
        return Err(Error::Invalid(format!(
            "{} is in the future; log a contribution once it is made (today is {today})",
            new.last()
        )));
    }
    check_entry(&tx, &partner, &project, &person, &new, Some(id))?;
    let new = insert(&tx, partner.id, new)?;
    let mut logged = json!({ "contribution": new.id, "corrects": id, "reason": new.reason });
    for (k, v) in fields {
        logged[k] = v;
    }
    changes::record(&tx, ENTITY, partner.id, Action::Update, &logged)?;
    let (old, new) = (entry(&tx, id)?, entry(&tx, new.id)?);
    tx.commit().context("cannot save the correction")?;
    Ok((old, new))
}

/// Reverses an entry: a new entry that counts for nothing replaces it, and the old one
/// stays in the log, marked as reversed. Returns the old entry and the reversal.
///
/// Errors: `NotFound`; `Conflict` for an entry already replaced or a reversal; `Invalid` for
/// a forgotten person or a reason with control characters.
pub fn reverse(conn: &mut Connection, id: i64, reason: Option<&str>) -> Result<(Entry, Entry)> {
    let reason = clean_text("reason", reason)?;
    let tx = begin_write(conn)?;
    let old = replaceable(&tx, id, "reverse")?;
    let (partner, _, _) = owner(&tx, &old)?;
    let was = &old.contribution;
    // The reversal keeps the dates of what it reverses, so the log reads in order.
    let reversal = Contribution {
        id: 0,
        on: was.on,
        to: was.to,
        minutes: 0,
        paid_pence: 0,
        recognition: None,
        note: None,
        replaces: Some(id),
        reversal: true,
        reason,
    };
    let reversal = insert(&tx, partner.id, reversal)?;
    changes::record(
        &tx,
        ENTITY,
        partner.id,
        Action::Update,
        &json!({ "contribution": reversal.id, "reverses": id, "reason": reversal.reason,
                 "minutes": [was.minutes, 0], "paid_pence": [was.paid_pence, 0],
                 "recognition": [was.recognition, Json::Null] }),
    )?;
    let (old, new) = (entry(&tx, id)?, entry(&tx, reversal.id)?);
    tx.commit().context("cannot save the reversal")?;
    Ok((old, new))
}

/// The partner row, project and person an entry belongs to; refuses a forgotten person.
fn owner(
    tx: &Connection,
    old: &Entry,
) -> Result<(Partner, crate::model::Project, crate::model::Person)> {
    let partner = by_id(tx, old.partner_id)?;
    let project = project::get(tx, &old.project)?;
    let person = person::get(tx, old.person_id)?;
    check_not_forgotten(&person)?;
    Ok((partner, project, person))
}

/// The fields a correction changes, each as `[old, new]`.
fn differences(was: &Contribution, new: &Contribution) -> Map<String, Json> {
    let mut fields = Map::new();
    let mut put = |key: &str, old: Json, now: Json| {
        if old != now {
            fields.insert(key.to_string(), json!([old, now]));
        }
    };
    put("on", json!(was.on), json!(new.on));
    put("to", json!(was.to), json!(new.to));
    put("minutes", json!(was.minutes), json!(new.minutes));
    put("paid_pence", json!(was.paid_pence), json!(new.paid_pence));
    put(
        "recognition",
        json!(was.recognition),
        json!(new.recognition),
    );
    put("note", json!(was.note), json!(new.note));
    fields
}
