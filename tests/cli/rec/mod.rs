//! `spm rec ...`: add, update, communicated, list, show, the "you said, we did" board, and
//! publish and unpublish, and impact.

mod add;
mod board;
mod communicated;
mod impact;
mod list;
mod publish;
mod update;

use serde_json::Value as Json;

use crate::common::Env;

/// A fresh database with project `lib`, Dr A. Khan (staff) and panel session 1, held on
/// 2025-11-10.
fn setup() -> Env {
    let env = Env::fresh();
    env.ok(&[
        "project",
        "add",
        "Library opening hours",
        "--form",
        "wider-student-experience",
        "--level",
        "partnership",
        "--code",
        "lib",
    ]);
    env.ok(&["person", "add", "Dr A. Khan", "--kind", "staff"]);
    env.conn()
        .execute(
            "INSERT INTO panel_sessions (academic_year, term, on_date, topic)
             VALUES ('2025/26', 'autumn', '2025-11-10', 'Assessment feedback')",
            [],
        )
        .expect("a panel session");
    env
}

/// `spm rec add` with a finding, recommendation and addressee, then `extra`.
fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "rec",
        "add",
        "--finding",
        "the library closes too early",
        "--recommendation",
        "open until midnight in exams",
        "--to",
        "Library Services",
    ];
    args.extend_from_slice(extra);
    args
}

/// Records a recommendation with `extra` flags and returns its id.
fn add(env: &Env, extra: &[&str]) -> String {
    let id = env.ok(&add_args(extra)).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not an id: {id:?}");
    id
}

/// `spm rec update ID --status S --on DATE`, then `extra`.
fn set(env: &Env, id: &str, status: &str, on: &str, extra: &[&str]) {
    let mut args = vec!["rec", "update", id, "--status", status, "--on", on];
    args.extend_from_slice(extra);
    env.ok(&args);
}

fn show(env: &Env, id: &str) -> Json {
    env.show("rec", id)
}

/// The status history of `id` as (on, status, response) triples.
fn history(env: &Env, id: &str) -> Vec<(String, String, Option<String>)> {
    show(env, id)["history"]
        .as_array()
        .expect("a history")
        .iter()
        .map(|h| {
            (
                h["on"].as_str().expect("a day").to_string(),
                h["status"].as_str().expect("a status").to_string(),
                h["response"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// How many change-log entries recommendation `id` has, of `action`.
fn logged(env: &Env, id: &str, action: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE entity = 'recommendation' AND entity_id = ?1
             AND action = ?2",
            rusqlite::params![id, action],
            |r| r.get(0),
        )
        .expect("a count")
}

#[test]
fn every_rec_command_has_examples_in_its_help() {
    let env = Env::new();
    for cmd in [
        "add",
        "update",
        "communicated",
        "impact",
        "list",
        "show",
        "board",
        "publish",
        "unpublish",
    ] {
        let help = env.ok(&["rec", cmd, "--help"]);
        assert!(
            help.contains("Examples:\n  spm "),
            "spm rec {cmd} --help: {help}"
        );
    }
}
