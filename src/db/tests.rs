use super::*;

/// Every table, index and trigger, as SQLite records them.
fn schema_of(conn: &Connection) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[test]
fn a_fresh_database_equals_a_migrated_one() -> anyhow::Result<()> {
    let fresh = open_in_memory(|_| Ok(()))?.conn;
    let stepped = Connection::open_in_memory()?;
    for (i, step) in MIGRATIONS.iter().enumerate() {
        step.run_alone(&stepped, i + 1)?;
    }
    // White space is not meaning: `ALTER TABLE ... ADD COLUMN` puts the new column's
    // comma after the line break that ends the last one, where schema.sql has it before.
    let normalise = |rows: Vec<(String, String, String)>| {
        rows.into_iter()
            .map(|(t, n, sql)| {
                let words = sql.split_whitespace().collect::<Vec<_>>().join(" ");
                (t, n, words.replace(" ,", ",").replace(" )", ")"))
            })
            .collect::<Vec<_>>()
    };
    let (made, stepped) = (
        normalise(schema_of(&fresh)?),
        normalise(schema_of(&stepped)?),
    );
    // Only the objects that differ, so a failure says where.
    let only = |a: &[(String, String, String)], b: &[(String, String, String)]| {
        a.iter()
            .filter(|x| !b.contains(x))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(only(&made, &stepped), only(&stepped, &made));
    let version: i64 = fresh.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    assert_eq!(version, VERSION);
    Ok(())
}

/// A database from an older spm is brought up to date by a command that reads it when
/// it can be written; opened read-only, it is refused (nothing can read it as it is),
/// and an SQLite file that is not yet a database is never made one by a read.
#[test]
fn a_read_brings_a_database_up_to_date_only_when_it_can_write() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let old = dir.path().join("old.db");
    let conn = Connection::open(&old)?;
    for (i, step) in MIGRATIONS.iter().enumerate().take(5) {
        step.run(&conn, i + 1)?;
    }
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 5; PRAGMA journal_mode = WAL;"
    ))?;
    conn.close().map_err(|(_, e)| e)?;
    let read_only = Connection::open_with_flags(&old, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let found = read_found(&read_only)?;
    let refused = prepare(read_only, "old.db", found, Access::Read, |_| Ok(()));
    assert!(
        matches!(&refused, Err(Error::Permission(m)) if m.contains("older spm")),
        "{:?}",
        refused.err()
    );
    let opened = open(&old, Access::Read, EmptyFile::Refuse, "t", |_| Ok(()))?;
    let version: i64 = opened
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))?;
    assert_eq!((version, opened.created), (VERSION, false));

    let blank = dir.path().join("blank.db");
    Connection::open(&blank)?.execute_batch("PRAGMA user_version = 0; VACUUM;")?;
    let refused = open(&blank, Access::Read, EmptyFile::Refuse, "t", |_| Ok(()));
    assert!(matches!(refused, Err(Error::NotFound { .. })));
    let missing = open(
        &dir.path().join("none.db"),
        Access::Read,
        EmptyFile::Refuse,
        "t",
        |_| Ok(()),
    );
    assert!(matches!(missing, Err(Error::NotFound { .. })));
    assert!(!dir.path().join("none.db").exists());
    Ok(())
}

#[test]
fn the_change_log_is_append_only() -> anyhow::Result<()> {
    let conn = open_in_memory(|_| Ok(()))?.conn;
    conn.execute(
        "INSERT INTO changes (actor, entity, entity_id, action) VALUES ('t', 'project', 1, 'insert')",
        [],
    )?;
    assert!(conn.execute("UPDATE changes SET actor = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM changes", []).is_err());
    Ok(())
}
