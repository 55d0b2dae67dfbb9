//! Integration tests of spm panel: sessions of the Student Education Panel, their insights,
//! the recommendations raised from them, and the terms without a session.

mod add;
mod edit;
mod gaps;
mod insight;
mod list;
mod publish;
mod remove;
mod show;
mod terms;

use serde_json::Value as Json;

use crate::common::Env;

/// `spm panel add` for 2025/26 with `term`, `on` and a topic, then `extra`.
fn add_args<'a>(term: &'a str, on: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "panel",
        "add",
        "--year",
        "2025/26",
        "--term",
        term,
        "--on",
        on,
        "--topic",
        "Assessment feedback",
    ];
    args.extend_from_slice(extra);
    args
}

/// Records a 2025/26 session and returns its id.
fn session(env: &Env, term: &str, on: &str) -> String {
    let id = env.ok(&add_args(term, on, &[])).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not a session id: {id:?}");
    id
}

/// Adds an insight to `session` and returns its id.
fn insight(env: &Env, session: &str, text: &str) -> String {
    let id = env
        .ok(&["panel", "insight", "add", session, text])
        .trim_end()
        .to_string();
    assert!(id.parse::<u64>().is_ok(), "not an insight id: {id:?}");
    id
}

/// A recommendation raised from `session`, written straight into the database (`spm rec` is
/// another noun's business); returns its id.
fn raise(env: &Env, session: &str, recommendation: &str, status: &str) -> i64 {
    let conn = env.conn();
    conn.execute(
        "INSERT INTO recommendations (session_id, finding, recommendation, addressed_to, status,
            response, raised_on)
         VALUES (?1, 'feedback comes late', ?2, 'Registry', ?3, 'noted', '2025-10-20')",
        rusqlite::params![
            session.parse::<i64>().expect("an id"),
            recommendation,
            status
        ],
    )
    .expect("a recommendation");
    conn.last_insert_rowid()
}

/// `spm --format json panel show ID`, parsed.
fn show(env: &Env, id: &str) -> Json {
    env.show("panel", id)
}

/// The ids `panel list ARGS` shows, in order.
fn list_ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("panel", args)
        .iter()
        .map(|s| s["id"].as_i64().expect("an id"))
        .collect()
}
