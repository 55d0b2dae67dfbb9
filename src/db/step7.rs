//! Schema step 7: contributions over a period, corrected or reversed by later entries; the
//! fund's yearly budget; the external-partner role and voucher recognition.
//!
//! The new columns and table are SQL (`migrations/0007_periods_budgets_roles.sql`). Three
//! CHECKs then widen, which SQLite cannot ALTER: the roles gain `external-partner`, the kinds
//! of recognition `voucher`, and an entry's minutes may reach 24 hours for each day of its
//! period. Each only lets more rows through, so the text of the constraint is edited in place
//! as step 5 did (`value_lists::rewrite_tables`). Last, external partners who held the
//! staff-partner role (the only one open to them before) take the external-partner role, so
//! the role rules hold for every row (`Role::kinds`); the change log says so for each.

use rusqlite::Connection;
use serde_json::json;

use super::value_lists::rewrite_tables;
use crate::error::{Context, Error, Result};
use crate::service::changes::{self, Action};

/// The step, inside the migration's transaction. Each part is skipped when it is there
/// already, so the step is idempotent (a database whose version number was set back, as
/// some tests do, takes it again unharmed).
pub(super) fn migrate(conn: &Connection) -> Result<()> {
    const WHAT: &str = "cannot migrate to schema version 7";
    // The SQL part is one batch in one transaction: its first column there means all of it.
    let done: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('contributions') WHERE name = 'to_date'",
            [],
            |r| r.get(0),
        )
        .context(WHAT)?;
    if !done {
        conn.execute_batch(include_str!(
            "../../migrations/0007_periods_budgets_roles.sql"
        ))
        .context(WHAT)?;
    }
    let partners = edit(
        &table_sql(conn, "project_partners")?,
        "project_partners",
        "role = 'academic-rep'",
        "role = 'academic-rep' OR role = 'external-partner'",
    )?;
    let recognition = edit(
        &table_sql(conn, "contributions")?,
        "contributions",
        "recognition = 'payment'",
        "recognition = 'payment'\n                             OR recognition = 'voucher'",
    )?;
    let minutes = edit(
        &recognition.0,
        "contributions",
        "minutes BETWEEN 0 AND 1440",
        "minutes >= 0 AND minutes <= 1440 *\n                    \
         (julianday(coalesce(to_date, on_date)) - julianday(on_date) + 1)",
    )?;
    let mut changed = Vec::new();
    if partners.1 {
        changed.push(("project_partners".to_string(), partners.0));
    }
    if recognition.1 || minutes.1 {
        changed.push(("contributions".to_string(), minutes.0));
    }
    rewrite_tables(conn, &changed).context(WHAT)?;
    external_partners(conn)
}

/// The CREATE TABLE statement of `table`.
fn table_sql(conn: &Connection, table: &str) -> Result<String> {
    conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )
    .context("cannot read the schema")
}

/// `sql` with its one `old` replaced by `new`, and whether it changed: left as it is when
/// `new` is there already. A table whose text is not as spm wrote it is a damaged or foreign
/// database, refused rather than guessed at.
fn edit(sql: &str, table: &str, old: &str, new: &str) -> Result<(String, bool)> {
    let squeezed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed(sql).contains(&squeezed(new)) {
        return Ok((sql.to_string(), false));
    }
    if sql.matches(old).count() != 1 {
        return Err(Error::BadDatabase(format!(
            "cannot migrate to schema version 7: the table {table} is not as spm made it \
             (no single \"{old}\"); restore the database from a backup"
        )));
    }
    Ok((sql.replacen(old, new, 1), true))
}

/// External partners on a project as staff-partner take the external-partner role.
fn external_partners(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = {
        let mut stmt = conn
            .prepare(
                "SELECT pp.id FROM project_partners pp JOIN people pe ON pe.id = pp.person_id
                 WHERE pe.kind = 'external' AND pp.role = 'staff-partner' ORDER BY pp.id",
            )
            .context("cannot read the partners")?;
        stmt.query_map([], |r| r.get(0))
            .context("cannot read the partners")?
            .collect::<rusqlite::Result<_>>()
            .context("cannot read the partners")?
    };
    for id in ids {
        conn.execute(
            "UPDATE project_partners SET role = 'external-partner',
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [id],
        )
        .context("cannot give an external partner the external-partner role")?;
        changes::record(
            conn,
            "partner",
            id,
            Action::Update,
            &json!({
                "role": ["staff-partner", "external-partner"],
                "why": "schema step 7: external partners take the external-partner role",
            }),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::MIGRATIONS;
    use rusqlite::Connection;

    /// A version 6 database holding an external partner as staff-partner, with hours.
    fn version_6() -> anyhow::Result<Connection> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
        for (i, step) in MIGRATIONS[..6].iter().enumerate() {
            step.run(&conn, i + 1)?;
        }
        conn.execute_batch(
            "INSERT INTO projects (code, title, form, level_planned, academic_year)
                 VALUES ('p1', 'One', 'educational-research', 'partnership', '2025/26');
             INSERT INTO people (name, kind) VALUES ('Ext', 'external'), ('Sam', 'staff');
             INSERT INTO project_partners (project_id, person_id, role)
                 VALUES (1, 1, 'staff-partner'), (1, 2, 'staff-partner');
             INSERT INTO contributions (partner_id, on_date, minutes, recognition)
                 VALUES (1, '2026-01-05', 90, 'payment');",
        )?;
        Ok(conn)
    }

    #[test]
    fn a_version_6_database_keeps_its_rows_and_widens_its_checks() -> anyhow::Result<()> {
        let conn = version_6()?;
        conn.execute_batch("BEGIN")?;
        MIGRATIONS[6].run(&conn, 7)?;
        conn.execute_batch("COMMIT")?;
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok");
        let roles: Vec<String> = conn
            .prepare("SELECT role FROM project_partners ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(roles, ["external-partner", "staff-partner"]);
        let logged: String = conn.query_row(
            "SELECT fields FROM changes WHERE entity = 'partner' AND entity_id = 1",
            [],
            |r| r.get(0),
        )?;
        assert!(logged.contains("external-partner"), "{logged}");
        let (minutes, reversal): (i64, i64) =
            conn.query_row("SELECT minutes, reversal FROM contributions", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        assert_eq!((minutes, reversal), (90, 0));
        let insert = |on: &str, to: Option<&str>, minutes: i64, recognition: &str| {
            conn.execute(
                "INSERT INTO contributions (partner_id, on_date, to_date, minutes, recognition)
                 VALUES (2, ?1, ?2, ?3, ?4)",
                rusqlite::params![on, to, minutes, recognition],
            )
            .is_ok()
        };
        assert!(insert("2026-01-06", None, 1440, "voucher"));
        assert!(!insert("2026-01-07", None, 1441, "payment"));
        assert!(insert("2026-01-08", Some("2026-01-09"), 2880, "payment"));
        assert!(!insert("2026-01-10", Some("2026-01-11"), 2881, "payment"));
        assert!(!insert("2026-01-12", Some("2026-01-12"), 60, "payment"));
        assert!(!insert("2026-01-13", None, 60, "medal"));
        let external = conn.execute(
            "INSERT INTO project_partners (project_id, person_id, role)
             VALUES (1, 2, 'external-partner')",
            [],
        );
        assert!(external.is_ok());
        Ok(())
    }

    #[test]
    fn a_database_made_whole_at_version_6_takes_the_step_too() -> anyhow::Result<()> {
        // Made from version 6's schema.sql, whose text differs from the steps' in white space.
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(include_str!("testdata/schema-6.sql"))?;
        conn.execute_batch("BEGIN")?;
        MIGRATIONS[6].run(&conn, 7)?;
        conn.execute_batch("COMMIT")?;
        // The later steps too, so the tables compare with today's (step 9 reorders columns).
        for (i, step) in MIGRATIONS.iter().enumerate().skip(7) {
            step.run_alone(&conn, i + 1)?;
        }
        let fresh = crate::db::open_in_memory(|_| Ok(()))?.conn;
        let table = |c: &Connection, name: &str| -> rusqlite::Result<String> {
            let sql: String = c.query_row(
                "SELECT sql FROM sqlite_master WHERE name = ?1",
                [name],
                |r| r.get(0),
            )?;
            Ok(sql.split_whitespace().collect::<String>())
        };
        for name in ["project_partners", "contributions", "fund_budgets"] {
            assert_eq!(table(&conn, name)?, table(&fresh, name)?, "{name}");
        }
        Ok(())
    }

    #[test]
    fn the_step_taken_twice_changes_nothing_more() -> anyhow::Result<()> {
        let conn = version_6()?;
        MIGRATIONS[6].run(&conn, 7)?;
        let schema = |c: &Connection| -> rusqlite::Result<Vec<String>> {
            c.prepare("SELECT sql FROM sqlite_master ORDER BY name")?
                .query_map([], |r| r.get::<_, Option<String>>(0))?
                .map(|r| r.map(Option::unwrap_or_default))
                .collect()
        };
        let once = schema(&conn)?;
        let changes: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?;
        MIGRATIONS[6].run(&conn, 7)?;
        assert_eq!(schema(&conn)?, once);
        let again: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?;
        assert_eq!(again, changes);
        Ok(())
    }

    #[test]
    fn a_table_not_as_spm_made_it_is_refused() {
        let err = super::edit("CREATE TABLE t (x)", "t", "role = 'academic-rep'", "y");
        assert!(err.is_err_and(|e| e.to_string().contains("restore the database")));
    }
}
