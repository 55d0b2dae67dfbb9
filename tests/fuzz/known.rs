//! Bugs the fuzzer finds that are known and reported but not fixed yet (in code another
//! engineer owns, or in a dependency). A finding that is one of them is counted, not failed,
//! so CI stays green while the bug is open; an input that would abort the whole process is
//! not run at all. Each has an ignored test in `main.rs` that replays its input from
//! `tests/fuzz/known/<target>/`. When the bug is fixed, move the input to
//! `tests/fuzz/regressions/<target>/`, and delete its entry here and its ignored test.

use crate::input::Input;
use crate::sheets;

/// One known bug: the targets it shows in, and how to tell a finding is it.
pub struct Known {
    pub targets: &'static [&'static str],
    pub is: fn(&str) -> bool,
    pub what: &'static str,
}

const XLSX: &[&str] = &["project-xlsx", "person-xlsx", "restore-xlsx"];
const IMPORT: &[&str] = &["project-csv", "project-xlsx", "person-csv", "person-xlsx"];

pub const KNOWN: &[Known] = &[
    Known {
        targets: XLSX,
        is: calamine_overflow,
        what: "calamine 0.38 overflows u32 reading a cell reference or dimension (debug builds panic)",
    },
    Known {
        targets: IMPORT,
        is: raw_header_in_place,
        what: "import errors show a header cell's text raw in \"column X (header)\" (line breaks, control characters)",
    },
    Known {
        targets: IMPORT,
        is: long_value_in_message,
        what: "import errors quote a cell's whole value, however long (src/model parsers, src/service/import/columns.rs)",
    },
];

/// The parsers of dates, money and enumerations (`src/model/`) and the header check quote the
/// whole cell in their message: a 70,000-character cell makes a 70,000-character error.
fn long_value_in_message(finding: &str) -> bool {
    finding.starts_with("an error message with a line longer than")
}

/// calamine's `get_row_and_optional_column` and `get_dimension` use unchecked u32 arithmetic:
/// `r="AAAAAAAA1"`, `r="A99999999999"` or `ref="B2:A1"` panic with overflow checks on.
fn calamine_overflow(finding: &str) -> bool {
    finding.contains("calamine-0.38.0/src/xlsx/mod.rs") && finding.contains("with overflow")
}

/// `Problems::place` in `src/service/import/mod.rs` writes the header as it is: a header cell
/// holding a line break or a control character breaks the one-line-per-problem layout.
fn raw_header_in_place(finding: &str) -> bool {
    finding.match_indices(", column ").any(|(at, _)| {
        let rest = &finding[at + ", column ".len()..];
        let Some(open) = rest
            .find(" (")
            .filter(|&o| rest[..o].bytes().all(|b| b.is_ascii_uppercase()))
        else {
            return false;
        };
        let header = &rest[open + 2..];
        let header = &header[..header.find("): ").unwrap_or(header.len())];
        header.contains("\\n")
            || header.contains("\\r")
            || header.contains("\\t")
            || header.contains("\\u{")
            || header.contains("\\0")
    })
}

/// The known bug the finding `finding` of target `target` is, if it is one.
pub fn matches(target: &str, finding: &str) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|k| k.targets.contains(&target) && (k.is)(finding))
        .map(|k| k.what)
}

/// An input that would abort the process (not a panic: an allocation of gigabytes), which
/// is therefore not run: the known bug it is.
pub fn aborts(target: &str, input: &Input) -> Option<&'static str> {
    let importer = matches!(target, "project-xlsx" | "person-xlsx");
    if importer && has_far_column(input.bytes()) {
        return Some(
            "the importers' xlsx reader (src/service/import/read/xlsx.rs) makes a row as wide as a cell's column says: r=\"ZZZZZZ1\" asks for gigabytes",
        );
    }
    if importer && claims_too_many_strings(input.bytes()) {
        return Some(
            "calamine 0.38 reserves room for as many shared strings as uniqueCount says when it opens a workbook: uniqueCount=\"1221474836480\" asks for terabytes",
        );
    }
    None
}

/// Whether the workbook's shared strings claim more strings than the part could hold (each
/// takes at least `<si/>`, 5 bytes).
pub fn claims_too_many_strings(data: &[u8]) -> bool {
    let Some(parts) = sheets::unzip(data) else {
        return false;
    };
    parts
        .iter()
        .filter(|(name, _)| name.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .any(|(_, xml)| {
            let Some(at) = xml.windows(13).position(|w| w == b"uniqueCount=\"") else {
                return false;
            };
            let digits: Vec<u8> = xml[at + 13..]
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect();
            let claimed: u64 = std::str::from_utf8(&digits)
                .ok()
                .and_then(|d| d.parse().ok())
                .unwrap_or(0);
            claimed > xml.len() as u64 / 5 + 1
        })
}

/// Whether a sheet of the workbook has a cell whose reference lies beyond column XFD.
fn has_far_column(data: &[u8]) -> bool {
    let Some(parts) = sheets::unzip(data) else {
        return false;
    };
    parts
        .iter()
        .filter(|(name, _)| name.contains("worksheets/"))
        .any(|(_, xml)| {
            // Every ` r="..."` attribute (a row's has no letters, so column 0).
            (0..xml.len()).any(|i| xml[i..].starts_with(b" r=\"") && column(&xml[i + 4..]) > 16_384)
        })
}

/// The column a cell reference names (1 for A), saturating.
fn column(reference: &[u8]) -> u64 {
    reference
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .fold(0u64, |c, b| {
            c.saturating_mul(26)
                .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
        })
}
