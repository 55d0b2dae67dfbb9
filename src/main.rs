//! Parse the command line, run it, and turn the outcome into an exit code; nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

fn main() -> ExitCode {
    let cli = match spm::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout; a mistake goes to stderr.
            let _ = e.print();
            return ExitCode::from(clap_exit_code(&e));
        }
    };
    match spm::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => match spm::cli::exit_code(&err) {
            None => ExitCode::SUCCESS,
            Some(code) => {
                if !spm::cli::is_silent(&err) {
                    let _ = writeln!(std::io::stderr(), "error: {err:#}");
                }
                ExitCode::from(code)
            }
        },
    }
}

/// The exit code for what clap found, as the README's table gives them (sysexits, as every
/// other error): help and version 0; a value that is not one of the allowed ones or does not
/// parse (`--format xml`, an id that is not a number) 65, as when spm itself finds a value
/// invalid; any other mistake in the command line (an unknown command or flag, a missing
/// argument, value or command, a flag given twice) 64, as when spm finds a value missing.
fn clap_exit_code(e: &clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        // clap says "invalid value" for a flag given no value at all (`--db` last): missing.
        ErrorKind::InvalidValue if is_empty(e.get(ContextKind::InvalidValue)) => 64,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => 65,
        _ => 64,
    }
}

/// Whether clap's record of the value given says there was none.
fn is_empty(value: Option<&ContextValue>) -> bool {
    matches!(value, Some(ContextValue::String(v)) if v.is_empty())
}
