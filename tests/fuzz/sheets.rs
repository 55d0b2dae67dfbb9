//! Mutations of xlsx workbooks, three ways: the raw bytes of the zip; the XML inside it
//! (cell references, cell types, values, rows duplicated or dropped, parts removed), zipped
//! again; and the cells, read with calamine, changed, and written as a new workbook with
//! rust_xlsxwriter (text where numbers belong, dates, booleans, formulas, extra sheets).

use std::io::{Cursor, Read, Write};

use calamine::{Data, DataRef, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

use crate::dictionary::{HEADERS, NUMBERS, RAW, REFS, TYPES, VALUES};
use crate::input::Rng;
use crate::mutate;

/// A random change to a workbook.
pub fn xlsx(rng: &mut Rng, data: &[u8], pool_bytes: &[u8]) -> Vec<u8> {
    match rng.below(10) {
        0..=1 => {
            let mut out = data.to_vec();
            for _ in 0..1 + rng.below(4) {
                mutate::bytes(rng, &mut out, pool_bytes);
            }
            out
        }
        2..=6 => xml(rng, data).unwrap_or_else(|| data.to_vec()),
        _ => grid(rng, data).unwrap_or_else(|| data.to_vec()),
    }
}

/// The parts of a zip, in order; `None` when it is not one.
pub fn unzip(data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).ok()?;
    let mut parts = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).ok()?;
        let name = file.name().ok()?.to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        parts.push((name, bytes));
    }
    Some(parts)
}

/// The parts zipped, deflated or stored.
pub fn rezip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // A duplicate name is refused by the writer: leave that part out.
        if writer.start_file(name.as_str(), options).is_ok() {
            writer
                .write_all(bytes)
                .expect("a part is written to memory");
        }
    }
    writer.finish().expect("the zip in memory").into_inner()
}

fn positions(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// Replaces the text between `open` (at a random place it occurs) and the next `close`.
fn replace_between(
    rng: &mut Rng,
    xml: &mut Vec<u8>,
    open: &[u8],
    close: &[u8],
    new: &[u8],
) -> bool {
    let found = positions(xml, open);
    if found.is_empty() {
        return false;
    }
    let start = found[rng.below(found.len())] + open.len();
    let Some(len) = positions(&xml[start..], close).first().copied() else {
        return false;
    };
    xml.splice(start..start + len, new.iter().copied());
    true
}

/// Copies, drops or moves one whole element (`<row ...>...</row>`, `<c ...>...</c>`).
fn element(rng: &mut Rng, xml: &mut Vec<u8>, open: &[u8], close: &[u8]) -> bool {
    let found = positions(xml, open);
    if found.is_empty() {
        return false;
    }
    let start = found[rng.below(found.len())];
    let Some(len) = positions(&xml[start..], close).first().copied() else {
        return false;
    };
    let end = start + len + close.len();
    let piece = xml[start..end].to_vec();
    match rng.below(3) {
        0 => {
            xml.splice(end..end, piece);
        }
        1 => {
            xml.drain(start..end);
        }
        _ => {
            xml.drain(start..end);
            let to = found[rng.below(found.len())].min(xml.len());
            xml.splice(to..to, piece);
        }
    }
    true
}

/// Changes the XML of one part (mostly a sheet or the shared strings) and zips it again.
fn xml(rng: &mut Rng, data: &[u8]) -> Option<Vec<u8>> {
    let mut parts = unzip(data)?;
    if parts.is_empty() {
        return None;
    }
    let cells: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.contains("worksheets/") || parts[i].0.contains("sharedStrings"))
        .collect();
    let i = if !cells.is_empty() && rng.chance(4, 5) {
        *rng.pick(&cells)
    } else {
        rng.below(parts.len())
    };
    let steps = 1 + rng.below(3);
    for _ in 0..steps {
        let xml = &mut parts[i].1;
        let token = |rng: &mut Rng| {
            let t = if rng.chance(1, 3) {
                rng.pick(HEADERS)
            } else {
                rng.pick(VALUES)
            };
            t.replace('&', "&amp;").replace('<', "&lt;").into_bytes()
        };
        let done = match rng.below(12) {
            0 => {
                let t = pick_bytes(rng, REFS);
                replace_between(rng, xml, b" r=\"", b"\"", t)
            }
            1 => {
                let t = pick_bytes(rng, TYPES);
                replace_between(rng, xml, b" t=\"", b"\"", t)
            }
            2 => {
                let t = pick_bytes(rng, RAW);
                replace_between(rng, xml, b"<v>", b"</v>", t)
            }
            3 => {
                let t = token(rng);
                replace_between(rng, xml, b"<v>", b"</v>", &t)
            }
            4 => {
                let t = token(rng);
                replace_between(rng, xml, b"<t>", b"</t>", &t)
                    || replace_between(rng, xml, b"\">", b"</t>", &t)
            }
            5 => element(rng, xml, b"<row", b"</row>"),
            6 => element(rng, xml, b"<c ", b"</c>"),
            7 => {
                let t = pick_bytes(rng, &["A1:XFD1048576", "A1", "B2:A1", "", "A1:A0"]);
                replace_between(rng, xml, b" ref=\"", b"\"", t)
            }
            8 => replace_between(rng, xml, b"<si>", b"</si>", b""),
            9 => {
                let t = pick_bytes(rng, &["0", "1", "4294967295", "-1", "x"]);
                replace_between(rng, xml, b" count=\"", b"\"", t)
            }
            _ => {
                mutate::bytes(rng, xml, &[]);
                true
            }
        };
        if !done {
            mutate::bytes(rng, xml, &[]);
        }
    }
    // Now and then the zip itself changes: a part gone, or a part twice under two names.
    if rng.chance(1, 12) {
        let j = rng.below(parts.len());
        if rng.chance(1, 2) {
            parts.remove(j);
        } else {
            let copy = (format!("{}.copy", parts[j].0), parts[j].1.clone());
            parts.push(copy);
        }
    }
    Some(rezip(&parts, rng.chance(1, 2)))
}

/// A random entry of `items`, as bytes.
fn pick_bytes(rng: &mut Rng, items: &[&'static str]) -> &'static [u8] {
    rng.pick(items).as_bytes()
}

/// One sheet's cells, by row and column from A1.
type Grid = Vec<Vec<Data>>;

/// Reads every sheet, changes cells, rows or sheets, and writes a new workbook.
fn grid(rng: &mut Rng, data: &[u8]) -> Option<Vec<u8>> {
    // calamine would ask for as much memory as the workbook claims it needs, and abort, or
    // overflow on a cell outside any sheet: it gets only what spm itself would give it.
    if spm::service::import::check_workbook_bytes(data).is_err() {
        return None;
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(data)).ok()?;
    let mut sheets: Vec<(String, Grid)> = Vec::new();
    for name in book.sheet_names() {
        // Read cell by cell (calamine's dense ranges allocate whatever a damaged sheet claims),
        // and leave alone a sheet whose cells lie far out.
        let mut cells = book.worksheet_cells_reader(&name).ok()?;
        let mut grid: Grid = Vec::new();
        while let Some(cell) = cells.next_cell().ok()? {
            let (r, c) = cell.get_position();
            let (r, c) = (r as usize, c as usize);
            if r > 50_000 || c > 500 {
                return None;
            }
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            if grid[r].len() <= c {
                grid[r].resize(c + 1, Data::Empty);
            }
            grid[r][c] = match cell.get_value() {
                DataRef::Empty => Data::Empty,
                DataRef::String(t) => Data::String(t.clone()),
                DataRef::SharedString(t) => Data::String((*t).to_string()),
                DataRef::Float(v) => Data::Float(*v),
                DataRef::Int(v) => Data::Int(*v),
                DataRef::Bool(b) => Data::Bool(*b),
                DataRef::DateTime(d) => Data::DateTime(*d),
                DataRef::DateTimeIso(t) => Data::DateTimeIso(t.clone()),
                DataRef::DurationIso(t) => Data::DurationIso(t.clone()),
                DataRef::Error(e) => Data::Error(e.clone()),
            };
        }
        drop(cells);
        sheets.push((name, grid));
    }
    if sheets.is_empty() {
        return None;
    }
    let mut date = None;
    for _ in 0..1 + rng.below(3) {
        let s = rng.below(sheets.len());
        let rows = sheets[s].1.len();
        let r = rng.below(rows.max(1));
        match rng.below(12) {
            0..=5 if rows > 0 => {
                let row = &mut sheets[s].1[r];
                let c = rng.below(row.len() + 2);
                if row.len() <= c {
                    row.resize(c + 1, Data::Empty);
                }
                row[c] = match rng.below(8) {
                    0..=3 => Data::String(rng.pick(VALUES).to_string()),
                    4 => Data::Float(*rng.pick(NUMBERS)),
                    5 => Data::Bool(rng.chance(1, 2)),
                    6 => Data::Empty,
                    _ => Data::String(format!(
                        "={}",
                        rng.pick(&["1+2", "NA()", "1/0", "A1", "\"x\""])
                    )),
                };
            }
            6 if rows > 0 => {
                let copy = sheets[s].1[r].clone();
                sheets[s].1.insert(r, copy);
            }
            7 if rows > 0 => {
                sheets[s].1.remove(r);
            }
            8 => {
                let copy = (format!("{}.2", sheets[s].0), sheets[s].1.clone());
                sheets.insert(s + 1, copy);
            }
            9 if sheets.len() > 1 => {
                let moved = sheets.remove(s);
                let to = rng.below(sheets.len() + 1);
                sheets.insert(to, moved);
            }
            10 if sheets.len() > 1 => {
                sheets.remove(s);
            }
            _ if rows > 0 => {
                // A date cell, where the export has a value.
                let c = rng.below(sheets[s].1[r].len().max(1));
                date = Some((s, r, c));
            }
            _ => {}
        }
    }
    write_book(&sheets, date).or_else(|| write_book(&sheets, None))
}

/// Writes the sheets as a new workbook; the cell at `date` (sheet, row, column) as a date.
fn write_book(sheets: &[(String, Grid)], date: Option<(usize, usize, usize)>) -> Option<Vec<u8>> {
    let mut book = Workbook::new();
    let as_date = Format::new().set_num_format("yyyy-mm-dd");
    for (s, (name, grid)) in sheets.iter().enumerate() {
        let sheet = book.add_worksheet();
        if sheet.set_name(name).is_err() {
            continue;
        }
        for (r, row) in grid.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c16) = (r as u32, c as u16);
                let _ = match cell {
                    Data::Empty => continue,
                    _ if date == Some((s, r as usize, c)) => {
                        sheet.write_number_with_format(r, c16, 45_000.0, &as_date)
                    }
                    Data::String(t) if t.starts_with('=') && t.len() < 16 => {
                        sheet.write_formula(r, c16, t.as_str())
                    }
                    Data::String(t) => sheet.write_string(r, c16, t),
                    Data::Float(v) => sheet.write_number(r, c16, *v),
                    Data::Int(v) => sheet.write_number(r, c16, *v as f64),
                    Data::Bool(b) => sheet.write_boolean(r, c16, *b),
                    Data::DateTime(d) => {
                        sheet.write_number_with_format(r, c16, d.as_f64(), &as_date)
                    }
                    Data::DateTimeIso(t) | Data::DurationIso(t) => sheet.write_string(r, c16, t),
                    Data::Error(_) => sheet.write_formula(r, c16, "=NA()"),
                };
            }
        }
    }
    book.save_to_buffer().ok()
}
