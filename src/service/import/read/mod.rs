//! Reading a spreadsheet a row at a time: CSV (streamed, never loaded whole) or an `.xlsx`
//! workbook (cells streamed from the sheet's XML). The file's content decides which, not its
//! name, so a workbook saved as `.csv` still reads and a binary file renamed `.csv` is refused.
//!
//! CSV: a UTF-8 byte order mark is skipped; UTF-16 and binary files are refused before any
//! row is read; the delimiter (`,`, `;` or tab) is taken from the header line; LF, CRLF,
//! CR-only and mixed line endings all read, and line numbers count every one of them; an
//! unterminated quote and a field of more than [`MAX_FIELD`] bytes stop the read with the
//! line where they begin; text that is not UTF-8 is reported per field, with a hint when it
//! looks like Windows-1252.

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};

use crate::model::text::{escaped, quoted};

/// The longest field read, in bytes. Nothing spm keeps comes near it (the longest text is
/// 20,000 characters); a longer field means the wrong file or a broken quote, and reading
/// on would only hold it all in memory.
pub(crate) const MAX_FIELD: usize = 1 << 20;

/// How much of the file is looked at before deciding what it is.
const SNIFF: usize = 64 * 1024;

/// One cell, typed as the file holds it: CSV gives text, a workbook numbers and dates too.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// An Excel error value such as `#N/A`.
    Error(String),
}

/// One data row: its line (CSV) or row number (workbook), and a cell per header column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub line: u64,
    pub cells: Vec<Cell>,
}

/// Something wrong with the file, where it is: `line` and 0-based `column` when known, or
/// else `at` in words (`sheet "projects", cell B2`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub line: Option<u64>,
    pub column: Option<usize>,
    pub at: Option<String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn at(line: u64, column: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            line: Some(line),
            column,
            at: None,
            message: message.into(),
        }
    }

    fn file(message: impl Into<String>) -> Self {
        Problem {
            line: None,
            column: None,
            at: None,
            message: message.into(),
        }
    }
}

impl From<Refusal> for Problem {
    fn from(r: Refusal) -> Self {
        Problem {
            line: None,
            column: None,
            at: r.at,
            message: r.message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

/// What the next step of reading gave.
#[derive(Debug)]
pub(crate) enum Item {
    Row(Row),
    /// A row that cannot be read (not UTF-8, ragged); reading goes on.
    Bad(Problem),
}

/// A file being read: its header, then its rows.
pub(crate) trait Source {
    /// The header cells as written (trimmed, byte order mark removed).
    fn headers(&self) -> &[String];
    /// The line of the header.
    fn header_line(&self) -> u64;
    /// The next row; `Ok(None)` at the end; `Err` when reading cannot go on.
    fn next(&mut self) -> Result<Option<Item>, Problem>;
    /// How far through the file reading is, and how far there is to go (bytes or rows).
    fn progress(&self) -> (u64, u64);
}

/// Opens the file at `path`, reads its header and hands the rows to `f`.
///
/// Errors: a `Problem` for a file that cannot be read, is empty, is not CSV text or an
/// `.xlsx` workbook, or has no header; `sheet` names a sheet the workbook does not have.
pub(crate) fn with_source<T>(
    path: &Path,
    sheet: Option<&str>,
    f: impl FnOnce(&mut dyn Source) -> T,
) -> Result<T, Problem> {
    let mut file = File::open(path).map_err(|e| Problem::file(format!("cannot open it: {e}")))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = Vec::with_capacity(SNIFF);
    (&mut file)
        .take(SNIFF as u64)
        .read_to_end(&mut head)
        .map_err(|e| Problem::file(format!("cannot read it: {e}")))?;
    match sniff(&head)? {
        Kind::Workbook => xlsx::with_workbook(path, sheet, f),
        Kind::Csv { bom, delimiter } => {
            if sheet.is_some() {
                return Err(Problem::file(
                    "--sheet is for .xlsx workbooks, and this is a CSV file; leave --sheet out",
                ));
            }
            let skip = if bom { 3 } else { 0 };
            let rest = Cursor::new(head).chain(file);
            let mut source = CsvSource::new(rest, skip, delimiter, total)?;
            Ok(f(&mut source))
        }
    }
}

/// How much of a reader's own error (calamine's, which can quote the file) a message shows.
pub(crate) const ERROR_SHOWN: usize = 200;

/// A CSV file, read a record at a time.
struct CsvSource<R: Read> {
    reader: csv::Reader<Scan<R>>,
    record: csv::ByteRecord,
    headers: Vec<String>,
    header_line: u64,
    total: u64,
}

impl<R: Read> CsvSource<R> {
    fn new(mut inner: R, skip: usize, delimiter: u8, total: u64) -> Result<Self, Problem> {
        let mut bom = vec![0u8; skip];
        inner
            .read_exact(&mut bom)
            .map_err(|e| Problem::file(format!("cannot read it: {e}")))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(Scan::new(inner, delimiter));
        let mut source = CsvSource {
            reader,
            record: csv::ByteRecord::new(),
            headers: Vec::new(),
            header_line: 1,
            total,
        };
        loop {
            if !source.read()? {
                return Err(Problem::at(
                    1,
                    None,
                    "the file has no header row; it needs one (e.g. the one \"list --format csv\" writes) and a row per record",
                ));
            }
            if source
                .record
                .iter()
                .any(|f| !f.iter().all(u8::is_ascii_whitespace))
            {
                break;
            }
        }
        source.header_line = source.line();
        let mut headers = Vec::with_capacity(source.record.len());
        for (i, field) in source.record.iter().enumerate() {
            let text = decode(field).map_err(|m| Problem::at(source.header_line, Some(i), m))?;
            headers.push(text.trim_start_matches('\u{feff}').trim().to_string());
        }
        source.headers = headers;
        Ok(source)
    }

    fn line(&self) -> u64 {
        self.record.position().map_or(1, |p| p.line())
    }

    /// Reads the next record; `false` at the end.
    fn read(&mut self) -> Result<bool, Problem> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(more) => Ok(more),
            Err(e) => Err(csv_problem(e)),
        }
    }
}

/// A problem the CSV parser met: one of ours from the scan, or an I/O error.
fn csv_problem(e: csv::Error) -> Problem {
    let line = e.position().map(|p| p.line());
    // The parser's own words for the rare kinds not turned into ours (escaped: they may
    // quote the file).
    let said = crate::model::text::escaped(&e.to_string(), 200);
    match e.into_kind() {
        csv::ErrorKind::Io(io) => match io.get_ref().and_then(|i| i.downcast_ref::<Problem>()) {
            Some(p) => p.clone(),
            None => Problem::file(format!("cannot read it: {io}")),
        },
        _ => Problem {
            line,
            column: None,
            at: None,
            message: format!("cannot read the CSV: {said}"),
        },
    }
}

impl<R: Read> Source for CsvSource<R> {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn header_line(&self) -> u64 {
        self.header_line
    }

    fn next(&mut self) -> Result<Option<Item>, Problem> {
        loop {
            if !self.read()? {
                return Ok(None);
            }
            let line = self.line();
            // Blank lines, and rows of empty cells that spreadsheets leave, are not records.
            if self
                .record
                .iter()
                .all(|f| f.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            let width = self.headers.len();
            let fields = self.record.len();
            let extra_filled = self.record.iter().skip(width).any(|f| !f.is_empty());
            if fields < width || extra_filled {
                return Ok(Some(Item::Bad(Problem::at(
                    line,
                    None,
                    format!(
                        "the row has {fields} field{} but the header has {width} column{}; every row needs one field per column (check for a missing or extra delimiter, or an unquoted {:?} inside a value)",
                        plural(fields),
                        plural(width),
                        self.reader_delimiter()
                    ),
                ))));
            }
            let mut cells = Vec::with_capacity(width);
            for (i, field) in self.record.iter().take(width).enumerate() {
                match decode(field) {
                    Ok("") => cells.push(Cell::Empty),
                    Ok(t) => cells.push(Cell::Text(t.to_string())),
                    Err(m) => return Ok(Some(Item::Bad(Problem::at(line, Some(i), m)))),
                }
            }
            return Ok(Some(Item::Row(Row { line, cells })));
        }
    }

    fn progress(&self) -> (u64, u64) {
        let done = self.record.position().map_or(0, |p| p.byte());
        (done.min(self.total), self.total)
    }
}

impl<R: Read> CsvSource<R> {
    fn reader_delimiter(&self) -> char {
        char::from(self.reader.get_ref().delimiter)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A field as UTF-8, or what is wrong with it.
fn decode(field: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(field).map_err(|e| {
        let at = e.valid_up_to();
        let byte = field[at];
        let guess = windows_1252(byte)
            .map(|c| format!(" (in Windows-1252 it would be {c:?})"))
            .unwrap_or_default();
        format!(
            "the text is not UTF-8: byte 0x{byte:02X} after {}{guess}; the file was probably saved as Excel's plain \"CSV\": save it as \"CSV UTF-8\" and import that",
            quoted(
                &String::from_utf8_lossy(&field[..at])
                    .chars()
                    .rev()
                    .take(20)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<String>()
            )
        )
    })
}

/// The character a Windows-1252 byte stands for, when it is a printable one.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(HIGH[usize::from(b - 0x80)]).filter(|c| *c != '\0'),
        0xA0..=0xFF => Some(char::from(b)),
        _ => None,
    }
}

mod limits;
mod scan;
mod sniff;
mod xlsx;
mod xml;

pub(crate) use limits::{Refusal, check_workbook};
use scan::Scan;
#[cfg(test)]
use sniff::delimiter;
use sniff::{Kind, sniff};

#[cfg(test)]
mod tests;
