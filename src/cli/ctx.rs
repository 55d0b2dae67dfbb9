//! What every command is handed: where the database is and how it is opened (with who the
//! change log names), and the output plumbing: the chosen format, stdout or `--output`, a list streamed as it is read, a
//! workbook, a plain line, and notes on stderr. (Tables fitted to a terminal are in
//! `screen.rs`; what each format allows in `format.rs`; the file writer in `write.rs`.)

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;

use super::format::{FormatArg, chosen_format, writes_calendar};
use super::write::write_file;
use super::{Cli, screen};
use crate::db::{Access, Connection};
use crate::error::Error;
use crate::output::{self, Doc, Format};

/// Why a workbook is not written to a terminal.
const XLSX_TO_TERMINAL: &str = "xlsx is a binary file: give --output FILE.xlsx";

/// The UTF-8 byte order mark, which tells Excel a CSV file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What every handler needs: where the database is and how to write output.
pub struct Ctx {
    pub(super) db: Option<PathBuf>,
    /// The shape of rows; `Csv` for a workbook too (see `written`).
    pub(super) format: Format,
    /// What is written: `--format`, else what `--output`'s extension says, else a table.
    /// Under xlsx `emit` writes a workbook, and `write_out` refuses.
    pub(super) written: FormatArg,
    /// Whether `--format` was given (rather than taken from the extension, or the default).
    pub(super) format_given: bool,
    /// `--bom` (only ever with csv output).
    pub(super) bom: bool,
    pub(super) output: Option<PathBuf>,
    pub(super) quiet: bool,
    /// `--wide`: lists show every column, and fitted tables leave none out.
    pub(super) wide: bool,
    /// Who the change log says makes the changes (see [`actor`]), read here, at the edge,
    /// once, and given to every connection spm opens (`write`, `read`, and the commands
    /// that open their own: `init`, the importers, `restore`).
    pub(super) actor: String,
    /// The words naming the command (`["project", "list"]`): a page's title.
    pub(super) words: Vec<String>,
}

impl Ctx {
    /// The context of a command line: the global options, each checked before anything is
    /// read or changed.
    ///
    /// Errors: `CannotCreate` when `--output` is the database; `Usage` when `--format` and
    /// the output file's name disagree, for a workbook to a terminal, for ics from any command
    /// but "review calendar", and for `--bom` with anything but csv.
    pub(super) fn new(cli: &Cli) -> anyhow::Result<Ctx> {
        let mut ctx = Ctx {
            db: cli.db.clone(),
            format: Format::Table,
            written: FormatArg::Table,
            format_given: cli.format.is_some(),
            bom: cli.bom,
            output: cli.output.clone(),
            quiet: cli.quiet,
            wide: cli.wide,
            actor: actor(),
            words: cli.words.clone(),
        };
        if let Some(out) = &ctx.output {
            // A mistyped -o must never replace the database: refused before anything else.
            crate::db::refuse_database(&ctx.path()?, out)?;
        }
        let written = chosen_format(cli.format, ctx.output.as_deref())?;
        if written == FormatArg::Xlsx && ctx.output.is_none() && io::stdout().is_terminal() {
            return Err(Error::Usage(XLSX_TO_TERMINAL.into()).into());
        }
        if written == FormatArg::Ics && !writes_calendar(&cli.command) {
            return Err(Error::Usage(
                "only \"spm review calendar\" writes ics; use --format table, csv, json, md or xlsx, or an --output file ending in one of those"
                    .into(),
            )
            .into());
        }
        if cli.bom && written != FormatArg::Csv {
            return Err(Error::Usage(
                "--bom is for CSV, to help Excel read it: add --format csv, or leave --bom out"
                    .into(),
            )
            .into());
        }
        ctx.written = written;
        ctx.format = written.into();
        Ok(ctx)
    }

    /// The database path: `--db`, else `$SPM_DB` when set and not empty, else the default.
    pub(super) fn path(&self) -> Result<PathBuf, Error> {
        Ok(self.place()?.0)
    }

    /// The database path, and what named it: `Some("--db")` or `Some("SPM_DB")`, or `None`
    /// for spm's default place.
    fn place(&self) -> Result<(PathBuf, Option<&'static str>), Error> {
        if let Some(p) = &self.db {
            return Ok((p.clone(), Some("--db")));
        }
        match std::env::var_os("SPM_DB") {
            Some(p) if !p.is_empty() => Ok((PathBuf::from(p), Some("SPM_DB"))),
            _ => Ok((crate::db::default_path()?, None)),
        }
    }

    /// Whether a command that writes may make the database's folder: only in spm's default
    /// place. A folder the user named (`--db`, `SPM_DB`) that is not there is more likely a
    /// typo than a wish: refused (exit 73), nothing made.
    pub(super) fn make_folder(&self) -> Result<bool, Error> {
        let (path, named) = self.place()?;
        if let Some(source) = named
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            let reason = format!(
                "its folder {} does not exist; check {source}, or create the folder first",
                dir.display()
            );
            return Err(Error::CannotCreate { path, reason });
        }
        Ok(named.is_none())
    }

    /// Opens the database for a command that writes, creating it on first use (and saying
    /// so on stderr). A database the user cannot write is refused (exit 77).
    pub(super) fn write(&self) -> anyhow::Result<Connection> {
        let access = Access::Write {
            make_folder: self.make_folder()?,
        };
        let path = self.path()?;
        let opened = crate::service::database::open(&path, access, &self.actor)?;
        if opened.created {
            self.note(&format!("created a new database at {}", path.display()));
        }
        Ok(opened.conn)
    }

    /// Opens the database for a command that only reads: one that is not there is never
    /// created (a mistyped path must fail loudly, above all under cron, rather than show an
    /// empty list), and one the user cannot write is read all the same.
    pub(super) fn read(&self) -> anyhow::Result<Connection> {
        let (path, named) = self.place()?;
        if !path.exists() {
            let shown = path.display().to_string();
            let hint = match named {
                Some(source) => match path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    Some(dir) if !dir.is_dir() => format!(
                        "check {source}: the folder {} does not exist either",
                        dir.display()
                    ),
                    _ if source == "--db" => format!(
                        "check --db, or create it with \"spm --db {} init\"",
                        shell_words::quote(&shown)
                    ),
                    _ => format!("check {source}, or create it with \"spm init\""),
                },
                None => "create it with \"spm init\" (or try spm with \"spm init --demo\")".into(),
            };
            return Err(Error::not_found("database at", shown, hint).into());
        }
        Ok(crate::service::database::open(&path, Access::Read, &self.actor)?.conn)
    }

    /// Today's date (honours `SPM_TODAY`).
    pub(super) fn today(&self) -> anyhow::Result<NaiveDate> {
        Ok(crate::model::today()?)
    }

    /// A message for the person at the terminal, on stderr, unless `--quiet`.
    pub(super) fn note(&self, message: &str) {
        if !self.quiet {
            // A closed stderr leaves nobody to tell; the command's result stands.
            let _ = writeln!(io::stderr(), "{message}");
        }
    }

    /// Renders a list or record in the chosen format, to stdout or `--output`; a list with
    /// nothing in it, on a terminal, is said in words (see `emit_or`).
    pub(super) fn emit(&self, doc: &Doc) -> anyhow::Result<()> {
        self.emit_or(doc, screen::NOTHING)
    }

    /// Writes a list under `columns` as its rows are read, in any format (a workbook too,
    /// its sheet kept in a temporary file), so a list of any length costs the memory of a
    /// few rows. `read` hands each row to the function it is given, and stops with
    /// `Stop::Read` when the database fails.
    ///
    /// On a terminal, an empty list is `empty` said on stderr instead of an empty table.
    pub(super) fn stream(
        &self,
        columns: &[output::Column],
        empty: &str,
        read: impl FnOnce(&mut dyn FnMut(&[output::Value]) -> Result<(), Stop>) -> Result<(), Stop>,
    ) -> anyhow::Result<()> {
        let opts = self.table_options();
        let sheet = self.sheet_name();
        let mut page = if self.html() {
            Some(self.list_page(empty)?)
        } else {
            None
        };
        let mut failed = None;
        let mut rows = 0_usize;
        let mut fitted = output::Fitted::default();
        let write = |out: &mut dyn Write| -> io::Result<()> {
            let mut w = if self.xlsx() {
                output::RowWriter::xlsx(out, columns, &sheet)?
            } else if let Some(page) = page.take() {
                output::RowWriter::html(out, columns, page)
            } else {
                output::RowWriter::new(out, self.format, columns, opts)?
            };
            match read(&mut |row| {
                rows += 1;
                w.row(row).map_err(Stop::Write)
            }) {
                // A fitted table has written nothing yet: the words replace it.
                Ok(()) if rows == 0 && self.says_empty() => Ok(()),
                Ok(()) => {
                    fitted = w.finish_fitted()?;
                    Ok(())
                }
                Err(Stop::Write(e)) => Err(e),
                Err(Stop::Read(e)) => {
                    failed = Some(e);
                    Err(io::Error::other("the list stopped"))
                }
            }
        };
        // A workbook is binary, and a page has a header of its own: each written as it is,
        // never after a byte order mark.
        let written = if self.xlsx() || self.html() {
            self.write_plain(write)
        } else {
            self.write_out(write)
        };
        match failed {
            Some(e) => Err(e.into()),
            None => {
                written?;
                if rows == 0 && self.says_empty() {
                    self.note(empty);
                }
                self.tell_left_out(&fitted);
                Ok(())
            }
        }
    }

    /// Writes an Excel workbook of `sheets` (a name and a document each) to stdout or
    /// `--output`, whatever `--format` says. The workbook is built whole before anything is
    /// written, so data that does not fit a sheet leaves no file behind.
    pub(super) fn emit_workbook(&self, sheets: &[(&str, &Doc)]) -> anyhow::Result<()> {
        if self.output.is_none() && io::stdout().is_terminal() {
            return Err(Error::Usage(XLSX_TO_TERMINAL.into()).into());
        }
        let bytes = output::xlsx::workbook(sheets)?;
        self.write_plain(|w| w.write_all(&bytes))
    }

    /// The sheet a list is written to: named after the `--output` file (`projects.xlsx`
    /// makes `projects`), else `spm`.
    pub(super) fn sheet_name(&self) -> String {
        self.output
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "spm".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Writes plain lines of data (a new code, a path) to stdout or `--output`: as text in
    /// every format, and with no byte order mark, since a script reads them.
    pub(super) fn emit_line(&self, line: &str) -> anyhow::Result<()> {
        self.write_plain(|w| writeln!(w, "{line}"))
    }

    /// Writes a command's own document (CSV, Markdown, a reminder, JSON) to stdout or
    /// `--output`, after the byte order mark under csv with `--bom`. Refused under xlsx and
    /// ics: only lists and records (`emit`) become workbooks, and only `review calendar`
    /// writes a calendar (with `write_plain`).
    pub(super) fn write_out(
        &self,
        f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        self.document_format()?;
        if self.bom && self.format == Format::Csv {
            return self.write_plain(|w| {
                w.write_all(BOM)?;
                f(w)
            });
        }
        self.write_plain(f)
    }

    /// Writes bytes as they are to stdout or `--output`.
    pub(super) fn write_plain(
        &self,
        f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        match &self.output {
            None => {
                let stdout = io::stdout();
                let mut out = io::BufWriter::new(stdout.lock());
                f(&mut out)
                    .and_then(|()| out.flush())
                    .context("cannot write the output")?;
            }
            Some(path) => write_file(path, |w| {
                f(w).map_err(|e| Error::write_failed(&path.display().to_string(), &e))
            })?,
        }
        Ok(())
    }
}

/// The person making changes: `SPM_USER` (several coordinators sharing one account can each
/// set it), else the operating-system user as cron and shells report it, else the account
/// that owns this process, else "unknown".
fn actor() -> String {
    ["SPM_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| crate::service::changes::UNKNOWN_ACTOR.to_string())
}

/// The name of the account running this process, from /etc/passwd (Unix only).
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut parts = line.split(':');
        let name = parts.next()?;
        let id = parts.nth(1)?.parse::<u32>().ok()?;
        (id == uid).then(|| name.to_string())
    })
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// Why a streamed list stopped: reading the database, or writing the output.
pub(crate) enum Stop {
    Read(Error),
    Write(io::Error),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Read(e)
    }
}
