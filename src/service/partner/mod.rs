//! Partners: a person's part in a project (one row per role), when they joined and left.
//! The recognition of their contribution (hours, payments, certificates) is in `contribution`.

mod contribution;
mod entries;
pub(crate) mod write;

pub use contribution::{
    MAX_PERIOD_DAYS, NewContribution, hours_text, insert_contribution, log, parse_hours,
    period_days,
};
pub use entries::{Correction, Entry, correct, entries, entry, reverse};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{Partner, Person, PersonKind, Project, Role};
use crate::service::changes::{self, Action};
use crate::service::{clean_long_text, person, project};

/// The entity name of partners in the change log.
pub(super) const ENTITY: &str = "partner";

/// A person to add to a project.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// The project's code.
    pub project: String,
    /// The person: id, email or unique name.
    pub person: String,
    pub role: Role,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The skills the role builds or built (a research intern's, say).
    pub skills: Option<String>,
    /// Refuse a student with no consent on record, instead of warning.
    pub require_consent: bool,
}

/// A partner added, with a warning to show when a student has no consent on record.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub partner: Partner,
    pub warning: Option<String>,
}

/// The totals count only the entries no later entry replaced (a reversal counts for
/// nothing: no hours, no pay, no recognition).
pub(super) const SELECT: &str = "SELECT pp.id, p.code, p.title, pe.id, pe.name, pe.kind, pp.role,
    pp.from_date, pp.to_date,
    (SELECT coalesce(sum(c.minutes), 0) FROM contributions c WHERE c.partner_id = pp.id
        AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.replaces_id = c.id)),
    (SELECT coalesce(sum(c.paid_pence), 0) FROM contributions c WHERE c.partner_id = pp.id
        AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.replaces_id = c.id)),
    (SELECT group_concat(DISTINCT c.recognition) FROM contributions c WHERE c.partner_id = pp.id
        AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.replaces_id = c.id)),
    pp.skills
    FROM project_partners pp JOIN projects p ON p.id = pp.project_id
    JOIN people pe ON pe.id = pp.person_id";

pub(super) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Partner> {
    let recognition: Option<String> = r.get(11)?;
    Ok(Partner {
        id: r.get(0)?,
        project: r.get(1)?,
        project_title: r.get(2)?,
        person_id: r.get(3)?,
        person: r.get(4)?,
        kind: r.get(5)?,
        role: r.get(6)?,
        from: r.get(7)?,
        to: r.get(8)?,
        skills: r.get(12)?,
        minutes: r.get(9)?,
        paid_pence: r.get(10)?,
        recognition: recognition
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect(),
    })
}

pub(super) fn by_id(conn: &Connection, id: i64) -> Result<Partner> {
    conn.query_row(&format!("{SELECT} WHERE pp.id = ?1"), [id], from_row)
        .context("cannot read the partner")
}

/// Whether `role` suits the person, by the one table of role rules ([`Role::kinds`]).
///
/// Errors: `Invalid` naming who the role is for and the roles the person may take.
fn check_role(person: &Person, role: Role) -> Result<()> {
    if role.suits(person.kind) {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "{} is {}, and {role} is a role for {}; {} takes {}",
        person.name,
        person.kind.one(),
        role.for_whom(),
        person.kind.one(),
        or_list(&Role::for_kind(person.kind))
    )))
}

/// `a, b or c`.
fn or_list(roles: &[Role]) -> String {
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<()> {
    match (from, to) {
        (Some(f), Some(t)) if t < f => Err(Error::Invalid(format!(
            "the end date {t} is before the start date {f}"
        ))),
        _ => Ok(()),
    }
}

/// Adds a person to a project in a role.
///
/// Errors: `NotFound` for the project or person; `Invalid` for a role that does not suit the
/// person, an end before the start, a forgotten person, or (with `require_consent`) a student
/// with no consent on record; `Conflict` when they already have that role there.
pub fn add(conn: &mut Connection, new: NewPartner, today: NaiveDate) -> Result<Added> {
    let tx = begin_write(conn)?;
    let added = insert(&tx, new, today)?;
    tx.commit().context("cannot save the partner")?;
    Ok(added)
}

/// Adds a person to a project inside the caller's write transaction (for demo data and
/// imports).
///
/// Errors: as [`add`].
pub fn insert(tx: &Connection, new: NewPartner, today: NaiveDate) -> Result<Added> {
    check_period(new.from, new.to)?;
    let skills = clean_long_text("skills", new.skills.as_deref())?;
    let project = project::get(tx, &new.project)?;
    let person = person::resolve(tx, &new.person)?;
    if person.erased_on.is_some() {
        return Err(Error::Invalid(format!(
            "{} was forgotten and cannot join a project",
            person.name
        )));
    }
    check_role(&person, new.role)?;
    let clash: Option<i64> = tx.query_row(
            "SELECT id FROM project_partners WHERE project_id = ?1 AND person_id = ?2 AND role = ?3",
            params![project.id, person.id, new.role],
            |r| r.get(0),
        )
        .optional()
        .context("cannot check the partners")?;
    if clash.is_some() {
        return Err(Error::Conflict(format!(
            "{} is already {} on {}",
            person.name, new.role, project.code
        )));
    }
    // Consent must hold when they join and, for a role still running, today as well.
    let start = new.from.unwrap_or(today);
    let running = new.to.is_none_or(|t| t >= today);
    let problem = if person.kind == PersonKind::Student {
        person
            .consent_problem(start)
            .map(|p| (p, start))
            .or_else(|| {
                running
                    .then(|| person.consent_problem(today).map(|p| (p, today)))
                    .flatten()
            })
    } else {
        None
    };
    let warning = match problem {
        Some((why, on)) => {
            let why = format!(
                "{} {why} (needed on {on}); record it with \"spm person edit {} --consent DATE\"",
                person.name, person.id
            );
            if new.require_consent {
                return Err(Error::Invalid(why));
            }
            Some(why)
        }
        None => None,
    };
    let id = write::Writer::new(tx).partner(&write::PartnerRow {
        project_id: project.id,
        person_id: person.id,
        role: new.role,
        from: new.from,
        to: new.to,
        skills: skills.as_deref(),
        at: None,
    })?;
    changes::record(
        tx,
        ENTITY,
        id,
        Action::Insert,
        &json!({ "project": project.code, "person_id": person.id, "role": new.role,
                 "from": new.from, "to": new.to, "skills": skills }),
    )?;
    let partner = by_id(tx, id)?;
    Ok(Added { partner, warning })
}

/// The partners of a project, by role and then name.
///
/// Errors: `NotFound` for the project.
pub fn list(conn: &Connection, code: &str) -> Result<(Project, Vec<Partner>)> {
    let project = project::get(conn, code)?;
    let partners = query(
        conn,
        &format!(
            "{SELECT} WHERE pp.project_id = ?1 ORDER BY pp.role, pe.name COLLATE NOCASE, pp.id"
        ),
        project.id,
    )?;
    Ok((project, partners))
}

/// Every part a person has had in projects, newest project first.
pub fn of_person(conn: &Connection, person: &Person) -> Result<Vec<Partner>> {
    query(
        conn,
        &format!("{SELECT} WHERE pp.person_id = ?1 ORDER BY p.academic_year DESC, p.code, pp.role"),
        person.id,
    )
}

fn query(conn: &Connection, sql: &str, id: i64) -> Result<Vec<Partner>> {
    rows(conn, "cannot list the partners", sql, [id], from_row)
}

/// The one partner row of `person` on `project` (in `role` when given).
pub(super) fn find(
    conn: &Connection,
    project: &Project,
    person: &Person,
    role: Option<Role>,
) -> Result<Partner> {
    let all: Vec<Partner> = query(
        conn,
        &format!("{SELECT} WHERE pp.project_id = ?1 ORDER BY pp.id"),
        project.id,
    )?
    .into_iter()
    .filter(|p| p.person_id == person.id && role.is_none_or(|r| r == p.role))
    .collect();
    match all.len() {
        0 => Err(Error::not_found(
            "partner",
            format!("{} on {}", person.name, project.code),
            format!(
                "run \"spm project partner list {}\" to see who takes part",
                project.code
            ),
        )),
        1 => all
            .into_iter()
            .next()
            .ok_or_else(|| Error::Invalid("a partner vanished while it was read".into())),
        _ => {
            let roles: Vec<String> = all.iter().map(|p| p.role.to_string()).collect();
            Err(Error::Invalid(format!(
                "{} has {} roles on {} ({}); say which with --role",
                person.name,
                all.len(),
                project.code,
                roles.join(", ")
            )))
        }
    }
}

/// Records that a person left a project (in `role`, when they have several) on `on`, with the
/// skills they gained when given.
///
/// Errors: `NotFound`; `Invalid` for a date before they joined or after today; `Conflict`
/// when they had left already.
pub fn end(
    conn: &mut Connection,
    code: &str,
    key: &str,
    role: Option<Role>,
    on: NaiveDate,
    skills: Option<&str>,
    today: NaiveDate,
) -> Result<Partner> {
    let skills = clean_long_text("skills", skills)?;
    if on > today {
        return Err(Error::Invalid(format!(
            "{on} is in the future; record a departure on the day it happens (today is {today})"
        )));
    }
    let tx = begin_write(conn)?;
    let project = project::get(&tx, code)?;
    let person = person::resolve(&tx, key)?;
    let partner = find(&tx, &project, &person, role)?;
    if let Some(to) = partner.to {
        return Err(Error::Conflict(format!(
            "{} left {} already, on {to}",
            person.name, project.code
        )));
    }
    check_period(partner.from, Some(on))?;
    let last: Option<NaiveDate> = tx
        .query_row(
            "SELECT max(coalesce(c.to_date, c.on_date)) FROM contributions c
             WHERE c.partner_id = ?1 AND c.reversal = 0
               AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.replaces_id = c.id)",
            [partner.id],
            |r| r.get(0),
        )
        .context("cannot read the contributions")?;
    if let Some(last) = last.filter(|l| *l > on) {
        return Err(Error::Invalid(format!(
            "{} has a contribution logged on {last}, after {on}; give a later --on date",
            person.name
        )));
    }
    tx.execute(
        "UPDATE project_partners SET to_date = ?2, skills = coalesce(?3, skills),
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![partner.id, on, skills],
    )
    .context("cannot save the partner")?;
    let mut fields = json!({ "to": [serde_json::Value::Null, on] });
    if let Some(s) = &skills {
        fields["skills"] = json!([partner.skills, s]);
    }
    changes::record(&tx, ENTITY, partner.id, Action::Update, &fields)?;
    let partner = by_id(&tx, partner.id)?;
    tx.commit().context("cannot save the partner")?;
    Ok(partner)
}

/// Takes a person off a project (a role added by mistake), with the contributions logged
/// for it.
///
/// Errors: `NotFound`; `Invalid` when the person has several roles there and none is given.
pub fn remove(conn: &mut Connection, code: &str, key: &str, role: Option<Role>) -> Result<Partner> {
    let tx = begin_write(conn)?;
    let project = project::get(&tx, code)?;
    let person = person::resolve(&tx, key)?;
    let partner = find(&tx, &project, &person, role)?;
    tx.execute("DELETE FROM project_partners WHERE id = ?1", [partner.id])
        .context("cannot remove the partner")?;
    changes::record(
        &tx,
        ENTITY,
        partner.id,
        Action::Delete,
        &json!({ "project": project.code, "person_id": person.id, "role": partner.role,
                 "minutes": partner.minutes, "paid_pence": partner.paid_pence }),
    )?;
    tx.commit().context("cannot remove the partner")?;
    Ok(partner)
}
