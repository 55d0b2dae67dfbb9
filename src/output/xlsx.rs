//! Excel workbooks: the same rows as CSV under the headers a table shows (which the imports
//! know, so a list imports back), with real numbers, money as currency, dates as dates, a
//! bold frozen header, an autofilter and columns fitted to their contents. Text is always
//! written as a string cell, which no spreadsheet runs as a formula, so it needs no guard
//! and holds the text itself (see [`formula::report::workbook`] for the one exception).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{ColNum, Format as Style, RowNum, Workbook, Worksheet, XlsxError};

use super::{Column, Doc, Groups, Rows, Value, flatten};
use crate::error::{Error, Result};
use crate::model::formula;

/// The most rows a sheet holds, the header included.
const MAX_ROWS: usize = 1_048_576;
/// The most columns a sheet holds.
const MAX_COLUMNS: usize = 16_384;
/// The longest text a cell holds, in characters.
const MAX_TEXT: usize = 32_767;
/// The widest a column is fitted, in characters: longer text is still there, cut off on screen.
const MAX_WIDTH: usize = 60;
/// The longest sheet name Excel accepts.
const MAX_NAME: usize = 31;

/// A workbook of `sheets`, each a name and a document, as the bytes of an `.xlsx` file.
///
/// A list or groups make one sheet under its name; a record makes a sheet of its fields
/// (`Field`, `Value`) under its name, then one sheet per section, named after the section.
/// Names are made valid for Excel (31 characters at most, no `[]:*?/\`) and unique.
///
/// Errors: `Invalid` when the data does not fit a sheet (more than 1,048,575 rows, or a cell
/// of more than 32,767 characters), with the fix; `Io` when the workbook cannot be built.
pub fn workbook(sheets: &[(&str, &Doc)]) -> Result<Vec<u8>> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for (name, doc) in sheets {
        match doc {
            Doc::Rows(rows) => add_sheet(&mut book, &styles, &mut names, name, rows)?,
            Doc::Groups(g) => add_sheet(&mut book, &styles, &mut names, name, &grouped(g))?,
            Doc::Record(rec) => {
                let mut fields =
                    Rows::new(&[super::col("field", "Field"), super::col("value", "Value")]);
                for (c, v) in &rec.fields {
                    fields.push(vec![Value::Text(c.header.to_string()), v.clone()]);
                }
                add_sheet(&mut book, &styles, &mut names, name, &fields)?;
                for (c, rows) in &rec.sections {
                    add_sheet(&mut book, &styles, &mut names, c.header, rows)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(failed)
}

/// Groups as one sheet: the group's name in a first column, as CSV has it, unless the rows
/// have a column of that header already (a list grouped by status shows each row's status):
/// the same column twice would read as a mistake, and no import takes it back.
fn grouped(g: &Groups) -> Rows {
    let columns = g.groups.first().map(|(_, r)| r.columns.as_slice());
    let shown = columns.is_some_and(|c| c.iter().any(|c| c.header == g.key.header));
    if !shown {
        return flatten(g);
    }
    let mut rows = Rows::new(columns.unwrap_or_default());
    for (_, group) in &g.groups {
        rows.rows.extend(group.rows.iter().cloned());
    }
    rows
}

/// One sheet written a row at a time, for a list streamed from the database: each row goes
/// to the worksheet's temporary file as it comes, and the workbook is put together at
/// [`SheetStream::finish`], so a list of any length costs the memory of a few rows. The
/// sheet is the one [`workbook`] would make of the same rows.
pub struct SheetStream {
    book: Workbook,
    styles: Styles,
    widths: Vec<usize>,
    rows: usize,
}

impl SheetStream {
    /// A workbook of one sheet named `name`, its header `columns`.
    ///
    /// Errors: `Invalid` for more columns than a sheet holds; `Io` when the sheet cannot be
    /// made.
    pub fn new(name: &str, columns: &[Column]) -> Result<Self> {
        if columns.len() > MAX_COLUMNS {
            return Err(Error::Invalid(format!(
                "{} columns do not fit in one Excel sheet ({MAX_COLUMNS} at most); use --format csv",
                columns.len()
            )));
        }
        let styles = Styles::new();
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory().map_err(failed)?;
        sheet
            .set_name(sheet_name(name, &mut Vec::new()))
            .map_err(failed)?;
        for (c, column) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as ColNum, column.header, &styles.header)
                .map_err(failed)?;
        }
        Ok(SheetStream {
            book,
            styles,
            widths: columns.iter().map(|c| c.header.chars().count()).collect(),
            rows: 0,
        })
    }

    /// Writes the next row.
    ///
    /// Errors: `Invalid` when the sheet is full (1,048,575 rows) or a cell is longer than
    /// Excel allows; `Io` when the sheet cannot be written.
    pub fn row(&mut self, row: &[Value]) -> Result<()> {
        if self.rows + 1 >= MAX_ROWS {
            return Err(Error::Invalid(format!(
                "more than {} rows do not fit in one Excel sheet; narrow the list, or use --format csv",
                MAX_ROWS - 1
            )));
        }
        self.rows += 1;
        let sheet = self.book.worksheet_from_index(0).map_err(failed)?;
        for (c, v) in row.iter().enumerate() {
            cell(sheet, &self.styles, self.rows as RowNum, c as ColNum, v)?;
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(width(v));
            }
        }
        Ok(())
    }

    /// Fits the columns, freezes the header, adds the autofilter, and writes the workbook to
    /// `out` (built in a temporary file first, since the zip is only known at the end).
    ///
    /// Errors: `Io` when the workbook cannot be built; the error of `out` when writing fails.
    pub fn finish(mut self, out: &mut dyn std::io::Write) -> std::result::Result<(), FinishError> {
        use std::io::{Seek, SeekFrom};
        let sheet = self.book.worksheet_from_index(0).map_err(failed)?;
        for (c, w) in self.widths.iter().enumerate() {
            sheet
                .set_column_width(c as ColNum, ((*w + 2).min(MAX_WIDTH)) as f64)
                .map_err(failed)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        if let Some(last) = self.widths.len().checked_sub(1) {
            sheet
                .autofilter(0, 0, self.rows as RowNum, last as ColNum)
                .map_err(failed)?;
        }
        let built = |e: std::io::Error| Error::Io(format!("cannot build the xlsx workbook: {e}"));
        let mut file = tempfile::tempfile().map_err(built)?;
        self.book.save_to_writer(&mut file).map_err(failed)?;
        file.seek(SeekFrom::Start(0)).map_err(built)?;
        std::io::copy(&mut file, out).map_err(FinishError::Write)?;
        Ok(())
    }
}

/// Why [`SheetStream::finish`] failed: the workbook could not be built, or `out` refused it
/// (kept as it is, so a reader that went away is told apart from a full disk).
#[derive(Debug)]
pub enum FinishError {
    Build(Error),
    Write(std::io::Error),
}

impl From<Error> for FinishError {
    fn from(e: Error) -> Self {
        FinishError::Build(e)
    }
}

/// The cell formats of a workbook.
struct Styles {
    header: Style,
    money: Style,
    date: Style,
    datetime: Style,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Style::new().set_bold(),
            money: Style::new().set_num_format("£#,##0.00"),
            date: Style::new().set_num_format("yyyy-mm-dd"),
            datetime: Style::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        }
    }
}

fn add_sheet(
    book: &mut Workbook,
    styles: &Styles,
    names: &mut Vec<String>,
    name: &str,
    rows: &Rows,
) -> Result<()> {
    let name = sheet_name(name, names);
    if rows.rows.len() >= MAX_ROWS {
        return Err(Error::Invalid(format!(
            "{} rows do not fit in one Excel sheet ({} at most); narrow the list, or use --format csv",
            rows.rows.len(),
            MAX_ROWS - 1
        )));
    }
    if rows.columns.len() > MAX_COLUMNS {
        return Err(Error::Invalid(format!(
            "{} columns do not fit in one Excel sheet ({MAX_COLUMNS} at most); use --format csv",
            rows.columns.len()
        )));
    }
    // Rows are written in order, so the sheet can stream to a temporary file instead of
    // holding every cell in memory a second time.
    let sheet = book.add_worksheet_with_constant_memory().map_err(failed)?;
    sheet.set_name(&name).map_err(failed)?;
    let mut widths: Vec<usize> = rows
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .collect();
    for row in &rows.rows {
        for (w, v) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(v));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // Two more for the autofilter's button beside the header.
        let fitted = (*w + 2).min(MAX_WIDTH);
        sheet
            .set_column_width(c as ColNum, fitted as f64)
            .map_err(failed)?;
    }
    for (c, column) in rows.columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as ColNum, column.header, &styles.header)
            .map_err(failed)?;
    }
    for (r, row) in rows.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            cell(sheet, styles, (r + 1) as RowNum, c as ColNum, v)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    if let Some(last) = rows.columns.len().checked_sub(1) {
        sheet
            .autofilter(0, 0, rows.rows.len() as RowNum, last as ColNum)
            .map_err(failed)?;
    }
    Ok(())
}

/// Writes one value, typed: numbers as numbers, money as currency, dates as dates, text as a
/// string (never a formula). Null leaves the cell empty.
fn cell(sheet: &mut Worksheet, styles: &Styles, r: RowNum, c: ColNum, v: &Value) -> Result<()> {
    let written = match v {
        Value::Null => return Ok(()),
        // Excel holds numbers as doubles: beyond 2^53 an id would lose digits, so keep it exact.
        Value::Int(n) if n.unsigned_abs() > 1 << 53 => sheet.write_string(r, c, n.to_string()),
        Value::Int(n) => sheet.write_number(r, c, *n as f64),
        // Rounded to two decimals, as every other format shows it.
        Value::Float(x) if x.is_finite() => sheet.write_number(r, c, (x * 100.0).round() / 100.0),
        Value::Float(_) => return Ok(()),
        Value::Bool(b) => sheet.write_boolean(r, c, *b),
        Value::Money(m) => {
            sheet.write_number_with_format(r, c, m.pence() as f64 / 100.0, &styles.money)
        }
        Value::Date(s) => match when(s) {
            Some(When::Day(d)) => sheet.write_datetime_with_format(r, c, d, &styles.date),
            Some(When::Moment(t)) => sheet.write_datetime_with_format(r, c, t, &styles.datetime),
            None => return text(sheet, r, c, s),
        },
        Value::Text(s) => return text(sheet, r, c, s),
        Value::List(items) => return text(sheet, r, c, &items.join("; ")),
        Value::Json(j) => return text(sheet, r, c, &j.to_string()),
    };
    written.map(|_| ()).map_err(failed)
}

/// A text cell: always a string, so no spreadsheet evaluates it, holding the text itself.
fn text(sheet: &mut Worksheet, r: RowNum, c: ColNum, s: &str) -> Result<()> {
    let written = formula::report::workbook(s);
    let length = written.chars().count();
    if length > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "a cell of {length} characters (row {}, column {}) is longer than Excel allows \
             ({MAX_TEXT} at most); use --format csv",
            r + 1,
            c + 1
        )));
    }
    sheet
        .write_string(r, c, written.as_ref())
        .map(|_| ())
        .map_err(failed)
}

/// A date or a moment read from ISO 8601 text.
enum When {
    Day(NaiveDate),
    Moment(NaiveDateTime),
}

/// Reads `2026-11-23`, `2026-11-23T08:14:05Z` (written in UTC, as Excel has no time zones)
/// and `2026-11-23 08:14:05`; `None` for anything else, or for a date Excel cannot show
/// (before 1900 or after 9999).
fn when(s: &str) -> Option<When> {
    let found = if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        When::Day(d)
    } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        When::Moment(t.naive_utc())
    } else if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        When::Moment(t)
    } else {
        return None;
    };
    let day = match &found {
        When::Day(d) => *d,
        When::Moment(t) => t.date(),
    };
    let first = NaiveDate::from_ymd_opt(1900, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)?;
    (first..=last).contains(&day).then_some(found)
}

/// How many characters wide a value shows in its cell.
fn width(v: &Value) -> usize {
    let longest_line = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    match v {
        Value::Null => 0,
        Value::Bool(_) => 5,
        Value::Date(s) => match when(s) {
            Some(When::Day(_)) => 10,
            Some(When::Moment(_)) => 19,
            None => longest_line(&formula::report::workbook(s)),
        },
        Value::Text(s) => longest_line(&formula::report::workbook(s)),
        Value::List(items) => longest_line(&formula::report::workbook(&items.join("; "))),
        Value::Json(j) => j.to_string().chars().count() + 1,
        other => other.display().chars().count(),
    }
}

/// A valid, unique sheet name: Excel refuses `[]:*?/\`, names longer than 31 characters, a
/// name that begins or ends with `'`, `History` (reserved), and two names that differ only in
/// case.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|ch| match ch {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            ch if ch.is_control() => ' ',
            ch => ch,
        })
        .collect();
    let mut base = cleaned.trim().trim_matches('\'').trim().to_string();
    if base.is_empty() {
        base = "Sheet".to_string();
    }
    if base.eq_ignore_ascii_case("history") {
        base = "Change history".to_string();
    }
    let fit = |s: &str, room: usize| s.chars().take(room).collect::<String>();
    let mut name = fit(&base, MAX_NAME);
    let mut n = 1;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        n += 1;
        let suffix = format!(" {n}");
        name = format!("{}{suffix}", fit(&base, MAX_NAME - suffix.len()));
    }
    taken.push(name.clone());
    name
}

/// A failure of the workbook writer, in words.
fn failed(e: XlsxError) -> Error {
    Error::Io(format!("cannot build the xlsx workbook: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;
    use crate::output::{Groups, Record, col};

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("projects", &mut taken), "projects");
        assert_eq!(sheet_name("Projects", &mut taken), "Projects 2");
        assert_eq!(sheet_name("a/b:c?", &mut taken), "a_b_c_");
        assert_eq!(sheet_name("History", &mut taken), "Change history");
        assert_eq!(sheet_name("''", &mut taken), "Sheet");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        let again = sheet_name(&long, &mut taken);
        assert!(
            again.ends_with(" 2") && again.chars().count() == 31,
            "{again}"
        );
    }

    #[test]
    fn dates_and_moments_are_read_and_the_rest_is_text() {
        assert!(matches!(when("2026-11-23"), Some(When::Day(_))));
        assert!(matches!(
            when("2026-11-23T08:14:05Z"),
            Some(When::Moment(_))
        ));
        assert!(matches!(when("2026-11-23 08:14:05"), Some(When::Moment(_))));
        assert!(when("1850-01-01").is_none());
        assert!(when("2025-26").is_none());
        assert!(when("soon").is_none());
    }

    #[test]
    fn every_kind_of_document_makes_a_workbook() -> anyhow::Result<()> {
        let mut rows = Rows::new(&[
            col("code", "Code"),
            col("budget", "Budget"),
            col("on", "On"),
        ]);
        rows.push(vec![
            Value::Text("=1+2".into()),
            Value::Money(Money(250_000)),
            Value::Date("2026-11-23".into()),
        ]);
        rows.push(vec![
            Value::Null,
            Value::Float(f64::NAN),
            Value::Int(i64::MAX),
        ]);
        let mut rec = Record::default();
        rec.field("code", "Code", Value::Text("x".into()));
        rec.section("history", "History", rows.clone());
        let groups = Groups::new(col("theme", "Theme"), vec![("A".into(), rows.clone())]);
        let bytes = workbook(&[
            ("list", &Doc::Rows(rows)),
            ("record", &Doc::Record(rec)),
            ("groups", &Doc::Groups(groups)),
            ("empty", &Doc::Rows(Rows::default())),
        ])?;
        assert!(bytes.starts_with(b"PK"), "an xlsx file is a zip archive");
        Ok(())
    }

    #[test]
    fn a_cell_longer_than_excel_allows_is_refused() {
        let mut rows = Rows::new(&[col("notes", "Notes")]);
        rows.push(vec![Value::Text("x".repeat(MAX_TEXT + 1))]);
        let err = workbook(&[("long", &Doc::Rows(rows))])
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("32767 at most")),
            "{err:?}"
        );
    }
}
