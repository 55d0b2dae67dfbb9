//! The one renderer: every list and every record leaves spm through here, as a table for a
//! person, CSV for a spreadsheet, JSON for a script or Markdown for a document; `xlsx` writes
//! the same documents as an Excel workbook, `ics` a calendar, and `html` a page ([`html`]).

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table as Comfy, presets};
use serde_json::{Map, Value as Json};

use crate::model::{Money, formula};

mod fit;
mod grid;
pub mod html;
pub mod ics;
mod markdown;
pub mod remind;
pub mod reminders;
mod rows;
mod wrap;
pub mod xlsx;

pub use fit::{Fitted, Kind, LeftOut, Priority};
use grid::Grid;
pub(crate) use markdown::{markdown, md_cell};
use markdown::{markdown_record, markdown_title, md_heading};
pub use rows::RowWriter;

/// How output is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A table fitted to the terminal.
    #[default]
    Table,
    /// Comma-separated values, with the formula-injection guard.
    Csv,
    /// JSON with typed values.
    Json,
    /// A Markdown table.
    Md,
    /// A self-contained HTML page.
    Html,
}

/// One cell, typed so each format can write it properly.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    /// A measured number, such as an average or hours: up to two decimals in every format.
    Float(f64),
    Bool(bool),
    Money(Money),
    /// An ISO 8601 date or timestamp.
    Date(String),
    /// Several short texts, e.g. themes.
    List(Vec<String>),
    /// Structured data (a change's old and new values): an object in JSON, compact text elsewhere.
    Json(Json),
}

impl Value {
    /// Text, or `Null` when there is none.
    pub fn text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.into()))
    }

    /// A number, or `Null`.
    pub fn float(x: Option<f64>) -> Value {
        x.map_or(Value::Null, Value::Float)
    }

    /// A date, or `Null`.
    pub fn date(d: Option<impl ToString>) -> Value {
        d.map_or(Value::Null, |d| Value::Date(d.to_string()))
    }

    /// How the value reads to a person.
    pub fn display(&self) -> String {
        self.shown().into_owned()
    }

    /// The value as a number to draw: a count, a measure, or money in pounds; `None` for
    /// anything else (text, such as `..` for a figure withheld).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            Value::Money(m) => Some(m.pence() as f64 / 100.0),
            _ => None,
        }
    }

    /// How the value reads to a person, borrowed where it can be.
    fn shown(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Text(s) | Value::Date(s) => Cow::Borrowed(s),
            Value::Int(n) => Cow::Owned(n.to_string()),
            Value::Float(x) => {
                let text = format!("{x:.2}");
                Cow::Owned(text.trim_end_matches('0').trim_end_matches('.').to_string())
            }
            Value::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "no" }),
            Value::Money(m) => Cow::Owned(m.to_string()),
            Value::List(items) => Cow::Owned(items.join(", ")),
            Value::Json(v) => Cow::Owned(v.to_string()),
        }
    }

    /// How the value is written in a CSV cell.
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Value::Text(s) => formula::report::guard(s),
            Value::Money(m) => Cow::Owned(m.plain()),
            Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::List(items) => {
                Cow::Owned(formula::report::guard(&items.join("; ")).into_owned())
            }
            Value::Json(v) => Cow::Owned(formula::report::guard(&v.to_string()).into_owned()),
            other => other.shown(),
        }
    }

    fn json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Text(s) | Value::Date(s) => Json::String(s.clone()),
            Value::Int(n) => Json::from(*n),
            Value::Float(x) => serde_json::Number::from_f64((x * 100.0).round() / 100.0)
                .map_or(Json::Null, Json::Number),
            Value::Bool(b) => Json::Bool(*b),
            // Money as a number of pounds with two decimals: 2500.5 is £2,500.50.
            Value::Money(m) => serde_json::Number::from_f64(m.pence() as f64 / 100.0)
                .map_or(Json::Null, Json::Number),
            Value::List(items) => Json::Array(items.iter().cloned().map(Json::String).collect()),
            Value::Json(v) => v.clone(),
        }
    }
}

/// A column: the key scripts and spreadsheets see (`code`), the header people see (`Code`),
/// and how a table fitted to a terminal treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    /// What the column holds; `None` lets the fitted table judge by its values.
    pub kind: Option<Kind>,
    /// Which columns a fitted table leaves out first when they cannot all fit.
    pub priority: Priority,
}

/// Shorthand for a column.
pub const fn col(key: &'static str, header: &'static str) -> Column {
    Column {
        key,
        header,
        kind: None,
        priority: Priority::Normal,
    }
}

impl Column {
    /// The column holds values of `kind`.
    pub const fn kind(self, kind: Kind) -> Column {
        Column {
            kind: Some(kind),
            ..self
        }
    }

    /// The column is left out only after every other column that can be.
    pub const fn high(self) -> Column {
        self.priority(Priority::High)
    }

    /// The column is the first to go when the columns cannot all fit.
    pub const fn low(self) -> Column {
        self.priority(Priority::Low)
    }

    /// The column is never left out: it names the row (a code, an id).
    pub const fn key(self) -> Column {
        self.priority(Priority::Key)
    }

    const fn priority(self, priority: Priority) -> Column {
        Column { priority, ..self }
    }
}

/// Rows under named columns: a list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    /// Empty rows under these columns.
    pub fn new(columns: &[Column]) -> Self {
        Rows {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have one value per column.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// One record shown whole: its fields, then sections of rows (a project's history, ...).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub fields: Vec<(Column, Value)>,
    pub sections: Vec<(Column, Rows)>,
}

impl Record {
    /// Adds a field.
    pub fn field(&mut self, key: &'static str, header: &'static str, value: Value) {
        self.fields.push((col(key, header), value));
    }

    /// Adds a section of rows, shown after the fields under `header`.
    pub fn section(&mut self, key: &'static str, header: &'static str, rows: Rows) {
        self.sections.push((col(key, header), rows));
    }
}

/// Rows in named groups (projects by theme, say): a heading and a table per group for
/// people, a first column naming the group in CSV, and `{key: group, items: [...]}` in JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// What the groups are (`theme`, `Theme`).
    pub key: Column,
    pub groups: Vec<(String, Rows)>,
    /// A document's title, for groups that are a document to publish (a "you said, we did"
    /// board): Markdown opens with it as `# title`, then the `preface`, then the groups.
    /// The other formats hold rows only and leave both out.
    pub title: Option<String>,
    /// Paragraphs under the title (the year the document covers; that it is empty).
    pub preface: Vec<String>,
}

impl Groups {
    /// Groups under `key`, with no title.
    pub fn new(key: Column, groups: Vec<(String, Rows)>) -> Self {
        Groups {
            key,
            groups,
            title: None,
            preface: Vec::new(),
        }
    }
}

/// What a command hands to the renderer.
#[derive(Debug, Clone, PartialEq)]
pub enum Doc {
    Rows(Rows),
    Record(Record),
    Groups(Groups),
}

/// Options of the table format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Fit tables to the terminal's width (only when writing to a terminal).
    pub fit: bool,
    /// The terminal's width in columns, when fitting (0: 80).
    pub width: usize,
    /// Never leave a column out, even when the table is wider than the terminal (`--wide`).
    pub wide: bool,
}

impl Options {
    /// Tables written whole, as to a pipe or a file.
    pub fn whole() -> Options {
        Options::default()
    }
}

/// Writes `doc` in `format`.
pub fn render(out: &mut dyn Write, format: Format, doc: &Doc, opts: Options) -> io::Result<()> {
    render_fitted(out, format, doc, opts).map(drop)
}

/// Writes `doc` in `format`, and says which columns a table fitted to the terminal left out
/// (nothing, in any other case).
pub fn render_fitted(
    out: &mut dyn Write,
    format: Format,
    doc: &Doc,
    opts: Options,
) -> io::Result<Fitted> {
    if format == Format::Table && opts.fit {
        return match doc {
            Doc::Rows(rows) => fit::rows(out, rows, opts),
            Doc::Record(rec) => fit::record(out, rec, opts),
            Doc::Groups(g) => fit::groups(out, g, opts),
        };
    }
    unfitted(out, format, doc, opts).map(|()| Fitted::default())
}

/// Writes `doc` in `format`, tables whole.
fn unfitted(out: &mut dyn Write, format: Format, doc: &Doc, opts: Options) -> io::Result<()> {
    match (format, doc) {
        (Format::Html, doc) => html::write_doc(out, doc, "spm"),
        (_, Doc::Rows(rows)) => rows::write(out, format, rows, opts),
        (Format::Table, Doc::Record(rec)) => table_record(out, rec, opts),
        (Format::Csv, Doc::Record(rec)) => csv_rows(out, &record_as_row(rec)),
        (Format::Json, doc) => json(out, doc),
        (Format::Md, Doc::Record(rec)) => markdown_record(out, rec),
        (Format::Csv, Doc::Groups(g)) => csv_rows(out, &flatten(g)),
        (Format::Table | Format::Md, Doc::Groups(g)) => {
            let titled = format == Format::Md && g.title.is_some();
            if format == Format::Md {
                markdown_title(out, g)?;
            }
            for (i, (name, rows)) in g.groups.iter().enumerate() {
                if i > 0 || titled {
                    writeln!(out)?;
                }
                if format == Format::Md {
                    writeln!(out, "## {}\n", md_heading(name))?;
                    markdown(out, rows)?;
                } else {
                    writeln!(out, "{name} ({})", rows.rows.len())?;
                    table(out, rows, opts)?;
                }
            }
            Ok(())
        }
    }
}

/// Groups as one list, the group's name in the first column.
fn flatten(g: &Groups) -> Rows {
    let mut columns = vec![g.key];
    columns.extend(
        g.groups
            .first()
            .map(|(_, r)| r.columns.clone())
            .unwrap_or_default(),
    );
    let mut flat = Rows::new(&columns);
    for (name, rows) in &g.groups {
        for row in &rows.rows {
            let mut cells = vec![Value::Text(name.clone())];
            cells.extend(row.iter().cloned());
            flat.push(cells);
        }
    }
    flat
}

/// A comfy-table table as tables are written whole (fitted tables are laid out by `fit`).
fn new_table() -> Comfy {
    let mut t = Comfy::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t
}

fn table(out: &mut dyn Write, rows: &Rows, opts: Options) -> io::Result<()> {
    rows::write(out, Format::Table, rows, opts)
}

fn table_record(out: &mut dyn Write, rec: &Record, opts: Options) -> io::Result<()> {
    let mut t = new_table();
    for (c, v) in &rec.fields {
        t.add_row(vec![c.header.to_string(), v.display()]);
    }
    writeln!(out, "{t}")?;
    for (c, rows) in &rec.sections {
        writeln!(out, "\n{}", c.header)?;
        if rows.rows.is_empty() {
            writeln!(out, "(none)")?;
        } else {
            table(out, rows, opts)?;
        }
    }
    Ok(())
}

pub(crate) fn csv_rows(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    rows::write(out, Format::Csv, rows, Options::default())
}

/// The csv crate wraps I/O errors; unwrap them so a broken pipe is still a broken pipe.
fn csv_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => io::Error::other("cannot write the CSV output"),
    }
}

/// A record's fields as one CSV row; sections do not fit in one sheet and are left out.
fn record_as_row(rec: &Record) -> Rows {
    Rows {
        columns: rec.fields.iter().map(|(c, _)| *c).collect(),
        rows: vec![rec.fields.iter().map(|(_, v)| v.clone()).collect()],
    }
}

fn json_object(columns: &[Column], row: &[Value]) -> Json {
    let obj: Map<String, Json> = columns
        .iter()
        .zip(row)
        .map(|(c, v)| (c.key.to_string(), v.json()))
        .collect();
    Json::Object(obj)
}

fn json_rows(rows: &Rows) -> Json {
    Json::Array(
        rows.rows
            .iter()
            .map(|row| json_object(&rows.columns, row))
            .collect(),
    )
}

fn json(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let value = match doc {
        Doc::Rows(rows) => return rows::write(out, Format::Json, rows, Options::default()),
        Doc::Groups(g) => Json::Array(
            g.groups
                .iter()
                .map(|(name, rows)| {
                    let mut obj = Map::new();
                    obj.insert(g.key.key.to_string(), Json::String(name.clone()));
                    obj.insert("items".to_string(), json_rows(rows));
                    Json::Object(obj)
                })
                .collect(),
        ),
        Doc::Record(rec) => {
            let mut obj: Map<String, Json> = rec
                .fields
                .iter()
                .map(|(c, v)| (c.key.to_string(), v.json()))
                .collect();
            for (c, rows) in &rec.sections {
                obj.insert(c.key.to_string(), json_rows(rows));
            }
            Json::Object(obj)
        }
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests;
