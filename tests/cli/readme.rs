//! The README's tour, run as written: every ```` ```console ```` block of README.md, top to
//! bottom, in one temporary folder, so the page cannot drift from what spm does.
//!
//! Run it alone with `cargo test --test cli readme`.
//!
//! How a block is read (```` ```text ````, ```` ```sh ```` and other blocks are not run):
//! - A line beginning `$ ` is a command. A command line ending in `\` goes on to the next
//!   line; the lines go to sh as they are, which joins them. A `# comment` after a command is
//!   sh's comment.
//! - The lines after a command, up to the next `$ ` line or the end of the block, are what it
//!   prints, stdout and stderr merged in the order they were written (as on a terminal).
//! - A command followed directly by another (or by the end of the block) shows no output:
//!   what it prints is not compared, but it must succeed.
//! - Output with a line beginning `error:` means the command must fail (exit non-zero); any
//!   other output, that it succeeds.
//! - `...` on a line of its own stands for any number of lines: the README leaves rows out.
//! - `$ cat FILE` of a file that does not exist yet shows a file the reader brings (a
//!   spreadsheet of their own): the test writes the lines shown to FILE first, so the tour
//!   starts from exactly the file it shows.
//!
//! The tour runs as a newcomer's first session: the folder is both the working directory and
//! `$HOME` (so `spm init` makes `~/.local/share/spm/spm.db` in it, shown as `/home/you`),
//! `$USER` is `you`, no `SPM_*` or `XDG_*` variable is set but `SPM_TODAY` (the tour's day),
//! `$COLUMNS` is unset, and the spm just built comes first on `$PATH`. Change-log timestamps
//! (`2026-11-23T08:17:13Z`) are clock time, so both sides compare them as `[TIMESTAMP]`.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use snapbox::{Assert, IntoData, Redactions};

/// The day the tour takes place on: its due dates, overdue days and consents are as of it.
const TOUR_DAY: &str = "2026-11-23";

/// Where the README shows the reader's home folder.
const SHOWN_HOME: &str = "/home/you";

/// One command of the tour and what the README shows it printing.
#[derive(Debug)]
struct Step {
    /// The README's line number of the command's first line.
    line: usize,
    /// The command as the README shows it (without `$ `), continuation lines and all.
    command: String,
    /// The output shown, each line ending in a newline; `None` when none is shown.
    shown: Option<String>,
}

impl Step {
    fn must_fail(&self) -> bool {
        self.shown
            .as_deref()
            .is_some_and(|out| out.lines().any(|line| line.starts_with("error:")))
    }

    /// The file a `$ cat FILE` step shows, when that is all the command is.
    fn cat_file(&self) -> Option<&str> {
        let file = self.command.strip_prefix("cat ")?.trim();
        (!file.is_empty() && !file.contains(char::is_whitespace)).then_some(file)
    }
}

/// The commands of the README's console blocks, in order.
fn steps(readme: &str) -> Vec<Step> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut steps: Vec<Step> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    let mut in_console = false;
    // Whether a command of this block is taking its output lines.
    let mut open = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        i += 1;
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if line.starts_with("```") {
            in_console = false;
            open = false;
            close(&mut steps, &mut shown);
            continue;
        }
        if let Some(first) = line.strip_prefix("$ ") {
            close(&mut steps, &mut shown);
            let mut command = first.to_string();
            while command.ends_with('\\') {
                let Some(next) = lines.get(i) else {
                    panic!("README.md line {number}: the command goes on past the end of the file")
                };
                command.push('\n');
                command.push_str(next);
                i += 1;
            }
            steps.push(Step {
                line: number,
                command,
                shown: None,
            });
            open = true;
            continue;
        }
        assert!(
            open,
            "README.md line {number}: a console block shows output before any `$ ` command"
        );
        shown.push(line);
    }
    assert!(!in_console, "README.md: a console block is never closed");
    steps
}

/// Gives the last step the output lines gathered since its command.
fn close(steps: &mut [Step], shown: &mut Vec<&str>) {
    if let Some(step) = steps.last_mut()
        && step.shown.is_none()
        && !shown.is_empty()
    {
        step.shown = Some(shown.iter().map(|l| format!("{l}\n")).collect());
    }
    shown.clear();
}

/// `$PATH` with the folder of the spm under test first.
fn path_with_spm() -> OsString {
    let spm = Path::new(env!("CARGO_BIN_EXE_spm"));
    let folder = spm.parent().expect("the spm binary's folder");
    let mut dirs = vec![folder.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("a PATH")
}

/// Runs one command in sh, in the tour's folder, stdout and stderr merged in order.
fn run(home: &Path, path: &OsString, command: &str) -> Output {
    let mut sh = Command::new("sh");
    sh.arg("-c")
        // On a line of its own, so a `# comment` ending the command cannot swallow it.
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(home)
        .stdin(Stdio::null())
        .env("HOME", home)
        .env("USER", "you")
        .env("PATH", path)
        .env_remove("COLUMNS")
        .env_remove("LINES");
    for (key, _) in std::env::vars_os() {
        let key_text = key.to_string_lossy();
        if key_text.starts_with("SPM_") || key_text.starts_with("XDG_") {
            sh.env_remove(&key);
        }
    }
    sh.env("SPM_TODAY", TOUR_DAY);
    sh.output().expect("sh runs")
}

/// What is compared as clock time on both sides.
fn redactions() -> Redactions {
    let mut redactions = Redactions::new();
    let timestamp = regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\b")
        .expect("the timestamp pattern");
    redactions
        .insert("[TIMESTAMP]", timestamp)
        .expect("the timestamp redaction");
    redactions
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "the tour shows Linux's data folder, ~/.local/share/spm"
)]
fn the_readme_tour_runs_as_written() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md");
    let steps = steps(&readme);
    assert!(
        steps.len() > 20,
        "README.md has {} console commands; is the tour still in console blocks?",
        steps.len()
    );

    let home = tempfile::tempdir().expect("a temporary folder");
    let home_text = home.path().to_string_lossy().into_owned();
    let path = path_with_spm();
    let redactions = redactions();
    let assert = Assert::new()
        .redact_with(redactions.clone())
        .normalize_paths(false)
        .palette(snapbox::report::Palette::plain());

    let mut failures = Vec::new();
    for step in &steps {
        if let (Some(file), Some(content)) = (step.cat_file(), step.shown.as_deref()) {
            let fixture = home.path().join(file);
            if !fixture.exists() {
                std::fs::write(&fixture, content).expect("the file the README shows");
            }
        }
        let out = run(home.path(), &path, &step.command);
        let printed = String::from_utf8_lossy(&out.stdout).replace(&home_text, SHOWN_HOME);
        let where_ = format!("README.md line {}: $ {}", step.line, step.command);
        if out.status.success() == step.must_fail() {
            let wanted = if step.must_fail() { "fail" } else { "succeed" };
            failures.push(format!(
                "{where_}\nshould {wanted}, but exited with {}; it printed:\n{printed}",
                out.status
            ));
            continue;
        }
        let Some(shown) = step.shown.as_deref() else {
            continue;
        };
        let expected = redactions.redact(shown);
        if let Err(diff) = assert.try_eq(Some(&"spm"), printed.into_data(), expected.into_data()) {
            failures.push(format!("{where_}\n{diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} README commands do not run as written:\n\n{}",
        failures.len(),
        steps.len(),
        failures.join("\n\n")
    );
}

#[test]
fn console_blocks_are_read_as_a_shell_session() {
    let page = "intro\n```sh\n$ not run\n```\n```console\n$ spm a \\\n      --b c  # note\nout 1\n\nout 2\n$ spm d\n$ cat f.csv\nx;y\n```\n";
    let steps = steps(page);
    let seen: Vec<(usize, &str, Option<&str>)> = steps
        .iter()
        .map(|s| (s.line, s.command.as_str(), s.shown.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (6, "spm a \\\n      --b c  # note", Some("out 1\n\nout 2\n")),
            (11, "spm d", None),
            (12, "cat f.csv", Some("x;y\n")),
        ]
    );
    assert_eq!(steps[2].cat_file(), Some("f.csv"));
    assert!(!steps[0].must_fail());
    let failing = Step {
        line: 1,
        command: "spm x".into(),
        shown: Some("warning: w\nerror: e\n".into()),
    };
    assert!(failing.must_fail());
}
