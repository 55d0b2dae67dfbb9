//! The built-in frameworks, loaded when a database is created: the ten principles of seed
//! 000, the Student Partnership Agreement of seed 003, and Healey, Flint & Harrington's values.

use rusqlite::{Connection, params};
use serde::Deserialize;
use serde_json::json;

use crate::error::{Context, Error, Result};
use crate::service::changes::{self, Action};
use crate::service::settings;

/// The built-in frameworks, embedded at compile time from `data/frameworks.json`.
const BUILTIN: &str = include_str!("../../../data/frameworks.json");

#[derive(Deserialize)]
struct Seed {
    adopted: String,
    frameworks: Vec<SeedFramework>,
}

#[derive(Deserialize)]
struct SeedFramework {
    key: String,
    name: String,
    institution: String,
    document: String,
    year: String,
    principles: Vec<SeedPrinciple>,
}

#[derive(Deserialize)]
struct SeedPrinciple {
    code: String,
    title: String,
    statement: Option<String>,
    #[serde(default)]
    children: Vec<SeedPrinciple>,
}

/// Loads the built-in frameworks and adopts the first; runs when a database is created.
pub fn install_builtin(conn: &Connection) -> Result<()> {
    let seed: Seed = serde_json::from_str(BUILTIN)
        .map_err(|e| Error::Invalid(format!("the built-in frameworks are malformed: {e}")))?;
    for fw in &seed.frameworks {
        conn.execute(
            "INSERT INTO frameworks (key, name, institution, document, year, builtin)
             VALUES (?1, ?2, ?3, ?4, ?5, 1)",
            params![fw.key, fw.name, fw.institution, fw.document, fw.year],
        )
        .context("cannot load the built-in frameworks")?;
        let fw_id = conn.last_insert_rowid();
        let mut codes = Vec::new();
        for (i, p) in fw.principles.iter().enumerate() {
            let id = insert_principle(conn, fw_id, p, None, i as i64 + 1)?;
            codes.push(p.code.clone());
            for (j, child) in p.children.iter().enumerate() {
                insert_principle(conn, fw_id, child, Some(id), j as i64 + 1)?;
                codes.push(child.code.clone());
            }
        }
        changes::record(
            conn,
            "framework",
            fw_id,
            Action::Insert,
            &json!({ "key": fw.key, "name": fw.name, "builtin": true, "principles": codes }),
        )?;
    }
    settings::set(conn, settings::ADOPTED_FRAMEWORK, &seed.adopted)
}

fn insert_principle(
    conn: &Connection,
    framework_id: i64,
    p: &SeedPrinciple,
    parent: Option<i64>,
    position: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO principles (framework_id, code, title, statement, parent_id, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![framework_id, p.code, p.title, p.statement, parent, position],
    )
    .context("cannot load the built-in frameworks")?;
    Ok(conn.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::super::{frameworks, list};
    use crate::service::database::open_in_memory;

    /// Text with runs of white space folded to one space, to compare with the seed pages.
    fn folded(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn builtin_wording_is_exactly_the_seeds() -> anyhow::Result<()> {
        let seeds = [
            include_str!("../../../data/seeds/000_4995d46291565222.txt"),
            include_str!("../../../data/seeds/003_3932dd4eee6ed45d.txt"),
        ]
        .map(folded);
        let conn = open_in_memory()?;
        let mut checked = 0;
        for key in ["lse-principles", "spa"] {
            let (_, principles) = list(&conn, Some(key), true)?;
            for p in principles {
                if let Some(statement) = &p.statement {
                    assert!(
                        seeds.iter().any(|s| s.contains(&folded(statement))),
                        "{} is not worded as in the seed: {statement}",
                        p.code
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 10 + 11);
        Ok(())
    }

    #[test]
    fn builtin_frameworks_have_their_shape() -> anyhow::Result<()> {
        let conn = open_in_memory()?;
        let summaries = frameworks(&conn)?;
        let counts: Vec<(String, i64, bool)> = summaries
            .iter()
            .map(|s| (s.framework.key.clone(), s.active, s.adopted))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("lse-principles".to_string(), 10, true),
                ("spa".to_string(), 16, false),
                ("hfh-2014".to_string(), 8, false),
            ]
        );
        let (_, spa) = list(&conn, Some("spa"), false)?;
        let values: Vec<&str> = spa
            .iter()
            .filter(|p| p.parent.is_none())
            .map(|p| p.title.as_str())
            .collect();
        assert_eq!(values[0], "Fairness, Honesty and Transparency");
        assert_eq!(spa[1].parent.as_deref(), Some("SPA1"));
        Ok(())
    }
}
