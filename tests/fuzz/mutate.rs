//! Mutations of bytes and of CSV text: flips, inserts, deletes, splices, truncation, lines
//! duplicated or dropped, cells replaced with formula-like or odd values, other delimiters,
//! line endings and encodings.

use crate::dictionary::{BYTES, HEADERS, VALUES};
use crate::input::Rng;

/// One random change to raw bytes.
pub fn bytes(rng: &mut Rng, data: &mut Vec<u8>, pool_bytes: &[u8]) {
    let len = data.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = *rng.pick(BYTES);
        }
        2 => {
            let n = 1 + rng.below(8);
            let noise: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            data.splice(at..at, noise);
        }
        3 => {
            let token = rng.pick(VALUES).as_bytes().to_vec();
            data.splice(at..at, token);
        }
        4 if len > 0 => {
            let n = 1 + rng.below(len.min(64));
            let end = (at + n).min(len);
            data.drain(at.min(len)..end);
        }
        5 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(256)).min(len);
            let copy = data[start..end].to_vec();
            data.splice(at..at, copy);
        }
        6 if !pool_bytes.is_empty() => {
            // Splice: our head, another input's tail.
            let from = rng.below(pool_bytes.len());
            data.truncate(at);
            data.extend_from_slice(&pool_bytes[from..]);
        }
        7 => data.truncate(at),
        8 if len > 0 => {
            let i = rng.below(len);
            data[i] = data[i].wrapping_add(1 + rng.below(3) as u8);
        }
        _ => {
            let token = rng.pick(HEADERS).as_bytes().to_vec();
            data.splice(at..at, token);
        }
    }
}

/// A random change to CSV text: to its lines, its cells, or the way it is written.
pub fn csv(rng: &mut Rng, data: &[u8], pool_bytes: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    let steps = 1 + rng.below(3);
    for _ in 0..steps {
        out = match rng.below(40) {
            0..=9 => {
                bytes(rng, &mut out, pool_bytes);
                out
            }
            10..=15 => lines(rng, &out, pool_bytes),
            16..=33 => cells(rng, &out),
            34..=36 => rewrite(rng, &out),
            37..=38 => encode(rng, &out),
            _ => grow(rng, &out),
        };
    }
    out
}

/// Splits text into lines, keeping each line's ending.
fn split_lines(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in data.iter().enumerate() {
        if *b == b'\n' {
            out.push(data[start..=i].to_vec());
            start = i + 1;
        }
    }
    if start < data.len() {
        out.push(data[start..].to_vec());
    }
    out
}

/// Duplicates, drops, swaps or borrows whole lines.
fn lines(rng: &mut Rng, data: &[u8], pool_bytes: &[u8]) -> Vec<u8> {
    let mut lines = split_lines(data);
    if lines.is_empty() {
        return data.to_vec();
    }
    let i = rng.below(lines.len());
    match rng.below(5) {
        0 => {
            let copy = lines[i].clone();
            let n = 1 + rng.below(3);
            for _ in 0..n {
                lines.insert(i, copy.clone());
            }
        }
        1 => {
            lines.remove(i);
        }
        2 => {
            let j = rng.below(lines.len());
            lines.swap(i, j);
        }
        3 => {
            let other = split_lines(pool_bytes);
            if !other.is_empty() {
                lines.insert(i, rng.pick(&other).clone());
            }
        }
        _ => {
            // The line's ending: none, CR only, CRLF.
            let line = &mut lines[i];
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            let endings: [&[u8]; 4] = [b"", b"\r", b"\r\n", b"\n\n"];
            line.extend_from_slice(endings[rng.below(endings.len())]);
        }
    }
    lines.concat()
}

/// Parses the CSV (leniently), changes one cell, a row's shape or the header, and writes it
/// back: valid CSV that reaches the checks of each value.
fn cells(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let delimiter = if data
        .iter()
        .take_while(|b| **b != b'\n')
        .filter(|b| **b == b';')
        .count()
        > 0
    {
        b';'
    } else {
        b','
    };
    let mut records = parse(data, delimiter);
    if records.is_empty() {
        return data.to_vec();
    }
    let r = if rng.chance(1, 6) {
        0
    } else {
        rng.below(records.len())
    };
    let row = &mut records[r];
    let c = rng.below(row.len().max(1));
    let value: Vec<u8> = if r == 0 && rng.chance(1, 2) {
        rng.pick(HEADERS).as_bytes().to_vec()
    } else {
        rng.pick(VALUES).as_bytes().to_vec()
    };
    match rng.below(8) {
        0..=3 if !row.is_empty() => row[c] = value,
        4 if !row.is_empty() => row[c].extend_from_slice(&value),
        5 => row.insert(c.min(row.len()), value),
        6 if !row.is_empty() => {
            row.remove(c);
        }
        // Past the longest text and the longest reflection. Not in the header: a header that
        // long is slow to refuse in a debug build (every known name is compared with it).
        _ if !row.is_empty() && r > 0 => {
            let long = rng.pick(&[2001usize, 20_001, 70_000]);
            row[c] = vec![b'x'; *long];
        }
        _ => row.push(value),
    }
    write(&records, delimiter, b"\n", csv::QuoteStyle::Necessary)
}

fn parse(data: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data);
    reader
        .byte_records()
        .map_while(Result::ok)
        .map(|r| r.iter().map(<[u8]>::to_vec).collect())
        .collect()
}

fn write(records: &[Vec<Vec<u8>>], delimiter: u8, end: &[u8], quote: csv::QuoteStyle) -> Vec<u8> {
    let terminator = match end {
        b"\r\n" => csv::Terminator::CRLF,
        other => csv::Terminator::Any(other.first().copied().unwrap_or(b'\n')),
    };
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .terminator(terminator)
        .quote_style(quote)
        .from_writer(Vec::new());
    for r in records {
        writer
            .write_record(r)
            .expect("a record is written to memory");
    }
    writer.into_inner().expect("the CSV in memory")
}

/// The same records written another way: `;` or tab, CR or CRLF, every field quoted.
fn rewrite(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let records = parse(data, b',');
    let delimiter = *rng.pick(b",;\t");
    let endings: [&[u8]; 3] = [b"\n", b"\r\n", b"\r"];
    let end: &[u8] = endings[rng.below(endings.len())];
    let quote = *rng.pick(&[
        csv::QuoteStyle::Necessary,
        csv::QuoteStyle::Always,
        csv::QuoteStyle::NonNumeric,
    ]);
    let mut out = write(&records, delimiter, end, quote);
    if rng.chance(1, 3) {
        while matches!(out.last(), Some(b'\n' | b'\r')) {
            out.pop();
        }
    }
    out
}

/// The text in another encoding: with a byte order mark, UTF-16, Windows-1252.
fn encode(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(data);
    match rng.below(5) {
        0 => [&b"\xEF\xBB\xBF"[..], data].concat(),
        1 => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        2 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        3 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
        _ => {
            // A UTF-8 character cut in half, somewhere.
            let mut out = data.to_vec();
            let at = rng.below(out.len() + 1);
            out.splice(at..at, "é".as_bytes()[..1].iter().copied());
            out
        }
    }
}

/// Many rows (the data lines repeated), or one enormous field.
fn grow(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let lines = split_lines(data);
    if rng.chance(1, 4) || lines.len() < 2 {
        let mut out = data.to_vec();
        // Past the reader's limit of a mebibyte, or well under it: a cell of a mebibyte that
        // reaches a header or an enumeration takes a debug build most of a minute to refuse
        // (each known name is compared with it, letter by letter; reported, not fixed here).
        let at = rng.below(out.len() + 1);
        let size = *rng.pick(&[100_000, (1 << 20) + 1, 3 << 20]);
        out.splice(at..at, std::iter::repeat_n(b'y', size));
        return out;
    }
    // Up to about 1,000 rows: each costs a debug build a millisecond or so, and rows without
    // a code that repeat one title cost more with each repeat (reported, not fixed here).
    let body: usize = lines[1..].iter().map(Vec::len).sum::<usize>().max(1);
    let times = (2 + rng.below(60)).min(1 + 100_000 / body);
    let mut out = lines[0].clone();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    for _ in 0..times {
        for l in &lines[1..] {
            out.extend_from_slice(l);
            if !l.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
    }
    out
}
