//! The output format: `--format`, else what `--output`'s extension says (`.csv .json .md
//! .xlsx .ics .html`), else a table; and the formats each kind of command writes.

use std::path::Path;

use clap::ValueEnum;

use super::{Command, Ctx, Noun, Verbs, review};
use crate::error::Error;
use crate::output::Format;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for a person; on a terminal, fitted to its width (codes and dates never
    /// broken, columns that do not fit left out and named; --wide shows them all)
    Table,
    /// CSV for a spreadsheet (cells that would run as formulas are prefixed with ')
    Csv,
    /// JSON for a script
    Json,
    /// A Markdown table for a document
    Md,
    /// An Excel workbook: numbers, money and dates typed, text as it is
    Xlsx,
    /// An iCalendar file (only "review calendar" writes one)
    Ics,
    /// A web page: one self-contained HTML file, with charts for the reports
    Html,
}

impl FormatArg {
    /// The format a file name's extension stands for (`.csv`, `.json`, `.md`, `.xlsx`,
    /// `.ics`, `.html` or `.htm`, in any case), or `None` for any other name.
    pub fn of_file(path: &Path) -> Option<FormatArg> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => FormatArg::Csv,
            "json" => FormatArg::Json,
            "md" => FormatArg::Md,
            "xlsx" => FormatArg::Xlsx,
            "ics" => FormatArg::Ics,
            "html" | "htm" => FormatArg::Html,
            _ => return None,
        })
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            FormatArg::Table => "table",
            FormatArg::Csv => "csv",
            FormatArg::Json => "json",
            FormatArg::Md => "md",
            FormatArg::Xlsx => "xlsx",
            FormatArg::Ics => "ics",
            FormatArg::Html => "html",
        }
    }
}

/// The format to write: `--format` when given, else the one `--output`'s extension stands
/// for, else a table.
///
/// Errors: `Usage` when `--format` and the extension disagree (`--format csv -o x.xlsx`).
pub(super) fn chosen_format(
    format: Option<FormatArg>,
    output: Option<&Path>,
) -> Result<FormatArg, Error> {
    let (Some(path), Some(given)) = (output, format) else {
        return Ok(format
            .or_else(|| output.and_then(FormatArg::of_file))
            .unwrap_or(FormatArg::Table));
    };
    match FormatArg::of_file(path) {
        Some(ext) if ext != given => {
            let rename = match given {
                FormatArg::Table => "a name with another ending".to_string(),
                other => format!("a name ending .{}", other.name()),
            };
            Err(Error::Usage(format!(
                "--format {} does not match the output file {} (a name ending .{ext} means {ext}); leave --format out, or give the file {rename}",
                given.name(),
                crate::model::text::quoted(&path.display().to_string()),
                ext = ext.name()
            )))
        }
        _ => Ok(given),
    }
}

impl From<FormatArg> for Format {
    /// The shape commands build their rows in. A workbook gets what CSV gets (every column,
    /// lists as lists), under the headers a table shows; `Ctx::emit` then writes it as xlsx.
    fn from(f: FormatArg) -> Self {
        match f {
            // A calendar is no list: only "review calendar" writes one.
            FormatArg::Table | FormatArg::Ics => Format::Table,
            FormatArg::Csv | FormatArg::Xlsx => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
        }
    }
}

impl Ctx {
    /// Whether the output is an Excel workbook.
    pub(super) fn xlsx(&self) -> bool {
        self.written == FormatArg::Xlsx
    }

    /// Refuses, before anything is read, any format but `own` for a command that writes
    /// only that one (`review calendar`: ics); a table is what nobody asked for, so it means
    /// `own` too. `hint` says what to do instead.
    ///
    /// Errors: `Usage`.
    pub(super) fn only(&self, own: FormatArg, command: &str, hint: &str) -> Result<(), Error> {
        let default = self.written == FormatArg::Table && !self.format_given;
        if self.written == own || default {
            return Ok(());
        }
        let name = self.written.name();
        let asked = if self.format_given {
            name.to_string()
        } else {
            format!("{name} (the output file's name ends .{name})")
        };
        Err(Error::Usage(format!(
            "{command} writes {} only, not {asked}: {hint}",
            own.name()
        )))
    }

    /// Refuses, before anything is read, xlsx and html for a command whose own document (a
    /// reminder) is text.
    ///
    /// Errors: `Usage`.
    pub(super) fn document_format(&self) -> Result<(), Error> {
        if self.xlsx() {
            return Err(Error::Usage(
                "this command does not write xlsx; use --format csv (with --bom for Excel) or leave --format out"
                    .into(),
            ));
        }
        if self.html() {
            return Err(Error::Usage(
                "this command does not write html; use --format md for a document, or leave --format out"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Whether the output is a web page.
    pub(super) fn html(&self) -> bool {
        self.written == FormatArg::Html
    }
}

/// Whether `command` is `review calendar`, the one command that writes ics.
pub(super) fn writes_calendar(command: &Command) -> bool {
    matches!(command, Command::Noun(noun) if matches!(
        **noun,
        Noun::Review(Verbs {
            verb: review::Command::Calendar(_)
        })
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_unless_format_is_given() -> Result<(), Error> {
        let file = |name: &str| Some(Path::new(name).to_path_buf());
        let chosen = |format, name: &str| chosen_format(format, file(name).as_deref());
        assert_eq!(chosen(None, "a.csv")?, FormatArg::Csv);
        assert_eq!(chosen(None, "dir/A.XLSX")?, FormatArg::Xlsx);
        assert_eq!(chosen(None, "year.md")?, FormatArg::Md);
        assert_eq!(chosen(None, "x.json")?, FormatArg::Json);
        assert_eq!(chosen(None, "reviews.ics")?, FormatArg::Ics);
        assert_eq!(chosen(None, "year.html")?, FormatArg::Html);
        assert_eq!(chosen(None, "YEAR.HTM")?, FormatArg::Html);
        for other in [
            "x.txt",
            "x.xhtml",
            "x",
            "dir/",
            ".csv",
            "x.csv.bak",
            "x.html.bak",
        ] {
            assert_eq!(chosen(None, other)?, FormatArg::Table, "{other}");
        }
        assert_eq!(chosen_format(None, None)?, FormatArg::Table);
        assert_eq!(chosen_format(Some(FormatArg::Md), None)?, FormatArg::Md);
        assert_eq!(chosen(Some(FormatArg::Json), "x.JSON")?, FormatArg::Json);
        assert_eq!(chosen(Some(FormatArg::Csv), "x.txt")?, FormatArg::Csv);
        let refused = chosen(Some(FormatArg::Csv), "x.xlsx")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            refused.as_deref(),
            Some(
                "--format csv does not match the output file \"x.xlsx\" (a name ending .xlsx means xlsx); leave --format out, or give the file a name ending .csv"
            )
        );
        assert!(chosen(Some(FormatArg::Table), "x.md").is_err());
        Ok(())
    }
}
