//! Pages: every list, record and report as one self-contained HTML file, from the same
//! [`Doc`]s the other formats write, and the page shell that `spm publish` builds on.
//!
//! Templates are `maud`'s `html!`: checked when spm is compiled, with nothing to ship or find
//! at run time, and every value put into a page is escaped unless it is wrapped in
//! `PreEscaped` (done here only for the style sheet, which is ours, and the accent, a checked
//! `#rrggbb`). askama and minijinja would escape as well, but keep templates in files (read
//! at build or at run time) for a page this small.
//!
//! What every page is: `<!DOCTYPE html>`, `lang="en-GB"`, a `Content-Security-Policy` that
//! allows no script and nothing from elsewhere (styles inline, images as `data:` only), one
//! style sheet inline (with a print style sheet, so a page saved as PDF is a paper for a
//! committee), the landmarks `header`, `nav` (a page of several sections), `main` and
//! `footer`, one `h1` and headings in order, tables with a caption and header cells, charts
//! as inline SVG with their data table beside them ([`chart`]). No JavaScript, no link to
//! anything outside the page.

pub mod chart;
pub mod site;

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Doc, Groups, Record, Rows, Value};
use crate::model::look::{Colour, Look};
pub use chart::{Bar, Chart, Group};

/// The page's Content-Security-Policy: no script, no frame, no form, nothing fetched; only
/// the inline style sheet and images embedded as `data:` (the logo).
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Text longer than this many characters gets a cell of a least width (`.t`).
const LONG: usize = 16;

/// The style sheet every page carries, after the accent colour.
const STYLE: &str = include_str!("style.css");

/// A page: the institution's band and the title, then sections, then a footer.
#[derive(Debug, Clone)]
pub struct Page {
    pub look: Look,
    /// The page's one `h1`, and its `<title>` (after which the institution's name follows).
    pub title: String,
    /// A line under the title: the year, the date the figures are as of.
    pub subtitle: Option<String>,
    /// The footer's line: who made the page and when.
    pub footer: String,
    /// Whether the page begins with a list of its sections (a page of several).
    pub contents: bool,
    /// The pages of a site this page belongs to (`spm publish`), linked from a `nav` under
    /// the header; none for a page on its own.
    pub links: Vec<Link>,
    pub sections: Vec<Section>,
}

/// A link to another page of the site, by a relative address (`board.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub label: String,
    /// Whether it is the page the link is on (`aria-current="page"`).
    pub current: bool,
}

/// One part of a page: a heading (`h2`), paragraphs, headline figures, a chart and the
/// table its figures come from. A section with no title is the page's body itself (a list
/// page); the headings inside its table (a record's sections, groups) are then `h2`.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The anchor of the section: letters, digits and hyphens, unique within the page.
    pub id: String,
    pub title: Option<String>,
    /// Paragraphs before the figures.
    pub lead: Vec<String>,
    /// Headline figures: (what, how many), shown large.
    pub figures: Vec<(String, String)>,
    pub chart: Option<Chart>,
    pub doc: Option<Doc>,
    /// The caption of the section's table.
    pub caption: String,
    /// What an empty list says instead of an empty table.
    pub empty: String,
    /// Markup of the section's own, after its table: built with `html!` in this module
    /// alone (the public pages' lists and articles), so every text in it is escaped.
    pub extra: Option<Markup>,
}

impl Section {
    /// A section holding `doc` under `caption`, untitled: the body of a page of one list or
    /// record.
    pub fn body(doc: Doc, caption: &str) -> Section {
        Section {
            id: "body".into(),
            caption: caption.to_string(),
            doc: Some(doc),
            empty: "Nothing to list.".into(),
            ..Section::default()
        }
    }
}

impl Page {
    /// A page titled `title`, with no sections yet.
    pub fn new(look: Look, title: impl Into<String>) -> Page {
        Page {
            look,
            title: title.into(),
            subtitle: None,
            footer: "Made with spm, the Student Partnership Manager.".into(),
            contents: false,
            links: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// The page as HTML.
    pub fn markup(&self) -> Markup {
        let accent = self.look.accent.unwrap_or(Colour::DEFAULT_ACCENT);
        let institution = self.look.institution.as_deref();
        let title = match institution {
            Some(name) => format!("{} – {name}", self.title),
            None => self.title.clone(),
        };
        // `accent` is a checked `#rrggbb` (Colour's Display), so nothing in it needs escaping.
        let style = format!(":root{{--accent:{accent}}}\n{STYLE}");
        let contents: Vec<(&str, &str)> = self
            .sections
            .iter()
            .filter_map(|s| s.title.as_deref().map(|t| (s.id.as_str(), t)))
            .collect();
        html! {
            (DOCTYPE)
            html lang="en-GB" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(CSP);
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    style { (PreEscaped(style)) }
                }
                body {
                    header {
                        @if institution.is_some() || self.look.logo.is_some() {
                            p class="brand" {
                                @if let Some(logo) = &self.look.logo {
                                    // Beside the name the logo says nothing more: alt="".
                                    img src=(logo.uri())
                                        alt=(if institution.is_some() { "" } else { "Logo" });
                                }
                                @if let Some(name) = institution { span { (name) } }
                            }
                        }
                        h1 { (self.title) }
                        @if let Some(sub) = &self.subtitle { p class="subtitle" { (sub) } }
                    }
                    @if !self.links.is_empty() {
                        nav class="site" aria-label="Pages" {
                            ul {
                                @for link in &self.links {
                                    li {
                                        @if link.current {
                                            a href=(link.href) aria-current="page" { (link.label) }
                                        } @else {
                                            a href=(link.href) { (link.label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if self.contents && contents.len() > 1 {
                        nav aria-label="Contents" {
                            ol {
                                @for (id, title) in &contents {
                                    li { a href=(format!("#{id}")) { (title) } }
                                }
                            }
                        }
                    }
                    main {
                        @for section in &self.sections { (section.markup(accent)) }
                    }
                    footer { p { (self.footer) } }
                }
            }
        }
    }

    /// Writes the page.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.markup().into_string().as_bytes())?;
        out.write_all(b"\n")
    }
}

impl Section {
    fn markup(&self, accent: Colour) -> Markup {
        let level = if self.title.is_some() { 3 } else { 2 };
        let heading_id = format!("{}-heading", self.id);
        let inner = html! {
            @if let Some(title) = &self.title { h2 id=(heading_id) { (title) } }
            @for para in &self.lead { p { (para) } }
            @if !self.figures.is_empty() {
                dl class="figures" {
                    @for (what, value) in &self.figures {
                        div { dt { (what) } dd { (value) } }
                    }
                }
            }
            @if let Some(chart) = &self.chart { figure { (chart.svg(accent)) } }
            @if let Some(doc) = &self.doc { (self.doc(doc, level)) }
            @if let Some(extra) = &self.extra { (extra) }
        };
        html! {
            @if self.title.is_some() {
                section id=(self.id) aria-labelledby=(heading_id) { (inner) }
            } @else {
                div id=(self.id) { (inner) }
            }
        }
    }

    /// The section's document: a table, a record, or a table per group under headings of
    /// `level`.
    fn doc(&self, doc: &Doc, level: u8) -> Markup {
        match doc {
            Doc::Rows(rows) => table_or(rows, &self.caption, &self.id, &self.empty),
            Doc::Record(rec) => record(rec, &self.caption, &self.id, level),
            Doc::Groups(g) => groups(g, &self.id, level, &self.empty),
        }
    }
}

/// A heading of `level` (2 or 3), with an id.
fn heading(level: u8, id: &str, text: &str) -> Markup {
    html! {
        @if level <= 2 { h2 id=(id) { (text) } } @else { h3 id=(id) { (text) } }
    }
}

/// A table of `rows`, or `empty` said when it has none.
fn table_or(rows: &Rows, caption: &str, id: &str, empty: &str) -> Markup {
    if rows.rows.is_empty() {
        return html! { p class="empty" { (empty) } };
    }
    table(rows, caption, id)
}

/// A table with a caption and a header cell per column, in a wrapper that scrolls sideways
/// on a narrow screen (focusable, so it can be scrolled from the keyboard).
fn table(rows: &Rows, caption: &str, id: &str) -> Markup {
    let caption_id = format!("{id}-caption");
    let numeric: Vec<bool> =
        (0..rows.columns.len())
            .map(|i| {
                rows.rows.iter().all(|r| {
                matches!(
                    r.get(i),
                    Some(Value::Int(_) | Value::Float(_) | Value::Money(_) | Value::Null)
                ) || matches!(r.get(i), Some(Value::Text(t)) if t == crate::model::hesa::SUPPRESSED)
            }) && rows.rows.iter().any(|r| !matches!(r.get(i), Some(Value::Null)))
            })
            .collect();
    html! {
        div class="table-wrap" role="region" aria-labelledby=(caption_id) tabindex="0" {
            table {
                caption id=(caption_id) { (caption) }
                thead {
                    tr {
                        @for (c, num) in rows.columns.iter().zip(&numeric) {
                            th scope="col" class=[num.then_some("num")] { (c.header) }
                        }
                    }
                }
                tbody {
                    @for row in &rows.rows {
                        tr {
                            @for (v, num) in row.iter().zip(&numeric) {
                                @let text = v.shown();
                                @if *num {
                                    td class="num" { (text) }
                                } @else if text.chars().count() > LONG {
                                    // A block with a least width: a table wider than the
                                    // screen scrolls, rather than squeeze text a word a line.
                                    td { div class="t" { (text) } }
                                } @else {
                                    td { (text) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A record: a table of its fields (a header cell per field name), then each section's
/// table under a heading of `level`.
fn record(rec: &Record, caption: &str, id: &str, level: u8) -> Markup {
    let caption_id = format!("{id}-caption");
    html! {
        div class="table-wrap" role="region" aria-labelledby=(caption_id) tabindex="0" {
            table {
                caption id=(caption_id) { (caption) }
                tbody {
                    @for (c, v) in &rec.fields {
                        tr { th scope="row" { (c.header) } td { (v.shown()) } }
                    }
                }
            }
        }
        @for (i, (c, rows)) in rec.sections.iter().enumerate() {
            @let sid = format!("{id}-{}", i + 1);
            (heading(level, &format!("{sid}-heading"), c.header))
            (table_or(rows, c.header, &sid, "None."))
        }
    }
}

/// A table per group, each under its name as a heading of `level`.
fn groups(g: &Groups, id: &str, level: u8, empty: &str) -> Markup {
    html! {
        @if g.groups.is_empty() { p class="empty" { (empty) } }
        @for (i, (name, rows)) in g.groups.iter().enumerate() {
            @let gid = format!("{id}-{}", i + 1);
            (heading(level, &format!("{gid}-heading"), name))
            (table_or(rows, &format!("{}: {name}", g.key.header), &gid, empty))
        }
    }
}

/// Writes `doc` as a page of its own, titled `title`, in the default look.
pub(super) fn write_doc(out: &mut dyn Write, doc: &Doc, title: &str) -> io::Result<()> {
    let mut page = Page::new(Look::default(), title);
    page.sections.push(Section::body(doc.clone(), title));
    page.write(out)
}

#[cfg(test)]
mod tests;
