//! Tables for a person at a terminal: fitted to its width, a note on stderr naming the columns
//! left out to fit, and a list with nothing in it said in words instead of an empty grid.
//!
//! The words go to stderr, as `gh` and `kubectl` do: stdout carries the data, and a script
//! that reads it (or a file it is written to) sees the same thing whether or not the list is
//! empty. Only a table on a terminal is replaced by words; to a pipe or a file a table keeps
//! its header row, CSV its header line, JSON prints `[]` and Markdown its header row.

use std::io::{self, IsTerminal};

use super::Ctx;
use crate::model::text::quoted;
use crate::output::{self, Doc, Fitted, Format};

/// What an empty list says when its command has nothing more particular to say.
pub(super) const NOTHING: &str = "nothing to list";

/// The width of a terminal whose size cannot be read.
const DEFAULT_WIDTH: usize = 80;

impl Ctx {
    /// How tables are written: fitted to the terminal when stdout is one (and there is no
    /// `--output`), to `$COLUMNS` when it is set, else to the terminal's own width.
    pub(super) fn table_options(&self) -> output::Options {
        let fit = self.output.is_none() && io::stdout().is_terminal();
        output::Options {
            fit,
            width: if fit { terminal_width() } else { 0 },
            wide: self.wide,
        }
    }

    /// Whether an empty list is said in words: a table for a person at a terminal.
    pub(super) fn says_empty(&self) -> bool {
        !self.xlsx()
            && self.format == Format::Table
            && self.output.is_none()
            && io::stdout().is_terminal()
    }

    /// Whether lists show every column: for scripts and spreadsheets (csv, json, xlsx), on a
    /// page (html), and for a person who asks with `--wide`. Tables otherwise leave out what is long and read
    /// elsewhere (a summary, a question), which `show` gives whole.
    pub(super) fn every_column(&self) -> bool {
        self.wide || matches!(self.format, Format::Csv | Format::Json | Format::Html)
    }

    /// As `emit`; a list with no rows, as a table on a terminal, is `empty` on stderr
    /// instead of an empty grid (nothing on stdout).
    pub(super) fn emit_or(&self, doc: &Doc, empty: &str) -> anyhow::Result<()> {
        if self.xlsx() {
            return self.emit_workbook(&[(&self.sheet_name(), doc)]);
        }
        if self.html() {
            let mut page = self.list_page(empty)?;
            if let Doc::Record(rec) = doc {
                page.title = super::page::record_title(&self.words, rec);
            }
            let caption = page.title.clone();
            if let Some(body) = page.sections.last_mut() {
                body.doc = Some(doc.clone());
                body.caption = caption;
            }
            return self.emit_page(&page);
        }
        if self.says_empty() && is_empty(doc) {
            self.note(empty);
            return Ok(());
        }
        let opts = self.table_options();
        let mut fitted = Fitted::default();
        self.write_out(|w| {
            fitted = output::render_fitted(w, self.format, doc, opts)?;
            Ok(())
        })?;
        self.tell_left_out(&fitted);
        Ok(())
    }

    /// Says on stderr which columns tables left out to fit the terminal, and how to see them.
    pub(super) fn tell_left_out(&self, fitted: &Fitted) {
        if let Some(message) = left_out_message(fitted) {
            self.note(&message);
        }
    }
}

/// Whether a document is a list with nothing in it.
fn is_empty(doc: &Doc) -> bool {
    match doc {
        Doc::Rows(rows) => rows.rows.is_empty(),
        Doc::Groups(g) => g.groups.iter().all(|(_, rows)| rows.rows.is_empty()),
        Doc::Record(_) => false,
    }
}

/// The terminal's width: `$COLUMNS` when it holds a number, else what the terminal says.
fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    columns.unwrap_or_else(|| {
        dialoguer::console::Term::stdout()
            .size_checked()
            .map_or(DEFAULT_WIDTH, |(_, cols)| usize::from(cols))
    })
}

/// "2 columns left out to fit 80 columns: Themes, Budget; add --wide or use --format csv",
/// naming the table of each when there are several (a record's sections).
fn left_out_message(fitted: &Fitted) -> Option<String> {
    let count = fitted.count();
    if count == 0 {
        return None;
    }
    let named: Vec<String> = fitted
        .left_out
        .iter()
        .map(|l| match l.table {
            Some(table) => format!("{} (in {table})", l.headers.join(", ")),
            None => l.headers.join(", "),
        })
        .collect();
    // CSV holds one table: a record's sections are in JSON only.
    let format = if fitted.left_out.iter().any(|l| l.table.is_some()) {
        "json"
    } else {
        "csv"
    };
    Some(format!(
        "{count} column{} left out to fit {} columns: {}; add --wide or use --format {format}",
        if count == 1 { "" } else { "s" },
        fitted.width,
        named.join("; ")
    ))
}

/// The filters a list was given, as they would be typed (`--status paused --year 2024/25`),
/// to say what matched nothing. Free text is quoted, so odd characters show as escapes.
#[derive(Debug, Default)]
pub(super) struct Filters(Vec<String>);

impl Filters {
    /// Adds `flag VALUE` when the value was given; `value` is a canonical form (a parsed
    /// year, a status) and is shown as it is.
    pub(super) fn value(mut self, flag: &str, value: Option<impl std::fmt::Display>) -> Self {
        if let Some(v) = value {
            self.0.push(format!("{flag} {v}"));
        }
        self
    }

    /// Adds `flag "TEXT"` when the text was given.
    pub(super) fn text(mut self, flag: &str, value: Option<&str>) -> Self {
        if let Some(v) = value {
            self.0.push(format!("{flag} {}", quoted(v)));
        }
        self
    }

    /// Adds `flag` when it was given.
    pub(super) fn flag(mut self, flag: &str, given: bool) -> Self {
        if given {
            self.0.push(flag.to_string());
        }
        self
    }

    /// "no NOUN match FILTERS" when some were given, else `none`.
    pub(super) fn empty(&self, noun: &str, none: &str) -> String {
        if self.0.is_empty() {
            none.to_string()
        } else {
            format!("no {noun} match {}", self.0.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::LeftOut;

    #[test]
    fn the_note_names_what_was_left_out_and_how_to_see_it() {
        assert_eq!(left_out_message(&Fitted::default()), None);
        let one = Fitted {
            width: 80,
            left_out: vec![LeftOut {
                table: None,
                headers: vec!["Themes", "Budget"],
            }],
        };
        assert_eq!(
            left_out_message(&one).as_deref(),
            Some(
                "2 columns left out to fit 80 columns: Themes, Budget; add --wide or use --format csv"
            )
        );
        let sections = Fitted {
            width: 100,
            left_out: vec![LeftOut {
                table: Some("Partners"),
                headers: vec!["Skills"],
            }],
        };
        assert_eq!(
            left_out_message(&sections).as_deref(),
            Some(
                "1 column left out to fit 100 columns: Skills (in Partners); add --wide or use --format json"
            )
        );
    }

    #[test]
    fn filters_read_as_typed() {
        let none = Filters::default();
        assert_eq!(none.empty("projects", "no projects yet"), "no projects yet");
        let some = Filters::default()
            .value("--status", Some("paused"))
            .value("--year", None::<&str>)
            .text("--search", Some("peer \"x\""))
            .flag("--overdue", true);
        assert_eq!(
            some.empty("projects", "no projects yet"),
            "no projects match --status paused --search \"peer \\\"x\\\"\" --overdue"
        );
    }
}
