//! Tables that are not fitted to a terminal (stdout is a pipe or a file), written straight
//! from their text. The output is byte for byte what comfy-table writes for the same rows in
//! the `UTF8_FULL_CONDENSED` style with content arrangement off: each column as wide as its
//! widest line, one space of padding either side, a cell's lines split at line feeds. Building
//! a comfy-table `Table` costs several allocations per cell and a copy of every line, which
//! for a long list costs more than reading it from the database (see benches/README.md).
//!
//! Text that comfy-table would measure differently from us (ANSI escape sequences, a line
//! wider than `u16::MAX` columns) and a table without columns are handed to comfy-table.

use std::io::{self, Write};

use dialoguer::console::measure_text_width;

/// The widest column comfy-table lays out; wider content is wrapped, which we leave to it.
const MAX_WIDTH: usize = u16::MAX as usize;

/// A table's text, held until every row is known and so every column's width.
#[derive(Debug, Default)]
pub(super) struct Grid {
    /// The headers, then every row's cells, one after another.
    text: String,
    /// Where each cell ends in `text`: cell `i` is `text[ends[i - 1]..ends[i]]`.
    ends: Vec<usize>,
    /// The number of columns.
    columns: usize,
    /// The widest line of each column so far.
    widths: Vec<usize>,
    /// Whether some cell holds a line feed (so some row is more than one line high).
    multiline: bool,
    /// Whether comfy-table must lay the table out: see the module's notes.
    hand_over: bool,
}

impl Grid {
    /// A grid under these headers.
    pub(super) fn new<'h>(headers: impl IntoIterator<Item = &'h str>) -> Self {
        let mut grid = Grid::default();
        for h in headers {
            grid.columns += 1;
            grid.widths.push(0);
            grid.cell(grid.columns - 1, h);
        }
        grid.hand_over |= grid.columns == 0;
        grid
    }

    /// Adds the next cell of column `col`.
    pub(super) fn cell(&mut self, col: usize, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let width = if plain(s) {
            self.hand_over |= s.len() > MAX_WIDTH;
            s.len()
        } else if s.contains('\n') {
            self.multiline = true;
            s.split('\n').map(|l| self.measure(l)).max().unwrap_or(0)
        } else {
            self.measure(s)
        };
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(width);
        }
    }

    fn measure(&mut self, line: &str) -> usize {
        // console skips escape sequences and comfy-table does not: leave those to it.
        if line.contains(['\u{1b}', '\u{9b}']) {
            self.hand_over = true;
        }
        let width = columns_of(line);
        self.hand_over |= width > MAX_WIDTH;
        width
    }

    /// The cells, header first, each as text.
    fn cells(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let s = &self.text[start..end];
            start = end;
            s
        })
    }

    /// Writes the table and a final line feed.
    pub(super) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.hand_over {
            return self.write_with_comfy(out);
        }
        // A column is at least one character wide, plus a space either side.
        let widths: Vec<usize> = self.widths.iter().map(|w| (*w).max(1)).collect();
        let mut line = String::new();
        rule(&mut line, &widths, ['┌', '─', '┬', '┐']);
        out.write_all(line.as_bytes())?;
        let mut cells = self.cells();
        let mut row: Vec<&str> = Vec::with_capacity(self.columns);
        let mut first = true;
        loop {
            row.clear();
            row.extend(cells.by_ref().take(self.columns));
            if row.len() < self.columns {
                break;
            }
            line.clear();
            if self.multiline && row.iter().any(|c| c.contains('\n')) {
                tall_row(&mut line, &widths, &row);
            } else {
                line.push('│');
                for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                    if i > 0 {
                        line.push('┆');
                    }
                    pad(&mut line, cell, *w);
                }
                line.push_str("│\n");
            }
            if first {
                rule(&mut line, &widths, ['╞', '═', '╪', '╡']);
                first = false;
            }
            out.write_all(line.as_bytes())?;
        }
        line.clear();
        rule(&mut line, &widths, ['└', '─', '┴', '┘']);
        // Lines end in a line feed, and so does the table.
        out.write_all(line.as_bytes())
    }

    /// Lays the table out with comfy-table, as every table was before.
    fn write_with_comfy(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        let cells: Vec<&str> = self.cells().collect();
        let mut rows = cells.chunks(self.columns.max(1));
        if let Some(header) = rows.next() {
            t.set_header(header.to_vec());
        }
        for row in rows {
            t.add_row(row.to_vec());
        }
        writeln!(out, "{t}")
    }
}

/// Whether `s` is printable ASCII, one column per byte (most cells are).
fn plain(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// How many columns a line takes on a terminal, as comfy-table measures it (both use
/// `unicode-width`; console adds only the escape sequences, which we hand over).
pub(super) fn columns_of(line: &str) -> usize {
    if plain(line) {
        line.len()
    } else {
        measure_text_width(line)
    }
}

/// A horizontal rule ending in a line feed: `[left, fill, junction, right]`.
pub(super) fn rule(line: &mut String, widths: &[usize], [left, fill, junction, right]: [char; 4]) {
    line.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            line.push(junction);
        }
        line.extend(std::iter::repeat_n(fill, w + 2));
    }
    line.push(right);
    line.push('\n');
}

/// One line of a cell, padded to the column's width and a space either side.
fn pad(line: &mut String, text: &str, width: usize) {
    line.push(' ');
    line.push_str(text);
    let used = columns_of(text);
    line.extend(std::iter::repeat_n(' ', width.saturating_sub(used) + 1));
}

/// A row whose cells hold line feeds: as many lines as its tallest cell, shorter cells
/// filled with spaces.
pub(super) fn tall_row(line: &mut String, widths: &[usize], row: &[&str]) {
    let mut parts: Vec<std::str::Split<'_, char>> = row.iter().map(|c| c.split('\n')).collect();
    let height = row
        .iter()
        .map(|c| c.matches('\n').count() + 1)
        .max()
        .unwrap_or(1);
    for _ in 0..height {
        line.push('│');
        for (i, (part, w)) in parts.iter_mut().zip(widths).enumerate() {
            if i > 0 {
                line.push('┆');
            }
            match part.next() {
                Some(text) => pad(line, text, *w),
                None => line.extend(std::iter::repeat_n(' ', w + 2)),
            }
        }
        line.push_str("│\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comfy(rows: &[Vec<&str>]) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        t.set_header(rows[0].clone());
        for row in &rows[1..] {
            t.add_row(row.clone());
        }
        format!("{t}\n")
    }

    fn ours(rows: &[Vec<&str>]) -> anyhow::Result<String> {
        let mut grid = Grid::new(rows[0].iter().copied());
        for row in &rows[1..] {
            for (i, c) in row.iter().enumerate() {
                grid.cell(i, c);
            }
        }
        let mut out = Vec::new();
        grid.write(&mut out)?;
        Ok(String::from_utf8(out)?)
    }

    #[test]
    fn writes_what_comfy_table_writes() -> anyhow::Result<()> {
        let odd = [
            "",
            "plain",
            "two\nlines",
            "three\n\nlines\n",
            "crlf\r\nline",
            "tab\there",
            "Zoë Ó Súilleabháin",
            "日本語のテキスト",
            "emoji 👩‍🔬 and flags 🇬🇧",
            "e\u{301} combining",
            "zero\u{200b}width",
            "rtl \u{200f}مرحبا",
            "nul\0byte",
            "ansi \u{1b}[31mred\u{1b}[0m",
            "csi \u{9b}31m",
            "a|b",
            "   spaces   ",
        ];
        for a in odd {
            for b in odd {
                let rows = vec![vec!["Code", "Title\nlong"], vec![a, b], vec![b, "x"]];
                assert_eq!(ours(&rows)?, comfy(&rows), "{a:?} {b:?}");
            }
        }
        let header_only = vec![vec!["A", "", "Wide header"]];
        assert_eq!(ours(&header_only)?, comfy(&header_only));
        Ok(())
    }
}
