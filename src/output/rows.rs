//! Lists written a row at a time: [`RowWriter`] takes each row as it is read from the
//! database, so CSV, JSON and Markdown never hold the list, and a table holds only its text.
//! `render` writes [`Rows`] through the same writer, so a streamed list and a built one come
//! out the same.

use std::io::{self, Write};

use super::xlsx::{FinishError, SheetStream};
use super::{
    Column, Doc, Fitted, Format, Grid, Options, Rows, Value, csv_io, fit, html, json_object,
    md_cell,
};

/// Writes a list in one format as its rows arrive: [`RowWriter::row`] for each, then
/// [`RowWriter::finish`].
pub struct RowWriter<'w> {
    columns: Vec<Column>,
    sink: Sink<'w>,
}

enum Sink<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Json {
        out: &'w mut dyn Write,
        rows: usize,
    },
    Md(&'w mut dyn Write),
    /// A table to a pipe or file: its text, laid out at the end.
    Grid(&'w mut dyn Write, Box<Grid>),
    /// A table fitted to the terminal, which needs every row first.
    Fitted(&'w mut dyn Write, Rows, Options),
    /// An Excel workbook of one sheet, its rows kept in a temporary file.
    Xlsx(&'w mut dyn Write, Box<SheetStream>),
    /// A page, written whole at the end: its rows, and the page they go on.
    Html(&'w mut dyn Write, Rows, Box<html::Page>),
}

impl<'w> RowWriter<'w> {
    /// Starts a list under `columns` in `format`; CSV, JSON and Markdown write their opening
    /// straight away.
    pub fn new(
        out: &'w mut dyn Write,
        format: Format,
        columns: &[Column],
        opts: Options,
    ) -> io::Result<Self> {
        let sink = match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns.iter().map(|c| c.key))
                    .map_err(csv_io)?;
                Sink::Csv(Box::new(w))
            }
            Format::Json => {
                out.write_all(b"[")?;
                Sink::Json { out, rows: 0 }
            }
            Format::Md => {
                let headers: Vec<String> = columns.iter().map(|c| md_cell(c.header)).collect();
                writeln!(out, "| {} |", headers.join(" | "))?;
                writeln!(out, "|{}|", vec!["---"; headers.len()].join("|"))?;
                Sink::Md(out)
            }
            Format::Html => {
                let page = html::Page::new(crate::model::look::Look::default(), "spm");
                Sink::Html(out, Rows::new(columns), Box::new(page))
            }
            Format::Table if opts.fit => Sink::Fitted(out, Rows::new(columns), opts),
            Format::Table => Sink::Grid(out, Box::new(Grid::new(columns.iter().map(|c| c.header)))),
        };
        Ok(RowWriter {
            columns: columns.to_vec(),
            sink,
        })
    }

    /// Starts a list under `columns` as an Excel workbook of one sheet called `sheet`.
    ///
    /// Errors: as [`RowWriter::row`].
    pub fn xlsx(out: &'w mut dyn Write, columns: &[Column], sheet: &str) -> io::Result<Self> {
        let stream = SheetStream::new(sheet, columns).map_err(unfit)?;
        Ok(RowWriter {
            columns: columns.to_vec(),
            sink: Sink::Xlsx(out, Box::new(stream)),
        })
    }

    /// Starts a list under `columns` on `page`, written whole when the list ends: the list
    /// goes into the page's last section when it has no document yet (a body made ready,
    /// with its caption and what it says when empty), else into a body of its own.
    pub fn html(out: &'w mut dyn Write, columns: &[Column], page: html::Page) -> Self {
        RowWriter {
            columns: columns.to_vec(),
            sink: Sink::Html(out, Rows::new(columns), Box::new(page)),
        }
    }

    /// Writes one row: one value per column.
    pub fn row(&mut self, row: &[Value]) -> io::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len());
        match &mut self.sink {
            Sink::Csv(w) => {
                for v in row {
                    w.write_field(v.csv().as_bytes()).map_err(csv_io)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_io)
            }
            Sink::Json { out, rows } => {
                out.write_all(if *rows == 0 { b"\n" } else { b",\n" })?;
                *rows += 1;
                serde_json::to_writer_pretty(&mut **out, &json_object(&self.columns, row))?;
                Ok(())
            }
            // `| a | b |`, and `|  |` for a row of no columns, as a join would write it.
            Sink::Md(out) if row.is_empty() => out.write_all(b"|  |\n"),
            Sink::Md(out) => {
                out.write_all(b"|")?;
                for v in row {
                    out.write_all(b" ")?;
                    out.write_all(md_cell(&v.shown()).as_bytes())?;
                    out.write_all(b" |")?;
                }
                out.write_all(b"\n")
            }
            Sink::Grid(_, grid) => {
                for (i, v) in row.iter().enumerate() {
                    grid.cell(i, &v.shown());
                }
                Ok(())
            }
            Sink::Fitted(_, rows, _) | Sink::Html(_, rows, _) => {
                rows.push(row.to_vec());
                Ok(())
            }
            Sink::Xlsx(_, sheet) => sheet.row(row).map_err(unfit),
        }
    }

    /// Ends the list: closes a JSON array, lays out a table, flushes CSV.
    pub fn finish(self) -> io::Result<()> {
        self.finish_fitted().map(drop)
    }

    /// As [`RowWriter::finish`], and says which columns a table fitted to the terminal left
    /// out.
    pub fn finish_fitted(self) -> io::Result<Fitted> {
        let done = match self.sink {
            Sink::Csv(mut w) => w.flush(),
            Sink::Json { out, rows } => out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" }),
            Sink::Md(_) => Ok(()),
            Sink::Grid(out, grid) => grid.write(out),
            Sink::Fitted(out, rows, opts) => return fit::rows(out, &rows, opts),
            Sink::Html(out, rows, mut page) => {
                match page.sections.last_mut().filter(|s| s.doc.is_none()) {
                    Some(body) => body.doc = Some(Doc::Rows(rows)),
                    None => {
                        let caption = page.title.clone();
                        page.sections
                            .push(html::Section::body(Doc::Rows(rows), &caption));
                    }
                }
                page.write(out)
            }
            Sink::Xlsx(out, sheet) => sheet.finish(out).map_err(|e| match e {
                FinishError::Build(e) => unfit(e),
                FinishError::Write(e) => e,
            }),
        };
        done.map(|()| Fitted::default())
    }
}

/// A workbook's problem as an I/O error of the output: data that does not fit a sheet is
/// `InvalidInput` (exit 65, as bad data), anything else an error of the output (exit 74).
fn unfit(e: crate::error::Error) -> io::Error {
    match e {
        crate::error::Error::Invalid(m) => io::Error::new(io::ErrorKind::InvalidInput, m),
        other => io::Error::other(other.to_string()),
    }
}

/// Writes `rows` in `format` through a [`RowWriter`].
pub(super) fn write(
    out: &mut dyn Write,
    format: Format,
    rows: &Rows,
    opts: Options,
) -> io::Result<()> {
    if format == Format::Table && opts.fit {
        return fit::rows(out, rows, opts).map(drop);
    }
    let mut w = RowWriter::new(out, format, &rows.columns, opts)?;
    for row in &rows.rows {
        w.row(row)?;
    }
    w.finish()
}
