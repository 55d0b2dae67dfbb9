//! Importing projects and people from the spreadsheets coordinators keep (CSV or XLSX).
//! `spm project import` and `spm person import`.
//!
//! The columns are the ones `list --format csv` writes, so an export imports back unchanged;
//! the headers a table shows and the obvious aliases work too, in any case. Every row is
//! checked as `add` would check it, inside one write transaction: when anything is wrong,
//! every problem found (up to [`MAX_LISTED`]) is reported with its line and column and
//! nothing is written. The file is streamed, a row at a time, so memory stays flat however
//! long it is.

mod columns;
mod person;
mod project;
mod read;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::text::escaped;
use columns::{Field, Use, letter, map_headers};
use read::{Cell, Item, Problem};
pub(crate) use read::{ERROR_SHOWN, check_workbook};

/// Whether the workbook in `bytes` is within the limits spm reads workbooks with (cells and
/// shared strings of at most 1 MB, parts and shared-string counts capped, every cell inside a
/// sheet): `Err` with the reason when it is not. Anything that hands a workbook to calamine
/// checks it first (calamine trusts the sizes and positions a workbook states), as the
/// importers and the restore do; the fuzz tests do too, before their own calamine calls.
pub fn check_workbook_bytes(bytes: &[u8]) -> std::result::Result<(), String> {
    check_workbook(&mut std::io::Cursor::new(bytes)).map_err(|refusal| refusal.to_string())
}

/// The most problems listed in one error; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// The longest message of one problem, in characters: a sentence, with its quoted values.
const MAX_MESSAGE: usize = 1000;

/// Columns every import reads and ignores: the database sets them itself.
const IGNORED: &[&str] = &["createdat", "created", "updatedat", "updated", "id"];

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check everything and count what would change, then roll back.
    pub dry_run: bool,
    /// Overwrite records that are already registered with the file's values.
    pub update: bool,
    /// The sheet of a workbook to read (the first when `None`).
    pub sheet: Option<String>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows read (blank rows are not counted).
    pub rows: u64,
    /// Records registered.
    pub added: u64,
    /// Records already registered and changed (`--update`).
    pub updated: u64,
    /// Records already registered whose values the file repeats (`--update`).
    pub unchanged: u64,
    /// Records already registered and left as they are (without `--update`).
    pub kept: u64,
    /// Rows not imported on purpose: forgotten people.
    pub skipped: u64,
    /// Staff leads registered because no one had their name, in the order met.
    pub new_leads: Vec<String>,
}

/// Calls `progress(done, total)` now and then while a file is read (bytes, or rows of a
/// workbook), so a caller can show a bar.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Imports projects from the CSV or XLSX file at `path`, matching them on code: registers the
/// new ones, and overwrites the known ones only with `--update`. All or nothing.
///
/// Errors: `Invalid` listing every problem found (file, line, column), with nothing written;
/// database errors as they come.
pub fn projects(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    today: NaiveDate,
    progress: Progress<'_>,
) -> Result<Summary> {
    let mut importer = project::Projects::new(opts.update, today, &shown(path));
    run(conn, path, opts, progress, &mut importer)?;
    Ok(importer.summary)
}

/// Imports people from the CSV or XLSX file at `path`, matching them on email (or, for
/// people with no email, on name and kind); forgotten people in the file are skipped.
///
/// Errors: as [`projects`].
pub fn people(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    today: NaiveDate,
    progress: Progress<'_>,
) -> Result<Summary> {
    let mut importer = person::People::new(opts.update, today, &shown(path));
    run(conn, path, opts, progress, &mut importer)?;
    Ok(importer.summary)
}

/// The file's name as messages show it.
fn shown(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The cells of one row, found by field.
pub(crate) struct Values<'a> {
    line: u64,
    columns: &'a [Option<usize>],
    cells: &'a [Cell],
}

impl Values<'_> {
    /// The column and cell of field `i`; `None` when the file has no such column.
    fn get(&self, i: usize) -> Option<(usize, &Cell)> {
        self.columns[i].and_then(|c| self.cells.get(c).map(|cell| (c, cell)))
    }

    /// A problem in field `i`'s column of this row.
    fn problem(&self, i: usize, message: impl Into<String>) -> Problem {
        Problem::at(self.line, self.columns[i], message)
    }

    /// Field `i` read by `parse`; `None` when the column is missing or the cell is empty, or
    /// when it is wrong (then the problem is added to `problems`).
    fn read<T>(
        &self,
        i: usize,
        problems: &mut Vec<Problem>,
        parse: impl Fn(&Cell) -> std::result::Result<Option<T>, String>,
    ) -> Option<T> {
        let (_, cell) = self.get(i)?;
        match parse(cell) {
            Ok(v) => v,
            Err(m) => {
                problems.push(self.problem(i, m));
                None
            }
        }
    }

    /// Whether the file has a column for field `i`.
    fn has(&self, i: usize) -> bool {
        self.columns[i].is_some()
    }
}

/// What went wrong with a row: problems to report, or an error that ends the import.
pub(crate) enum RowError {
    Problems(Vec<Problem>),
    Fatal(Error),
}

impl RowError {
    /// A service error on a row: a problem of the row when it is about its values, else fatal.
    fn from_service(values: &Values<'_>, column: Option<usize>, e: Error) -> RowError {
        RowError::at(values.line, column.and_then(|i| values.columns[i]), e)
    }

    /// A service error on line `line` (in the file's 0-based `column`, when known): a problem
    /// of the row when it is about its values, else fatal.
    fn at(line: u64, column: Option<usize>, e: Error) -> RowError {
        match e {
            Error::Invalid(m) | Error::Conflict(m) => {
                RowError::Problems(vec![Problem::at(line, column, m)])
            }
            e @ Error::NotFound { .. } => {
                RowError::Problems(vec![Problem::at(line, column, e.to_string())])
            }
            other => RowError::Fatal(other),
        }
    }
}

/// One kind of record to import.
pub(crate) trait Importer {
    /// The columns it knows.
    fn fields(&self) -> &'static [Field];
    /// Checks one row and writes it inside `tx`.
    fn row(&mut self, tx: &Connection, values: &Values<'_>) -> std::result::Result<(), RowError>;
    /// Counts a row read.
    fn count(&mut self);
    /// Writes what it still holds, after the last row.
    fn finish(&mut self, _tx: &Connection) -> Result<()> {
        Ok(())
    }
    /// Checks and writes what one row says of another, which may come after it in the file,
    /// once every row is written and none was refused (a row refused is not there to refer
    /// to, which would only repeat its problem).
    fn settle(&mut self, _tx: &Connection) -> std::result::Result<(), RowError> {
        Ok(())
    }
}

/// The problems found so far: the first [`MAX_LISTED`] kept, all counted.
struct Problems {
    list: Vec<Problem>,
    total: u64,
    headers: Vec<String>,
}

impl Problems {
    fn push(&mut self, p: Problem) {
        self.total += 1;
        if self.list.len() < MAX_LISTED {
            self.list.push(p);
        }
    }

    /// Where a problem is: `line 4, column E (budget)`, or `sheet "projects", cell B2`.
    fn place(&self, p: &Problem) -> Option<String> {
        let Some(line) = p.line else {
            return p.at.clone();
        };
        Some(match p.column {
            // The header is the file's text: a control character in it must not reach the
            // terminal, nor a whole paragraph the message.
            Some(c) => match self.headers.get(c).filter(|h| !h.is_empty()) {
                Some(h) => format!("line {line}, column {} ({})", letter(c), escaped(h, 40)),
                None => format!("line {line}, column {}", letter(c)),
            },
            None => format!("line {line}"),
        })
    }

    /// One error naming the file, then each problem on a line of its own.
    ///
    /// Every value a message quotes from the file is escaped and cut where the message is
    /// made; the messages are escaped and cut once more here, so that one that is not (a
    /// library's own words) still cannot reach the terminal raw, or fill it.
    fn into_error(self, file: &str) -> Error {
        let file = escaped(file, 100);
        let message = |p: &Problem| escaped(&p.message, MAX_MESSAGE);
        if self.total == 1 {
            let p = &self.list[0];
            let at = match self.place(p) {
                Some(place) => format!("{file}, {place}"),
                None => file.to_string(),
            };
            return Error::Invalid(format!("{at}: {}; nothing was imported", message(p)));
        }
        let mut text = format!("{file} has {} errors; nothing was imported", self.total);
        for p in &self.list {
            text.push_str("\n  ");
            if let Some(place) = self.place(p) {
                text.push_str(&place);
                text.push_str(": ");
            }
            text.push_str(&message(p));
        }
        let more = self.total - self.list.len() as u64;
        if more > 0 {
            text.push_str(&format!(
                "\n  ... and {more} more (only the first {MAX_LISTED} are listed)"
            ));
        }
        Error::Invalid(text)
    }
}

/// Reads the file and hands each row to `importer` inside one write transaction, committed
/// only when every row is good and this is not a dry run.
fn run(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    progress: Progress<'_>,
    importer: &mut dyn Importer,
) -> Result<()> {
    // A multi-row INSERT keeps a journal of its own, so that a failed row can undo the rows
    // before it, and SQLite writes that journal to a temporary file once it passes 64 KiB:
    // in memory instead, where each one is only as big as one statement's pages.
    let temp_store: i64 = conn
        .query_row("PRAGMA temp_store", [], |r| r.get(0))
        .context("cannot read the temporary storage setting")?;
    conn.execute_batch("PRAGMA temp_store = MEMORY")
        .context("cannot keep temporary storage in memory")?;
    // Room for the statements of every row (three sizes of INSERT for each of four tables,
    // the look-ups, a lead's registration) in the cache, so none is prepared twice.
    conn.set_prepared_statement_cache_capacity(64);
    let result = import(conn, path, opts, progress, importer);
    let restored = conn
        .execute_batch(&format!("PRAGMA temp_store = {temp_store}"))
        .context("cannot restore the temporary storage setting");
    result?;
    restored
}

/// [`run`], once the connection is set up for it.
fn import(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    progress: Progress<'_>,
    importer: &mut dyn Importer,
) -> Result<()> {
    let file = shown(path);
    let tx = begin_write(conn)?;
    let mut problems = Problems {
        list: Vec::new(),
        total: 0,
        headers: Vec::new(),
    };
    let read = read::with_source(path, opts.sheet.as_deref(), |src| -> Result<()> {
        problems.headers = src.headers().to_vec();
        let fields = importer.fields();
        let uses = match map_headers(src.headers(), src.header_line(), fields, IGNORED) {
            Ok(uses) => uses,
            Err(found) => {
                for p in found {
                    problems.push(p);
                }
                return Ok(());
            }
        };
        let mut columns = vec![None; fields.len()];
        for (c, u) in uses.iter().enumerate() {
            if let Use::Field(i) = u {
                columns[*i] = Some(c);
            }
        }
        let mut rows: u64 = 0;
        loop {
            let item = match src.next() {
                Ok(Some(item)) => item,
                Ok(None) => break,
                Err(p) => {
                    problems.push(p);
                    break;
                }
            };
            rows += 1;
            importer.count();
            if rows.is_multiple_of(4096) {
                let (done, total) = src.progress();
                progress(done, total);
            }
            let row = match item {
                Item::Row(row) => row,
                Item::Bad(p) => {
                    problems.push(p);
                    continue;
                }
            };
            for (c, u) in uses.iter().enumerate() {
                if *u == Use::Unnamed && row.cells.get(c).is_some_and(|x| *x != Cell::Empty) {
                    problems.push(Problem::at(
                        row.line,
                        Some(c),
                        "there is a value in a column with no header; give the column a header or clear it",
                    ));
                }
            }
            let values = Values {
                line: row.line,
                columns: &columns,
                cells: &row.cells,
            };
            match importer.row(&tx, &values) {
                Ok(()) => {}
                Err(RowError::Problems(found)) => {
                    for p in found {
                        problems.push(p);
                    }
                }
                Err(RowError::Fatal(e)) => return Err(e),
            }
        }
        importer.finish(&tx)?;
        if problems.total == 0 {
            match importer.settle(&tx) {
                Ok(()) => {}
                Err(RowError::Problems(found)) => {
                    for p in found {
                        problems.push(p);
                    }
                }
                Err(RowError::Fatal(e)) => return Err(e),
            }
        }
        let (done, total) = src.progress();
        progress(done.max(total), total);
        if rows == 0 && problems.total == 0 {
            problems.push(Problem::at(
                src.header_line(),
                None,
                "the file has a header but no rows below it; add a row per record",
            ));
        }
        Ok(())
    });
    match read {
        Ok(result) => result?,
        Err(p) => problems.push(p),
    }
    if problems.total > 0 {
        // Dropping the transaction rolls it back: nothing of the file is kept.
        drop(tx);
        return Err(problems.into_error(&file));
    }
    if opts.dry_run {
        drop(tx);
    } else {
        tx.commit().context("cannot save the import")?;
    }
    Ok(())
}
