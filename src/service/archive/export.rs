//! Writing an export: every table streamed from its SELECT to a CSV writer or a worksheet,
//! one row at a time, inside one read transaction so the manifest's counts match the rows.

use std::io::Write;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use rust_xlsxwriter::{ColNum, Format as Style, RowNum, Workbook, Worksheet, XlsxError};

use super::{
    Affinity, MANIFEST, MANIFEST_COLUMNS, MAX_CELL_TEXT, Manifest, SHEET_ROWS, Table, escape_in,
    guard_in, sequences, tables,
};
use crate::error::{Context, Error, Result};
use crate::model::formula;

/// The largest integer a workbook's number cell (a double) holds exactly.
const EXACT_IN_DOUBLE: u64 = 1 << 53;

/// The database as it stood when the snapshot began: every read sees the same moment, so the
/// manifest's counts match the rows written.
pub struct Snapshot<'c> {
    tx: Transaction<'c>,
    pub manifest: Manifest,
}

impl<'c> Snapshot<'c> {
    /// Begins a read transaction and reads the list of tables, their counts and counters.
    ///
    /// Errors: `Database` (or `Busy`) when the database cannot be read.
    pub fn begin(conn: &'c mut Connection, exported_at: String) -> Result<Snapshot<'c>> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .context("cannot start reading the database")?;
        let schema_version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .context("cannot read the schema version")?;
        let manifest = Manifest {
            spm_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version,
            exported_at,
            tables: tables(&tx)?,
            sequences: sequences(&tx)?,
        };
        Ok(Snapshot { tx, manifest })
    }

    /// Writes one table as CSV (header, then every row in order) to `out`; returns the rows.
    ///
    /// Errors: `Io` when `out` fails, `Invalid` for a value no export can hold (binary data),
    /// `Database` when a row cannot be read.
    pub fn write_csv(&self, table: &Table, out: &mut dyn Write, bom: bool) -> Result<u64> {
        let io = |e: csv::Error| Error::Io(format!("cannot write {}.csv: {e}", table.name));
        if bom {
            out.write_all(b"\xEF\xBB\xBF")
                .map_err(|e| Error::Io(format!("cannot write {}.csv: {e}", table.name)))?;
        }
        let mut w = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(out);
        w.write_record(table.columns.iter().map(|c| c.name.as_bytes()))
            .map_err(io)?;
        let mut stmt = self
            .tx
            .prepare(&table.select())
            .context("cannot read a table")?;
        let mut rows = stmt.query([]).context("cannot read a table")?;
        let mut n: u64 = 0;
        let mut digits = [0u8; 20];
        while let Some(row) = rows.next().context("cannot read a row")? {
            n += 1;
            for (i, col) in table.columns.iter().enumerate() {
                match row.get_ref(i).context("cannot read a value")? {
                    ValueRef::Null => w.write_field(b""),
                    ValueRef::Integer(v) => w.write_field(int_text(v, &mut digits)),
                    ValueRef::Real(v) => w.write_field(real_text(v)),
                    ValueRef::Text(t) => {
                        let t = text(table, n, &col.name, t)?;
                        w.write_field(guard_in(col.affinity, t).as_bytes())
                    }
                    ValueRef::Blob(_) => return Err(blob(table, n, &col.name)),
                }
                .map_err(io)?;
            }
            w.write_record(None::<&[u8]>).map_err(io)?;
        }
        w.flush()
            .map_err(|e| Error::Io(format!("cannot write {}.csv: {e}", table.name)))?;
        Ok(n)
    }

    /// Writes the manifest as CSV.
    ///
    /// Errors: `Io` when `out` fails.
    pub fn write_manifest_csv(&self, out: &mut dyn Write, bom: bool) -> Result<()> {
        let io = |e: std::io::Error| Error::Io(format!("cannot write {MANIFEST}.csv: {e}"));
        if bom {
            out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        }
        let mut w = csv::Writer::from_writer(out);
        let result = w.write_record(MANIFEST_COLUMNS).and_then(|()| {
            self.manifest
                .rows(false)
                .iter()
                .try_for_each(|r| w.write_record(r.iter().map(|c| guard_nonempty(c).into_owned())))
        });
        result.map_err(|e| Error::Io(format!("cannot write {MANIFEST}.csv: {e}")))?;
        w.flush().map_err(io)
    }

    /// Writes the whole database as an xlsx workbook to `out`: the manifest sheet, then one
    /// sheet per table (continued on `table.2`, ... past `rows_per_sheet` rows). Each sheet
    /// streams through a temporary file, so memory stays small whatever the size.
    ///
    /// Errors: `Invalid` for text longer than a cell holds or binary data, with the fix; `Io`
    /// when the workbook cannot be written; `Database` when a row cannot be read.
    pub fn write_workbook<W: Write + Send>(&self, out: W, rows_per_sheet: usize) -> Result<()> {
        let rows_per_sheet = rows_per_sheet.clamp(1, SHEET_ROWS);
        let mut book = Workbook::new();
        let bold = Style::new().set_bold();
        let sheet = new_sheet(&mut book, MANIFEST, &MANIFEST_COLUMNS, &bold)?;
        for (r, row) in self.manifest.rows(true).iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = ((r + 1) as RowNum, c as ColNum);
                match value.parse::<i64>() {
                    Ok(v) if c == 2 && v.unsigned_abs() <= EXACT_IN_DOUBLE => {
                        sheet.write_number(r, c, v as f64)
                    }
                    _ if value.is_empty() => continue,
                    _ => sheet.write_string(r, c, formula::archive::workbook(value)),
                }
                .map_err(failed)?;
            }
        }
        for table in &self.manifest.tables {
            self.write_sheets(&mut book, table, &bold, rows_per_sheet)?;
        }
        let mut out = FirstError::new(out);
        let saved = book.save_to_writer(&mut out);
        // The writer's own failure is the one to tell: the workbook's error only repeats it.
        out.finish()
            .map_err(|e| Error::write_failed("the xlsx workbook", &e))?;
        saved.map_err(failed)
    }

    /// Writes one table to its sheet (and continuation sheets).
    fn write_sheets(
        &self,
        book: &mut Workbook,
        table: &Table,
        bold: &Style,
        rows_per_sheet: usize,
    ) -> Result<()> {
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        let mut part = 1;
        let mut sheet = new_sheet(book, &table.sheet(part), &names, bold)?;
        let mut stmt = self
            .tx
            .prepare(&table.select())
            .context("cannot read a table")?;
        let mut rows = stmt.query([]).context("cannot read a table")?;
        let mut n: u64 = 0;
        let mut on_sheet: usize = 0;
        while let Some(row) = rows.next().context("cannot read a row")? {
            n += 1;
            if on_sheet == rows_per_sheet {
                part += 1;
                sheet = new_sheet(book, &table.sheet(part), &names, bold)?;
                on_sheet = 0;
            }
            on_sheet += 1;
            let r = on_sheet as RowNum;
            for (i, col) in table.columns.iter().enumerate() {
                let c = i as ColNum;
                let written = match row.get_ref(i).context("cannot read a value")? {
                    ValueRef::Null => continue,
                    ValueRef::Integer(v) if v.unsigned_abs() <= EXACT_IN_DOUBLE => {
                        sheet.write_number(r, c, v as f64)
                    }
                    ValueRef::Integer(v) => sheet.write_string(r, c, v.to_string()),
                    ValueRef::Real(v) if in_number_cell(col.affinity, v) => {
                        sheet.write_number(r, c, v)
                    }
                    ValueRef::Real(v) => sheet.write_string(r, c, real_text(v)),
                    ValueRef::Text(t) => {
                        let t = text(table, n, &col.name, t)?;
                        let escaped = escape_in(col.affinity, t);
                        let length = escaped.chars().count();
                        if length > MAX_CELL_TEXT {
                            return Err(Error::Invalid(format!(
                                "the table {}, row {n}, column {}: {length} characters do not fit in a spreadsheet cell ({MAX_CELL_TEXT} at most); export to a folder of CSV files instead: spm export -o DIR/",
                                table.name, col.name
                            )));
                        }
                        sheet.write_string(r, c, escaped)
                    }
                    ValueRef::Blob(_) => return Err(blob(table, n, &col.name)),
                };
                written.map_err(failed)?;
            }
        }
        Ok(())
    }
}

/// A new streamed worksheet named `name`, with a bold, frozen header of `columns`.
fn new_sheet<'b>(
    book: &'b mut Workbook,
    name: &str,
    columns: &[&str],
    bold: &Style,
) -> Result<&'b mut Worksheet> {
    if name.chars().count() > 31 {
        return Err(Error::Invalid(format!(
            "the sheet name {name:?} is longer than a workbook allows (31 characters); export to a folder of CSV files instead: spm export -o DIR/"
        )));
    }
    let sheet = book.add_worksheet_with_constant_memory().map_err(failed)?;
    sheet.set_name(name).map_err(failed)?;
    for (c, column) in columns.iter().enumerate() {
        let width = (column.chars().count() + 2).clamp(10, 40);
        sheet
            .set_column_width(c as ColNum, width as f64)
            .map_err(failed)?;
        sheet
            .write_string_with_format(0, c as ColNum, *column, bold)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(sheet)
}

/// Whether a real goes in a number cell and comes back a real: in a REAL column always (when
/// finite), elsewhere only with a fraction (a whole number would come back an integer).
fn in_number_cell(affinity: Affinity, v: f64) -> bool {
    v.is_finite() && (affinity == Affinity::Real || v.fract() != 0.0)
}

/// A real as text that reads back as a real: always with a point or an exponent (`5.0`,
/// `1e300`, `inf`).
pub(super) fn real_text(v: f64) -> String {
    format!("{v:?}")
}

/// An integer's decimal digits, without allocating.
pub(super) fn int_text(v: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// A manifest value with the formula guard, but an empty value left empty.
fn guard_nonempty(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        std::borrow::Cow::Borrowed(s)
    } else {
        formula::archive::guard(s)
    }
}

/// Text read from the database, which must be UTF-8.
fn text<'a>(table: &Table, n: u64, column: &str, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|_| {
        Error::BadDatabase(format!(
            "the table {}, row {n}, column {column} holds text that is not UTF-8; run \"spm db check\"",
            table.name
        ))
    })
}

/// The error for binary data, which spm never stores and an export cannot hold.
fn blob(table: &Table, n: u64, column: &str) -> Error {
    Error::Invalid(format!(
        "the table {}, row {n}, column {column} holds binary data, which spm never writes and an export cannot hold; run \"spm db check\"",
        table.name
    ))
}

/// A failure of the workbook writer, in words.
/// A writer that keeps the first error and swallows every write after it. The zip writer
/// inside a workbook finishes its file again when dropped after a failure, and prints that
/// second failure to stderr; here it meets a writer that succeeds, and the first error is
/// told once, by [`FirstError::finish`].
struct FirstError<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> FirstError<W> {
    fn new(inner: W) -> Self {
        FirstError { inner, error: None }
    }

    /// Flushes, and returns the first error met.
    fn finish(mut self) -> std::io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
        self.error.map_or(Ok(()), Err)
    }
}

impl<W: Write> Write for FirstError<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Ok(buf.len());
        }
        match self.inner.write_all(buf) {
            Ok(()) => Ok(buf.len()),
            Err(e) => {
                self.error = Some(e);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
        Ok(())
    }
}

fn failed(e: XlsxError) -> Error {
    Error::Io(format!("cannot write the xlsx workbook: {e}"))
}
