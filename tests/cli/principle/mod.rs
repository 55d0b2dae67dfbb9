//! `spm principle ...`: the built-in frameworks, listing, showing, adding, retiring, adopting.

mod add;
mod adopt;
mod frameworks;
mod list;
mod retire;
mod show;
mod wording;

use serde_json::Value;

use crate::common::Env;

/// One principle of a JSON list, by code.
fn find<'a>(list: &'a [Value], code: &str) -> &'a Value {
    list.iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("{code} is not in {list:?}"))
}

/// The change-log rows for principles: (entity_id, action, fields).
fn principle_changes(env: &Env) -> Vec<(i64, String, String, String)> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT entity_id, action, actor, fields FROM changes
             WHERE entity = 'principle' ORDER BY id",
        )
        .expect("a select");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("the changes")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("the changes")
}

fn principle_id(env: &Env, code: &str) -> i64 {
    env.conn()
        .query_row("SELECT id FROM principles WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .expect("the principle's id")
}

const LSE_SOURCE: &str = "London School of Economics and Political Science (Eden Centre), Student Partnership (Engaging Students as Partners), 2022-23";

const SPA_SOURCE: &str = "London Metropolitan University and its Students' Union, Student Partnership Agreement, 2020-21";

const CP9: &str = "Build in regular opportunities for review and reflection. Be open to making mistakes, learning from experiences, and doing things differently in the future (both during and after a partnership activity/engagement).";

const SPA_CODES: [&str; 16] = [
    "SPA1", "SPA1.1", "SPA1.2", "SPA1.3", "SPA2", "SPA2.1", "SPA2.2", "SPA3", "SPA3.1", "SPA3.2",
    "SPA4", "SPA4.1", "SPA4.2", "SPA5", "SPA5.1", "SPA5.2",
];

fn cp_codes() -> Vec<String> {
    (1..=10).map(|i| format!("CP{i}")).collect()
}

/// `spm principle add CODE TITLE` and then `extra`.
fn add_args<'a>(code: &'a str, title: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["principle", "add", code, title];
    args.extend_from_slice(extra);
    args
}

/// A database with a framework of the institution's own, `ours`, holding value OWN1.
fn with_own_framework() -> Env {
    let env = Env::fresh();
    env.ok(&add_args(
        "OWN1",
        "Students lead",
        &["--framework", "ours", "--framework-name", "Our values"],
    ));
    env
}
