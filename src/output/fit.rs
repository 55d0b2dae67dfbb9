//! Tables fitted to the terminal. Codes, ids, dates, money, statuses and numbers keep their
//! width: they are what people copy into the next command, so they are never broken. Free
//! text (titles, names, summaries) wraps at word boundaries, and a word too long for its
//! column is cut with `…`. When even that does not fit, the least important columns are left
//! out, and the caller is told which, to say how to see them (`--wide`, `--format csv`).
//!
//! Only tables written to a terminal are fitted; to a pipe or a file a table is written whole
//! (see `grid`), so what a script or a file gets does not depend on the terminal's size.

use std::io::{self, Write};

use super::grid::{rule, tall_row};
use super::{Column, Groups, Options, Record, Rows, Value};
use cell::{Measure, TEXT_COMFORT, judge, keeps, lines, measure, widest};

mod cell;

/// What a column holds, which decides how a fitted table treats it: every kind but `Text`
/// keeps its width; text wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A code a person types (`mh-peer-2025`, `CP1`, `2025/26`) or any one-word value.
    Code,
    /// A number that names a record.
    Id,
    /// An ISO 8601 date or timestamp.
    Date,
    Money,
    /// A state from a fixed list (`active`, `overdue`, `yes`).
    Status,
    Number,
    /// Free text: titles, names, summaries, lists.
    Text,
}

/// Which columns a fitted table leaves out first: `Low`, then `Normal`, then `High`, each from
/// the right. `Key` columns, and a table's first column, are never left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Normal,
    High,
    Key,
}

/// What fitting tables to the terminal left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fitted {
    /// The width the tables were fitted to.
    pub width: usize,
    /// The columns left out, table by table.
    pub left_out: Vec<LeftOut>,
}

/// Columns one table left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The table: a record's section, or a report of several (`None`: the only table).
    pub table: Option<&'static str>,
    /// The headers of the columns left out, in their order.
    pub headers: Vec<&'static str>,
}

impl Fitted {
    /// Adds what another table left out, naming it `table`.
    pub fn add(&mut self, other: Fitted, table: Option<&'static str>) {
        self.width = other.width;
        for mut l in other.left_out {
            l.table = l.table.or(table);
            self.left_out.push(l);
        }
    }

    /// How many columns were left out in all.
    pub fn count(&self) -> usize {
        self.left_out.iter().map(|l| l.headers.len()).sum()
    }
}

/// The width assumed when none is known.
const DEFAULT_WIDTH: usize = 80;

/// Writes `rows` fitted to `opts.width`.
pub(super) fn rows(out: &mut dyn Write, rows: &Rows, opts: Options) -> io::Result<Fitted> {
    if rows.columns.is_empty() {
        // Nothing to fit: written as a pipe gets it.
        super::rows::write(out, super::Format::Table, rows, Options::whole())?;
        return Ok(Fitted::default());
    }
    tables(out, &rows.columns, &[("", &rows.rows)], opts, false)
}

/// Writes groups (a heading and a table each), all laid out alike so that every group
/// shows the same columns at the same widths.
pub(super) fn groups(out: &mut dyn Write, g: &Groups, opts: Options) -> io::Result<Fitted> {
    let Some((_, first)) = g.groups.first().filter(|(_, r)| !r.columns.is_empty()) else {
        // No groups, or no columns: nothing to fit.
        let doc = super::Doc::Groups(g.clone());
        super::unfitted(out, super::Format::Table, &doc, Options::whole())?;
        return Ok(Fitted::default());
    };
    let sets: Vec<(String, &Vec<Vec<Value>>)> = g
        .groups
        .iter()
        .map(|(name, r)| (format!("{name} ({})", r.rows.len()), &r.rows))
        .collect();
    let sets: Vec<(&str, &Vec<Vec<Value>>)> = sets.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    tables(out, &first.columns, &sets, opts, true)
}

/// Writes a record: its fields as a two-column table, then its sections.
pub(super) fn record(out: &mut dyn Write, rec: &Record, opts: Options) -> io::Result<Fitted> {
    let width = width(opts);
    let mut fitted = Fitted {
        width,
        left_out: Vec::new(),
    };
    if !rec.fields.is_empty() {
        let names: Vec<String> = rec.fields.iter().map(|(c, _)| c.header.into()).collect();
        let values: Vec<String> = rec.fields.iter().map(|(_, v)| v.display()).collect();
        let name_width = widest(names.iter().map(String::as_str)).max(1);
        let value_natural = widest(values.iter().map(String::as_str)).max(1);
        // Two columns: `│ name ┆ value │`, seven characters of rules and padding. On a
        // terminal too narrow even for that, the values keep a width that reads as text.
        let value_width = value_natural.min(width.saturating_sub(name_width + 7).max(TEXT_COMFORT));
        let widths = [name_width, value_width];
        let mut line = String::new();
        rule(&mut line, &widths, ['┌', '─', '┬', '┐']);
        for ((_, v), (name, text)) in rec.fields.iter().zip(names.iter().zip(&values)) {
            let cell = lines(text, value_width, keeps(v));
            tall_row(&mut line, &widths, &[name, &cell]);
        }
        rule(&mut line, &widths, ['└', '─', '┴', '┘']);
        out.write_all(line.as_bytes())?;
    }
    for (c, rows) in &rec.sections {
        writeln!(out, "\n{}", c.header)?;
        if rows.rows.is_empty() {
            writeln!(out, "(none)")?;
        } else {
            let section = self::rows(out, rows, opts)?;
            fitted.add(section, Some(c.header));
        }
    }
    Ok(fitted)
}

/// The width to fit to.
fn width(opts: Options) -> usize {
    if opts.width == 0 {
        DEFAULT_WIDTH
    } else {
        opts.width
    }
}

/// Writes one or more tables under the same `columns`, laid out once for all of them; each
/// set of rows is preceded by its heading when `headings` (groups, a blank line between).
fn tables(
    out: &mut dyn Write,
    columns: &[Column],
    sets: &[(&str, &Vec<Vec<Value>>)],
    opts: Options,
    headings: bool,
) -> io::Result<Fitted> {
    let width = width(opts);
    let kinds: Vec<Kind> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.kind.unwrap_or_else(|| {
                judge(
                    sets.iter()
                        .flat_map(|(_, rows)| rows.iter().filter_map(move |r| r.get(i))),
                )
            })
        })
        .collect();
    let texts: Vec<Vec<Vec<String>>> = sets
        .iter()
        .map(|(_, rows)| {
            rows.iter()
                .map(|r| r.iter().map(Value::display).collect())
                .collect()
        })
        .collect();
    let measures: Vec<Measure> = columns
        .iter()
        .zip(&kinds)
        .enumerate()
        .map(|(i, (c, k))| {
            measure(
                c.header,
                *k,
                texts
                    .iter()
                    .flat_map(|rows| rows.iter().filter_map(move |r| r.get(i)))
                    .map(String::as_str),
            )
        })
        .collect();
    let plan = plan(columns, &measures, width, opts.wide);
    for (i, ((heading, _), rows)) in sets.iter().zip(&texts).enumerate() {
        if headings {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{heading}")?;
        }
        draw(out, columns, &kinds, &plan, rows)?;
    }
    let headers: Vec<&'static str> = plan.left_out.iter().map(|&i| columns[i].header).collect();
    Ok(Fitted {
        width,
        left_out: if headers.is_empty() {
            Vec::new()
        } else {
            vec![LeftOut {
                table: None,
                headers,
            }]
        },
    })
}

/// Which columns are shown, and how wide.
#[derive(Debug)]
struct Plan {
    /// The columns shown, by index, in order.
    shown: Vec<usize>,
    /// The width of each column shown.
    widths: Vec<usize>,
    /// The columns left out, by index, in order.
    left_out: Vec<usize>,
}

/// Chooses the columns and their widths (unless `wide`, which leaves nothing out): first the
/// `Low` columns go while text is narrower than reads well, then the least important while
/// the columns do not fit even at their narrowest; the room left is then shared out among
/// the columns that would like more.
fn plan(columns: &[Column], measures: &[Measure], width: usize, wide: bool) -> Plan {
    // `│ a ┆ b │`: a space either side of each column, a rule between and either side.
    let need = |shown: &[usize], comfortable: bool| -> usize {
        let width = |m: &Measure| if comfortable { m.comfortable } else { m.min };
        shown.iter().map(|&i| width(&measures[i])).sum::<usize>() + 3 * shown.len() + 1
    };
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let mut left_out = Vec::new();
    // First the columns that matter least make room for text to read well; then, while the
    // columns do not fit even at their narrowest, the least important go.
    for (up_to, comfortable) in [(Priority::Low, true), (Priority::High, false)] {
        while !wide && need(&shown, comfortable) > width {
            let leaving = shown
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c != 0 && columns[c].priority <= up_to)
                .min_by_key(|&(pos, &c)| (columns[c].priority, std::cmp::Reverse(pos)))
                .map(|(pos, _)| pos);
            match leaving {
                Some(pos) => left_out.push(shown.remove(pos)),
                // Only the columns that name the row are left: they are shown even wider
                // than the terminal, since a code cut short is no use.
                None => break,
            }
        }
    }
    left_out.sort_unstable();
    let mut widths: Vec<usize> = shown.iter().map(|&i| measures[i].min).collect();
    let mut spare = width.saturating_sub(need(&shown, false));
    // The room left, shared fairly: the columns that want least are made whole first (a
    // header on one line), and the rest split what remains evenly.
    let mut wanting: Vec<usize> = (0..shown.len())
        .filter(|&p| widths[p] < measures[shown[p]].natural)
        .collect();
    wanting.sort_by_key(|&p| measures[shown[p]].natural - widths[p]);
    for (n, &p) in wanting.iter().enumerate() {
        let share = spare.div_ceil(wanting.len() - n);
        let give = share.min(measures[shown[p]].natural - widths[p]);
        widths[p] += give;
        spare -= give;
    }
    Plan {
        shown,
        widths,
        left_out,
    }
}

/// Writes one table as `plan` lays it out.
fn draw(
    out: &mut dyn Write,
    columns: &[Column],
    kinds: &[Kind],
    plan: &Plan,
    rows: &[Vec<String>],
) -> io::Result<()> {
    let widths = &plan.widths;
    let mut line = String::new();
    rule(&mut line, widths, ['┌', '─', '┬', '┐']);
    let header: Vec<String> = plan
        .shown
        .iter()
        .zip(widths)
        .map(|(&i, &w)| lines(columns[i].header, w, false))
        .collect();
    row(&mut line, widths, &header);
    rule(&mut line, widths, ['╞', '═', '╪', '╡']);
    out.write_all(line.as_bytes())?;
    for r in rows {
        line.clear();
        let cells: Vec<String> = plan
            .shown
            .iter()
            .zip(widths)
            .map(|(&i, &w)| {
                let text = r.get(i).map_or("", String::as_str);
                lines(text, w, kinds[i] != Kind::Text)
            })
            .collect();
        row(&mut line, widths, &cells);
        out.write_all(line.as_bytes())?;
    }
    line.clear();
    rule(&mut line, widths, ['└', '─', '┴', '┘']);
    out.write_all(line.as_bytes())
}

/// One row of laid-out cells, as tall as its tallest.
fn row(line: &mut String, widths: &[usize], cells: &[String]) {
    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
    tall_row(line, widths, &cells);
}

#[cfg(test)]
mod tests;
