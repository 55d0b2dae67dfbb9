//! Schema step 10: projects, project_partners and contributions are made again with their
//! columns in the order a reader expects (`migrations/0010_column_order.sql`), where the
//! columns later steps added had come last.
//!
//! SQLite's own procedure for a change `ALTER TABLE` cannot make, in the step's transaction:
//! each old table is renamed aside with `legacy_alter_table` on, so the foreign keys of the
//! tables that refer to it keep naming the new one; the new tables are made; the rows are
//! copied by column name, parents first, in id order; the old tables are dropped (no foreign
//! key names them, so dropping deletes nothing else); their indexes are made again from the
//! text SQLite kept of them; and each table's AUTOINCREMENT counter is set back to what it
//! was, so an id deleted before the step is never given again. `PRAGMA foreign_key_check`
//! then proves every reference still holds, or the step fails and its transaction with it.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows;
use crate::error::{Context, Error, Result};

/// The new tables, as schema.sql has them.
const TABLES: &str = include_str!("../../migrations/0010_column_order.sql");

/// The tables made again, parents before children.
const REBUILT: [&str; 3] = ["projects", "project_partners", "contributions"];

/// What is kept of an old table while it is made again.
struct Old {
    table: &'static str,
    columns: Vec<String>,
    indexes: Vec<String>,
    counter: Option<i64>,
}

/// Makes the three tables again in the caller's transaction.
pub(super) fn migrate(conn: &Connection) -> Result<()> {
    let context = "cannot migrate to schema version 10";
    // A correction may name an entry copied after it; every reference is checked at the end.
    conn.execute_batch("PRAGMA defer_foreign_keys = ON; PRAGMA legacy_alter_table = ON;")
        .context(context)?;
    let done = rebuild(conn);
    conn.execute_batch("PRAGMA legacy_alter_table = OFF;")
        .context(context)?;
    done
}

fn rebuild(conn: &Connection) -> Result<()> {
    let context = "cannot migrate to schema version 10";
    let mut old = Vec::with_capacity(REBUILT.len());
    for table in REBUILT {
        let columns = rows(
            conn,
            context,
            "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
            [table],
            |r| r.get(0),
        )?;
        let indexes = rows(
            conn,
            context,
            "SELECT sql FROM sqlite_master
             WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
            [table],
            |r| r.get(0),
        )?;
        let counter: Option<i64> = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .optional()
            .context(context)?;
        conn.execute_batch(&format!("ALTER TABLE {table} RENAME TO {table}_before_10;"))
            .context(context)?;
        old.push(Old {
            table,
            columns,
            indexes,
            counter,
        });
    }
    conn.execute_batch(TABLES).context(context)?;
    for o in &old {
        let table = o.table;
        let columns = o
            .columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        conn.execute_batch(&format!(
            "INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_before_10 ORDER BY id;"
        ))
        .context(context)?;
    }
    for o in old.iter().rev() {
        conn.execute_batch(&format!("DROP TABLE {}_before_10;", o.table))
            .context(context)?;
    }
    for o in &old {
        for index in &o.indexes {
            conn.execute_batch(index).context(context)?;
        }
        if let Some(counter) = o.counter {
            conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT ?1, ?2
                 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?1)",
                params![o.table, counter],
            )
            .context(context)?;
            conn.execute(
                "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
                params![o.table, counter],
            )
            .context(context)?;
        }
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .context(context)?;
    if broken > 0 {
        return Err(Error::BadDatabase(format!(
            "{broken} references no longer hold after the tables were made again; nothing was changed"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use serde_json::Value as Json;

    use super::super::MIGRATIONS;

    /// A database at version 9 with rows in every table the step makes again, and in tables
    /// that refer to them: a project deleted last (so the counter is ahead of the rows), a
    /// lead, themes, partners with skills, and contributions one of which corrects another.
    fn version_9() -> anyhow::Result<Connection> {
        let conn = Connection::open_in_memory()?;
        for (i, step) in MIGRATIONS[..9].iter().enumerate() {
            step.run_alone(&conn, i + 1)?;
        }
        conn.execute_batch(
            "INSERT INTO people (name, kind) VALUES ('Dr A. Khan', 'staff'), ('Tom Evans', 'student');
             INSERT INTO projects (code, title, form, level_planned, academic_year, lead_id,
                                   next_review_due, last_review_on, start_date)
                 VALUES ('peer-2025', 'Peer support', 'wider-student-experience', 'partnership',
                         '2025/26', 1, '2026-10-01', '2025-10-01', '2025-09-01'),
                        ('voice-2025', 'Student voice', 'educational-research', 'involvement',
                         '2025/26', NULL, NULL, NULL, NULL),
                        ('gone-2025', 'Gone', 'educational-research', 'involvement',
                         '2025/26', NULL, NULL, NULL, NULL);
             DELETE FROM projects WHERE code = 'gone-2025';
             INSERT INTO project_themes VALUES (1, 'wellbeing'), (1, 'belonging'), (2, 'voice');
             INSERT INTO project_partners (project_id, person_id, role, from_date, skills)
                 VALUES (1, 2, 'student-partner', '2025-10-01', 'facilitation'),
                        (2, 2, 'change-maker', NULL, NULL),
                        (2, 1, 'staff-partner', NULL, NULL);
             DELETE FROM project_partners WHERE id = 3;
             INSERT INTO contributions (partner_id, on_date, minutes, paid_pence, to_date)
                 VALUES (1, '2025-11-01', 600, 1500, '2025-11-30');
             INSERT INTO contributions (partner_id, on_date, minutes, replaces_id, reason)
                 VALUES (1, '2025-11-01', 540, 1, 'timesheet said 9');
             INSERT INTO reviews (project_id, framework_id, on_date, kind, decision)
                 SELECT 1, id, '2025-10-01', 'annual', 'continue' FROM frameworks LIMIT 1;",
        )?;
        Ok(conn)
    }

    /// Every row of `table`, each as an object keyed by column name, in id order.
    fn rows(conn: &Connection, table: &str) -> anyhow::Result<Vec<Json>> {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY name")?
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let pairs = columns
            .iter()
            .map(|c| format!("'{c}', \"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT json_object({pairs}) FROM {table} ORDER BY 1");
        let mut stmt = conn.prepare(&sql)?;
        let found = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|text| Ok(serde_json::from_str(&text?)?))
            .collect::<anyhow::Result<Vec<Json>>>()?;
        Ok(found)
    }

    const KEPT: [&str; 7] = [
        "projects",
        "project_themes",
        "project_partners",
        "contributions",
        "reviews",
        "people",
        "sqlite_sequence",
    ];

    #[test]
    fn every_row_and_counter_is_kept_and_the_columns_are_in_order() -> anyhow::Result<()> {
        let conn = version_9()?;
        let before = KEPT
            .iter()
            .map(|t| rows(&conn, t))
            .collect::<anyhow::Result<Vec<_>>>()?;
        conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN;")?;
        MIGRATIONS[9].run(&conn, 10)?;
        conn.execute_batch("COMMIT; PRAGMA foreign_keys = ON;")?;
        for (table, was) in KEPT.iter().zip(&before) {
            assert_eq!(&rows(&conn, table)?, was, "{table}");
        }
        let order: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('projects') ORDER BY cid")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(order[10], "lead_id");
        assert_eq!(order.last().map(String::as_str), Some("updated_at"));
        // The references of other tables still name the tables, not the old ones set aside.
        let aside: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%before_10%'",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(aside, 0);
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        assert_eq!(broken, 0);
        // No id is given twice: the deleted project's and partner's ids stay used.
        conn.execute(
            "INSERT INTO projects (code, title, form, level_planned, academic_year)
             VALUES ('new-2026', 'New', 'educational-research', 'involvement', '2026/27')",
            [],
        )?;
        assert_eq!(conn.last_insert_rowid(), 4);
        conn.execute(
            "INSERT INTO project_partners (project_id, person_id, role) VALUES (4, 1, 'lead')",
            [],
        )?;
        assert_eq!(conn.last_insert_rowid(), 4);
        // Removing a partner still takes their contributions with it (ON DELETE CASCADE).
        conn.execute("DELETE FROM project_partners WHERE id = 1", [])?;
        let left: i64 = conn.query_row("SELECT count(*) FROM contributions", [], |r| r.get(0))?;
        assert_eq!(left, 0);
        Ok(())
    }

    /// A database opened by spm takes the step through the migration, which turns foreign
    /// keys off for it and on again afterwards.
    #[test]
    fn opening_takes_the_step_with_foreign_keys_on_afterwards() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("old.db");
        {
            let conn = version_9()?;
            conn.execute_batch(&format!(
                "PRAGMA user_version = 9; PRAGMA application_id = {};",
                super::super::APPLICATION_ID
            ))?;
            conn.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
        }
        let opened = crate::service::database::open(
            &path,
            crate::db::Access::Write { make_folder: false },
            "test",
        )?;
        let on: i64 = opened
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(on, 1);
        let version: i64 = opened
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, super::super::VERSION);
        let partners: i64 =
            opened
                .conn
                .query_row("SELECT count(*) FROM project_partners", [], |r| r.get(0))?;
        assert_eq!(partners, 2);
        Ok(())
    }
}
