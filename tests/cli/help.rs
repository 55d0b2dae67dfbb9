//! Every command's help, read through the real binary at every depth: its examples fit 80
//! columns, it names nothing internal, and every example runs on a fresh copy of the demo
//! database and succeeds, so the help cannot drift from what spm does.
//!
//! The shape of an `Examples:` block: each example is a line indented two spaces, beginning
//! `spm` (or `NAME=value spm`); it may go on over lines ending ` \`, indented further. What
//! follows two or more spaces on its last line says what it does, in plain words. The block
//! ends at the first blank line; prose after it may wrap, examples may not.
//!
//! Examples run without a terminal (stdin is /dev/null), so none is skipped: what spm does
//! only on a terminal (asking for each field, asking to be sure) is told in the prose.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use tempfile::TempDir;

use crate::common::TODAY;

const SPM: &str = env!("CARGO_BIN_EXE_spm");

/// The widest terminal clap wraps help to (its default `max_term_width`).
const WIDEST: usize = 100;

/// The narrowest terminal an example must fit on whole.
const NARROW: usize = 80;

/// snake_case names a user really types, so help may name them: the headers of the CSV files
/// "spm project import" and "spm person import" read, which "spm --format csv project list"
/// and "person list" write (checked by `the_names_help_may_use_are_csv_headers`).
const USER_NAMES: &[&str] = &[
    "level_planned",
    "lead_email",
    "created_at",
    "updated_at",
    "consent_given",
    "erased_on",
];

/// Words with a capital inside that are not Rust type names.
const CAPITALISED: &[&str] = &["iCalendar"];

/// One command's help, as printed on the widest terminal and on an 80-column one.
struct Help {
    /// The words after `spm`: `["project", "partner", "add"]`.
    path: Vec<String>,
    wide: String,
    narrow: String,
}

impl Help {
    /// How the command is typed: `spm project partner add`.
    fn name(&self) -> String {
        std::iter::once("spm")
            .chain(self.path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `spm PATH --help`, on a terminal `columns` wide; it must not make a database.
fn help(path: &[String], columns: usize) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("spm.db");
    let out = Command::new(SPM)
        .args(path)
        .arg("--help")
        .env_clear()
        .env("COLUMNS", columns.to_string())
        .env("HOME", dir.path())
        .env("SPM_DB", &db)
        .stdin(Stdio::null())
        .output()
        .expect("spm runs");
    assert!(
        out.status.success(),
        "spm {} --help: {}",
        path.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !db.exists(),
        "spm {} --help made a database",
        path.join(" ")
    );
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The commands a help lists under `Commands:`, but `help` (hidden ones are not listed).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A command's name is indented two spaces; a summary that wraps, further.
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

/// Every command's help, found by walking the `Commands:` blocks from `spm --help` down.
fn helps() -> &'static [Help] {
    static HELPS: OnceLock<Vec<Help>> = OnceLock::new();
    HELPS.get_or_init(|| {
        let mut found = Vec::new();
        let mut todo = std::collections::VecDeque::from([Vec::new()]);
        while let Some(path) = todo.pop_front() {
            let wide = help(&path, WIDEST);
            for name in subcommands(&wide) {
                let mut sub = path.clone();
                sub.push(name);
                todo.push_back(sub);
            }
            let narrow = help(&path, NARROW);
            found.push(Help { path, wide, narrow });
        }
        let names = found.iter().map(Help::name).collect::<Vec<_>>();
        // The walk reaches every depth: a noun, its verbs, and the verbs of a verb's nouns.
        for deep in [
            "spm review due",
            "spm person request close",
            "spm project partner contribution correct",
        ] {
            assert!(
                names.iter().any(|n| n == deep),
                "{deep} not found: {names:?}"
            );
        }
        found
    })
}

/// The lines of a help's `Examples:` block, up to the first blank line.
fn block(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|l| *l != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

/// One example, as the help shows it and as sh is given it.
#[derive(Clone)]
struct Example {
    /// Its lines, as printed.
    shown: String,
    /// The command: its lines joined, without the words saying what it does.
    command: String,
}

impl Example {
    /// Whether it makes the database: "spm init" runs where there is none yet.
    fn makes_database(&self) -> bool {
        self.command.starts_with("spm init")
    }
}

/// The examples of a block, or what is wrong with its shape (see the top of this file).
fn examples(block: &[&str]) -> Result<Vec<Example>, String> {
    let mut found = Vec::new();
    let mut parts: Vec<&str> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for &line in block {
        let indent = line.len() - line.trim_start().len();
        let fits = if parts.is_empty() {
            indent == 2
        } else {
            indent > 2
        };
        if !fits {
            return Err(format!(
                "{line:?} is neither an example (indented two spaces) nor part of the one \
                 before (which would end \" \\\")"
            ));
        }
        shown.push(line);
        let text = line.trim();
        if let Some(head) = text.strip_suffix(" \\") {
            if head.contains("  ") {
                return Err(format!(
                    "{line:?}: what an example does goes after its last line"
                ));
            }
            parts.push(head.trim_end());
            continue;
        }
        let (last, said) = match text.find("  ") {
            Some(at) => (&text[..at], text[at..].trim()),
            None => (text, ""),
        };
        if said.starts_with('(') {
            return Err(format!(
                "{line:?}: say what an example does after two spaces, in plain words, not \
                 in brackets"
            ));
        }
        parts.push(last);
        let command = parts.join(" ");
        let program = command.split_whitespace().find(|word| !is_assignment(word));
        if program != Some("spm") {
            return Err(format!("{command:?} does not run spm"));
        }
        found.push(Example {
            shown: shown.join("\n"),
            command,
        });
        parts.clear();
        shown.clear();
    }
    if !parts.is_empty() {
        return Err(format!("{:?} ends with \\", shown.join("\n")));
    }
    Ok(found)
}

/// Whether a word sets an environment variable for the command: `SPM_DB=x`.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
    })
}

/// No example wraps: each help's Examples block reads the same on an 80-column terminal as on
/// the widest, and no line of it is longer than 80 characters.
#[test]
fn every_example_fits_80_columns() {
    let mut problems = Vec::new();
    for help in helps() {
        let name = help.name();
        let wide = block(&help.wide);
        if wide.is_empty() {
            problems.push(format!("{name} --help has no Examples block"));
            continue;
        }
        let narrow = block(&help.narrow);
        if wide != narrow {
            problems.push(format!(
                "{name} --help: its examples wrap at {NARROW} columns:\n{}",
                narrow.join("\n")
            ));
        }
        for line in &wide {
            let width = line.chars().count();
            if width > NARROW {
                problems.push(format!("{name} --help: {width} characters: {line}"));
            }
        }
        if let Err(e) = examples(&wide) {
            problems.push(format!("{name} --help: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The options every command takes sit under one heading, once, in every command's help;
/// `--format`'s one line is the same everywhere, and only `spm --help` tells each format.
#[test]
fn global_options_sit_under_their_own_heading_once() {
    const GLOBALS: &[&str] = &[
        "--db <PATH>",
        "--format <FORMAT>",
        "--bom",
        "--output <FILE>",
        "--quiet",
        "--wide",
    ];
    for h in helps() {
        let text = &h.wide;
        let name = h.name();
        assert_eq!(
            text.matches("\nGlobal options:\n").count(),
            1,
            "{name}: one Global options heading\n{text}"
        );
        // Its lines run to the next heading (a line that does not begin with a space).
        let globals = text
            .lines()
            .skip_while(|l| *l != "Global options:")
            .skip(1)
            .take_while(|l| l.is_empty() || l.starts_with(' '))
            .collect::<Vec<_>>()
            .join("\n");
        for option in GLOBALS {
            // An option's own line: `      --db <PATH>  ...` or `  -o, --output <FILE>  ...`.
            let lines = text
                .lines()
                .map(str::trim_start)
                .filter(|l| {
                    l.starts_with(option)
                        || (l.get(2..4) == Some(", ") && l[4..].starts_with(option))
                })
                .count();
            assert_eq!(lines, 1, "{name}: {option} once\n{text}");
            assert!(
                globals.contains(option),
                "{name}: {option} under Global options\n{text}"
            );
        }
        let told = text.contains("Formats (--format");
        assert_eq!(
            told,
            h.path.is_empty(),
            "{name}: the formats told only at the top\n{text}"
        );
        assert!(
            !text.contains("Possible values:"),
            "{name}: no long list of values\n{text}"
        );
    }
}

/// The words of a text: runs of letters, digits and underscores.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// A snake_case identifier: lower-case words joined by `_` (`fund_cap_pence`).
fn is_snake(word: &str) -> bool {
    let mut parts = word.split('_');
    let first = parts.next().unwrap_or_default();
    !first.is_empty()
        && first.chars().all(|c| c.is_ascii_lowercase())
        && word.contains('_')
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A word with a capital after a small letter, as Rust type names have (`FormatArg`).
fn is_camel(word: &str) -> bool {
    word.chars()
        .zip(word.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// Help speaks the user's words: no column or table names from the schema, no Rust names.
/// (Tables with one-word names are ordinary words; the others are snake_case.)
#[test]
fn help_names_nothing_internal() {
    let mut problems = Vec::new();
    for help in helps() {
        let name = help.name();
        for word in words(&help.wide) {
            if is_snake(word) && !USER_NAMES.contains(&word) {
                problems.push(format!("{name} --help names {word}"));
            }
            if is_camel(word) && !CAPITALISED.contains(&word) {
                problems.push(format!("{name} --help names {word}"));
            }
        }
        if help.wide.contains("::") {
            problems.push(format!("{name} --help has a Rust path (::)"));
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The snake_case names help may use are headers of the CSV files a user edits to import.
#[test]
fn the_names_help_may_use_are_csv_headers() {
    let env = crate::common::Env::demo();
    let mut headers = Vec::new();
    for noun in ["project", "person"] {
        let text = env.ok(&["--format", "csv", noun, "list"]);
        let first = text.lines().next().unwrap_or_default().to_string();
        headers.extend(first.split(',').map(String::from));
    }
    for name in USER_NAMES {
        assert!(
            headers.iter().any(|h| h == name),
            "{name} is not a CSV header: {headers:?}"
        );
    }
}

/// The demo database every example gets a copy of, and the files examples name.
struct Demo {
    dir: TempDir,
    db: PathBuf,
    /// A home folder, copied whole for each example: its files and folders are the ones the
    /// examples name.
    home: PathBuf,
}

impl Demo {
    /// Runs spm in the home folder on the demo database; it must succeed.
    fn spm(&self, args: &[&str]) -> Output {
        let out = Command::new(SPM)
            .args(args)
            .current_dir(&self.home)
            .env_clear()
            .env("HOME", &self.home)
            .env("SPM_DB", &self.db)
            .env("SPM_TODAY", TODAY)
            .stdin(Stdio::null())
            .output()
            .expect("spm runs");
        assert!(
            out.status.success(),
            "spm {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

/// Projects a coordinator might import: one new to the demo in each row.
const PROJECTS_CSV: &str = "\
title,form,level_planned,department,lead,academic_year,start_date,themes
Peer-assisted study in Statistics,co-creation-within-curriculum,partnership,Statistics,Dr S. Chen,2026/27,2026-10-05,peer learning
A student podcast on belonging,wider-student-experience,involvement,Eden Centre,L. Halls,2026/27,,belonging;student voice
";

/// People a coordinator might import: a student and a member of staff, new to the demo.
const PEOPLE_CSV: &str = "\
name,email,kind,department,level,consent_given
Nadia Rahman,n.rahman@example.ac.uk,student,Law,ug,2026-10-01
Dr H. Lindqvist,h.lindqvist@example.ac.uk,staff,Geography,,
";

/// The demo database, with the files the examples read.
fn demo() -> Demo {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db");
    let home = dir.path().join("home");
    fs::create_dir(&home).expect("the home folder");
    let demo = Demo { dir, db, home };
    demo.spm(&["init", "--demo"]);
    let home = &demo.home;
    let write = |name: &str, text: &str| fs::write(home.join(name), text).expect("a file");
    fs::create_dir(home.join("backups")).expect("a folder");
    fs::write(home.join("logo.png"), crate::common::LOGO_PNG).expect("a logo");
    write("projects.csv", PROJECTS_CSV);
    write("people.csv", PEOPLE_CSV);
    write(
        "insight.txt",
        "Placement students miss the panel: hold one session online.\n",
    );
    demo.spm(&["project", "list", "-o", "projects.xlsx"]);
    demo.spm(&["person", "list", "-o", "people.xlsx"]);
    // A workbook whose sheet is named for a year (spm names a sheet after its file).
    demo.spm(&["project", "list", "--year", "2025/26", "-o", "2025-26.xlsx"]);
    fs::rename(home.join("2025-26.xlsx"), home.join("budget.xlsx")).expect("renamed");
    demo.spm(&["export", "-o", "everything.xlsx"]);
    demo.spm(&["export", "-o", "archive-2026/"]);
    demo.spm(&["export", "-o", "backups/spm-2026-11-23.xlsx"]);
    for folder in [
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".config/fish/completions",
    ] {
        fs::create_dir_all(home.join(folder)).expect("a folder");
    }
    demo
}

/// Copies the folder `from` into `to`, whole.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a folder");
    for entry in fs::read_dir(from).expect("a folder to copy") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// Runs one example with sh, in a home folder of its own holding the files examples name,
/// on a fresh copy of the demo (none for "spm init"). Err says what went wrong.
fn run(demo: &Demo, example: &Example) -> Result<(), String> {
    let home = tempfile::tempdir_in(demo.dir.path()).expect("a temporary folder");
    copy_folder(&demo.home, home.path());
    let db = home.path().join("spm.db");
    if !example.makes_database() {
        fs::copy(&demo.db, &db).expect("a copy of the demo");
    }
    let bin = Path::new(SPM).parent().expect("the binary's folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("a PATH");
    let out = Command::new("sh")
        .arg("-c")
        .arg(&example.command)
        .current_dir(home.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", home.path())
        .env("SPM_DB", &db)
        .env("SPM_TODAY", TODAY)
        .env("USER", "coordinator")
        .env("NO_COLOR", "1")
        // No example should open an editor; should one try, it edits nothing.
        .env("EDITOR", "true")
        .env("VISUAL", "true")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    if out.status.success() {
        return Ok(());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let tail = stdout.lines().rev().take(5).collect::<Vec<_>>();
    Err(format!(
        "exit {}\nstderr: {}\nstdout ends: {}",
        out.status
            .code()
            .map_or_else(|| "by a signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stderr).trim_end(),
        tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
    ))
}

/// Every example in every command's help runs, on a fresh copy of the demo database, and
/// succeeds: it acts on projects, people and records the demo has.
#[test]
fn every_example_runs_on_the_demo() {
    // Each example once, with the helps that show it.
    let mut each: BTreeMap<String, (Example, Vec<String>)> = BTreeMap::new();
    let mut problems = Vec::new();
    for help in helps() {
        match examples(&block(&help.wide)) {
            Ok(found) => {
                for example in found {
                    each.entry(example.command.clone())
                        .or_insert_with(|| (example, Vec::new()))
                        .1
                        .push(help.name());
                }
            }
            Err(e) => problems.push(format!("{} --help: {e}", help.name())),
        }
    }
    assert!(each.len() > 200, "only {} examples found", each.len());
    let demo = &demo();
    let jobs = each.into_values().collect::<Vec<_>>();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((example, names)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(e) = run(demo, example) {
                        let failure = format!(
                            "{} --help, the example\n{}\nfailed: {e}",
                            names.join(", "),
                            example.shown
                        );
                        failures.lock().expect("the failures").push(failure);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("the failures");
    failures.sort();
    problems.extend(failures);
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}
