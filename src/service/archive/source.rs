//! Where an export's rows come from: a folder of CSV files or an xlsx workbook, read a row at
//! a time (the workbook through calamine's streaming cell reader), as cells.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Xlsx};

use super::MANIFEST;
use crate::error::{Error, Result};
use crate::model::text::escaped;
use crate::service::import::{ERROR_SHOWN, check_workbook};

/// The rows and columns a sheet can have (Excel's limits). calamine reports whatever position
/// a cell's reference names, so a damaged workbook could otherwise ask for a row of billions
/// of cells, or billions of empty rows.
const SHEET_MAX_ROWS: u32 = 1_048_576;
const SHEET_MAX_COLUMNS: u32 = 16_384;

/// One cell as read from a sheet or a CSV field.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Int(i64),
    /// A kind of cell an export never holds (a date, a boolean, an error), in words.
    Other(&'static str),
}

/// Where the rows of an export come from: a workbook or a folder of CSV files.
pub trait Source {
    /// Where a part of a table is, for messages: `sheet reviews`, `reviews.csv`.
    fn place(&self, sheet: &str) -> String;
    /// What a position in it is called: `row` or `line`.
    fn unit(&self) -> &'static str;
    /// Whether the export has this sheet (or file).
    fn has(&self, sheet: &str) -> bool;
    /// Calls `each` with every row of the sheet, the header first, with its row (or line)
    /// number counted from 1.
    fn read(
        &mut self,
        sheet: &str,
        each: &mut dyn FnMut(u64, &[Cell<'_>]) -> Result<()>,
    ) -> Result<()>;
    /// The export as the user named it, for the message when there is no manifest.
    fn shown(&self) -> String;
    /// What the manifest is called in it: `sheet _spm`, `_spm.csv`.
    fn manifest_place(&self) -> String;
}

/// A folder of CSV files made by `spm export -o DIR/`.
pub struct CsvFolder {
    dir: PathBuf,
}

impl CsvFolder {
    /// The folder at `dir`.
    pub fn new(dir: &Path) -> CsvFolder {
        CsvFolder {
            dir: dir.to_path_buf(),
        }
    }

    fn file(&self, sheet: &str) -> PathBuf {
        self.dir.join(format!("{sheet}.csv"))
    }
}

impl Source for CsvFolder {
    fn place(&self, sheet: &str) -> String {
        format!("{sheet}.csv")
    }

    fn unit(&self) -> &'static str {
        "line"
    }

    fn has(&self, sheet: &str) -> bool {
        self.file(sheet).is_file()
    }

    fn shown(&self) -> String {
        self.dir.display().to_string()
    }

    fn manifest_place(&self) -> String {
        format!("{MANIFEST}.csv")
    }

    fn read(
        &mut self,
        sheet: &str,
        each: &mut dyn FnMut(u64, &[Cell<'_>]) -> Result<()>,
    ) -> Result<()> {
        let path = self.file(sheet);
        let place = self.place(sheet);
        let file = File::open(&path)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(RecordCap::new(BufReader::with_capacity(1 << 16, file)));
        let mut record = csv::ByteRecord::new();
        let mut first = true;
        loop {
            let more = reader.read_byte_record(&mut record).map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                if let csv::ErrorKind::Io(io) = e.kind()
                    && let Some(TooLong(start)) = io.get_ref().and_then(|i| i.downcast_ref())
                {
                    return Error::Invalid(format!(
                        "{place}, line {start}: a row of more than {} MB begins here, and no row spm exports is that long; nothing was imported",
                        MAX_RECORD >> 20
                    ));
                }
                Error::Invalid(format!(
                    "{place}, line {line}: not readable as CSV ({e}); nothing was imported"
                ))
            })?;
            if !more {
                return Ok(());
            }
            let line = record.position().map_or(0, |p| p.line());
            let mut cells: Vec<Cell<'_>> = Vec::with_capacity(record.len());
            for (i, field) in record.iter().enumerate() {
                let field = if first && i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                let text = std::str::from_utf8(field).map_err(|_| {
                    Error::Invalid(format!(
                        "{place}, line {line}, field {}: not UTF-8 text; nothing was imported",
                        i + 1
                    ))
                })?;
                cells.push(if text.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(Cow::Borrowed(text))
                });
            }
            first = false;
            each(line, &cells)?;
        }
    }
}

/// The longest row of a CSV file read, in bytes. The csv crate holds a row whole, however
/// long; the longest row spm writes (a change-log entry of a project with every text at its
/// longest) is well under a megabyte.
const MAX_RECORD: u64 = 16 << 20;

/// The bytes of a CSV file on their way to the parser, counted from the start of each row
/// (a line end outside quotes), so a row of a gigabyte is refused before it is held.
struct RecordCap<R> {
    inner: R,
    quoted: bool,
    row: u64,
    line: u64,
    start: u64,
}

/// A row longer than [`MAX_RECORD`] begins on this line.
#[derive(Debug)]
struct TooLong(u64);

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a row longer than {MAX_RECORD} bytes begins on line {}",
            self.0
        )
    }
}

impl std::error::Error for TooLong {}

impl<R> RecordCap<R> {
    fn new(inner: R) -> Self {
        RecordCap {
            inner,
            quoted: false,
            row: 0,
            line: 1,
            start: 1,
        }
    }
}

impl<R: Read> Read for RecordCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut rest = &buf[..n];
        // Only quotes and line ends matter: jump from one to the next.
        while let Some(i) = memchr::memchr2(b'"', b'\n', rest) {
            self.row += i as u64 + 1;
            if rest[i] == b'"' {
                // `""` inside quotes toggles twice: the state stays right.
                self.quoted = !self.quoted;
            } else {
                self.line += 1;
                if !self.quoted {
                    self.row = 0;
                    self.start = self.line;
                }
            }
            if self.row > MAX_RECORD {
                return Err(std::io::Error::other(TooLong(self.start)));
            }
            rest = &rest[i + 1..];
        }
        self.row += rest.len() as u64;
        if self.row > MAX_RECORD {
            return Err(std::io::Error::other(TooLong(self.start)));
        }
        Ok(n)
    }
}

/// An xlsx workbook made by `spm export -o FILE.xlsx`.
pub struct WorkbookFile<R: Read + Seek> {
    book: Xlsx<R>,
    sheets: Vec<String>,
    shown: String,
}

impl WorkbookFile<BufReader<File>> {
    /// Opens the workbook at `path`.
    ///
    /// Errors: `Invalid` when it is not a workbook that can be read.
    pub fn open(path: &Path) -> Result<Self> {
        let shown = path.display().to_string();
        let file = File::open(path).map_err(|e| Error::Io(format!("cannot read {shown}: {e}")))?;
        WorkbookFile::from_reader(BufReader::new(file), &shown)
    }
}

impl<R: Read + Seek> WorkbookFile<R> {
    /// Reads a workbook from `reader`; `shown` names it in messages.
    ///
    /// Errors: `Invalid` when it is not a workbook that can be read, or holds a cell, a
    /// shared string or a sheet bigger than spm reads (`import::check_workbook`).
    pub fn from_reader(mut reader: R, shown: &str) -> Result<Self> {
        // Before calamine, which holds every shared string and each cell whole.
        check_workbook(&mut reader).map_err(|refusal| {
            Error::Invalid(format!("{shown}, {refusal}; nothing was imported"))
        })?;
        let book: Xlsx<R> = Xlsx::new(reader).map_err(|e| {
            Error::Invalid(format!(
                "{shown} is not an xlsx workbook spm can read ({}); give a file made by spm export",
                escaped(&e.to_string(), ERROR_SHOWN)
            ))
        })?;
        let sheets = book.sheet_names();
        Ok(WorkbookFile {
            book,
            sheets,
            shown: shown.to_string(),
        })
    }
}

impl<R: Read + Seek> Source for WorkbookFile<R> {
    fn place(&self, sheet: &str) -> String {
        format!("sheet {sheet}")
    }

    fn unit(&self) -> &'static str {
        "row"
    }

    fn has(&self, sheet: &str) -> bool {
        self.sheets.iter().any(|s| s == sheet)
    }

    fn shown(&self) -> String {
        self.shown.clone()
    }

    fn manifest_place(&self) -> String {
        format!("sheet {MANIFEST}")
    }

    fn read(
        &mut self,
        sheet: &str,
        each: &mut dyn FnMut(u64, &[Cell<'_>]) -> Result<()>,
    ) -> Result<()> {
        let place = format!("sheet {sheet}");
        let unreadable = |e: calamine::XlsxError| {
            Error::Invalid(format!(
                "{place} cannot be read ({})",
                escaped(&e.to_string(), ERROR_SHOWN)
            ))
        };
        let mut cells = self
            .book
            .worksheet_cells_reader(sheet)
            .map_err(unreadable)?;
        let mut row: Vec<Cell<'static>> = Vec::new();
        // The next row to hand over: rows with no cells at all are empty rows.
        let mut next: u32 = 0;
        let mut current: Option<u32> = None;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            let (r, c) = cell.get_position();
            if r >= SHEET_MAX_ROWS || c >= SHEET_MAX_COLUMNS {
                return Err(Error::Invalid(format!(
                    "{place} has a cell beyond the last row or column a sheet can have; the workbook is damaged, nothing was imported"
                )));
            }
            if current != Some(r) {
                if let Some(done) = current {
                    each(u64::from(done) + 1, &row)?;
                    next = done + 1;
                }
                for gap in next..r {
                    each(u64::from(gap) + 1, &[])?;
                }
                row.clear();
                current = Some(r);
            }
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = match cell.get_value() {
                DataRef::Empty => Cell::Empty,
                DataRef::Int(v) => Cell::Int(*v),
                DataRef::Float(v) => Cell::Number(*v),
                DataRef::String(s) => Cell::Text(Cow::Owned(s.clone())),
                DataRef::SharedString(s) => Cell::Text(Cow::Owned((*s).to_string())),
                DataRef::Bool(_) => Cell::Other("a true/false value"),
                DataRef::DateTime(_) | DataRef::DateTimeIso(_) => Cell::Other("a date"),
                DataRef::DurationIso(_) => Cell::Other("a duration"),
                DataRef::Error(_) => Cell::Other("an error value"),
            };
        }
        if let Some(done) = current {
            each(u64::from(done) + 1, &row)?;
        }
        Ok(())
    }
}
