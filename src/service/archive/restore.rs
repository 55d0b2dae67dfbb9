//! Restoring an export into a database that holds no data yet: every row, with its id, in one
//! transaction, checked against the manifest and the foreign keys before it is committed.
//!
//! The one writer of every table outside its noun's service module, by design: a restore
//! copies whole tables, column for column, ids and timestamps included, from a copy the
//! nouns' writers made, so that the restored database is the one exported; going through
//! `project::write` and the rest would check and renumber what must come back as it was.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::source::{Cell, Source};
use super::{Affinity, Manifest, Table, quote, sheet_name, tables, user_data};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result, from_sqlite};
use crate::model::formula;
use crate::model::text::quoted;
use crate::service::changes::{self, Triggers};

/// What was restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub tables: usize,
    pub rows: u64,
    pub schema_version: i64,
    pub exported_at: String,
}

/// Restores the export `source` (whose checked manifest is `manifest`) into `conn`, which
/// must hold no data yet: the built-in frameworks of a new database are replaced by the
/// export's rows. Every id is kept. With `dry_run`, everything is checked and nothing kept.
///
/// Errors: `Conflict` when the database holds data; `Invalid` when the export does not match
/// this schema, a value cannot be restored exactly, a row breaks a rule of the schema, a
/// foreign key points nowhere, or a table's row count differs from the manifest (the message
/// names the sheet or file, the row and the column); `Database` when SQLite fails. On any
/// error the database is left exactly as it was.
pub fn restore(
    conn: &mut Connection,
    source: &mut dyn Source,
    manifest: &Manifest,
    dry_run: bool,
) -> Result<Restored> {
    // A restore writes every index at once: a larger page cache (64 MiB, for this command
    // only) keeps them from thrashing. A failure here only costs speed.
    let cache: Option<i64> = conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).ok();
    let _ = conn.execute_batch("PRAGMA cache_size = -65536;");
    let result = restore_in(conn, source, manifest, dry_run);
    if let Some(size) = cache {
        let _ = conn.execute_batch(&format!("PRAGMA cache_size = {size};"));
    }
    result
}

/// [`restore`], with the cache set.
fn restore_in(
    conn: &mut Connection,
    source: &mut dyn Source,
    manifest: &Manifest,
    dry_run: bool,
) -> Result<Restored> {
    let tx = begin_write(conn)?;
    if let Some(what) = user_data(&tx)? {
        return Err(Error::Conflict(format!(
            "the database already holds data ({what}), and restore only fills a new one; give a new file with --db new.db"
        )));
    }
    let schema = tables(&tx)?;
    // An export of an older schema lacks what later steps added: those tables and columns
    // are left empty (see OLDEST_RESTORABLE).
    let older = manifest.schema_version < crate::db::VERSION;
    check_tables(source, manifest, &schema, older)?;
    // Triggers are lifted for the restore, so none fires on a restored row (the change log's
    // append-only ones would stop the built-in entries from being cleared) and put back as
    // they were before the commit.
    let lifted = changes::lift_triggers(&tx, Triggers::All)
        .context("cannot prepare the database for the restore")?;
    // Rows may refer to rows further on (a principle replaced by a later one): foreign keys
    // are checked once everything is in.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")
        .context("cannot prepare the database for the restore")?;
    for t in &schema {
        tx.execute_batch(&format!("DELETE FROM {}", quote(&t.name)))
            .context("cannot clear the built-in frameworks")?;
    }
    let mut rows = 0;
    let mut restored_tables = 0;
    for t in &schema {
        let Some(listed) = manifest.tables.iter().find(|m| m.name == t.name) else {
            // A table the older schema did not have (check_tables let only that through).
            continue;
        };
        let expected = listed.rows;
        let got = restore_table(&tx, source, t, older)?;
        restored_tables += 1;
        if got != expected {
            return Err(Error::Invalid(format!(
                "{} holds {got} rows but the manifest says {expected}; the export is incomplete or was edited, nothing was imported",
                source.place(&t.name)
            )));
        }
        rows += got;
    }
    restore_sequences(&tx, source, manifest, &schema)?;
    check_foreign_keys(&tx, source, &schema)?;
    lifted
        .put_back(&tx)
        .context("cannot put the database's triggers back")?;
    // The export's next review dates are whatever its file says (a spreadsheet may have been
    // edited): worked out again from the restored rows.
    crate::service::review::refresh_all(&tx)?;
    let restored = Restored {
        tables: restored_tables,
        rows,
        schema_version: manifest.schema_version,
        exported_at: manifest.exported_at.clone(),
    };
    if dry_run {
        tx.rollback().context("cannot end the dry run")?;
    } else {
        tx.commit().context("cannot save the restore")?;
    }
    Ok(restored)
}

/// The manifest's tables must be the schema's, each with its sheet or file.
fn check_tables(
    source: &dyn Source,
    manifest: &Manifest,
    schema: &[Table],
    older: bool,
) -> Result<()> {
    let place = source.manifest_place();
    for m in &manifest.tables {
        if !schema.iter().any(|t| t.name == m.name) {
            return Err(Error::Invalid(format!(
                "{place} lists a table {} that this spm's database does not have; nothing was imported",
                quoted(&m.name)
            )));
        }
    }
    for t in schema {
        if !manifest.tables.iter().any(|m| m.name == t.name) {
            if older {
                continue;
            }
            return Err(Error::Invalid(format!(
                "{place} does not list the table {}; the export is incomplete, nothing was imported",
                t.name
            )));
        }
        if !source.has(&t.name) {
            return Err(Error::Invalid(format!(
                "the export has no {}; it is incomplete, nothing was imported",
                source.place(&t.name)
            )));
        }
    }
    Ok(())
}

/// Inserts every row of one table (its sheet and continuation sheets); returns how many.
fn restore_table(
    tx: &Connection,
    source: &mut dyn Source,
    table: &Table,
    older: bool,
) -> Result<u64> {
    let unit = source.unit();
    let mut count = 0;
    let mut part = 1;
    while part == 1 || source.has(&sheet_name(&table.name, part)) {
        let sheet = sheet_name(&table.name, part);
        let place = source.place(&sheet);
        let mut insert: Option<(rusqlite::Statement<'_>, Vec<usize>)> = None;
        let mut values: Vec<Value> = Vec::with_capacity(table.columns.len());
        source.read(&sheet, &mut |n, cells| {
            let Some((stmt, columns)) = insert.as_mut() else {
                let columns = header(&place, unit, table, cells, older)?;
                let names: Vec<String> = columns
                    .iter()
                    .map(|&c| quote(&table.columns[c].name))
                    .collect();
                let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    quote(&table.name),
                    names.join(", "),
                    marks.join(", ")
                );
                let stmt = tx.prepare(&sql).context("cannot prepare the restore")?;
                insert = Some((stmt, columns));
                return Ok(());
            };
            if cells.len() > columns.len() && cells[columns.len()..].iter().any(|c| *c != Cell::Empty) {
                return Err(Error::Invalid(format!(
                    "{place}, {unit} {n}: more values than the header has columns; nothing was imported"
                )));
            }
            values.clear();
            for (i, &c) in columns.iter().enumerate() {
                let column = &table.columns[c];
                let cell = cells.get(i).unwrap_or(&Cell::Empty);
                values.push(decode(column.affinity, cell).map_err(|problem| {
                    Error::Invalid(format!(
                        "{place}, {unit} {n}, column {}: {problem}; nothing was imported",
                        column.name
                    ))
                })?);
            }
            stmt.execute(params_from_iter(values.iter())).map_err(|e| {
                // SQLite names no column when an id is not a whole number: find it.
                let id = columns.iter().zip(&values).find(|(c, v)| {
                    table.columns[**c].affinity == Affinity::Integer
                        && matches!(v, Value::Real(_) | Value::Text(_))
                });
                match (e.sqlite_error_code(), id) {
                    (Some(rusqlite::ErrorCode::TypeMismatch), Some((c, _))) => {
                        Error::Invalid(format!(
                            "{place}, {unit} {n}, column {}: not a whole number, and it is the row's id; nothing was imported",
                            table.columns[*c].name
                        ))
                    }
                    _ => row_error(&place, unit, n, e),
                }
            })?;
            count += 1;
            Ok(())
        })?;
        if insert.is_none() {
            return Err(Error::Invalid(format!(
                "{place} is empty: it has no header row; nothing was imported"
            )));
        }
        part += 1;
    }
    Ok(count)
}

/// Maps the header to the table's columns: every column once, no other (an export of an
/// older schema may lack the columns that are not required).
fn header(
    place: &str,
    unit: &str,
    table: &Table,
    cells: &[Cell<'_>],
    older: bool,
) -> Result<Vec<usize>> {
    let mut columns = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let Cell::Text(name) = cell else {
            if *cell == Cell::Empty && cells[i..].iter().all(|c| *c == Cell::Empty) {
                break;
            }
            return Err(Error::Invalid(format!(
                "{place}, {unit} 1, column {}: the header must name a column; nothing was imported",
                i + 1
            )));
        };
        let Some(c) = table.columns.iter().position(|c| c.name == *name) else {
            return Err(Error::Invalid(format!(
                "{place}, {unit} 1: {} is not a column of the table {}; nothing was imported",
                quoted(name),
                table.name
            )));
        };
        if columns.contains(&c) {
            return Err(Error::Invalid(format!(
                "{place}, {unit} 1: the column {name} is there twice; nothing was imported"
            )));
        }
        columns.push(c);
    }
    if let Some(missing) = (0..table.columns.len())
        .find(|&c| !columns.contains(&c) && (!older || table.columns[c].required))
    {
        return Err(Error::Invalid(format!(
            "{place}, {unit} 1: the column {} is missing; nothing was imported",
            table.columns[missing].name
        )));
    }
    Ok(columns)
}

/// The value a cell stands for in a column of `affinity`, exactly as it was exported; or
/// what is wrong with it.
pub fn decode(affinity: Affinity, cell: &Cell<'_>) -> std::result::Result<Value, String> {
    match (affinity, cell) {
        (_, Cell::Empty) => Ok(Value::Null),
        (_, Cell::Other(what)) => Err(format!("{what}, which an export never holds")),
        (Affinity::Text, Cell::Text(t)) => {
            Ok(Value::Text(formula::archive::unguard(t).to_string()))
        }
        (Affinity::Text, Cell::Number(_) | Cell::Int(_)) => {
            Err("a number where text is expected (text in a workbook is a text cell)".to_string())
        }
        (_, Cell::Text(t)) => match t.strip_prefix('\'') {
            Some(text) => Ok(Value::Text(text.to_string())),
            None => number(t).ok_or_else(|| {
                format!(
                    "{} is not a number (text in this column begins with ')",
                    quoted(t)
                )
            }),
        },
        (_, Cell::Int(v)) => Ok(Value::Integer(*v)),
        (Affinity::Real, Cell::Number(v)) => Ok(Value::Real(*v)),
        (_, Cell::Number(v)) if v.fract() == 0.0 && v.abs() <= (1u64 << 53) as f64 => {
            Ok(Value::Integer(*v as i64))
        }
        (_, Cell::Number(v)) => Ok(Value::Real(*v)),
    }
}

/// A number written as text: an integer, else a real (`5.0`, `1e300`, `inf`).
fn number(t: &str) -> Option<Value> {
    if let Ok(v) = t.parse::<i64>() {
        return Some(Value::Integer(v));
    }
    let looks_real = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        || matches!(t, "inf" | "-inf");
    if !looks_real {
        return None;
    }
    t.parse::<f64>().ok().map(Value::Real)
}

/// A row SQLite refused: a broken rule of the schema is the file's fault, in its words.
fn row_error(place: &str, unit: &str, n: u64, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation | rusqlite::ErrorCode::TypeMismatch) => {
            let words = match &e {
                rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
                other => other.to_string(),
            };
            Error::Invalid(format!(
                "{place}, {unit} {n}: {words}; nothing was imported"
            ))
        }
        _ => from_sqlite(&format!("cannot restore {place}, {unit} {n}"), e),
    }
}

/// Sets the AUTOINCREMENT counters to the export's, which must not be behind the ids.
fn restore_sequences(
    tx: &Connection,
    source: &dyn Source,
    manifest: &Manifest,
    schema: &[Table],
) -> Result<()> {
    let place = source.manifest_place();
    let exists: bool = tx
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'sqlite_sequence'",
            [],
            |r| r.get(0),
        )
        .context("cannot restore the id counters")?;
    if !exists {
        return Ok(());
    }
    tx.execute("DELETE FROM sqlite_sequence", [])
        .context("cannot restore the id counters")?;
    let mut seen: HashSet<&str> = HashSet::new();
    for (name, seq) in &manifest.sequences {
        if !schema.iter().any(|t| t.name == *name) || !seen.insert(name) {
            return Err(Error::Invalid(format!(
                "{place}: the id counter for {} names no table, or is there twice; nothing was imported",
                quoted(name)
            )));
        }
        let highest: i64 = tx
            .query_row(
                &format!("SELECT coalesce(max(rowid), 0) FROM {}", quote(name)),
                [],
                |r| r.get(0),
            )
            .map_err(|_| {
                Error::Invalid(format!(
                    "{place}: the table {name} has no id counter; nothing was imported"
                ))
            })?;
        if *seq < highest {
            return Err(Error::Invalid(format!(
                "{place}: the id counter for {name} is {seq}, behind its highest id {highest}; nothing was imported"
            )));
        }
        tx.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
            rusqlite::params![name, seq],
        )
        .context("cannot restore the id counters")?;
    }
    Ok(())
}

/// Refuses the restore when a foreign key points at no row, naming the first such value.
fn check_foreign_keys(tx: &Connection, source: &dyn Source, schema: &[Table]) -> Result<()> {
    let what = "cannot check the foreign keys";
    let found: Option<(String, i64)> = tx
        .query_row(
            "SELECT \"table\", fkid FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .context(what)?;
    let Some((table_name, fkid)) = found else {
        return Ok(());
    };
    let keys: Vec<(String, String, Option<String>)> = rows(
        tx,
        what,
        "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2 ORDER BY seq",
        rusqlite::params![table_name, fkid],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let place = source.place(&table_name);
    let unit = source.unit();
    let (Some(table), Some((from, parent, to))) =
        (schema.iter().find(|t| t.name == table_name), keys.first())
    else {
        return Err(Error::Invalid(format!(
            "{place}: a row refers to a row that is not there; nothing was imported"
        )));
    };
    // The first row breaking the key, and where it sits in the sheet (the rows' order).
    let target = to.clone().unwrap_or_else(|| "rowid".to_string());
    let sql = format!(
        "SELECT n, v FROM (SELECT row_number() OVER (ORDER BY {order}) + 1 AS n, {f} AS v FROM {t})
         WHERE v IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {p} WHERE {p}.{to} = v) LIMIT 1",
        order = table.order,
        f = quote(from),
        t = quote(&table.name),
        p = quote(parent),
        to = quote(&target),
    );
    let located: Option<(i64, Value)> = tx.query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?))).ok();
    Err(Error::Invalid(match located {
        Some((n, v)) => {
            let shown = match v {
                Value::Integer(i) => i.to_string(),
                Value::Real(x) => x.to_string(),
                Value::Text(t) => quoted(&t),
                Value::Null | Value::Blob(_) => "the value".to_string(),
            };
            format!(
                "{place}, {unit} {n}, column {from}: {shown} is not the {target} of any row of {parent}; nothing was imported"
            )
        }
        None => format!(
            "{place}, column {from}: a row refers to a row of {parent} that is not there; nothing was imported"
        ),
    }))
}
