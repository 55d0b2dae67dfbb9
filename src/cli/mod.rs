//! The command line: clap types, and the code that turns arguments into service calls and
//! service results into output. Prompts live here and only here.
//!
//! Where a command's code lives, the same rule for every noun:
//!
//! - A noun is a folder, `cli/<noun>/mod.rs`: the clap enum of its verbs (each verb's summary
//!   is its `///` line there), the dispatch (`run`), the noun's `EXAMPLES`, and below them the
//!   few pieces that two or more of its verbs share (the columns `list` and `show` both use,
//!   say). A piece only one verb uses stays in that verb's file.
//! - A verb is one file, `cli/<noun>/<verb>.rs`, small verbs too: its `EXAMPLES` (the help
//!   after its options), its clap `Args` and its `run(ctx, args)`. `spm rec board` is
//!   `cli/rec/board.rs`; a verb of two words is one file name (`carry_forward.rs`).
//! - A sub-noun is a folder inside its noun, by the same rule: `cli/project/partner/`,
//!   `cli/project/partner/contribution/`, `cli/person/request/`, `cli/panel/insight/`.
//! - A top-level command is one file by the same rule: `init.rs`, `export.rs`, `restore.rs`,
//!   `publish.rs`, `completions.rs`. The hidden `spm dev` is a noun (`dev/`).
//! - A folder that is a helper, not a verb, says so in its first line: `review/interactive/`
//!   (the walk of `review add` at a terminal).
//!
//! Shared by every command, in modules named for what they do: `ctx.rs` (the context every
//! `run` is handed, and writing output), `args.rs` (parsing flag values), `format.rs` (the
//! output formats), `screen.rs` (tables at a terminal), `page.rs` (pages: the look, a page's
//! title), `prompt.rs` (asking the person at
//! the terminal), `write.rs` (the one atomic file writer), `changes.rs` (a record's change
//! log, for `show`) and `file_import.rs` (what `project import` and `person import` share).
//!
//! This file holds the clap tree (the global options, the top-level commands, the nouns) and
//! the dispatch, nothing else. Exit codes are chosen in `crate::error`.

mod args;
mod changes;
mod completions;
mod ctx;
mod db;
mod dev;
mod export;
mod file_import;
mod format;
mod fund;
mod init;
mod page;
mod panel;
mod person;
mod principle;
mod priority;
mod project;
mod prompt;
mod publish;
mod rec;
mod remind;
mod report;
mod restore;
mod review;
mod screen;
mod settings;
mod write;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use ctx::Ctx;
pub use format::FormatArg;

const EXAMPLES: &str = "\
Examples:
  spm init --demo                      create the database with demo projects
  spm project list --status active     what is running now
  spm project add \"Peer support\" --form wider-student-experience \\
      --level partnership              register a project; spm prints its code
  spm principle list                   the principles reviews score against
  spm project list -o projects.xlsx    the file's extension sets the format
  spm remind                           everything due, for a person or for cron

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
  html   a web page, one self-contained file; reports come with charts
An -o file ending .csv .json .md .xlsx .ics or .html is written in that format (any
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

    /// How the output is written: table, csv, json, md, xlsx, ics or html [default: table, or
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
    /// (.csv .json .md .xlsx .ics .html) sets the format when --format is not given
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

    // The words naming the command (`["project", "list"]`), set by `parse`: a page's title.
    #[arg(skip)]
    pub words: Vec<String>,
}

impl Cli {
    /// Parses the command line as `Cli::try_parse` does, keeping the words that name the
    /// command run.
    ///
    /// Errors: clap's, for help, the version and every mistake in the command line.
    pub fn parse_args() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let mut matches = Cli::command().try_get_matches()?;
        let mut words = Vec::new();
        let mut at = &matches;
        while let Some((name, sub)) = at.subcommand() {
            words.push(name.to_string());
            at = sub;
        }
        let mut cli =
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()))?;
        cli.words = words;
        Ok(cli)
    }
}

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
    /// _spm.csv. "spm restore" restores it exactly.
    #[command(after_help = export::EXAMPLES)]
    Export(export::Args),

    /// Restore an export (a workbook or a folder of CSV files) into a new, empty database
    // "import" was its name; kept hidden, so old scripts run while help shows one word.
    #[command(after_help = restore::EXAMPLES, alias = "import")]
    Restore(restore::Args),

    /// Publish the public web pages: you said, we did, the gallery, the panel, the priorities
    ///
    /// Writes a folder of self-contained web pages (-o DIR) from what was approved for the
    /// public: upload it to the university's web pages, or open index.html from disk.
    #[command(after_help = publish::EXAMPLES)]
    Publish(publish::Args),

    /// Remind everyone of what is due: reviews, recommendations, data-protection requests,
    /// consent, impact checks and the panel; silent when nothing is (for cron)
    #[command(after_help = remind::EXAMPLES)]
    Remind(remind::Args),

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

    /// How the pages spm writes look, and how reminders are mailed
    #[command(after_help = settings::EXAMPLES)]
    Settings(Verbs<settings::Command>),
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
            "settings" => now::<settings::Command>(sub),
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

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Ctx::new(&cli)?;
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
            Noun::Settings(v) => settings::run(&ctx, v.verb),
        },
        Command::Export(args) => export::run(&ctx, args),
        Command::Restore(args) => restore::run(&ctx, args),
        Command::Publish(args) => publish::run(&ctx, args),
        Command::Remind(args) => remind::run(&ctx, args),
        Command::Dev(cmd) => dev::run(&ctx, cmd),
        Command::Completions(args) => completions::run(&ctx, args),
    }
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
