//! Markdown: the text of a cell or heading escaped, tables, records and groups' titles.

use std::io::{self, Write};

use super::{Format, Groups, Options, Record, Rows, rows};

/// Text for a Markdown table cell or heading: the characters Markdown would read as
/// emphasis, code, links, HTML or a column break are escaped with a backslash (so a title
/// such as `*draft* [v2]` shows as written), and line breaks become `<br>`.
pub(crate) fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for a Markdown heading: as a cell, and `#` escaped too, which a heading would
/// otherwise lose from its end.
pub(super) fn md_heading(s: &str) -> String {
    md_cell(s).replace('#', "\\#")
}

/// Groups' title and the paragraphs under it, when they have one.
pub(super) fn markdown_title(out: &mut dyn Write, g: &Groups) -> io::Result<()> {
    if let Some(title) = &g.title {
        writeln!(out, "# {}", md_heading(title))?;
        for paragraph in &g.preface {
            writeln!(out, "\n{}", md_cell(paragraph))?;
        }
    }
    Ok(())
}

/// Rows as a Markdown table.
pub(crate) fn markdown(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    rows::write(out, Format::Md, rows, Options::default())
}

pub(super) fn markdown_record(out: &mut dyn Write, rec: &Record) -> io::Result<()> {
    writeln!(out, "| Field | Value |")?;
    writeln!(out, "|---|---|")?;
    for (c, v) in &rec.fields {
        writeln!(out, "| {} | {} |", md_cell(c.header), md_cell(&v.display()))?;
    }
    for (c, rows) in &rec.sections {
        writeln!(out, "\n## {}\n", c.header)?;
        markdown(out, rows)?;
    }
    Ok(())
}
