//! Unit tests of the archive: the guard, the value encoding, and round trips in memory.

use std::io::Cursor;

use proptest::prelude::*;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::*;
use crate::model::formula::archive::{guard, unguard, workbook};
use crate::service::database::open_in_memory;

/// A table with a column of every affinity, to carry values spm's own tables never hold.
const ODD: &str = "CREATE TABLE odd (
    id INTEGER PRIMARY KEY, i INTEGER, t TEXT, r REAL, n NUMERIC, b
)";

/// Every row of every table, typed, in stored order: what a restore must reproduce.
fn contents(conn: &Connection) -> anyhow::Result<Vec<(String, Vec<Vec<Value>>)>> {
    let mut out = Vec::new();
    for t in tables(conn)? {
        let mut stmt = conn.prepare(&t.select())?;
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
            .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
        out.push((t.name, rows));
    }
    let seq = sequences(conn)?
        .into_iter()
        .map(|(n, s)| vec![Value::Text(n), Value::Integer(s)])
        .collect();
    out.push(("sqlite_sequence".into(), seq));
    Ok(out)
}

/// A database with spm's schema, the demo programme and the odd table full of edge cases.
fn source() -> anyhow::Result<Connection> {
    let mut conn = open_in_memory()?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).ok_or(anyhow::anyhow!("date"))?;
    crate::service::demo::load(&mut conn, today)?;
    conn.execute_batch(ODD)?;
    let texts = [
        "",
        "'",
        "''",
        "=1+2",
        "+44 20 7946 0000",
        "-5",
        "@SUM(A1)",
        "\t=x",
        "\r\n=y",
        "\0nul",
        "O'Brien",
        " spaced ",
        "line\r\nbreak\rcr",
        "_x0041_ literal",
        "emoji 🎉 עברית",
        "\u{1}control",
        "5",
        "1e5",
        "plain",
    ];
    for (k, s) in texts.iter().enumerate() {
        conn.execute(
            "INSERT INTO odd (id, i, t, r, n, b) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![k as i64 + 1, s, s, s, s, s],
        )?;
    }
    let numbers: [(i64, Value); 8] = [
        (101, Value::Integer(i64::MAX)),
        (102, Value::Integer(i64::MIN)),
        (103, Value::Integer((1 << 53) + 1)),
        (104, Value::Real(2.5)),
        (105, Value::Real(1e300)),
        (106, Value::Real(-0.1)),
        (107, Value::Real(f64::INFINITY)),
        (108, Value::Integer(-7)),
    ];
    for (id, v) in numbers {
        conn.execute(
            "INSERT INTO odd (id, i, t, r, n, b) VALUES (?1, ?2, NULL, ?2, ?2, ?2)",
            rusqlite::params![id, v],
        )?;
    }
    conn.execute(
        "INSERT INTO odd (id, b) VALUES (200, 4.0), (201, 'text'), (202, NULL)",
        [],
    )?;
    Ok(conn)
}

/// A new database ready to restore into (the odd table made, as a newer schema would have it).
fn target() -> anyhow::Result<Connection> {
    let conn = open_in_memory()?;
    conn.execute_batch(ODD)?;
    Ok(conn)
}

fn workbook_of(conn: &mut Connection, rows_per_sheet: usize) -> anyhow::Result<Vec<u8>> {
    let snap = Snapshot::begin(conn, "2026-11-23T10:00:00Z".into())?;
    let mut bytes = Vec::new();
    snap.write_workbook(&mut bytes, rows_per_sheet)?;
    Ok(bytes)
}

#[test]
fn a_workbook_restores_every_value_exactly() -> anyhow::Result<()> {
    let mut from = source()?;
    let bytes = workbook_of(&mut from, SHEET_ROWS)?;
    let mut book = WorkbookFile::from_reader(Cursor::new(bytes), "test.xlsx")?;
    let manifest = read_manifest(&mut book)?;
    let mut to = target()?;
    let restored = restore(&mut to, &mut book, &manifest, false)?;
    assert_eq!(contents(&from)?, contents(&to)?);
    assert!(restored.rows > 200, "{restored:?}");
    Ok(())
}

#[test]
fn a_folder_of_csv_restores_every_value_exactly() -> anyhow::Result<()> {
    let mut from = source()?;
    let dir = tempfile::tempdir()?;
    {
        let snap = Snapshot::begin(&mut from, "2026-11-23T10:00:00Z".into())?;
        for (i, t) in snap.manifest.tables.iter().enumerate() {
            let mut file = std::fs::File::create(dir.path().join(format!("{}.csv", t.name)))?;
            // One file with a byte order mark, as --bom writes it.
            snap.write_csv(t, &mut file, i == 0)?;
        }
        let mut file = std::fs::File::create(dir.path().join("_spm.csv"))?;
        snap.write_manifest_csv(&mut file, true)?;
    }
    let mut folder = CsvFolder::new(dir.path());
    let manifest = read_manifest(&mut folder)?;
    let mut to = target()?;
    restore(&mut to, &mut folder, &manifest, false)?;
    assert_eq!(contents(&from)?, contents(&to)?);
    let odd = std::fs::read_to_string(dir.path().join("odd.csv"))?;
    // Empty text is a lone ', told apart from NULL (an empty field).
    assert!(odd.contains(&format!("\n1{}\n", ",'".repeat(5))), "{odd}");
    assert!(odd.contains("\n202,,,,,\n"), "{odd}");
    assert!(odd.contains(",'=1+2,"), "{odd}");
    Ok(())
}

#[test]
fn long_tables_continue_on_further_sheets() -> anyhow::Result<()> {
    let mut from = source()?;
    let bytes = workbook_of(&mut from, 10)?;
    let mut book = WorkbookFile::from_reader(Cursor::new(bytes), "test.xlsx")?;
    assert!(book.has("changes.2") && book.has("odd.3") && !book.has("settings.2"));
    let manifest = read_manifest(&mut book)?;
    let mut to = target()?;
    restore(&mut to, &mut book, &manifest, false)?;
    assert_eq!(contents(&from)?, contents(&to)?);
    Ok(())
}

#[test]
fn a_dry_run_and_a_failed_restore_change_nothing() -> anyhow::Result<()> {
    let mut from = source()?;
    let bytes = workbook_of(&mut from, SHEET_ROWS)?;
    let mut to = target()?;
    let before = contents(&to)?;
    let mut book = WorkbookFile::from_reader(Cursor::new(bytes), "test.xlsx")?;
    let mut manifest = read_manifest(&mut book)?;
    restore(&mut to, &mut book, &manifest, true)?;
    assert_eq!(before, contents(&to)?);
    if let Some(t) = manifest.tables.iter_mut().find(|t| t.name == "reviews") {
        t.rows += 1;
    }
    let err = restore(&mut to, &mut book, &manifest, false).err();
    let words = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        words.contains("sheet reviews holds 5 rows but the manifest says 6"),
        "{words}"
    );
    assert_eq!(before, contents(&to)?);
    Ok(())
}

#[test]
fn a_database_with_data_is_refused() -> anyhow::Result<()> {
    let mut from = source()?;
    let bytes = workbook_of(&mut from, SHEET_ROWS)?;
    let mut book = WorkbookFile::from_reader(Cursor::new(bytes), "test.xlsx")?;
    let manifest = read_manifest(&mut book)?;
    let err = restore(&mut from, &mut book, &manifest, false).err();
    assert!(
        matches!(&err, Some(crate::error::Error::Conflict(m)) if m.contains("--db new.db")),
        "{err:?}"
    );
    assert_eq!(user_data(&open_in_memory()?)?, None);
    Ok(())
}

#[test]
fn text_longer_than_a_cell_is_refused_with_the_way_out() -> anyhow::Result<()> {
    let mut conn = target()?;
    conn.execute(
        "INSERT INTO odd (id, t) VALUES (7, ?1)",
        ["x".repeat(MAX_CELL_TEXT + 1)],
    )?;
    let err = workbook_of(&mut conn, SHEET_ROWS)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("the table odd, row 1, column t")
                && e.contains("spm export -o DIR/")),
        "{err:?}"
    );
    Ok(())
}

#[test]
fn parents_come_before_the_tables_that_refer_to_them() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let names: Vec<String> = tables(&conn)?.into_iter().map(|t| t.name).collect();
    let at = |n: &str| names.iter().position(|t| t == n);
    for (parent, child) in [
        ("frameworks", "principles"),
        ("people", "projects"),
        ("projects", "reviews"),
        ("reviews", "review_scores"),
        ("project_partners", "contributions"),
    ] {
        assert!(at(parent) < at(child), "{parent} before {child}: {names:?}");
    }
    Ok(())
}

#[test]
fn cells_decode_by_the_columns_affinity() {
    let text = |s: &'static str| Cell::Text(s.into());
    assert_eq!(decode(Affinity::Text, &Cell::Empty), Ok(Value::Null));
    assert_eq!(
        decode(Affinity::Text, &text("'")),
        Ok(Value::Text(String::new()))
    );
    assert_eq!(
        decode(Affinity::Text, &text("5")),
        Ok(Value::Text("5".into()))
    );
    assert_eq!(decode(Affinity::Integer, &text("5")), Ok(Value::Integer(5)));
    assert_eq!(
        decode(Affinity::Integer, &text("'5")),
        Ok(Value::Text("5".into()))
    );
    assert_eq!(
        decode(Affinity::Integer, &text("5.0")),
        Ok(Value::Real(5.0))
    );
    assert_eq!(
        decode(Affinity::Integer, &Cell::Number(3.0)),
        Ok(Value::Integer(3))
    );
    assert_eq!(
        decode(Affinity::Integer, &Cell::Number(2.5)),
        Ok(Value::Real(2.5))
    );
    assert_eq!(
        decode(Affinity::Real, &Cell::Number(3.0)),
        Ok(Value::Real(3.0))
    );
    assert!(decode(Affinity::Integer, &text("abc")).is_err());
    assert!(decode(Affinity::Integer, &text("1,000")).is_err());
    assert!(decode(Affinity::Text, &Cell::Number(1.0)).is_err());
    assert!(decode(Affinity::Text, &Cell::Other("a date")).is_err());
    assert_eq!(Affinity::of("VARCHAR(20)"), Affinity::Text);
    assert_eq!(Affinity::of(""), Affinity::Blob);
    assert_eq!(Affinity::of("DECIMAL"), Affinity::Numeric);
}

#[test]
fn a_long_value_is_cut_short_in_a_message() {
    let long = "x".repeat(70_000);
    let said = decode(Affinity::Integer, &Cell::Text(long.as_str().into())).unwrap_err();
    assert!(said.len() < 200, "{said}");
    assert!(said.contains('…'), "{said}");
}

proptest! {
    /// The guard comes off exactly, and what it leaves never starts a formula.
    #[test]
    fn the_guard_round_trips(s in any::<String>()) {
        let guarded = guard(&s);
        prop_assert_eq!(unguard(&guarded), s.as_str());
        prop_assert!(!guarded.is_empty());
        let first = guarded.as_bytes()[0];
        prop_assert!(!matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\n' | b'\0'));
        let elsewhere = guard_in(Affinity::Integer, &s);
        prop_assert_eq!(unguard(&elsewhere), s.as_str());
    }

    /// A workbook's text comes back exactly, holds the text itself unless it is empty or
    /// begins with `'`, and an older workbook's guarded text comes back too.
    #[test]
    fn workbook_text_round_trips(s in any::<String>()) {
        let escaped = workbook(&s);
        prop_assert_eq!(unguard(&escaped), s.as_str());
        prop_assert!(!escaped.is_empty());
        if !s.is_empty() && !s.starts_with('\'') {
            prop_assert_eq!(escaped.as_ref(), s.as_str());
        }
        let older = guard(&s);
        prop_assert_eq!(unguard(&older), s.as_str());
        let elsewhere = escape_in(Affinity::Integer, &s);
        prop_assert_eq!(unguard(&elsewhere), s.as_str());
    }

    /// Text in a number column never reads back as a number, and numbers read back exactly.
    #[test]
    fn numbers_and_text_stay_apart(i in any::<i64>(), x in any::<f64>(), s in any::<String>()) {
        let mut digits = [0u8; 20];
        let shown = std::str::from_utf8(export::int_text(i, &mut digits)).map(str::to_string);
        let expected = i.to_string();
        prop_assert_eq!(shown.as_deref(), Ok(expected.as_str()));
        let back = decode(Affinity::Integer, &Cell::Text(i.to_string().into()));
        prop_assert_eq!(back, Ok(Value::Integer(i)));
        if !x.is_nan() {
            let back = decode(Affinity::Integer, &Cell::Text(export::real_text(x).into()));
            prop_assert_eq!(back, Ok(Value::Real(x)));
        }
        let back = decode(Affinity::Numeric, &Cell::Text(guard_in(Affinity::Numeric, &s)));
        prop_assert_eq!(back, Ok(Value::Text(s)));
    }
}
