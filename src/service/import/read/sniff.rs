//! What a file is, from its first bytes: a workbook, CSV text (and its delimiter), or
//! something to refuse with a sentence saying what it is.

use super::*;

/// What the start of a file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Csv { bom: bool, delimiter: u8 },
    Workbook,
}

/// Decides what the file is from its first bytes.
pub(super) fn sniff(head: &[u8]) -> Result<Kind, Problem> {
    let at_line_1 = |m: &str| Err(Problem::at(1, None, m));
    if head.is_empty() {
        return at_line_1(
            "the file is empty; it needs a header row (e.g. the one \"list --format csv\" writes) and a row per record",
        );
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Workbook);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || looks_utf16(head) {
        return at_line_1(
            "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" and import that",
        );
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return at_line_1(
            "the file is an old Excel workbook (.xls); save it as .xlsx or \"CSV UTF-8\" and import that",
        );
    }
    if head.starts_with(b"%PDF") {
        return at_line_1("the file is a PDF, not a spreadsheet; export the data as CSV or .xlsx");
    }
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let text = if bom { &head[3..] } else { head };
    if text.iter().all(|b| b.is_ascii_whitespace()) {
        return at_line_1(if bom {
            "the file holds only a byte order mark; it needs a header row and a row per record"
        } else {
            "the file is empty; it needs a header row and a row per record"
        });
    }
    let sample = &text[..text.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls > 1 + sample.len() / 200 {
        return at_line_1(
            "the file is not text (it holds binary data): it is not a CSV file, whatever its name; export the data as CSV UTF-8 or .xlsx",
        );
    }
    Ok(Kind::Csv {
        bom,
        delimiter: delimiter(text),
    })
}

/// UTF-16 without a byte order mark: of the first bytes, every other one is zero and the rest
/// are printable ASCII.
fn looks_utf16(head: &[u8]) -> bool {
    let n = head.len().min(64) & !1;
    if n < 4 {
        return false;
    }
    let text = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let half = n / 2;
    [(0, 1), (1, 0)].iter().any(|&(zero, other)| {
        let zeros = (zero..n).step_by(2).filter(|&i| head[i] == 0).count();
        let texts = (other..n).step_by(2).filter(|&i| text(head[i])).count();
        zeros * 10 >= half * 9 && texts * 10 >= half * 9
    })
}

/// The delimiter the header line uses most, outside quotes: `,` (the default), `;` (Excel in
/// much of Europe, where the comma is the decimal point) or tab.
pub(super) fn delimiter(text: &[u8]) -> u8 {
    let mut quoted = false;
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}
