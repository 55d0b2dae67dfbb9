//! Unit tests of the scan of XML bytes.

use super::*;

const MAX_NODE: u64 = 1 << 20;

/// Records what the scan met.
#[derive(Default)]
struct Log {
    seen: Vec<String>,
}

impl Visit for Log {
    type Stop = String;
    fn start(&mut self, tag: &[u8], empty: bool, _: u64) -> Result<(), String> {
        let name = String::from_utf8_lossy(local_name(tag));
        self.seen
            .push(format!("<{name}{}>", if empty { "/" } else { "" }));
        Ok(())
    }
    fn end(&mut self, name: &[u8], _: u64) -> Result<(), String> {
        self.seen
            .push(format!("</{}>", String::from_utf8_lossy(name)));
        Ok(())
    }
    fn text(&mut self, text: &[u8], _: u64) -> Result<(), String> {
        self.seen.push(String::from_utf8_lossy(text).into_owned());
        Ok(())
    }
    fn too_long(&mut self) -> String {
        "too long".into()
    }
}

/// Scans `xml` in chunks of `size` bytes; returns the tags and texts, or why it stopped.
fn scan(xml: &[u8], size: usize) -> Result<String, String> {
    let mut tokens = Tokens::new(false, MAX_NODE);
    let mut log = Log::default();
    for chunk in xml.chunks(size) {
        tokens.feed(chunk, &mut log)?;
    }
    Ok(log.seen.concat())
}

#[test]
fn tags_and_text_are_found_whatever_the_chunks() {
    let xml = b"<?xml version=\"1.0\"?><!-- a <b> -- c --><x:c r=\"A1\" t='s' v=\"a>b\"><v>12</v></x:c><e/><![CDATA[<no>]]>";
    for size in [1, 2, 3, 7, 1000] {
        assert_eq!(
            scan(xml, size).as_deref(),
            Ok("<c><v>12</v></x:c><e/>"),
            "chunks of {size}"
        );
    }
}

#[test]
fn a_node_longer_than_the_cap_stops_the_scan() {
    let big = |open: &[u8], close: &[u8]| {
        let mut xml = b"<a>".to_vec();
        xml.extend_from_slice(open);
        xml.extend(std::iter::repeat_n(b'x', MAX_NODE as usize + 1));
        xml.extend_from_slice(close);
        xml
    };
    for (open, close) in [
        (&b""[..], &b"</a>"[..]),
        (b"<!--", b"-->"),
        (b"<![CDATA[", b"]]>"),
        (b"<b c=\"", b"\"/>"),
        (b"<?pi ", b"?>"),
        (b"<!DOCTYPE a [", b"]>"),
    ] {
        let xml = big(open, close);
        assert_eq!(
            scan(&xml, 65536),
            Err("too long".into()),
            "{}",
            String::from_utf8_lossy(open)
        );
    }
    // Many small nodes are no problem.
    let many = b"<a>x</a>".repeat(MAX_NODE as usize / 4);
    assert!(scan(&many, 65536).is_ok());
}

#[test]
fn attributes_are_read_by_local_name() {
    let tag = b"sheet name=\"A &amp; B\" sheetId='2' r:id=\"rId3\"";
    assert_eq!(attr(tag, b"name"), Some(&b"A &amp; B"[..]));
    assert_eq!(attr(tag, b"id"), Some(&b"rId3"[..]));
    assert_eq!(attr(tag, b"sheetId"), Some(&b"2"[..]));
    assert_eq!(attr(tag, b"r"), None);
    assert_eq!(local_name(b"x:c r=\"A1\""), b"c");
    assert_eq!(local_name(b"row/"), b"row");
}

#[test]
fn exact_attributes_are_read_as_calamine_reads_them() {
    let tag = b"c x:r=\"A1\" r = \"B2\" s='3' t=\"s\"/";
    assert_eq!(exact_attr(tag, b"r"), Some(&b"B2"[..]));
    assert_eq!(exact_attr(tag, b"s"), Some(&b"3"[..]));
    assert_eq!(exact_attr(tag, b"x:r"), Some(&b"A1"[..]));
    assert_eq!(exact_attr(b"c x:r=\"A1\"", b"r"), None);
    // A name running to `=` over white space is one name; an unquoted value ends the search.
    assert_eq!(exact_attr(b"c foo r=\"A1\"", b"r"), None);
    assert_eq!(exact_attr(b"c a=1 r=\"A1\"", b"r"), None);
    assert_eq!(exact_attr(b"c r=\"A1", b"r"), Some(&b"A1"[..]));
    assert_eq!(exact_attr(b"c r=", b"r"), None);
    assert_eq!(exact_attr(b"c", b"r"), None);
}
