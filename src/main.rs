//! Parse the command line, run it, and exit with the code `spm::error` chooses; nothing else.

use std::io::Write;
use std::process::ExitCode;

use spm::error::{clap_exit_code, exit_code, is_silent};

fn main() -> ExitCode {
    let cli = match spm::cli::Cli::parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout; a mistake goes to stderr.
            let _ = e.print();
            return ExitCode::from(clap_exit_code(&e));
        }
    };
    match spm::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => match exit_code(&err) {
            None => ExitCode::SUCCESS,
            Some(code) => {
                if !is_silent(&err) {
                    let _ = writeln!(std::io::stderr(), "error: {err:#}");
                }
                ExitCode::from(code)
            }
        },
    }
}
