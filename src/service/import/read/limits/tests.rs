//! Unit tests of the limits check, on workbooks made in memory.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::refusal::{resolve, unescape};
use super::*;

const MB: usize = 1 << 20;

/// A zip of `parts`, deflated.
fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_level(Some(1));
    for (name, bytes) in parts {
        out.start_file(name.as_str(), options).expect("a zip entry");
        out.write_all(bytes).expect("written");
    }
    out.finish().expect("a zip").into_inner()
}

/// The parts of a workbook with `sheets` (name, the XML inside `<sheetData>`) and, when
/// given, the XML inside `<sst>`.
fn parts(sheets: &[(&str, String)], strings: Option<String>) -> Vec<(String, Vec<u8>)> {
    let mut book = String::from("<?xml version=\"1.0\"?><workbook xmlns:r=\"r\"><sheets>");
    let mut rels = String::from("<Relationships>");
    let mut out = vec![(
        "_rels/.rels".to_string(),
        b"<Relationships><Relationship Id=\"rId1\" Type=\"http://x/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec(),
    )];
    for (i, (name, data)) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"x/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        out.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!("<?xml version=\"1.0\"?><worksheet><sheetData>{data}</sheetData></worksheet>")
                .into_bytes(),
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    out.push(("xl/workbook.xml".into(), book.into_bytes()));
    out.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    if let Some(sst) = strings {
        out.push((
            "xl/sharedStrings.xml".into(),
            format!("<sst>{sst}</sst>").into_bytes(),
        ));
    }
    out
}

/// Checks `bytes` with `caps`.
fn check(bytes: &[u8], caps: &Caps) -> Result<(), Refusal> {
    check_with(&mut Cursor::new(bytes), caps)
}

/// `<c>` elements for a row: text inline, or `s:N` for shared string N.
fn row(r: u32, cells: &[&str]) -> String {
    let mut out = format!("<row r=\"{r}\">");
    for (i, c) in cells.iter().enumerate() {
        let at = format!("{}{r}", letter(i));
        match c.strip_prefix("s:") {
            Some(n) => out.push_str(&format!("<c r=\"{at}\" t=\"s\"><v>{n}</v></c>")),
            None => out.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"><is><t>{c}</t></is></c>"
            )),
        }
    }
    out.push_str("</row>");
    out
}

fn at(found: Result<(), Refusal>) -> Option<String> {
    found.err().and_then(|r| r.at)
}

#[test]
fn workbooks_spreadsheet_programs_write_pass() -> Result<(), rust_xlsxwriter::XlsxError> {
    for constant_memory in [false, true] {
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["projects", "notes & more"] {
            let sheet = if constant_memory {
                book.add_worksheet_with_constant_memory()?
            } else {
                book.add_worksheet()
            };
            sheet.set_name(name)?;
            for r in 0..200u32 {
                sheet.write(r, 0, format!("row {r} <&> \"quoted\""))?;
                sheet.write(r, 1, f64::from(r))?;
                sheet.write(r, 2, "x".repeat(32_767))?;
            }
        }
        let bytes = book.save_to_buffer()?;
        assert_eq!(check(&bytes, &Caps::DEFAULT), Ok(()));
    }
    let small = zip(&parts(
        &[("a", row(1, &["x", "s:0"]))],
        Some("<si><t>y</t></si>".into()),
    ));
    assert_eq!(check(&small, &Caps::DEFAULT), Ok(()));
    assert_eq!(check(b"not a zip at all", &Caps::DEFAULT), Ok(()));
    Ok(())
}

#[test]
fn a_long_cell_is_refused_naming_its_sheet_and_cell() {
    let big = "a".repeat(MB + 1);
    let data = row(1, &["code", "title"]) + &row(2, &["x", &big]);
    let bytes = zip(&parts(
        &[("notes", row(1, &["n"])), ("projects", data)],
        None,
    ));
    let refused = check(&bytes, &Caps::DEFAULT);
    assert_eq!(
        at(refused.clone()).as_deref(),
        Some("sheet \"projects\", cell B2")
    );
    assert!(
        refused
            .err()
            .is_some_and(|r| r.message.contains("more than 1 MB"))
    );
    // Cells without a reference are counted along their row; many small runs of rich text
    // add up as one cell.
    let rich = "<r><t>aaaa</t></r>".repeat(MB / 16);
    let data = format!(
        "<row r=\"7\"><c><v>1</v></c><c><v>2</v></c><c t=\"inlineStr\"><is>{rich}</is></c></row>"
    );
    let bytes = zip(&parts(&[("s", data)], None));
    assert_eq!(
        at(check(&bytes, &Caps::DEFAULT)).as_deref(),
        Some("sheet \"s\", cell C7")
    );
    // Just under the cap passes.
    let under = "a".repeat(MB - 100);
    let bytes = zip(&parts(&[("s", row(1, &[&under]))], None));
    assert_eq!(check(&bytes, &Caps::DEFAULT), Ok(()));
}

#[test]
fn a_long_shared_string_is_named_by_the_first_cell_using_it() {
    let big = format!("<si><t>{}</t></si>", "a".repeat(MB + 1));
    let sst = format!("<si><t>code</t></si><si><t>x</t></si>{big}");
    let sheets = [
        ("first", row(1, &["s:0", "s:1"])),
        ("second", row(1, &["s:0"]) + &row(2, &["x", "y", "s:2"])),
    ];
    let bytes = zip(&parts(&sheets, Some(sst.clone())));
    assert_eq!(
        at(check(&bytes, &Caps::DEFAULT)).as_deref(),
        Some("sheet \"second\", cell C2")
    );
    let unused = zip(&parts(&sheets[..1], Some(sst)));
    let refused = check(&unused, &Caps::DEFAULT).err();
    assert!(
        refused.as_ref().is_some_and(
            |r| r.at.is_none() && r.message.contains("shared string 3 (used by no cell)")
        ),
        "{refused:?}"
    );
}

#[test]
fn long_nodes_outside_cells_and_binary_parts() {
    let comment = format!("<!--{}-->", "<".repeat(MB + 1));
    let bytes = zip(&parts(&[("s", comment + &row(1, &["x"]))], None));
    let refused = check(&bytes, &Caps::DEFAULT).err();
    assert!(
        refused.as_ref().is_some_and(
            |r| r.at.as_deref() == Some("sheet \"s\"") && r.message.contains("in one piece")
        ),
        "{refused:?}"
    );
    // A picture is not XML: only a run without `<` as long as a cell counts.
    let mut seed: u32 = 1;
    let mut picture: Vec<u8> = (0..4 * MB)
        .map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        })
        .collect();
    picture[0] = 0x89;
    let mut with_picture = parts(&[("s", row(1, &["x"]))], None);
    with_picture.push(("xl/media/image1.png".into(), picture));
    assert_eq!(check(&zip(&with_picture), &Caps::DEFAULT), Ok(()));
    with_picture.push(("xl/media/image2.bin".into(), vec![b'a'; MB + 1]));
    let refused = at(check(&zip(&with_picture), &Caps::DEFAULT));
    assert_eq!(refused.as_deref(), Some("the part \"xl/media/image2.bin\""));
}

#[test]
fn parts_and_workbooks_past_their_caps_are_refused() {
    let small = Caps {
        node: 1000,
        strings_bytes: 4000,
        strings: 50,
        held: 3000,
        part: 20_000,
        total: 60_000,
    };
    let rows: String = (1..400).map(|r| row(r, &["a", "b"])).collect();
    let bytes = zip(&parts(&[("big", rows)], None));
    let refused = check(&bytes, &small).err();
    assert!(
        refused
            .as_ref()
            .is_some_and(|r| r.at.as_deref() == Some("sheet \"big\"")
                && r.message.contains("more than 20000 bytes")),
        "{refused:?}"
    );
    let sheets: Vec<(&str, String)> = ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .map(|n| (*n, (1..100).map(|r| row(r, &["a", "b"])).collect()))
        .collect();
    let refused = check(&zip(&parts(&sheets, None)), &small).err();
    assert!(refused.is_some_and(|r| r.at.is_none() && r.message.contains("the workbook unpacks")));
    let many = "<si><t>x</t></si>".repeat(51);
    let refused = check(&zip(&parts(&[("s", row(1, &["s:0"]))], Some(many))), &small).err();
    assert!(refused.is_some_and(|r| r.message.contains("51 different texts")));
    let declared = zip(&[(
        "xl/sharedStrings.xml".into(),
        b"<sst uniqueCount=\"99999999999\"></sst>".to_vec(),
    )]);
    let refused = check(&declared, &small).err();
    assert!(refused.is_some_and(|r| r.message.contains("99999999999 different texts")));
    let long = format!("<si><t>{}</t></si>", "x".repeat(900)).repeat(5);
    let refused = check(&zip(&parts(&[("s", row(1, &["s:0"]))], Some(long))), &small).err();
    assert!(refused.is_some_and(|r| r.message.contains("texts unpack to more than 4000 bytes")));
    let styles = format!("<styleSheet>{}</styleSheet>", "<numFmt/>".repeat(400));
    let refused = at(check(
        &zip(&[("xl/styles.xml".into(), styles.into_bytes())]),
        &small,
    ));
    assert_eq!(refused.as_deref(), Some("the part \"xl/styles.xml\""));
}

#[test]
fn sheets_are_named_through_the_relationships() {
    // An absolute target, other case, `.` and `..`, an escaped name, a cell far along.
    let cell = format!(
        "<worksheet><sheetData><row r=\"70000\"><c r=\"AAB70000\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
        "a".repeat(MB + 1)
    );
    let book: Vec<(String, Vec<u8>)> = vec![
        ("_rels/.rels".into(), b"<Relationships><Relationship Type=\"x/officeDocument\" Target=\"/Book/WB.xml\"/></Relationships>".to_vec()),
        ("Book/WB.xml".into(), b"<workbook><sheets><sheet name=\"Q&amp;A &#x1b;\" r:id=\"r9\"/></sheets></workbook>".to_vec()),
        ("Book/_rels/WB.xml.rels".into(), b"<Relationships><Relationship Id=\"r9\" Target=\"./s/../Sheet.XML\"/></Relationships>".to_vec()),
        ("book/sheet.xml".into(), cell.into_bytes()),
    ];
    assert_eq!(
        at(check(&zip(&book), &Caps::DEFAULT)).as_deref(),
        Some("sheet \"Q&A \\u{1b}\", cell AAB70000")
    );
    assert_eq!(resolve("xl/", "../a/./b.xml"), "a/b.xml");
    assert_eq!(unescape(b"a&lt;&#65;&bogus;&"), "a<A&bogus;&");
}

#[test]
fn cells_outside_any_sheet_are_refused() {
    let caps = Caps::DEFAULT;
    let cell = |r: &str| format!("<row r=\"1\"><c r=\"{r}\"><v>1</v></c></row>");
    for ok in ["A1", "XFD1", "A1048576", "xfd1048576"] {
        let book = zip(&parts(&[("projects", cell(ok))], None));
        check(&book, &caps).unwrap_or_else(|r| panic!("{ok}: {r}"));
    }
    for bad in [
        "XFE1",
        "ZZZZZZ1",
        "AAAAAAAAA2",
        "A0",
        "A1048577",
        "A99999999999",
        "1A",
        "A",
    ] {
        let book = zip(&parts(&[("projects", cell(bad))], None));
        let refusal = check(&book, &caps).expect_err(bad);
        assert!(
            refusal.message.contains("outside any sheet"),
            "{bad}: {refusal}"
        );
        assert!(
            refusal.to_string().contains("sheet \"projects\""),
            "{bad}: {refusal}"
        );
    }
    for bad_row in ["0", "1048577", "-1", "x"] {
        let data = format!("<row r=\"{bad_row}\"><c><v>1</v></c></row>");
        let book = zip(&parts(&[("projects", data)], None));
        assert!(check(&book, &caps).is_err(), "row {bad_row}");
    }
    // A sheet's size in <dimension>, in the wrong order or past the last cell.
    for (size, good) in [
        ("A1:C3", true),
        ("B2", true),
        ("B2:A1", false),
        ("A1:XFE2", false),
    ] {
        let mut sheet = parts(&[("projects", cell("A1"))], None);
        let xml = format!(
            "<?xml version=\"1.0\"?><worksheet><dimension ref=\"{size}\"/><sheetData>{}</sheetData></worksheet>",
            cell("A1")
        );
        sheet[1].1 = xml.into_bytes();
        assert_eq!(check(&zip(&sheet), &caps).is_ok(), good, "{size}");
    }
}

/// calamine reads any part the workbook names as a sheet whatever its root element, takes a
/// <dimension> before <sheetData> and rows and cells after it, and reads attributes by
/// their exact name: each way around the checks above that the fuzzer found is refused.
#[test]
fn sheets_are_checked_the_way_calamine_reads_them() {
    let caps = Caps::DEFAULT;
    let with_sheet = |xml: &str| {
        let mut book = parts(&[("projects", String::new())], None);
        book[1].1 = xml.as_bytes().to_vec();
        check(&zip(&book), &caps)
    };
    let data = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>";
    for bad in [
        format!("<foo><dimension ref=\"B2:A1\"/>{data}</foo>"),
        format!("<dimension ref=\"B2:A1\">{data}</dimension>"),
        format!("<worksheet><dimension x:ref=\"A1\" ref=\"B2:A1\"/>{data}</worksheet>"),
        "<foo><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></foo>"
            .to_string(),
        "<worksheet><sheetData><row r=\"1\"><c x:r=\"A1\" r=\"XFE1\"/></row></sheetData></worksheet>"
            .to_string(),
        "<worksheet><sheetData><row x:r=\"1\" r=\"0\"><c/></row></sheetData></worksheet>"
            .to_string(),
    ] {
        let refusal = with_sheet(&bad).expect_err(&bad);
        assert!(refusal.message.contains("outside any sheet"), "{bad}: {refusal}");
    }
    for good in [
        format!("<worksheet><dimension ref=\"A1:C3\"/>{data}</worksheet>"),
        format!("<foo><dimension x:ref=\"B2:A1\" ref=\"A1\"/>{data}</foo>"),
        // A drawing's rows and a table's range are not a sheet's.
        "<xdr:wsDr><xdr:from><xdr:row>0</xdr:row></xdr:from></xdr:wsDr>".to_string(),
    ] {
        with_sheet(&good).unwrap_or_else(|r| panic!("{good}: {r}"));
    }
}
