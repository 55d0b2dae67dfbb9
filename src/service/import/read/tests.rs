//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;

/// A file read whole: its header, then each row or problem.
type Whole = (Vec<String>, Vec<Result<Row, Problem>>);

/// Reads CSV bytes whole: the header, then each row or problem.
fn read(bytes: &[u8]) -> Result<Whole, Problem> {
    let kind = sniff(bytes)?;
    let Kind::Csv { bom, delimiter } = kind else {
        return Err(Problem::file("a workbook"));
    };
    let mut src = CsvSource::new(bytes, if bom { 3 } else { 0 }, delimiter, 0)?;
    let mut rows = Vec::new();
    loop {
        match src.next() {
            Ok(Some(Item::Row(r))) => rows.push(Ok(r)),
            Ok(Some(Item::Bad(p))) => rows.push(Err(p)),
            Ok(None) => break,
            Err(p) => {
                rows.push(Err(p));
                break;
            }
        }
    }
    Ok((src.headers, rows))
}

fn text(row: &Result<Row, Problem>) -> Vec<String> {
    match row {
        Ok(r) => r
            .cells
            .iter()
            .map(|c| match c {
                Cell::Text(s) => s.clone(),
                _ => String::new(),
            })
            .collect(),
        Err(p) => vec![format!("error at {:?}: {}", p.line, p.message)],
    }
}

#[test]
fn line_endings_and_lines_are_read_alike() -> Result<(), Problem> {
    for bytes in [
        &b"a,b\n1,2\n3,4\n"[..],
        b"a,b\r\n1,2\r\n3,4",
        b"a,b\r1,2\r3,4\r",
        b"a,b\r\n1,2\r3,4\n",
    ] {
        let (h, rows) = read(bytes)?;
        assert_eq!(h, vec!["a", "b"]);
        assert_eq!(
            rows.iter().map(text).collect::<Vec<_>>(),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        let lines: Vec<u64> = rows.iter().flatten().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 3], "{bytes:?}");
    }
    Ok(())
}

#[test]
fn bom_semicolons_and_quotes() -> Result<(), Problem> {
    let (h, rows) = read(b"\xEF\xBB\xBF\"code\";\"title\"\nx;\"a \"\"b\"\"; c\"\n")?;
    assert_eq!(h, vec!["code", "title"]);
    assert_eq!(text(&rows[0]), vec!["x", "a \"b\"; c"]);
    let (_, rows) = read(b"a,b\n\"multi\r\nline\",2\n3,4\n")?;
    assert_eq!(text(&rows[0]), vec!["multi\nline", "2"]);
    assert_eq!(rows[1].as_ref().map(|r| r.line).ok(), Some(4));
    let (_, rows) = read(b"a,b\nab\"c,2\n")?;
    assert_eq!(text(&rows[0]), vec!["ab\"c", "2"], "a quote inside a field");
    Ok(())
}

#[test]
fn bad_files_are_refused_with_a_line() {
    let refused = |bytes: &[u8], needle: &str| {
        let got = read(bytes).err();
        assert!(
            got.as_ref().is_some_and(|p| p.message.contains(needle)),
            "{bytes:?}: expected {needle:?}, got {got:?}"
        );
    };
    refused(b"", "empty");
    refused(b"\xEF\xBB\xBF", "byte order mark");
    refused(b"\xFF\xFEa\0,\0b\0", "UTF-16");
    refused(b"a\0,\0b\0\n\x001\0,\x002\0", "UTF-16");
    refused(
        b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0",
        "binary",
    );
    refused(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ".xls");
}

#[test]
fn row_problems_name_the_line_and_reading_goes_on() -> Result<(), Problem> {
    let (_, rows) = read(b"a,b\n1,2,3\ncaf\xE9,2\n4\n5,6\n")?;
    let lines: Vec<Option<u64>> = rows
        .iter()
        .map(|r| r.as_ref().err().and_then(|p| p.line))
        .collect();
    assert_eq!(lines, vec![Some(2), Some(3), Some(4), None]);
    let msg = rows[1].as_ref().err().map(|p| p.message.clone());
    assert!(msg.as_ref().is_some_and(|m| m.contains("'é'")), "{msg:?}");
    let (_, rows) = read(b"a,b\n1,2,,\n")?;
    assert_eq!(text(&rows[0]), vec!["1", "2"], "empty extra fields pass");
    Ok(())
}

#[test]
fn an_open_quote_or_a_huge_field_stops_the_read() -> Result<(), Problem> {
    let (_, rows) = read(b"a,b\n1,2\n3,\"never closed\n4,5\n")?;
    let last = rows.last().and_then(|r| r.as_ref().err()).cloned();
    assert_eq!(last.as_ref().and_then(|p| p.line), Some(3), "{last:?}");
    assert!(last.is_some_and(|p| p.message.contains("closing quote")));
    let mut big = b"a,b\n1,".to_vec();
    big.extend(std::iter::repeat_n(b'x', MAX_FIELD + 10));
    big.extend(b"\n");
    let (_, rows) = read(&big)?;
    let last = rows.last().and_then(|r| r.as_ref().err()).cloned();
    assert_eq!(
        last.as_ref().map(|p| (p.line, p.column)),
        Some((Some(2), Some(1)))
    );
    Ok(())
}

#[test]
fn the_delimiter_comes_from_the_header() {
    assert_eq!(delimiter(b"a;b;c\n1,5;2;3"), b';');
    assert_eq!(delimiter(b"a,b,c\n1;2"), b',');
    assert_eq!(delimiter(b"a\tb\n"), b'\t');
    assert_eq!(delimiter(b"\"a;b\",c\n"), b',');
    assert_eq!(delimiter(b"one\n"), b',');
}
