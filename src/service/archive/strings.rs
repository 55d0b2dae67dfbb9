//! A check made before calamine opens a workbook. calamine (0.38) reserves room for as many
//! shared strings as the `uniqueCount` of `xl/sharedStrings.xml` says, before it reads one:
//! a damaged or hostile workbook that claims a trillion strings makes it ask for terabytes,
//! and the allocation failure aborts spm. A claim the part cannot hold (every string takes at
//! least `<si/>`, five bytes) is refused here instead.

use std::io::{self, Read, Seek, SeekFrom};

/// Claims up to this many strings are let through unchecked: room for them is small.
const UNCHECKED: u64 = 100_000;

/// The smallest a shared string can be in the XML (`<si/>`).
const SMALLEST: u64 = 5;

/// Checks the shared strings of the zip in `reader`, then rewinds it. `Err` says what is
/// wrong; a file that is not a zip, or whose parts cannot be read, passes, for calamine to
/// describe.
pub(crate) fn check_shared_strings<R: Read + Seek>(reader: &mut R) -> Result<(), String> {
    let verdict = claimed_beyond_part(reader);
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| format!("cannot read it again: {e}"))?;
    match verdict {
        Some(claimed) => Err(format!(
            "its shared strings claim {claimed} strings, more than the part holds; the workbook is damaged"
        )),
        None => Ok(()),
    }
}

/// The count a shared-strings part claims when the part is too short to hold that many.
fn claimed_beyond_part<R: Read + Seek>(reader: &mut R) -> Option<u64> {
    let mut zip = zip::ZipArchive::new(reader).ok()?;
    let parts: Vec<usize> = (0..zip.len())
        .filter(|&i| {
            zip.name_for_index(i)
                .and_then(Result::ok)
                .is_some_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        })
        .collect();
    for i in parts {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let mut head = Vec::new();
        if (&mut part).take(64 * 1024).read_to_end(&mut head).is_err() {
            continue;
        }
        let Some(claimed) = unique_count(&head).filter(|&n| n > UNCHECKED) else {
            continue;
        };
        // Read on only as far as that many strings would need: a true claim costs one read
        // of the part, a false one ends at the part's end.
        let need = claimed.saturating_mul(SMALLEST);
        let rest = io::copy(&mut (&mut part).take(need), &mut io::sink()).unwrap_or(0);
        if (head.len() as u64).saturating_add(rest) < need {
            return Some(claimed);
        }
    }
    None
}

/// The number in the first `uniqueCount="..."` (or `'...'`), if it is one.
fn unique_count(xml: &[u8]) -> Option<u64> {
    const NAME: &[u8] = b"uniqueCount";
    let at = xml.windows(NAME.len()).position(|w| w == NAME)? + NAME.len();
    let rest = &xml[at..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, rest) = rest.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let end = rest.iter().position(|&b| b == quote)?;
    let value = std::str::from_utf8(&rest[..end]).ok()?.trim();
    value.strip_prefix('+').unwrap_or(value).parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn workbook(strings: &str) -> Cursor<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        zip.write_all(strings.as_bytes()).unwrap();
        let mut out = zip.finish().unwrap();
        out.set_position(0);
        out
    }

    #[test]
    fn a_count_the_part_cannot_hold_is_refused_and_the_reader_rewound() {
        let mut book =
            workbook(r#"<sst count="2" uniqueCount="1221474836480"><si><t>a</t></si></sst>"#);
        let err = check_shared_strings(&mut book).unwrap_err();
        assert!(err.contains("1221474836480"), "{err}");
        assert_eq!(book.position(), 0);
    }

    #[test]
    fn true_counts_small_counts_and_other_files_pass() {
        let many = format!(
            "<sst uniqueCount = '200000'>{}</sst>",
            "<si><t>x</t></si>".repeat(200_000)
        );
        for text in [many.as_str(), r#"<sst uniqueCount="3"/>"#, "<sst/>"] {
            check_shared_strings(&mut workbook(text)).unwrap();
        }
        check_shared_strings(&mut Cursor::new(b"not a zip".to_vec())).unwrap();
        assert_eq!(unique_count(br#"<sst uniqueCount="+12">"#), Some(12));
        assert_eq!(unique_count(br#"<sst uniqueCount="x">"#), None);
    }
}
