//! Pages: whole, safe and in order, whatever the text in them.

use super::*;
use crate::model::Money;
use crate::model::look::Logo;
use crate::output::col;

const XSS: &str = "<script>alert(1)</script>";
const ATTR: &str = "\"><img src=x onerror=alert(1)>";

fn rows() -> Rows {
    let mut rows = Rows::new(&[
        col("title", "Title"),
        col("budget", "Budget"),
        col("n", "N"),
    ]);
    rows.push(vec![
        Value::Text(XSS.into()),
        Value::Money(Money(250_050)),
        Value::Int(3),
    ]);
    rows.push(vec![
        Value::Text(ATTR.into()),
        Value::Null,
        Value::Text("..".into()),
    ]);
    rows
}

fn page_of(doc: Doc) -> String {
    let mut out = Vec::new();
    write_doc(&mut out, &doc, "A list").expect("written");
    String::from_utf8(out).expect("UTF-8")
}

/// The checks every page passes, whatever it holds.
pub(crate) fn assert_well_formed(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"));
    assert!(
        page.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        )),
        "{page}"
    );
    assert!(page.contains("<meta name=\"viewport\""));
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    for landmark in ["<header", "<main", "<footer"] {
        assert_eq!(page.matches(landmark).count(), 1, "{landmark}");
    }
    for bad in ["<script", "<img src=x", "http:", "https:", "//"] {
        assert!(!page.contains(bad), "{bad} in {page}");
    }
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption").count()
    );
    for table in page.split("<table").skip(1) {
        let table = table.split("</table>").next().unwrap_or_default();
        assert!(
            table.contains("<th "),
            "a table without header cells: {table}"
        );
    }
    // Headings in order: none skips a level.
    let mut last = 1;
    for (i, _) in page.match_indices("<h").skip(1) {
        let Some(level) = page[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last}");
        last = level;
    }
}

#[test]
fn a_list_is_a_whole_page_with_every_text_escaped() {
    let page = page_of(Doc::Rows(rows()));
    assert_well_formed(&page);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("<img"));
    assert!(page.contains("<caption id=\"body-caption\">A list</caption>"));
    assert!(
        page.contains("<th scope=\"col\" class=\"num\">Budget</th>"),
        "{page}"
    );
    assert!(page.contains("<td class=\"num\">£2,500.50</td>"));
    // `..` (suppressed) leaves a column numeric.
    assert!(page.contains("<td class=\"num\">..</td>"));
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn an_empty_list_says_so() {
    let page = page_of(Doc::Rows(Rows::new(&[col("a", "A")])));
    assert_well_formed(&page);
    assert!(page.contains("<p class=\"empty\">Nothing to list.</p>"));
    assert!(!page.contains("<table"));
}

#[test]
fn a_record_has_row_headers_and_its_sections_under_headings() {
    let mut rec = Record::default();
    rec.field("title", "Title", Value::Text(XSS.into()));
    rec.section("history", "History", rows());
    rec.section("partners", "Partners", Rows::new(&[col("a", "A")]));
    let page = page_of(Doc::Record(rec));
    assert_well_formed(&page);
    assert!(
        page.contains("<th scope=\"row\">Title</th><td>&lt;script&gt;"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"body-1-heading\">History</h2>"));
    assert!(page.contains("<h2 id=\"body-2-heading\">Partners</h2><p class=\"empty\">None.</p>"));
}

#[test]
fn groups_are_tables_under_their_names() {
    let doc = Doc::Groups(Groups::new(
        col("theme", "Theme"),
        vec![(ATTR.to_string(), rows()), ("b".to_string(), rows())],
    ));
    let page = page_of(doc);
    assert_well_formed(&page);
    assert_eq!(page.matches("<h2 ").count(), 2);
    assert!(page.contains("<caption id=\"body-2-caption\">Theme: b</caption>"));
}

#[test]
fn a_page_of_sections_has_contents_a_look_and_charts() {
    let logo = Logo::from_bytes("l.png", b"\x89PNG\r\n\x1a\nxyz").expect("a logo");
    let look = Look {
        institution: Some(format!("Uni {XSS}")),
        accent: Some(Colour([0x6a, 0x1b, 0x9a])),
        logo: Some(logo),
    };
    let mut page = Page::new(look, "The year 2025/26");
    page.subtitle = Some("Figures as of 2026-11-23".into());
    page.contents = true;
    page.sections.push(Section {
        id: "summary".into(),
        title: Some("At a glance".into()),
        figures: vec![("Projects".into(), "15".into())],
        ..Section::default()
    });
    page.sections.push(Section {
        id: "counts".into(),
        title: Some(ATTR.into()),
        lead: vec!["Counts rounded to the nearest 5.".into()],
        chart: Some(Chart::bars(
            "counts-chart",
            "Counts",
            "How many.",
            vec![("a".into(), Bar::new(Some(5.0), "5"))],
        )),
        doc: Some(Doc::Rows(rows())),
        caption: "The counts".into(),
        empty: "none".into(),
        ..Section::default()
    });
    let text = page.markup().into_string();
    assert_well_formed(&text);
    assert!(
        text.contains("<title>The year 2025/26 – Uni &lt;script&gt;"),
        "{text}"
    );
    assert!(text.contains(":root{--accent:#6a1b9a}"));
    assert!(text.contains("<img src=\"data:image/png;base64,iVBORw0KGgp4eXo=\" alt=\"\">"));
    assert!(text.contains(
        "<nav aria-label=\"Contents\"><ol><li><a href=\"#summary\">At a glance</a></li>"
    ));
    assert!(text.contains("<section id=\"counts\" aria-labelledby=\"counts-heading\"><h2 id=\"counts-heading\">&quot;&gt;&lt;img"));
    assert!(text.contains("<dl class=\"figures\"><div><dt>Projects</dt><dd>15</dd></div></dl>"));
    assert!(text.contains("<figure><svg class=\"chart\" role=\"img\""));
    assert!(text.contains("fill=\"#6a1b9a\""));
    assert!(text.contains("<p class=\"subtitle\">Figures as of 2026-11-23</p>"));
}

#[test]
fn the_style_sheet_prints_and_fits_a_phone() {
    assert!(STYLE.contains("@media print{"));
    assert!(STYLE.contains("nav{display:none}"));
    assert!(STYLE.contains("break-before:page"));
    assert!(STYLE.contains(".table-wrap{overflow-x:auto"));
    assert!(STYLE.contains("svg.chart{display:block;width:100%"));
    assert!(!STYLE.contains("//") && !STYLE.contains("url("));
}
