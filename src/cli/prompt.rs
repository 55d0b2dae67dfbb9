//! Asking the person at the terminal, with dialoguer. Only ever called when both stdin and
//! stderr are terminals: in a script every value comes from flags and nothing waits.

use std::io::{IsTerminal, stderr, stdin};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};

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

/// Asks for a line of text and checks it with `parse`, asking again until it passes.
pub fn parsed<T>(
    prompt: &str,
    default: Option<&str>,
    parse: impl Fn(&str) -> Result<T>,
) -> Result<T> {
    loop {
        let answer = text(prompt, false, default)?;
        match parse(&answer) {
            Ok(v) => return Ok(v),
            Err(e) => eprintln!("{e}"),
        }
    }
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

/// Asks a yes/no question; no by default.
pub fn confirm(prompt: &str) -> Result<bool> {
    Confirm::with_theme(theme().as_ref())
        .with_prompt(prompt)
        .default(false)
        .interact()
        .map_err(failed)
}
