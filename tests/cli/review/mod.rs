//! `spm review ...`: add, list, show, edit, remove, and the due dates behind due, remind and
//! calendar (the calendar file itself: calendar.rs).

mod add;
mod closing;
mod databases;
mod due;
mod edit;
mod list;
mod remind;
mod remove;
mod show;

use serde_json::Value as Json;

use crate::common::{Env, add_project};

/// Adds an active project `code` that started on `start`, plus `extra` flags.
fn project(env: &Env, code: &str, start: &str, extra: &[&str]) {
    let mut args = vec!["--status", "active", "--start", start];
    args.extend_from_slice(extra);
    add_project(env, code, &args);
}

/// A fresh database holding one active project `x` started on `start`.
fn one_project(start: &str) -> Env {
    let env = Env::fresh();
    project(&env, "x", start, &[]);
    env
}

/// `spm review add PROJECT` and then `extra`.
fn add_args<'a>(project: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["review", "add", project];
    args.extend_from_slice(extra);
    args
}

/// Records a review of `project` with `extra` flags and returns its id.
fn review(env: &Env, project: &str, extra: &[&str]) -> String {
    let id = env.ok(&add_args(project, extra)).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not a review id: {id:?}");
    id
}

/// Records an annual review of `project` held `on`, decision continue, and returns its id.
fn annual(env: &Env, project: &str, on: &str) -> String {
    review(env, project, &["--on", on, "--decision", "continue"])
}

/// `spm --format json review show ID`, parsed.
fn show(env: &Env, id: &str) -> Json {
    env.show("review", id)
}

/// `spm --format json project show CODE`, parsed.
fn show_project(env: &Env, code: &str) -> Json {
    env.show("project", code)
}

/// The ids `review list ARGS` shows, in order.
fn list_ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("review", args)
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}

/// The rows of `spm --format json review due ARGS`.
fn due(env: &Env, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["review", "due"];
    full.extend_from_slice(args);
    env.json_list(&full)
}

/// (project, due date) of each row of `review due ARGS`, in order.
fn due_pairs(env: &Env, args: &[&str]) -> Vec<(String, String)> {
    due(env, args)
        .iter()
        .map(|r| {
            (
                r["project"].as_str().expect("a project").to_string(),
                r["due"].as_str().expect("a due date").to_string(),
            )
        })
        .collect()
}

/// When `code`'s next review is due, looking ten years ahead (None when it is not due).
fn due_of(env: &Env, code: &str) -> Option<String> {
    due_pairs(env, &["--within", "10y"])
        .into_iter()
        .find(|(p, _)| p == code)
        .map(|(_, d)| d)
}

/// How many rows of `table` belong to review `id`.
fn rows_of(env: &Env, table: &str, id: &str) -> i64 {
    env.conn()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE review_id = ?1"),
            [id],
            |r| r.get(0),
        )
        .expect("a count")
}
