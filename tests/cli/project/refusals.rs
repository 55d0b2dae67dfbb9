//! Refusals every `spm project` verb shares: missing input, an unknown code, unknown flags.

use super::status_args;
use crate::common::project_add_args as add_args;
use crate::common::{Env, FORM, LEVEL};

#[test]
fn missing_input_is_a_usage_error() {
    let env = Env::demo();
    for (args, message) in [
        (
            vec!["project", "add", "X", "--level", LEVEL],
            "--form is required; one of: co-creation-of-curriculum",
        ),
        (
            vec!["project", "add", "X", "--form", FORM],
            "--level is required; one of: consultation",
        ),
        // With no title and no terminal to ask for one.
        (
            vec!["project", "add", "--form", FORM, "--level", LEVEL],
            "a title is needed, and there is no terminal to ask for it",
        ),
        (
            vec!["project", "edit", "mh-peer-2025"],
            "nothing to change: give at least one field",
        ),
        // With no --yes and no terminal to confirm on.
        (
            vec!["project", "remove", "mh-peer-2025"],
            "removing project mh-peer-2025 needs confirmation: add --yes",
        ),
    ] {
        env.refused(&args, 64, message);
    }
}

#[test]
fn an_unknown_code_exits_66() {
    let env = Env::demo();
    for (args, message) in [
        (
            vec!["project", "show", "nope-2025"],
            r#"no project with code "nope-2025"; run "spm project list" to see the codes"#,
        ),
        (
            vec!["project", "edit", "nope", "--title", "X"],
            r#"no project with code "nope""#,
        ),
        (
            vec!["project", "status", "nope", "active"],
            r#"no project with code "nope""#,
        ),
        (
            vec!["project", "rm", "nope", "--yes"],
            r#"no project with code "nope""#,
        ),
    ] {
        env.refused(&args, 66, message);
    }
}

#[test]
fn unknown_flags_and_missing_arguments_are_clap_errors() {
    let env = Env::demo();
    for (args, message) in [
        (add_args("X", &["--bogus"]), "unexpected argument '--bogus'"),
        (
            vec!["project", "list", "--colour"],
            "unexpected argument '--colour'",
        ),
        (
            vec!["--format", "xml", "project", "list"],
            "invalid value 'xml'",
        ),
        (vec!["project", "show"], "<CODE>"),
        (
            vec!["project", "edit", "mh-peer-2025", "--status", "active"],
            "unexpected argument '--status'",
        ),
        (vec!["project", "status", "mh-peer-2025"], "<STATUS>"),
        (
            status_args("mh-peer-2025", &["paused", "--when", "2026-01-01"]),
            "unexpected argument '--when'",
        ),
    ] {
        env.clap_fails(&args, message);
    }
}
