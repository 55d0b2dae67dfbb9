//! Reading a sheet of an `.xlsx` workbook, cell by cell as the file holds them.

use super::*;

/// Opens the workbook at `path` (after [`check_workbook`]), finds `sheet` (or the first one),
/// reads its header and hands its rows to `f`.
///
/// Errors: a `Problem` for a workbook past the limits, one calamine cannot read, a sheet it
/// does not have, or a sheet without a header.
pub(super) fn with_workbook<T>(
    path: &Path,
    sheet: Option<&str>,
    f: impl FnOnce(&mut dyn Source) -> T,
) -> Result<T, Problem> {
    let mut book = BufReader::new(
        File::open(path).map_err(|e| Problem::file(format!("cannot open it: {e}")))?,
    );
    // Before calamine, which holds every shared string and each cell whole.
    check_workbook(&mut book)?;
    let mut book: Xlsx<_> = Xlsx::new(book).map_err(|e| {
        Problem::file(format!(
            "it is a zip archive but not an Excel workbook (.xlsx) that spm can read ({}); save it from Excel as .xlsx or CSV UTF-8",
            escaped(&e.to_string(), ERROR_SHOWN)
        ))
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s.trim()))
            .cloned()
            .ok_or_else(|| {
                Problem::file(format!(
                    "the workbook has no sheet {}; its sheets are: {}",
                    quoted(s),
                    listed(&names)
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Problem::file("the workbook has no sheets"))?,
    };
    let cells = book.worksheet_cells_reader(&name).map_err(|e| {
        Problem::file(format!(
            "cannot read the sheet {}: {}",
            quoted(&name),
            escaped(&e.to_string(), ERROR_SHOWN)
        ))
    })?;
    let mut source = XlsxSource::new(cells)?;
    Ok(f(&mut source))
}

/// The sheets of a workbook, for a message: each quoted, the first five.
fn listed(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(5).map(|n| quoted(n)).collect();
    if names.len() > 5 {
        shown.push(format!("and {} more", names.len() - 5));
    }
    shown.join(", ")
}

/// A sheet of an `.xlsx` workbook, read cell by cell in the order the file holds them.
pub(super) struct XlsxSource<'a> {
    cells: calamine::XlsxCellReader<'a, BufReader<File>>,
    headers: Vec<String>,
    header_line: u64,
    /// The first cell of the next row, read while finishing the one before.
    pending: Option<(u32, u32, Cell)>,
    last_row: u32,
    rows: u64,
    /// Whether the end of the sheet has been read.
    done: bool,
}

impl<'a> XlsxSource<'a> {
    pub(super) fn new(
        cells: calamine::XlsxCellReader<'a, BufReader<File>>,
    ) -> Result<Self, Problem> {
        let rows = u64::from(cells.dimensions().end.0) + 1;
        let mut source = XlsxSource {
            cells,
            headers: Vec::new(),
            header_line: 1,
            pending: None,
            last_row: 0,
            rows,
            done: false,
        };
        let Some((row, cells)) = source.next_row()? else {
            return Err(Problem::at(
                1,
                None,
                "the sheet is empty; it needs a header row and a row per record",
            ));
        };
        source.header_line = u64::from(row) + 1;
        let mut headers = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            headers.push(match cell {
                Cell::Empty => String::new(),
                Cell::Text(s) => s.trim().to_string(),
                other => {
                    return Err(Problem::at(
                        source.header_line,
                        Some(i),
                        format!("a header must be text, and this one is {}", kind(other)),
                    ));
                }
            });
        }
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        source.headers = headers;
        Ok(source)
    }

    /// The next row that has a value: its 0-based index and its cells from column A.
    fn next_row(&mut self) -> Result<Option<(u32, Vec<Cell>)>, Problem> {
        let mut row: Option<u32> = None;
        let mut cells: Vec<Cell> = Vec::new();
        loop {
            let next = match self.pending.take() {
                Some(p) => Some(p),
                None if self.done => None,
                None => self
                    .cells
                    .next_cell()
                    .map_err(|e| {
                        Problem::at(
                            u64::from(self.last_row) + 1,
                            None,
                            format!(
                                "cannot read the workbook: {}",
                                escaped(&e.to_string(), ERROR_SHOWN)
                            ),
                        )
                    })?
                    .map(|c| {
                        let (r, col) = c.get_position();
                        (r, col, typed(c.get_value()))
                    }),
            };
            let Some((r, c, value)) = next else {
                self.done = true;
                return Ok(row.map(|r| (r, cells)));
            };
            self.last_row = r;
            if value == Cell::Empty {
                continue;
            }
            match row {
                Some(current) if current != r => {
                    self.pending = Some((r, c, value));
                    return Ok(Some((current, cells)));
                }
                _ => row = Some(r),
            }
            // The limits check refuses references outside a sheet; this holds even where
            // calamine's arithmetic wraps on one it did not see as such.
            let c = c as usize;
            if c >= SHEET_COLUMNS || r >= SHEET_ROWS {
                return Err(Problem::at(
                    u64::from(r) + 1,
                    None,
                    "the workbook places a cell outside any sheet (columns A to XFD, rows 1 to 1048576); the file is damaged: save it again from the spreadsheet program".to_string(),
                ));
            }
            if cells.len() <= c {
                cells.resize(c + 1, Cell::Empty);
            }
            cells[c] = value;
        }
    }
}

/// The columns and rows a sheet can have (Excel's limits, `XFD1048576`).
const SHEET_COLUMNS: usize = 16_384;
const SHEET_ROWS: u32 = 1_048_576;

/// What kind of value a cell holds, in words.
fn kind(cell: &Cell) -> &'static str {
    match cell {
        Cell::Empty | Cell::Text(_) => "text",
        Cell::Number(_) => "a number",
        Cell::Bool(_) => "a true/false value",
        Cell::Date(_) | Cell::DateTime(_) => "a date",
        Cell::Error(_) => "an Excel error value",
    }
}

/// A workbook cell as a [`Cell`].
fn typed(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) if s.is_empty() => Cell::Empty,
        DataRef::SharedString("") => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(x) => Cell::Number(*x),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(day)) {
                Some(date) if (h, mi, s) == (0, 0, 0) => Cell::Date(date),
                Some(date) => date
                    .and_hms_opt(u32::from(h), u32::from(mi), u32::from(s))
                    .map_or(Cell::Date(date), Cell::DateTime),
                None => Cell::Error(format!("a date Excel holds as {}", d.as_f64())),
            }
        }
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

impl Source for XlsxSource<'_> {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn header_line(&self) -> u64 {
        self.header_line
    }

    fn next(&mut self) -> Result<Option<Item>, Problem> {
        let Some((row, mut cells)) = self.next_row()? else {
            return Ok(None);
        };
        let line = u64::from(row) + 1;
        let width = self.headers.len();
        if let Some(extra) = cells.iter().skip(width).position(|c| *c != Cell::Empty) {
            return Ok(Some(Item::Bad(Problem::at(
                line,
                Some(width + extra),
                format!(
                    "there is a value beyond the last column of the header ({width} columns); give the column a header or clear the cell"
                ),
            ))));
        }
        cells.resize(width, Cell::Empty);
        Ok(Some(Item::Row(Row { line, cells })))
    }

    fn progress(&self) -> (u64, u64) {
        (u64::from(self.last_row) + 1, self.rows)
    }
}
