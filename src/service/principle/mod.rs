//! Frameworks of principles: the built-in ones from the seeds (loaded by `builtin`), the
//! institution's own, which one reviews score against, and principles added and retired over
//! time (never deleted).

mod builtin;

pub use builtin::install_builtin;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;

use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::code::{parse_code, parse_principle_code};
use crate::model::{Framework, Principle};
use crate::service::changes::{self, Action};
use crate::service::clean_text;
use crate::service::settings;
use crate::service::suggest::{self, Among};

/// A framework with how many of its principles are in use and retired.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkSummary {
    pub framework: Framework,
    pub active: i64,
    pub retired: i64,
    pub adopted: bool,
}

/// A principle to add, and the framework to add it to (created when it does not exist).
#[derive(Debug, Clone, Default)]
pub struct NewPrinciple {
    pub framework: String,
    pub framework_name: Option<String>,
    pub institution: Option<String>,
    pub document: Option<String>,
    pub year: Option<String>,
    pub code: String,
    pub title: String,
    pub statement: Option<String>,
    pub parent: Option<String>,
}

const FRAMEWORK_SELECT: &str =
    "SELECT id, key, name, institution, document, year, builtin FROM frameworks";

fn framework_from_row(r: &Row<'_>) -> rusqlite::Result<Framework> {
    Ok(Framework {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        institution: r.get(3)?,
        document: r.get(4)?,
        year: r.get(5)?,
        builtin: r.get(6)?,
    })
}

const PRINCIPLE_SELECT: &str = "SELECT p.id, f.key, p.code, p.title, p.statement, par.code,
    p.position, p.retired_on, rep.code
    FROM principles p JOIN frameworks f ON f.id = p.framework_id
    LEFT JOIN principles par ON par.id = p.parent_id
    LEFT JOIN principles rep ON rep.id = p.replaced_by_id";

/// Values first by their position, each followed by its principles.
const PRINCIPLE_ORDER: &str =
    "ORDER BY coalesce(par.position, p.position), p.parent_id IS NOT NULL, p.position";

fn principle_from_row(r: &Row<'_>) -> rusqlite::Result<Principle> {
    Ok(Principle {
        id: r.get(0)?,
        framework: r.get(1)?,
        code: r.get(2)?,
        title: r.get(3)?,
        statement: r.get(4)?,
        parent: r.get(5)?,
        position: r.get(6)?,
        retired_on: r.get(7)?,
        replaced_by: r.get(8)?,
    })
}

/// Every framework, the adopted one marked, with counts of active and retired principles.
pub fn frameworks(conn: &Connection) -> Result<Vec<FrameworkSummary>> {
    let adopted = settings::get(conn, settings::ADOPTED_FRAMEWORK)?.unwrap_or_default();
    rows(
        conn,
        "cannot list frameworks",
        "SELECT f.id, f.key, f.name, f.institution, f.document, f.year, f.builtin,
            (SELECT count(*) FROM principles p WHERE p.framework_id = f.id AND p.retired_on IS NULL),
            (SELECT count(*) FROM principles p WHERE p.framework_id = f.id AND p.retired_on IS NOT NULL)
         FROM frameworks f ORDER BY f.id",
        [],
        |r| {
            let framework = framework_from_row(r)?;
            Ok(FrameworkSummary {
                adopted: framework.key.eq_ignore_ascii_case(&adopted),
                framework,
                active: r.get(7)?,
                retired: r.get(8)?,
            })
        },
    )
}

/// The framework with this key.
///
/// Errors: `NotFound` with a hint to list the keys.
pub fn framework(conn: &Connection, key: &str) -> Result<Framework> {
    find_framework(conn, key)?.ok_or_else(|| {
        suggest::not_found(
            conn,
            Among::FrameworkKeys,
            "framework",
            key,
            "run \"spm principle frameworks\" to see the keys",
        )
    })
}

fn find_framework(conn: &Connection, key: &str) -> Result<Option<Framework>> {
    conn.query_row(
        &format!("{FRAMEWORK_SELECT} WHERE key = ?1"),
        [key.trim()],
        framework_from_row,
    )
    .optional()
    .context("cannot read the framework")
}

/// The framework that reviews score against.
pub fn adopted(conn: &Connection) -> Result<Framework> {
    let key = settings::get(conn, settings::ADOPTED_FRAMEWORK)?.ok_or_else(|| {
        Error::Usage("no framework is adopted; run \"spm principle adopt <key>\"".into())
    })?;
    framework(conn, &key)
}

/// The principles of a framework (the adopted one when `key` is `None`), in order; retired
/// ones only when `all` is set.
pub fn list(
    conn: &Connection,
    key: Option<&str>,
    all: bool,
) -> Result<(Framework, Vec<Principle>)> {
    let fw = match key {
        Some(k) => framework(conn, k)?,
        None => adopted(conn)?,
    };
    let filter = if all { "" } else { "AND p.retired_on IS NULL" };
    let principles = rows(
        conn,
        "cannot list principles",
        &format!("{PRINCIPLE_SELECT} WHERE p.framework_id = ?1 {filter} {PRINCIPLE_ORDER}"),
        [fw.id],
        principle_from_row,
    )?;
    Ok((fw, principles))
}

/// The principle with this code (case-insensitive), retired or not.
///
/// Errors: `NotFound` with a hint to list the codes.
pub fn get(conn: &Connection, code: &str) -> Result<Principle> {
    conn.query_row(
        &format!("{PRINCIPLE_SELECT} WHERE p.code = ?1"),
        [code.trim()],
        principle_from_row,
    )
    .optional()
    .context("cannot read the principle")?
    .ok_or_else(|| {
        suggest::not_found(
            conn,
            Among::PrincipleCodes,
            "principle with code",
            code,
            "run \"spm principle list --all\" to see the codes",
        )
    })
}

/// The principles under a value, in order, retired ones included.
pub fn children(conn: &Connection, parent: &Principle) -> Result<Vec<Principle>> {
    rows(
        conn,
        "cannot read the principles",
        &format!("{PRINCIPLE_SELECT} WHERE p.parent_id = ?1 ORDER BY p.position"),
        [parent.id],
        principle_from_row,
    )
}

/// Adds a principle to a framework, creating the framework when its key is new. Returns the
/// principle and whether the framework was created.
///
/// Errors: `Invalid` for a bad code, key or text, a built-in framework (they keep their
/// source's wording), or a parent that cannot take children;
/// `Conflict` when the code is in use; `NotFound` for an unknown parent.
pub fn add(conn: &mut Connection, new: NewPrinciple) -> Result<(Principle, bool)> {
    let code = parse_principle_code(&new.code)?;
    let title = clean_text("title", Some(&new.title))?
        .ok_or_else(|| Error::Invalid("a principle needs a title".into()))?;
    let statement = clean_text("statement", new.statement.as_deref())?;
    let tx = begin_write(conn)?;
    if let Some(existing) = conn_get_optional(&tx, &code)? {
        return Err(Error::Conflict(format!(
            "principle code {:?} is already used in framework {:?}; choose another code",
            existing.code, existing.framework
        )));
    }
    let details_given = new.framework_name.is_some()
        || new.institution.is_some()
        || new.document.is_some()
        || new.year.is_some();
    let (fw, created) = match find_framework(&tx, &new.framework)? {
        Some(fw) if details_given => {
            return Err(Error::Invalid(format!(
                "framework {:?} already exists; --framework-name, --institution, --document and --year only describe a new framework",
                fw.key
            )));
        }
        Some(fw) if fw.builtin => {
            return Err(Error::Invalid(format!(
                "framework {:?} is built in and keeps the wording of its source; add to a framework of your own with --framework KEY (a new key creates it)",
                fw.key
            )));
        }
        Some(fw) => (fw, false),
        None => {
            let key = parse_code("framework key", &new.framework)?;
            let name = clean_text("framework name", new.framework_name.as_deref())?
                .unwrap_or_else(|| key.clone());
            let institution = clean_text("institution", new.institution.as_deref())?;
            let document = clean_text("document", new.document.as_deref())?;
            let year = clean_text("year", new.year.as_deref())?;
            tx.execute(
                "INSERT INTO frameworks (key, name, institution, document, year) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![key, name, institution, document, year],
            )
            .context("cannot create the framework")?;
            let id = tx.last_insert_rowid();
            changes::record(
                &tx,
                "framework",
                id,
                Action::Insert,
                &json!({ "key": key, "name": name, "institution": institution,
                         "document": document, "year": year }),
            )?;
            (framework(&tx, &key)?, true)
        }
    };
    let parent = match &new.parent {
        Some(pc) => {
            let parent = get(&tx, pc)?;
            if parent.framework != fw.key {
                return Err(Error::Invalid(format!(
                    "parent {:?} belongs to framework {:?}, not {:?}",
                    parent.code, parent.framework, fw.key
                )));
            }
            if parent.parent.is_some() {
                return Err(Error::Invalid(format!(
                    "{:?} is itself under {:?}; principles go one level deep, under a value",
                    parent.code,
                    parent.parent.as_deref().unwrap_or_default()
                )));
            }
            if parent.retired_on.is_some() {
                return Err(Error::Invalid(format!(
                    "parent {:?} is retired; choose a principle in use",
                    parent.code
                )));
            }
            Some(parent)
        }
        None => None,
    };
    let parent_id = parent.as_ref().map(|p| p.id);
    let position: i64 = tx
        .query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM principles
             WHERE framework_id = ?1 AND parent_id IS ?2",
            params![fw.id, parent_id],
            |r| r.get(0),
        )
        .context("cannot place the principle")?;
    tx.execute(
        "INSERT INTO principles (framework_id, code, title, statement, parent_id, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![fw.id, code, title, statement, parent_id, position],
    )
    .context("cannot save the principle")?;
    let id = tx.last_insert_rowid();
    let principle = get(&tx, &code)?;
    changes::record(
        &tx,
        "principle",
        id,
        Action::Insert,
        &changes::snapshot(&principle, &["id"]),
    )?;
    tx.commit().context("cannot save the principle")?;
    Ok((principle, created))
}

fn conn_get_optional(conn: &Connection, code: &str) -> Result<Option<Principle>> {
    match get(conn, code) {
        Ok(p) => Ok(Some(p)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Retires a principle on `on`, optionally naming the principle of the same framework that
/// replaces it. It stays in the database, and in `list --all`.
///
/// Errors: `NotFound`; `Conflict` when it is already retired, is a value with principles
/// still in use, or is the adopted framework's last principle in use; `Invalid` for a replacement that is itself, retired or in another framework.
pub fn retire(
    conn: &mut Connection,
    code: &str,
    replaced_by: Option<&str>,
    on: NaiveDate,
) -> Result<Principle> {
    let tx = begin_write(conn)?;
    let p = get(&tx, code)?;
    if let Some(when) = p.retired_on {
        return Err(Error::Conflict(format!(
            "principle {:?} was already retired on {when}",
            p.code
        )));
    }
    let active_children: Vec<String> = children(&tx, &p)?
        .into_iter()
        .filter(|c| c.retired_on.is_none())
        .map(|c| c.code)
        .collect();
    if !active_children.is_empty() {
        return Err(Error::Conflict(format!(
            "{:?} still has principles in use ({}); retire them first",
            p.code,
            active_children.join(", ")
        )));
    }
    let adopted_key = settings::get(&tx, settings::ADOPTED_FRAMEWORK)?;
    if adopted_key.as_deref() == Some(p.framework.as_str()) {
        let in_use: i64 = tx
            .query_row(
                "SELECT count(*) FROM principles p JOIN frameworks f ON f.id = p.framework_id
                 WHERE f.key = ?1 AND p.retired_on IS NULL",
                [&p.framework],
                |r| r.get(0),
            )
            .context("cannot read the framework")?;
        if in_use <= 1 {
            return Err(Error::Conflict(format!(
                "{:?} is the last principle in use of the adopted framework {:?}; adopt another framework first",
                p.code, p.framework
            )));
        }
    }
    let replacement = match replaced_by {
        Some(rc) => {
            let r = get(&tx, rc)?;
            if r.id == p.id {
                return Err(Error::Invalid(format!(
                    "principle {:?} cannot replace itself",
                    p.code
                )));
            }
            if r.framework != p.framework {
                return Err(Error::Invalid(format!(
                    "{:?} belongs to framework {:?}, not {:?}; a replacement comes from the same framework",
                    r.code, r.framework, p.framework
                )));
            }
            if r.retired_on.is_some() {
                return Err(Error::Invalid(format!(
                    "{:?} is retired too; a replacement must be in use",
                    r.code
                )));
            }
            Some(r)
        }
        None => None,
    };
    tx.execute(
        "UPDATE principles SET retired_on = ?2, replaced_by_id = ?3,
            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![p.id, on, replacement.as_ref().map(|r| r.id)],
    )
    .context("cannot retire the principle")?;
    let mut fields = json!({ "retired_on": [null, on] });
    if let Some(r) = &replacement {
        fields["replaced_by"] = json!([null, r.code]);
    }
    changes::record(&tx, "principle", p.id, Action::Update, &fields)?;
    let retired = get(&tx, &p.code)?;
    tx.commit().context("cannot retire the principle")?;
    Ok(retired)
}

/// Makes `key` the framework that reviews score against. Returns it, and whether it was
/// already the adopted one.
///
/// Errors: `NotFound`; `Invalid` when the framework has no principle in use.
pub fn adopt(conn: &mut Connection, key: &str) -> Result<(Framework, bool)> {
    let tx = begin_write(conn)?;
    let fw = framework(&tx, key)?;
    let before = settings::get(&tx, settings::ADOPTED_FRAMEWORK)?;
    if before.as_deref() == Some(fw.key.as_str()) {
        return Ok((fw, true));
    }
    let active: i64 = tx
        .query_row(
            "SELECT count(*) FROM principles WHERE framework_id = ?1 AND retired_on IS NULL",
            [fw.id],
            |r| r.get(0),
        )
        .context("cannot read the framework")?;
    if active == 0 {
        return Err(Error::Invalid(format!(
            "framework {:?} has no principle in use; add one with \"spm principle add\" first",
            fw.key
        )));
    }
    settings::set(&tx, settings::ADOPTED_FRAMEWORK, &fw.key)?;
    changes::record(
        &tx,
        "setting",
        0,
        Action::Update,
        &json!({ settings::ADOPTED_FRAMEWORK: [before, fw.key] }),
    )?;
    tx.commit().context("cannot adopt the framework")?;
    Ok((fw, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::database::open_in_memory;

    #[test]
    fn retired_principles_stay_but_leave_the_list() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let day = crate::model::parse_date("2026-01-01")?;
        let new = NewPrinciple {
            framework: "lse-principles".into(),
            code: "CP11".into(),
            title: "Shared evaluation".into(),
            ..Default::default()
        };
        assert!(
            add(&mut conn, new.clone()).is_err(),
            "built-in frameworks keep their wording"
        );
        let own = NewPrinciple {
            framework: "our-values".into(),
            ..new
        };
        let (added, created) = add(&mut conn, own.clone())?;
        assert!(created);
        assert_eq!(added.position, 1);
        let second = NewPrinciple {
            code: "OWN2".into(),
            ..own
        };
        assert_eq!(add(&mut conn, second)?.0.position, 2);
        let retired = retire(&mut conn, "cp3", Some("CP4"), day)?;
        assert_eq!(retired.replaced_by.as_deref(), Some("CP4"));
        assert_eq!(list(&conn, None, false)?.1.len(), 9);
        assert_eq!(list(&conn, None, true)?.1.len(), 10);
        assert!(retire(&mut conn, "CP3", None, day).is_err());
        assert!(retire(&mut conn, "CP4", Some("HFH1"), day).is_err());
        Ok(())
    }
}
