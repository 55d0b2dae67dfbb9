//! The whole database as a workbook or a folder of CSVs, and back.
//!
//! An export holds one sheet (or `<table>.csv`) per table of the schema, every column and every
//! row, in rowid order (primary-key order for tables without a rowid), with the column names as
//! the first row; and a manifest, the sheet `_spm` (or `_spm.csv`): the format, the spm and
//! schema versions, when it was made, each table with its row count and columns, and each
//! AUTOINCREMENT counter (so ids are never reused after a restore either).
//!
//! Values go out so that they come back exactly:
//! - NULL is an empty cell.
//! - In a CSV file, text that is empty, or begins with `=`, `+`, `-`, `@`, `'`, a tab, CR, LF
//!   or NUL, is written with one `'` before it, so no spreadsheet runs it as a formula. In a
//!   workbook a text cell is never run as a formula, so only text that is empty or begins
//!   with `'` gets the `'` ([`formula::archive`]): the cell holds the text itself. In a column that is
//!   not declared TEXT, text always gets the `'`. A restore removes exactly one leading `'`,
//!   which reads both ways (and the workbooks of earlier versions, which guarded formulas
//!   too). So an empty text is `'`, told apart from NULL.
//! - Integers and reals are numbers (in a workbook, a number cell for integers up to 2^53 and
//!   reals with a fraction; other numbers are written as text, `9007199254740993` or `5.0`, so
//!   no digit or type is lost).
//!
//! A table longer than a sheet (1,048,575 rows) continues on sheets named `<table>.2`,
//! `<table>.3`, ..., each with the header again.

mod export;
mod manifest;
mod restore;
mod source;
// The importers' xlsx reader opens workbooks with calamine too, and can call this check.
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::db::rows;
use crate::error::{Context, Result};
use crate::model::formula;

pub use export::Snapshot;
pub use manifest::read_manifest;
pub use restore::{Restored, decode, restore};
pub use source::{Cell, CsvFolder, Source, WorkbookFile};

/// The name of the manifest sheet, and of the manifest file (`_spm.csv`) in a folder.
pub const MANIFEST: &str = "_spm";

/// What the manifest's `format` entry says: an spm export, in this layout.
pub const FORMAT: &str = "spm-export";

/// The layout of an export (the manifest's `format` value): raised if the layout changes.
pub const FORMAT_VERSION: i64 = 1;

/// The most data rows a sheet holds (Excel's 1,048,576 rows, less the header).
pub const SHEET_ROWS: usize = 1_048_575;

/// The longest text a workbook cell holds, in characters.
pub const MAX_CELL_TEXT: usize = 32_767;

/// The columns of the manifest, in order.
pub const MANIFEST_COLUMNS: [&str; 4] = ["entry", "name", "value", "columns"];

/// How SQLite treats a column's values (its type affinity, from the declared type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    /// SQLite's rules (section 3.1 of "Datatypes In SQLite"), in SQLite's order.
    pub fn of(declared: &str) -> Affinity {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            Affinity::Integer
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            Affinity::Text
        } else if t.contains("BLOB") || t.trim().is_empty() {
            Affinity::Blob
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            Affinity::Real
        } else {
            Affinity::Numeric
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub affinity: Affinity,
    /// Whether a row must give it: NOT NULL with no default (and not the rowid). An export
    /// of an older schema may leave out only columns that are not required.
    pub required: bool,
}

/// The oldest schema version whose exports this spm restores. Every step after it only adds
/// tables, indexes, or columns that may be empty or have a default, or reorders columns
/// (step 10), so an export of it restores into today's schema with what it lacks left empty;
/// the next review dates are worked out again in any case. A later step that changes what
/// rows hold (as step 7 did, giving external partners their role) must raise this to its
/// own version.
pub const OLDEST_RESTORABLE: i64 = 7;

/// One table of the database, as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The ORDER BY clause that gives the rows in their stored order.
    pub order: String,
    /// How many rows it holds (in the manifest: how many the export holds).
    pub rows: u64,
}

impl Table {
    /// The SELECT that reads every row in order.
    fn select(&self) -> String {
        let cols: Vec<String> = self.columns.iter().map(|c| quote(&c.name)).collect();
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            cols.join(", "),
            quote(&self.name),
            self.order
        )
    }

    /// The name of the sheet holding part `part` (1, 2, ...) of the table.
    pub fn sheet(&self, part: usize) -> String {
        sheet_name(&self.name, part)
    }
}

/// The name of the sheet holding part `part` of `table`: `table`, then `table.2`, ...
pub fn sheet_name(table: &str, part: usize) -> String {
    if part <= 1 {
        table.to_string()
    } else {
        format!("{table}.{part}")
    }
}

/// What an export holds: the versions, when it was made, its tables and counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub spm_version: String,
    pub schema_version: i64,
    pub exported_at: String,
    pub tables: Vec<Table>,
    /// `sqlite_sequence`: the last id each AUTOINCREMENT table handed out.
    pub sequences: Vec<(String, i64)>,
}

impl Manifest {
    /// The manifest as rows of text (`entry`, `name`, `value`, `columns`), for a workbook
    /// or (`workbook` false) a CSV file: they differ in the note on text.
    pub fn rows(&self, workbook: bool) -> Vec<[String; 4]> {
        let row = |e: &str, n: &str, v: String, c: String| [e.to_string(), n.to_string(), v, c];
        let mut out = vec![
            row("format", FORMAT, FORMAT_VERSION.to_string(), String::new()),
            row("spm_version", "", self.spm_version.clone(), String::new()),
            row(
                "schema_version",
                "",
                self.schema_version.to_string(),
                String::new(),
            ),
            row("exported_at", "", self.exported_at.clone(), String::new()),
        ];
        for t in &self.tables {
            let cols: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
            out.push(row("table", &t.name, t.rows.to_string(), cols.join(",")));
        }
        for (name, seq) in &self.sequences {
            out.push(row("sequence", name, seq.to_string(), String::new()));
        }
        for (name, words) in NOTES {
            let words = match *name {
                "text" if workbook => WORKBOOK_TEXT,
                _ => words,
            };
            out.push(row("note", name, words.to_string(), String::new()));
        }
        out
    }
}

/// What the manifest tells a person who opens the export.
const NOTES: &[(&str, &str)] = &[
    (
        "restore",
        "restore with: spm --db new.db restore THIS-FILE-OR-FOLDER",
    ),
    ("null", "an empty cell is NULL (no value)"),
    (
        "text",
        "text that is empty or begins with = + - @ ' tab CR LF or NUL has one ' put before it (always, in a column not declared TEXT); restore removes exactly one",
    ),
    (
        "numbers",
        "numbers are numbers; an integer beyond 2^53 or a whole real is written as text (9007199254740993, 5.0) so nothing is lost",
    ),
    (
        "sheets",
        "a table longer than 1048575 rows continues on sheets named table.2, table.3 ...",
    ),
];

/// The manifest's note on text in a workbook, in place of the CSV one.
const WORKBOOK_TEXT: &str = "a cell holds its text as it is, but text that is empty or begins with ' has one ' put before it (always, in a column not declared TEXT); restore removes exactly one";

/// `s` as an SQL identifier, quoted.
pub(crate) fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Text as a CSV cell of a column of `affinity` holds it: by the archive's formula guard in a
/// TEXT column, always prefixed with `'` in any other (where a bare value is a number).
pub fn guard_in(affinity: Affinity, s: &str) -> Cow<'_, str> {
    if affinity == Affinity::Text {
        formula::archive::guard(s)
    } else {
        formula::archive::always(s)
    }
}

/// Text as a workbook cell of a column of `affinity` holds it: as the archive writes text in
/// a workbook in a TEXT column, always prefixed with `'` in any other (where a bare value is a
/// number).
pub fn escape_in(affinity: Affinity, s: &str) -> Cow<'_, str> {
    if affinity == Affinity::Text {
        formula::archive::workbook(s)
    } else {
        formula::archive::always(s)
    }
}

/// Every table of the database (but SQLite's own), with its columns and row count, parents
/// before the tables that refer to them and otherwise by name, so the order is stable.
pub fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let what = "cannot read the list of tables";
    let listed: Vec<(String, bool)> = rows(
        conn,
        what,
        "SELECT name, wr FROM pragma_table_list
         WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY name",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut out = Vec::new();
    for (name, without_rowid) in listed {
        let columns: Vec<(String, String, i64, bool)> = rows(
            conn,
            what,
            "SELECT name, type, pk, \"notnull\" AND dflt_value IS NULL AND pk = 0
             FROM pragma_table_info(?1) ORDER BY cid",
            [&name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let order = if without_rowid {
            let mut pk: Vec<&(String, String, i64, bool)> =
                columns.iter().filter(|c| c.2 > 0).collect();
            pk.sort_by_key(|c| c.2);
            pk.iter()
                .map(|c| quote(&c.0))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            "rowid".to_string()
        };
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {}", quote(&name)), [], |r| {
                r.get(0)
            })
            .context("cannot count the rows of a table")?;
        out.push(Table {
            columns: columns
                .into_iter()
                .map(|(name, declared, _, required)| Column {
                    affinity: Affinity::of(&declared),
                    name,
                    required,
                })
                .collect(),
            name,
            order,
            rows: rows.max(0) as u64,
        });
    }
    parents_first(conn, out)
}

/// Tables in an order where each comes after the tables it refers to (by name among equals);
/// tables in a cycle of references come last, by name.
fn parents_first(conn: &Connection, mut tables: Vec<Table>) -> Result<Vec<Table>> {
    let mut parents: Vec<BTreeSet<String>> = Vec::new();
    for t in &tables {
        let refs: BTreeSet<String> = rows(
            conn,
            "cannot read the foreign keys",
            "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
            [&t.name],
            |r| r.get(0),
        )?;
        parents.push(
            refs.into_iter()
                .filter(|p: &String| !p.eq_ignore_ascii_case(&t.name))
                .collect(),
        );
    }
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    loop {
        // Tables are sorted by name, so the first ready one is the next by name.
        let next = (0..tables.len()).find(|&i| {
            !done.contains(&tables[i].name)
                && parents[i].iter().all(|p| {
                    done.contains(p) || !tables.iter().any(|t| t.name.eq_ignore_ascii_case(p))
                })
        });
        match next {
            Some(i) => {
                done.insert(tables[i].name.clone());
                order.push(i);
            }
            None => break,
        }
    }
    let rest: Vec<usize> = (0..tables.len()).filter(|i| !order.contains(i)).collect();
    order.extend(rest);
    let mut slots: Vec<Option<Table>> = tables.drain(..).map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

/// The AUTOINCREMENT counters (`sqlite_sequence`), in the order SQLite keeps them.
pub fn sequences(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let exists: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'sqlite_sequence'",
            [],
            |r| r.get(0),
        )
        .context("cannot read the id counters")?;
    if !exists {
        return Ok(Vec::new());
    }
    rows(
        conn,
        "cannot read the id counters",
        "SELECT name, seq FROM sqlite_sequence ORDER BY rowid",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// What a database holds beyond what `spm init` gives every new one (the built-in frameworks,
/// their principles, their change-log entries and the adopted-framework setting), in words:
/// `None` when it holds nothing else, so a restore may replace it.
pub fn user_data(conn: &Connection) -> Result<Option<String>> {
    use crate::service::settings::ADOPTED_FRAMEWORK;
    let what = "cannot check whether the database is empty";
    for t in tables(conn)? {
        let extra: i64 = match t.name.as_str() {
            "settings" => conn.query_row(
                "SELECT count(*) FROM settings WHERE key <> ?1",
                [ADOPTED_FRAMEWORK],
                |r| r.get(0),
            ),
            "frameworks" => conn.query_row(
                "SELECT count(*) FROM frameworks WHERE builtin <> 1",
                [],
                |r| r.get(0),
            ),
            "principles" => conn.query_row(
                "SELECT count(*) FROM principles
                 WHERE retired_on IS NOT NULL OR replaced_by_id IS NOT NULL
                    OR framework_id NOT IN (SELECT id FROM frameworks WHERE builtin = 1)",
                [],
                |r| r.get(0),
            ),
            "changes" => conn.query_row(
                "SELECT count(*) FROM changes
                 WHERE entity <> 'framework' OR action <> 'insert'
                    OR entity_id NOT IN (SELECT id FROM frameworks WHERE builtin = 1)",
                [],
                |r| r.get(0),
            ),
            _ => Ok(t.rows as i64),
        }
        .context(what)?;
        if extra > 0 {
            return Ok(Some(format!(
                "{extra} row{} in {}",
                if extra == 1 { "" } else { "s" },
                t.name
            )));
        }
    }
    Ok(None)
}
