//! One cell of a fitted table: what a column holds, how wide it would like to be and how
//! narrow it can be, and its text laid out in the width it is given.

use dialoguer::console::truncate_str;

use super::Kind;
use crate::output::Value;
use crate::output::grid::columns_of;

/// The narrowest a column of free text is made, when its text is that long.
const TEXT_MIN: usize = 10;
/// A column of free text this wide reads well; narrower, a title takes a line per word or two.
pub(super) const TEXT_COMFORT: usize = 20;
/// Words up to this wide are never cut in free text: its column is made at least this wide.
const WORD_MIN: usize = 16;
/// A one-word value wider than this, in a column that does not say what it holds, is
/// treated as text (a long URL, say), so it cannot push every other column out.
pub(super) const CODE_MAX: usize = 40;

/// What a column holds, judged by its values: dates, money and numbers keep their width,
/// and so does text that is one word in every row (a code, a status); any other text, or a
/// list, is free text.
pub(super) fn judge<'v>(values: impl Iterator<Item = &'v Value>) -> Kind {
    let mut kind = None;
    for v in values {
        let k = match v {
            Value::Null => continue,
            Value::Text(s) if one_word(s) => Kind::Code,
            Value::Text(_) | Value::List(_) | Value::Json(_) => return Kind::Text,
            Value::Date(_) => Kind::Date,
            Value::Money(_) => Kind::Money,
            Value::Int(_) | Value::Float(_) => Kind::Number,
            Value::Bool(_) => Kind::Status,
        };
        kind = match kind {
            None => Some(k),
            Some(prev) if prev == k => Some(k),
            // One-word values of several kinds (a number or `..`): kept whole all the same.
            Some(_) => Some(Kind::Code),
        };
    }
    kind.unwrap_or(Kind::Code)
}

/// Whether `s` is one word, short enough to keep whole.
pub(super) fn one_word(s: &str) -> bool {
    !s.contains(char::is_whitespace) && columns_of(s) <= CODE_MAX
}

/// Whether one value of a record keeps its width.
pub(super) fn keeps(v: &Value) -> bool {
    match v {
        Value::Text(s) => one_word(s),
        Value::List(_) | Value::Json(_) => false,
        _ => true,
    }
}

/// How wide a column would like to be, how wide it reads well, and how narrow it can be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Measure {
    pub(super) natural: usize,
    /// Free text at this width wraps, but into lines that still read as sentences.
    pub(super) comfortable: usize,
    pub(super) min: usize,
}

/// How wide a column under `header`, holding `kind`, would like to be and can be: a column
/// kept whole is as wide as its widest cell; free text can wrap down to its longest word
/// (cut at `WORD_MIN`), and no narrower than `TEXT_MIN` when its text is that long.
pub(super) fn measure<'t>(
    header: &str,
    kind: Kind,
    cells: impl Iterator<Item = &'t str>,
) -> Measure {
    let header_word = header.split_whitespace().map(columns_of).max().unwrap_or(0);
    let mut natural = widest(std::iter::once(header));
    let mut widest_cell = 0;
    let mut longest_word = 0;
    for cell in cells {
        let w = widest(std::iter::once(cell));
        widest_cell = widest_cell.max(w);
        if kind == Kind::Text && w > longest_word {
            let word = cell.split_whitespace().map(columns_of).max().unwrap_or(0);
            longest_word = longest_word.max(word);
        }
    }
    natural = natural.max(widest_cell).max(1);
    let min = if kind == Kind::Text {
        natural.min(header_word.max(longest_word.min(WORD_MIN)).max(TEXT_MIN))
    } else {
        widest_cell.max(header_word)
    };
    let min = min.max(1);
    Measure {
        natural,
        comfortable: if kind == Kind::Text {
            natural.min(min.max(TEXT_COMFORT))
        } else {
            min
        },
        min,
    }
}

/// The widest line of any of `texts`.
pub(super) fn widest<'t>(texts: impl Iterator<Item = &'t str>) -> usize {
    texts
        .flat_map(|t| t.split('\n'))
        .map(|l| columns_of(l.strip_suffix('\r').unwrap_or(l)))
        .max()
        .unwrap_or(0)
}

/// A cell's text laid out in `width` columns, its lines joined by line feeds: as it is when
/// `keep`, else wrapped at spaces, a word too long for a line cut with `…`.
pub(super) fn lines(text: &str, width: usize, keep: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if keep || columns_of(line) <= width {
            out.push_str(line);
            continue;
        }
        let mut used = 0;
        for word in line.split_whitespace() {
            let word = truncate_str(word, width, "…");
            let w = columns_of(&word);
            if used > 0 && used + 1 + w > width {
                out.push('\n');
                used = 0;
            } else if used > 0 {
                out.push(' ');
                used += 1;
            }
            out.push_str(&word);
            used += w;
        }
    }
    out
}
