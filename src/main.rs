//! Parse the command line, run it, and turn the outcome into an exit code; nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match spm::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
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
