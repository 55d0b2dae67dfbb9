//! Workbooks written by hand, byte by byte, for tests of what spm refuses: sheets named and
//! filled with anything, and a cell of a gigabyte or more that takes a few megabytes on
//! disk and no time to write (its deflate stream is one block repeated, made here, not by a
//! compressor: a compressor in a debug build takes a minute for a gigabyte).

/// One part (file) of the zip.
pub struct Part {
    pub name: String,
    data: Data,
}

enum Data {
    /// Stored as it is.
    Stored(Vec<u8>),
    /// `prefix`, then `run` bytes `a`, then `suffix`; deflated. `prefix` ends with `a`.
    Run {
        prefix: Vec<u8>,
        run: u64,
        suffix: Vec<u8>,
    },
}

impl Part {
    /// A part holding `bytes`.
    pub fn new(name: &str, bytes: impl Into<Vec<u8>>) -> Part {
        Part {
            name: name.to_string(),
            data: Data::Stored(bytes.into()),
        }
    }

    /// What a part made by [`Part::new`] holds (nothing for a run).
    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            Data::Stored(bytes) => bytes,
            Data::Run { .. } => &[],
        }
    }

    /// A part holding `prefix`, then `run` more bytes `a` (a cell's text, say), then `suffix`.
    pub fn run(name: &str, prefix: &str, run: u64, suffix: &str) -> Part {
        let mut prefix = prefix.as_bytes().to_vec();
        // The repeated block copies the byte before it: the first `a` is written plainly.
        prefix.push(b'a');
        Part {
            name: name.to_string(),
            data: Data::Run {
                prefix,
                run: run.saturating_sub(1),
                suffix: suffix.as_bytes().to_vec(),
            },
        }
    }
}

/// Text made safe inside XML.
pub fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A `<row>` of inline-string cells (`s:N` for shared string N), texts escaped.
pub fn row(r: u32, cells: &[&str]) -> String {
    let mut out = format!("<row r=\"{r}\">");
    for (i, text) in cells.iter().enumerate() {
        let at = format!("{}{r}", char::from(b'A' + i as u8));
        match text.strip_prefix("s:") {
            Some(n) => out.push_str(&format!("<c r=\"{at}\" t=\"s\"><v>{n}</v></c>")),
            None => out.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                xml(text)
            )),
        }
    }
    out + "</row>"
}

/// The start of a sheet's XML, up to where its rows go.
pub const SHEET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

/// The end of a sheet's XML.
pub const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// The parts of a workbook with the sheets `(name, rows)` (in `xl/worksheets/sheetN.xml`),
/// and the part `strings` as its shared strings when given.
pub fn workbook(sheets: &[(&str, String)], strings: Option<Part>) -> Vec<Part> {
    let mut book = String::from(
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut parts = vec![Part::new(
        "_rels/.rels",
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
    )];
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            xml(name)
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        parts.push(Part::new(
            &format!("xl/worksheets/sheet{n}.xml"),
            format!("{SHEET_HEAD}{rows}{SHEET_TAIL}"),
        ));
    }
    if let Some(strings) = strings {
        rels.push_str("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        parts.push(Part {
            name: "xl/sharedStrings.xml".into(),
            data: strings.data,
        });
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    parts.push(Part::new("xl/workbook.xml", book));
    parts.push(Part::new("xl/_rels/workbook.xml.rels", rels));
    parts
}

/// `parts` with the part of the same name as `part` replaced by it.
pub fn swap(mut parts: Vec<Part>, part: Part) -> Vec<Part> {
    for p in &mut parts {
        if p.name == part.name {
            *p = part;
            return parts;
        }
    }
    parts.push(part);
    parts
}

/// The zip file of `parts`.
pub fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for part in parts {
        let (method, crc, size, body) = match &part.data {
            Data::Stored(bytes) => (0u16, crc32(0, bytes), bytes.len() as u64, bytes.clone()),
            Data::Run {
                prefix,
                run,
                suffix,
            } => {
                let crc = crc32(
                    crc32_combine(crc32(0, prefix), crc_of_run(*run), *run),
                    suffix,
                );
                let size = prefix.len() as u64 + run + suffix.len() as u64;
                (8u16, crc, size, deflate_run(prefix, *run, suffix))
            }
        };
        let size = u32::try_from(size).expect("a part under 4 GB");
        let offset = u32::try_from(out.len()).expect("a zip under 4 GB");
        let header = |signature: u32, central: bool| {
            let mut h = signature.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            for v in [20u16, 0, method, 0, 0x21] {
                h.extend(v.to_le_bytes());
            }
            h.extend(crc.to_le_bytes());
            h.extend((body.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((part.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(part.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&body);
        directory.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    out.extend(&directory);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Bits written least significant first, as deflate packs them.
struct Bits {
    out: Vec<u8>,
    bit: u32,
}

impl Bits {
    /// A Huffman code: its bits from the most significant.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            if self.bit == 0 {
                self.out.push(0);
            }
            if code >> i & 1 == 1 {
                *self.out.last_mut().expect("a byte") |= 1 << self.bit;
            }
            self.bit = (self.bit + 1) % 8;
        }
    }
}

/// Stored deflate blocks holding `bytes` (the last one final when `last`).
fn stored(out: &mut Vec<u8>, bytes: &[u8], last: bool) {
    let chunks: Vec<&[u8]> = if bytes.is_empty() {
        vec![&[]]
    } else {
        bytes.chunks(65_535).collect()
    };
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(last && i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*chunk);
    }
}

/// The deflate stream of `prefix`, `run` bytes `a` (copies of the byte before), `suffix`.
fn deflate_run(prefix: &[u8], run: u64, suffix: &[u8]) -> Vec<u8> {
    // One block of fixed codes: 1014 copies of 258 bytes from 1 byte back (13 bits each);
    // with its 3-bit header and 7-bit end it is 1649 whole bytes, so it can be repeated.
    const COPIES: u64 = 1014;
    let mut block = Bits {
        out: Vec::new(),
        bit: 0,
    };
    block.code(0b010, 3); // not final (0), fixed codes (1, 0: the number 1, low bit first)
    for _ in 0..COPIES {
        block.code(0b1100_0101, 8); // length 258
        block.code(0, 5); // distance 1
    }
    block.code(0, 7); // end of block
    assert_eq!(block.bit, 0, "the block ends on a byte boundary");
    let mut out = Vec::new();
    stored(&mut out, prefix, false);
    let blocks = run / (COPIES * 258);
    for _ in 0..blocks {
        out.extend(&block.out);
    }
    let rest = "a".repeat((run - blocks * COPIES * 258) as usize);
    stored(&mut out, rest.as_bytes(), false);
    stored(&mut out, suffix, true);
    out
}

/// CRC-32 (as zip uses it) of `bytes`, continuing from `crc`.
fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// CRC-32 of `n` bytes `a`, by doubling.
fn crc_of_run(n: u64) -> u32 {
    let (mut total, mut power, mut len) = (0u32, crc32(0, b"a"), 1u64);
    let mut left = n;
    while left > 0 {
        if left & 1 == 1 {
            total = crc32_combine(total, power, len);
        }
        power = crc32_combine(power, power, len);
        len *= 2;
        left >>= 1;
    }
    total
}

/// The CRC-32 of A then B from the CRC-32 of each and B's length (zlib's crc32_combine).
fn crc32_combine(crc1: u32, crc2: u32, len2: u64) -> u32 {
    fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
        let mut sum = 0;
        let mut i = 0;
        while vector != 0 {
            if vector & 1 == 1 {
                sum ^= matrix[i];
            }
            vector >>= 1;
            i += 1;
        }
        sum
    }
    fn square(matrix: &[u32; 32]) -> [u32; 32] {
        let mut out = [0u32; 32];
        for (n, row) in out.iter_mut().enumerate() {
            *row = times(matrix, matrix[n]);
        }
        out
    }
    if len2 == 0 {
        return crc1;
    }
    let mut odd = [0u32; 32];
    odd[0] = 0xEDB8_8320;
    for (n, row) in odd.iter_mut().enumerate().skip(1) {
        *row = 1 << (n - 1);
    }
    let mut even = square(&odd);
    odd = square(&even);
    let (mut crc1, mut len2) = (crc1, len2);
    loop {
        even = square(&odd);
        if len2 & 1 == 1 {
            crc1 = times(&even, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
        odd = square(&even);
        if len2 & 1 == 1 {
            crc1 = times(&odd, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
    }
    crc1 ^ crc2
}
