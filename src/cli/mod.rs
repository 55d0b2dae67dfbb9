//! The command line: clap types, one file per noun, and the code that turns arguments into
//! service calls and service results into output. Prompts live here and only here.

mod args;
mod completions;
mod db;
mod dev;
mod export;
mod file_import;
mod format;
mod fund;
mod import;
mod init;
mod panel;
mod person;
mod principle;
mod priority;
mod project;
mod prompt;
mod rec;
mod report;
mod review;
mod screen;
mod write;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::db::{Access, Connection};
use crate::error::Error;
use crate::output::{self, Doc, Format};
pub use format::FormatArg;
use format::{chosen_format, writes_calendar};
use write::write_file;

const EXAMPLES: &str = "\
Examples:
  spm init --demo                      create the database with demo projects
  spm project list --status active     what is running now
  spm project add \"Peer support\" --form wider-student-experience \\
      --level partnership              register a project; spm prints its code
  spm principle list                   the principles reviews score against
  spm project list -o projects.xlsx    the file's extension sets the format

Formats (--format, or the --output file's extension):
  table  a table for a person (the default); on a terminal it fits the width:
         codes and dates are never broken, and columns that do not fit are left
         out and named (--wide shows them all)
  csv    for a spreadsheet; text that would run as a formula begins with '
  json   for a script
  md     a Markdown table, for a document
  xlsx   an Excel workbook: numbers, money and dates typed, text as it is; give
         -o FILE.xlsx (it goes to stdout only when that is not a terminal)
  ics    an iCalendar file (only \"review calendar\" writes one)
An -o file ending .csv .json .md .xlsx or .ics is written in that format (any
other name gets a table); a --format that says otherwise is refused. A command
that prints a new code or id prints it as plain text in any format; \"review
calendar\" writes only ics, \"person export\" only json, \"review remind\" no xlsx.

The database is --db PATH, else $SPM_DB, else ~/.local/share/spm/spm.db; it is
made by \"spm init\", or by the first command that writes to it. Run
\"spm <command> --help\" for each command's options and examples.";

/// The heading the options every command takes sit under, once, in every command's help.
const GLOBAL: &str = "Global options";

/// spm, the Student Partnership Manager: register students-as-partners projects, hold them
/// against your partnership principles, and report on them.
#[derive(Debug, Parser)]
#[command(name = "spm", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// The database file [default: $SPM_DB, else ~/.local/share/spm/spm.db]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// How the output is written: table, csv, json, md, xlsx or ics [default: table, or
    /// what --output's extension says; "spm --help" tells each]
    #[arg(
        long,
        global = true,
        value_enum,
        hide_possible_values = true,
        help_heading = GLOBAL
    )]
    pub format: Option<FormatArg>,

    /// With csv output, begin with the UTF-8 byte order mark, so Excel reads accents right
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub bom: bool,

    /// Write the output to FILE (replaced whole, atomically) instead of stdout; its extension
    /// (.csv .json .md .xlsx .ics) sets the format when --format is not given
    #[arg(long, short = 'o', global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub output: Option<PathBuf>,

    /// Say nothing on stderr but errors
    #[arg(long, short = 'q', global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Show every column, as csv does: tables on a terminal leave none out to fit its width,
    /// and lists that keep long text for "show" (a summary, a question) include it
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub wide: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// Why a workbook is not written to a terminal.
const XLSX_TO_TERMINAL: &str = "xlsx is a binary file: give --output FILE.xlsx";

/// The UTF-8 byte order mark, which tells Excel a CSV file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (with the built-in frameworks), optionally with demo data
    #[command(after_help = init::EXAMPLES)]
    Init(init::Args),

    #[command(flatten)]
    Noun(Box<Noun>),

    /// Export the whole database to a workbook or a folder of CSV files, to archive or move it
    ///
    /// Give -o FILE.xlsx for a workbook (one sheet per table, and a manifest sheet _spm), or
    /// -o DIR/ (or --format csv -o DIR) for a folder with one CSV file per table and
    /// _spm.csv. "spm import" restores it exactly.
    #[command(after_help = export::EXAMPLES)]
    Export(export::Args),

    /// Restore an export (a workbook or a folder of CSV files) into a new, empty database
    #[command(after_help = import::EXAMPLES)]
    Import(import::Args),

    /// Tools for developers: fill a database with realistic data for benchmarks
    #[command(subcommand, after_help = dev::EXAMPLES, hide = true)]
    Dev(dev::Command),

    /// Print shell completions for bash, zsh, fish, elvish or powershell
    #[command(after_help = completions::EXAMPLES)]
    Completions(completions::Args),
}

/// The nouns that have verbs beneath them. Their verbs and every verb's arguments (most of the
/// command line) are built only for the noun being run: clap's `defer`, so that start-up does
/// not build and drop a few hundred arguments that it never looks at. Each noun's name, summary
/// and examples are built at once, for `spm --help`. Deferred here and not verb by verb: a
/// deferred verb gets the global options before its own, which would reorder the completion
/// scripts; a noun has no options of its own.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Noun {
    /// Register partnership projects and move them through their life
    #[command(after_help = project::EXAMPLES)]
    Project(Verbs<Box<project::Command>>),

    /// Review projects against the principles, and know when the next reviews are due
    #[command(after_help = review::EXAMPLES)]
    Review(Verbs<review::Command>),

    /// The people who take part: students, staff, external partners, and their rights
    #[command(after_help = person::EXAMPLES)]
    Person(Verbs<Box<person::Command>>),

    /// Frameworks of partnership principles and values, and the one reviews score against
    #[command(after_help = principle::EXAMPLES)]
    Principle(Verbs<principle::Command>),

    /// Recommendations to leadership and what became of them ("you said, we did")
    #[command(after_help = rec::EXAMPLES)]
    Rec(Verbs<rec::Command>),

    /// The Student Education Panel: termly sessions, their insights, and terms without one
    #[command(after_help = panel::EXAMPLES)]
    Panel(Verbs<panel::Command>),

    /// The education-enhancement fund: applications, awards and spend, within the cap
    #[command(after_help = fund::EXAMPLES)]
    Fund(Verbs<fund::Command>),

    /// The Partnership Agreement's priority projects for each year, carried forward deliberately
    #[command(after_help = priority::EXAMPLES)]
    Priority(Verbs<priority::Command>),

    /// Reports for leadership: the year at a glance, principles, reviews, outcomes,
    /// recommendations, funding and participation (person counts rounded to publish)
    #[command(after_help = report::EXAMPLES)]
    Report(Verbs<report::Command>),

    /// The database file: where it is, check it, back it up
    #[command(after_help = db::EXAMPLES)]
    Db(Verbs<db::Command>),
}

impl Noun {
    /// `cmd` (the whole command line) with every noun's verbs added now instead of when the
    /// noun is run: the completion scripts cover every command, and clap copies the tree for
    /// `spm help NOUN VERB` before it would build a deferred noun.
    fn expand(cmd: clap::Command) -> clap::Command {
        fn now<T: Subcommand>(noun: clap::Command) -> clap::Command {
            // The identity replaces the deferred step, which would add the verbs a second time.
            <Verbs<T> as clap::Args>::augment_args(noun.defer(|noun| noun))
        }
        // In place, so the nouns keep their order.
        cmd.mut_subcommands(|sub| match sub.get_name() {
            "project" => now::<Box<project::Command>>(sub),
            "review" => now::<review::Command>(sub),
            "person" => now::<Box<person::Command>>(sub),
            "principle" => now::<principle::Command>(sub),
            "rec" => now::<rec::Command>(sub),
            "panel" => now::<panel::Command>(sub),
            "fund" => now::<fund::Command>(sub),
            "priority" => now::<priority::Command>(sub),
            "report" => now::<report::Command>(sub),
            "db" => now::<db::Command>(sub),
            _ => sub,
        })
    }
}

// A noun's verbs, as `#[command(subcommand)]` on the noun would give them (a verb is required,
// and a noun alone prints its help), in a struct so that `defer` can delay them. No `///`
// here: a doc comment would become every noun's summary when the noun is built.
#[derive(Debug, clap::Args)]
pub struct Verbs<T: Subcommand> {
    #[command(subcommand)]
    verb: T,
}

/// What every handler needs: where the database is and how to write output.
pub struct Ctx {
    db: Option<PathBuf>,
    /// The shape of rows; `Csv` for a workbook too (see `written`).
    format: Format,
    /// What is written: `--format`, else what `--output`'s extension says, else a table.
    /// Under xlsx `emit` writes a workbook, and `write_out` refuses.
    written: FormatArg,
    /// Whether `--format` was given (rather than taken from the extension, or the default).
    format_given: bool,
    /// `--bom` (only ever with csv output).
    bom: bool,
    output: Option<PathBuf>,
    quiet: bool,
    /// `--wide`: lists show every column, and fitted tables leave none out.
    wide: bool,
}

impl Ctx {
    /// The database path: `--db`, else `$SPM_DB` when set and not empty, else the default.
    fn path(&self) -> Result<PathBuf, Error> {
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
    fn make_folder(&self) -> Result<bool, Error> {
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
    fn write(&self) -> anyhow::Result<Connection> {
        let access = Access::Write {
            make_folder: self.make_folder()?,
        };
        let path = self.path()?;
        let opened = crate::service::open(&path, access)?;
        if opened.created {
            self.note(&format!("created a new database at {}", path.display()));
        }
        Ok(opened.conn)
    }

    /// Opens the database for a command that only reads: one that is not there is never
    /// created (a mistyped path must fail loudly, above all under cron, rather than show an
    /// empty list), and one the user cannot write is read all the same.
    fn read(&self) -> anyhow::Result<Connection> {
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
        Ok(crate::service::open(&path, Access::Read)?.conn)
    }

    /// Today's date (honours `SPM_TODAY`).
    fn today(&self) -> anyhow::Result<NaiveDate> {
        Ok(crate::model::today()?)
    }

    /// A message for the person at the terminal, on stderr, unless `--quiet`.
    fn note(&self, message: &str) {
        if !self.quiet {
            // A closed stderr leaves nobody to tell; the command's result stands.
            let _ = writeln!(io::stderr(), "{message}");
        }
    }

    /// Renders a list or record in the chosen format, to stdout or `--output`; a list with
    /// nothing in it, on a terminal, is said in words (see `emit_or`).
    fn emit(&self, doc: &Doc) -> anyhow::Result<()> {
        self.emit_or(doc, screen::NOTHING)
    }

    /// Writes a list under `columns` as its rows are read, in any format (a workbook too,
    /// its sheet kept in a temporary file), so a list of any length costs the memory of a
    /// few rows. `read` hands each row to the function it is given, and stops with
    /// `Stop::Read` when the database fails.
    ///
    /// On a terminal, an empty list is `empty` said on stderr instead of an empty table.
    fn stream(
        &self,
        columns: &[output::Column],
        empty: &str,
        read: impl FnOnce(&mut dyn FnMut(&[output::Value]) -> Result<(), Stop>) -> Result<(), Stop>,
    ) -> anyhow::Result<()> {
        let opts = self.table_options();
        let sheet = self.sheet_name();
        let mut failed = None;
        let mut rows = 0_usize;
        let mut fitted = output::Fitted::default();
        let write = |out: &mut dyn Write| -> io::Result<()> {
            let mut w = if self.xlsx() {
                output::RowWriter::xlsx(out, columns, &sheet)?
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
        // A workbook is binary: written as it is, never after a byte order mark.
        let written = if self.xlsx() {
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
    fn emit_workbook(&self, sheets: &[(&str, &Doc)]) -> anyhow::Result<()> {
        if self.output.is_none() && io::stdout().is_terminal() {
            return Err(Error::Usage(XLSX_TO_TERMINAL.into()).into());
        }
        let bytes = output::xlsx::workbook(sheets)?;
        self.write_plain(|w| w.write_all(&bytes))
    }

    /// The sheet a list is written to: named after the `--output` file (`projects.xlsx`
    /// makes `projects`), else `spm`.
    fn sheet_name(&self) -> String {
        self.output
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "spm".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Writes plain lines of data (a new code, a path) to stdout or `--output`: as text in
    /// every format, and with no byte order mark, since a script reads them.
    fn emit_line(&self, line: &str) -> anyhow::Result<()> {
        self.write_plain(|w| writeln!(w, "{line}"))
    }

    /// Writes a command's own document (CSV, Markdown, a reminder, JSON) to stdout or
    /// `--output`, after the byte order mark under csv with `--bom`. Refused under xlsx and
    /// ics: only lists and records (`emit`) become workbooks, and only `review calendar`
    /// writes a calendar (with `write_plain`).
    fn write_out(&self, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
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
    fn write_plain(&self, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
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

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut ctx = Ctx {
        db: cli.db,
        format: Format::Table,
        written: FormatArg::Table,
        format_given: cli.format.is_some(),
        bom: cli.bom,
        output: cli.output,
        quiet: cli.quiet,
        wide: cli.wide,
    };
    if let Some(out) = &ctx.output {
        // A mistyped -o must never replace the database: refused before anything else.
        crate::db::refuse_database(&ctx.path()?, out)?;
    }
    // Each refused before anything is read or changed.
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
            "--bom is for CSV, to help Excel read it: add --format csv, or leave --bom out".into(),
        )
        .into());
    }
    ctx.written = written;
    ctx.format = written.into();
    let ctx = ctx;
    match cli.command {
        Command::Init(args) => init::run(&ctx, args),
        Command::Noun(noun) => match *noun {
            Noun::Project(v) => project::run(&ctx, *v.verb),
            Noun::Review(v) => review::run(&ctx, v.verb),
            Noun::Person(v) => person::run(&ctx, *v.verb),
            Noun::Principle(v) => principle::run(&ctx, v.verb),
            Noun::Rec(v) => rec::run(&ctx, v.verb),
            Noun::Panel(v) => panel::run(&ctx, v.verb),
            Noun::Fund(v) => fund::run(&ctx, v.verb),
            Noun::Priority(v) => priority::run(&ctx, v.verb),
            Noun::Report(v) => report::run(&ctx, v.verb),
            Noun::Db(v) => db::run(&ctx, v.verb),
        },
        Command::Export(args) => export::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Dev(cmd) => dev::run(&ctx, cmd),
        Command::Completions(args) => completions::run(&ctx, args),
    }
}

/// Not an error: a command asks to end with this exit code and print nothing more (as
/// `review remind --exit-code` does when something is due).
#[derive(Debug)]
pub struct Silent(pub u8);

impl std::fmt::Display for Silent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for Silent {}

/// Whether `err` only carries an exit code, with nothing to print.
pub fn is_silent(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Silent>().is_some()
}

/// A record's change log as rows: scripts get old and new values as data, people a sentence;
/// `created` is the word for the first entry ("created", "recorded").
fn change_rows(format: Format, changes: Vec<crate::model::Change>, created: &str) -> output::Rows {
    let mut log = output::Rows::new(&[
        output::col("at", "When"),
        output::col("actor", "Who"),
        output::col("action", "What"),
        output::col("fields", "Changes"),
    ]);
    for c in changes {
        let what = if format == Format::Json {
            output::Value::Json(c.fields.clone())
        } else if c.action == "insert" {
            let origin = crate::service::changes::origin(&c.fields);
            output::Value::Text(origin.unwrap_or_else(|| created.to_string()))
        } else {
            output::Value::Text(crate::service::changes::describe(&c))
        };
        log.push(vec![
            output::Value::Date(c.at),
            output::Value::Text(c.actor),
            output::Value::Text(c.action),
            what,
        ]);
    }
    log
}

/// The exit code for an error that reached `main`: sysexits, from the library's error kind.
/// A broken pipe (`spm ... | head`) is not a failure: `None` means exit 0 quietly.
pub fn exit_code(err: &anyhow::Error) -> Option<u8> {
    if let Some(Silent(code)) = err.downcast_ref::<Silent>() {
        return Some(*code);
    }
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Error>() {
            return match e {
                Error::OutputClosed => None,
                _ => Some(e.exit_code()),
            };
        }
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            return match e.kind() {
                io::ErrorKind::BrokenPipe => None,
                io::ErrorKind::PermissionDenied => Some(77),
                // Data the output cannot hold (rows past a sheet's last): bad data, not I/O.
                io::ErrorKind::InvalidInput => Some(65),
                _ => Some(74),
            };
        }
    }
    Some(70)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// Every command, at every depth, has a summary and an Examples block in its help.
    #[test]
    fn every_command_has_help_with_examples() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(format!("{name}: no summary"));
                }
                let help = sub
                    .get_after_help()
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                if !help.contains("Examples:") {
                    missing.push(format!("{name}: no Examples block"));
                }
                walk(sub, &name, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Noun::expand(Cli::command()), "spm", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// Start-up builds no noun's verbs until the noun is run; completions get every noun's.
    #[test]
    fn nouns_are_built_when_run_and_whole_for_completions() {
        let nouns = Noun::augment_subcommands(clap::Command::new("nouns"));
        let lazy = Cli::command();
        let whole = Noun::expand(Cli::command());
        for noun in nouns.get_subcommands().map(|n| n.get_name()) {
            let verbs = |cmd: &clap::Command| {
                cmd.find_subcommand(noun)
                    .map_or(0, |n| n.get_subcommands().count())
            };
            assert_eq!(verbs(&lazy), 0, "{noun}'s verbs are built before it is run");
            assert!(verbs(&whole) > 0, "{noun} is missing from Noun::expand");
        }
    }

    /// A deferred noun parses as it did when it was built up front.
    #[test]
    fn a_deferred_noun_parses_its_verb() -> anyhow::Result<()> {
        let cli = Cli::try_parse_from(["spm", "--db", "x.db", "review", "due", "--overdue"])?;
        assert_eq!(cli.db, Some(PathBuf::from("x.db")));
        let Command::Noun(noun) = cli.command else {
            panic!("review due is a noun's verb");
        };
        assert!(matches!(
            *noun,
            Noun::Review(Verbs {
                verb: review::Command::Due(_)
            })
        ));
        let err = Cli::try_parse_from(["spm", "review"]).err();
        assert_eq!(
            err.map(|e| e.kind()),
            Some(clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand)
        );
        Ok(())
    }
}
