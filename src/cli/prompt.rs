//! Asking the person at the terminal, with dialoguer. Only ever called when both stdin and
//! stderr are terminals: in a script every value comes from flags and nothing waits.
//!
//! Longer conversations (the review walk) ask through the [`Ask`] trait, so that unit tests can
//! answer them from a script; [`Terminal`] asks them for real.

use std::io::{IsTerminal, Write, stderr, stdin};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::error::{Error, Result};

/// Whether someone is at the terminal to answer questions.
pub fn interactive() -> bool {
    stdin().is_terminal() && stderr().is_terminal()
}

/// Colour on a terminal, plain text when `NO_COLOR` is set (https://no-color.org).
fn theme() -> Box<dyn Theme> {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        Box::new(SimpleTheme)
    } else {
        Box::new(ColorfulTheme::default())
    }
}

fn failed(e: dialoguer::Error) -> Error {
    Error::Io(format!("cannot read the answer: {e}"))
}

/// Asks for a line of text; `required` refuses a blank answer.
pub fn text(prompt: &str, required: bool, default: Option<&str>) -> Result<String> {
    let theme = theme();
    let mut input = Input::<String>::with_theme(theme.as_ref())
        .with_prompt(prompt)
        .allow_empty(!required);
    if let Some(d) = default {
        input = input.default(d.to_string());
    }
    input.interact_text().map_err(failed)
}

/// Asks to choose one of `names`; returns the index.
pub fn select(prompt: &str, names: &[&str], default: usize) -> Result<usize> {
    Select::with_theme(theme().as_ref())
        .with_prompt(prompt)
        .items(names)
        .default(default)
        .interact()
        .map_err(failed)
}

/// Whether to go ahead with what cannot be undone: yes when `yes` (`--yes`) says so; else
/// `question` is put to the person at the terminal, no by default; with nobody there to ask,
/// refused. `what` names it in the refusal, e.g. "removing review 5".
///
/// Errors: `Usage` ("WHAT needs confirmation: add --yes (there is no terminal to ask on)")
/// without `--yes` or a terminal; `Io` when the answer cannot be read.
pub fn confirm_or_refuse(yes: bool, what: &str, question: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    refuse_unattended(what, None)?;
    yes_no(question, false)
}

/// Refuses `what` when there is nobody at the terminal to confirm it: for a command that
/// refuses before it says or does anything, and asks later or more than once
/// (`priority carry-forward`). `instead` is another way out, offered after `--yes`.
///
/// Errors: `Usage` ("WHAT needs confirmation: add --yes[, or INSTEAD] (there is no terminal
/// to ask on)").
pub fn refuse_unattended(what: &str, instead: Option<&str>) -> Result<()> {
    if interactive() {
        return Ok(());
    }
    let or = instead.map_or_else(String::new, |i| format!(", or {i}"));
    Err(Error::Usage(format!(
        "{what} needs confirmation: add --yes{or} (there is no terminal to ask on)"
    )))
}

/// Asks a yes/no question with the given default.
fn yes_no(prompt: &str, default: bool) -> Result<bool> {
    Confirm::with_theme(theme().as_ref())
        .with_prompt(prompt)
        .default(default)
        .interact()
        .map_err(failed)
}

/// Asks to tick any number of `names` (space ticks, enter ends); returns the indexes ticked.
pub fn multi_select(prompt: &str, names: &[&str]) -> Result<Vec<usize>> {
    MultiSelect::with_theme(theme().as_ref())
        .with_prompt(format!("{prompt} (space to tick, enter when done)"))
        .items(names)
        .interact()
        .map_err(failed)
}

/// The editor named by `$VISUAL`, else `$EDITOR`, when one is set. A value that is not UTF-8
/// counts as unset: dialoguer cannot run it.
fn editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|e| !e.trim().is_empty()))
}

/// Text from the editor with the `#` lines of the template left out; `None` when blank.
fn from_editor(text: &str) -> Option<String> {
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    Some(kept.join("\n").trim().to_string()).filter(|t| !t.is_empty())
}

/// Asks for a longer text: in the editor of `$VISUAL` or `$EDITOR` when one is set, else on
/// one line. Returns `None` when the answer is left blank (or the editor quits unsaved).
/// Errors: `Io` when the answer cannot be read.
pub fn long_text(prompt: &str) -> Result<Option<String>> {
    if let Some(editor) = editor() {
        say(&format!(
            "{prompt}: opening {editor} (save an empty text to skip)"
        ));
        let template = format!(
            "\n\n# {prompt}\n# Lines starting with '#' are left out. Leave the text blank to skip.\n"
        );
        match run_editor(&editor, &template) {
            Ok(text) => return Ok(from_editor(&text)),
            // A mistyped $EDITOR should not lose the answers given so far: ask on one line.
            Err(why) => say(&format!(
                "cannot run the editor {editor:?} ({why}); type the answer on one line"
            )),
        }
    }
    let line = text(&format!("{prompt} (blank to skip)"), false, None)?;
    Ok(Some(line.trim().to_string()).filter(|t| !t.is_empty()))
}

/// Opens `template` in `editor` (a command line, split as a shell would, the file's path
/// added at the end) and returns the text saved. Errors, as words to show: the command names
/// no program (`EDITOR='#'`), cannot be started, or fails.
fn run_editor(editor: &str, template: &str) -> std::result::Result<String, String> {
    let words = shell_words::split(editor).map_err(|e| e.to_string())?;
    let Some((program, args)) = words.split_first() else {
        return Err("it names no program".into());
    };
    let file = tempfile::Builder::new()
        .prefix("spm-answer-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), template).map_err(|e| e.to_string())?;
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("it ended with {status}"));
    }
    std::fs::read_to_string(file.path()).map_err(|e| e.to_string())
}

/// Writes a line for the person on stderr. A closed stderr is ignored: there is nobody to tell.
pub fn say(line: &str) {
    let _ = writeln!(stderr(), "{line}");
}

/// The questions a command can ask; `Terminal` asks them with dialoguer, tests answer from a
/// script.
pub trait Ask {
    /// A line of text; `required` refuses a blank answer; `default` is taken on a bare enter.
    fn text(&mut self, prompt: &str, required: bool, default: Option<&str>) -> Result<String>;
    /// One of `items`; returns its index.
    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> Result<usize>;
    /// Any number of `items` (maybe none); returns their indexes in order.
    fn multi_select(&mut self, prompt: &str, items: &[&str]) -> Result<Vec<usize>>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    /// Long text: an editor when $VISUAL or $EDITOR is set, else one line. None when left blank.
    fn long_text(&mut self, prompt: &str) -> Result<Option<String>>;
    /// A line shown to the person (a principle's statement, the summary), on stderr.
    fn say(&mut self, line: &str);
}

/// Asks `ask` for a line of text and checks it with `parse`, saying what was wrong and asking
/// again until it passes.
pub fn parsed<T>(
    ask: &mut dyn Ask,
    prompt: &str,
    default: Option<&str>,
    parse: impl Fn(&str) -> Result<T>,
) -> Result<T> {
    loop {
        let answer = ask.text(prompt, false, default)?;
        match parse(&answer) {
            Ok(v) => return Ok(v),
            Err(e) => ask.say(&e.to_string()),
        }
    }
}

/// The person at the terminal, asked with dialoguer on stderr.
pub struct Terminal;

impl Ask for Terminal {
    fn text(&mut self, prompt: &str, required: bool, default: Option<&str>) -> Result<String> {
        text(prompt, required, default)
    }

    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> Result<usize> {
        select(prompt, items, default)
    }

    fn multi_select(&mut self, prompt: &str, items: &[&str]) -> Result<Vec<usize>> {
        multi_select(prompt, items)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        yes_no(prompt, default)
    }

    fn long_text(&mut self, prompt: &str) -> Result<Option<String>> {
        long_text(prompt)
    }

    fn say(&mut self, line: &str) {
        say(line)
    }
}

#[cfg(test)]
pub(crate) mod script;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_that_cannot_run_is_an_error_not_a_panic() {
        for editor in ["#", "''", "no-such-editor-spm", "'unclosed", "false"] {
            assert!(run_editor(editor, "text").is_err(), "{editor:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_gets_the_file_and_its_text_comes_back() {
        let editor = r#"sh -c 'printf "Good turnout\n# note\n" >> "$1"' sh"#;
        let text = run_editor(editor, "# What went well\n").expect("the editor runs");
        assert_eq!(text, "# What went well\nGood turnout\n# note\n");
        assert_eq!(from_editor(&text).as_deref(), Some("Good turnout"));
    }

    #[test]
    fn editor_text_loses_the_template() {
        let template = "\n\n# What went well\n# Lines starting with '#' are left out.\n";
        assert_eq!(from_editor(template), None);
        assert_eq!(from_editor(""), None);
        let written = "Good turnout\n\nand # kept mid-line\n# What went well\n#more\n";
        assert_eq!(
            from_editor(written).as_deref(),
            Some("Good turnout\n\nand # kept mid-line")
        );
    }
}
