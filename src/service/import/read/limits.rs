//! The limits a workbook is held to before calamine reads it.
//!
//! calamine holds the whole list of shared strings in memory from the moment it opens a
//! workbook, and reads each cell's text (and each tag, comment or run of text) into one
//! buffer however long it is; a 1.5 MB file can unpack to a 1.5 GB cell. So every part of
//! the zip is unpacked once first, through a fixed buffer, counting what it unpacks to (the
//! sizes the zip declares can lie) and looking at where each XML node begins and ends
//! ([`super::xml`]), and the workbook is refused, naming the sheet and cell, before anything
//! has held more than a chunk of it. A workbook within the limits is then read as before.

use std::io::{self, Read, Seek, SeekFrom};

use zip::ZipArchive;

use super::xml::{Tokens, Visit, attr, exact_attr, local_name};
use crate::model::text::quoted;
use crate::service::import::columns::letter;

/// What a workbook may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caps {
    /// The longest cell, shared string, or other XML node, in bytes as stored.
    pub node: u64,
    /// What the shared strings unpack to at most: calamine holds them all in memory.
    pub strings_bytes: u64,
    /// How many shared strings there may be (each costs calamine 24 bytes or more).
    pub strings: u64,
    /// What a part calamine reads whole (workbook, styles, relationships) unpacks to at most.
    pub held: u64,
    /// What any other part (a sheet, streamed a cell at a time) unpacks to at most.
    pub part: u64,
    /// What the whole workbook unpacks to at most.
    pub total: u64,
}

impl Caps {
    /// The limits spm reads workbooks with: far beyond the sizes of the largest real
    /// workbooks (measured in benches/README.md), a sheet as big as a full sheet of 1,048,576
    /// rows at 2 KB a row, and the shared strings, which calamine holds, within about 450 MB
    /// of memory.
    pub(crate) const DEFAULT: Caps = Caps {
        node: super::MAX_FIELD as u64,
        strings_bytes: 256 << 20,
        strings: 4_000_000,
        held: 64 << 20,
        part: 2 << 30,
        total: 4 << 30,
    };
}

/// A workbook refused, and where: `at` is `sheet "projects", cell B2`, or the part, or
/// `None` when it is about the whole workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub at: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Checks the workbook `reader` holds against [`Caps::DEFAULT`], then puts the reader back
/// at its start. A file that is not a zip archive passes: calamine says what is wrong.
///
/// Errors: a [`Refusal`] for a cell, a shared string or a node of more than 1 MB, or a part
/// or workbook that unpacks to more than its cap.
pub(crate) fn check_workbook<R: Read + Seek>(reader: &mut R) -> Result<(), Refusal> {
    let result = check_with(reader, &Caps::DEFAULT);
    // calamine reads from the start; if this seek fails, so will its reads, and it says so.
    let _ = reader.seek(SeekFrom::Start(0));
    result
}

/// [`check_workbook`] with the caps given.
pub(crate) fn check_with<R: Read + Seek>(reader: &mut R, caps: &Caps) -> Result<(), Refusal> {
    let Ok(mut zip) = ZipArchive::new(&mut *reader) else {
        return Ok(());
    };
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0;
    for i in 0..zip.len() {
        let (name, outcome) = {
            // An entry that cannot be unpacked is one calamine cannot read either.
            let Ok(mut entry) = zip.by_index(i) else {
                continue;
            };
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let mut check = Check::new(caps);
            let outcome = unpack(&mut entry, &mut buf, &mut total, caps, &mut check);
            (name, outcome.map_err(|stop| (stop, check.kind)))
        };
        if let Err((stop, kind)) = outcome {
            return Err(refusal(&mut zip, &name, stop, kind, caps));
        }
    }
    Ok(())
}

/// Why the unpacking of a part stopped.
enum Stop<F> {
    /// The visitor stopped it.
    Found(F),
    /// The part unpacks to more than its cap.
    Part,
    /// The workbook unpacks to more than its cap.
    Total,
    /// The part cannot be unpacked to its end (a checksum that does not match, data cut
    /// short): the system's words.
    Damaged(String),
}

/// Unpacks one part through `buf`, handing it to `visit`; `total` counts what the workbook
/// has unpacked to so far.
fn unpack<V: Visit + Capped>(
    entry: &mut impl Read,
    buf: &mut [u8],
    total: &mut u64,
    caps: &Caps,
    visit: &mut V,
) -> Result<(), Stop<V::Stop>> {
    let mut tokens: Option<Tokens> = None;
    let mut size: u64 = 0;
    loop {
        let n = match entry.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // A damaged part is refused whole: calamine reads it through a smaller buffer,
            // so it would meet the damage only after taking in what lies before it, which
            // this check has not seen.
            Err(e) => return Err(Stop::Damaged(e.to_string())),
        };
        size += n as u64;
        *total += n as u64;
        if *total > caps.total {
            return Err(Stop::Total);
        }
        let chunk = &buf[..n];
        let tokens = tokens.get_or_insert_with(|| Tokens::new(!is_xml(chunk), caps.node));
        tokens.feed(chunk, visit).map_err(Stop::Found)?;
        // After the chunk, whose root element says which cap the part has.
        if size > visit.cap(caps) {
            return Err(Stop::Part);
        }
    }
}

/// Whether a part's first bytes are XML: `<` after a byte order mark and white space. Other
/// parts (pictures) are only checked for runs without `<`, which quick-xml would buffer.
fn is_xml(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_none_or(|b| *b == b'<')
}

/// What a part is, from its root element, and so how big it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    #[default]
    Unknown,
    Sheet,
    Strings,
    /// A part calamine reads whole into memory.
    Held,
    Other,
}

/// A visitor whose part has a cap.
trait Capped {
    fn cap(&self, caps: &Caps) -> u64;
}

/// The last row and column a sheet can have (Excel's limits, `XFD1048576`). calamine trusts
/// the numbers a workbook writes: a reference past them made it reserve gigabytes for one
/// row, loop over billions of empty rows, or overflow its arithmetic.
const LAST_ROW: u64 = 1_048_576;
const LAST_COLUMN: u64 = 16_384;

/// Where a sheet's cells are: the row, and the column of the last cell (1-based).
#[derive(Debug, Default)]
struct Position {
    row: u64,
    column: u64,
}

impl Position {
    /// A `<row>` begins.
    ///
    /// Errors: `Found::Reference` for a row number no sheet has.
    fn row(&mut self, tag: &[u8]) -> Result<(), Found> {
        self.row = match exact_attr(tag, b"r") {
            Some(r) => number(r)
                .filter(|n| (1..=LAST_ROW).contains(n))
                .ok_or_else(|| Found::Reference(shown(r)))?,
            None => self.row + 1,
        };
        self.column = 0;
        Ok(())
    }

    /// A `<c>` begins: where it is, from its `r` or else from the cell before.
    ///
    /// Errors: `Found::Reference` for a reference outside any sheet.
    fn cell(&mut self, tag: &[u8]) -> Result<CellRef, Found> {
        match exact_attr(tag, b"r") {
            Some(r) => {
                (self.column, self.row) = reference(r)
                    .filter(|&(column, row)| within_sheet(column, row))
                    .ok_or_else(|| Found::Reference(shown(r)))?;
            }
            None => self.column += 1,
        }
        if self.column > LAST_COLUMN {
            return Err(Found::Reference(format!("column {}", self.column)));
        }
        Ok(CellRef {
            column: self.column.max(1),
            row: self.row.max(1),
        })
    }
}

/// Whether a cell at `column` and `row` (1-based) can be in a sheet.
fn within_sheet(column: u64, row: u64) -> bool {
    (1..=LAST_COLUMN).contains(&column) && (1..=LAST_ROW).contains(&row)
}

/// A sheet's `<dimension ref="A1:Q200">` (or a single cell): both corners within a sheet and
/// in order.
fn dimension(text: &[u8]) -> bool {
    let mut corners = text.split(|b| *b == b':').map(reference);
    let (Some(Some(first)), last, None) = (corners.next(), corners.next(), corners.next()) else {
        return false;
    };
    let last = match last {
        Some(Some(last)) => last,
        Some(None) => return false,
        None => first,
    };
    within_sheet(first.0, first.1)
        && within_sheet(last.0, last.1)
        && first.0 <= last.0
        && first.1 <= last.1
}

/// An attribute's text as a message shows it: escaped and cut short.
fn shown(text: &[u8]) -> String {
    quoted(&String::from_utf8_lossy(text))
}

/// Where a cell is (1-based); shown as `B2`. Kept as numbers while the sheet is read (it
/// has a cell every few dozen bytes), and written out only for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CellRef {
    column: u64,
    row: u64,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let column = usize::try_from(self.column - 1).unwrap_or(0);
        write!(f, "{}{}", letter(column), self.row)
    }
}

/// A whole number written in an attribute.
fn number(text: &[u8]) -> Option<u64> {
    std::str::from_utf8(text).ok()?.trim().parse().ok()
}

/// A cell reference, `AB12`: its column and row, 1-based.
fn reference(text: &[u8]) -> Option<(u64, u64)> {
    let split = text.iter().position(u8::is_ascii_digit)?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let column = letters.iter().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some((column, number(digits)?))
}

/// What the limits check found in a part.
enum Found {
    Cell(CellRef),
    /// The 0-based index of a shared string.
    String(u64),
    Node,
    /// How many shared strings the workbook holds (or says it does).
    Strings(u64),
    /// A row, cell or sheet size outside any sheet, as the file writes it (quoted).
    Reference(String),
}

/// The element whose size is being counted, and where its content began.
enum Open {
    Cell(CellRef),
    String(u64),
}

/// The limits check of one part.
struct Check {
    kind: Kind,
    position: Position,
    open: Option<(Open, u64)>,
    strings: u64,
    caps: Caps,
    /// Whether `<sheetData>` has begun, after which calamine reads rows and cells.
    data: bool,
}

impl Capped for Check {
    fn cap(&self, caps: &Caps) -> u64 {
        match self.kind {
            Kind::Strings => caps.strings_bytes,
            Kind::Held => caps.held,
            Kind::Unknown | Kind::Sheet | Kind::Other => caps.part,
        }
    }
}

impl Check {
    fn new(caps: &Caps) -> Self {
        Check {
            kind: Kind::Unknown,
            position: Position::default(),
            open: None,
            strings: 0,
            caps: *caps,
            data: false,
        }
    }

    /// Refuses a cell or shared string that has grown past the cap by offset `at`.
    fn within(&self, at: u64) -> Result<(), Found> {
        match &self.open {
            Some((_, start)) if at - start > self.caps.node => Err(self.found()),
            _ => Ok(()),
        }
    }

    /// What is too long: the open cell or string, or a node outside them.
    fn found(&self) -> Found {
        match &self.open {
            Some((Open::Cell(cell), _)) => Found::Cell(*cell),
            Some((Open::String(i), _)) => Found::String(*i),
            None => Found::Node,
        }
    }
}

impl Visit for Check {
    type Stop = Found;

    fn start(&mut self, tag: &[u8], empty: bool, at: u64) -> Result<(), Found> {
        let name = local_name(tag);
        if self.kind == Kind::Unknown {
            self.kind = match name {
                b"worksheet" | b"chartsheet" | b"dialogsheet" => Kind::Sheet,
                b"sst" => Kind::Strings,
                b"workbook" | b"styleSheet" | b"Relationships" | b"Types" | b"theme" => Kind::Held,
                _ => Kind::Other,
            };
            // calamine reserves room for as many strings as the part says it holds.
            let declared = exact_attr(tag, b"uniqueCount")
                .and_then(number)
                .unwrap_or(0);
            if self.kind == Kind::Strings && declared > self.caps.strings {
                return Err(Found::Strings(declared));
            }
        }
        self.within(at)?;
        // calamine reads any part the workbook names as a sheet, whatever its root element:
        // the sheet's size from a <dimension> before <sheetData>, then rows and cells after
        // it. So every part is looked at that way.
        match (self.data, name) {
            (false, b"dimension") => {
                let size = exact_attr(tag, b"ref");
                let bad = match size {
                    Some(size) => !dimension(size),
                    None => self.kind == Kind::Sheet,
                };
                if bad {
                    return Err(Found::Reference(shown(size.unwrap_or_default())));
                }
            }
            (false, b"sheetData") => self.data = true,
            (true, b"row") => self.position.row(tag)?,
            (true, b"c") => {
                let cell = self.position.cell(tag)?;
                if !empty {
                    self.open = Some((Open::Cell(cell), at));
                }
            }
            _ => {}
        }
        if self.kind == Kind::Strings && name == b"si" {
            self.strings += 1;
            if self.strings > self.caps.strings {
                return Err(Found::Strings(self.strings));
            }
            if !empty {
                self.open = Some((Open::String(self.strings - 1), at));
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8], at: u64) -> Result<(), Found> {
        self.within(at)?;
        if matches!(local_name(name), b"c" | b"si") {
            self.open = None;
        }
        Ok(())
    }

    fn text(&mut self, _: &[u8], at: u64) -> Result<(), Found> {
        self.within(at)
    }

    fn too_long(&mut self) -> Found {
        self.found()
    }
}

mod refusal;

use refusal::refusal;

#[cfg(test)]
mod tests;
