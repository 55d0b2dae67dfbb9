//! `spm project partner ...`: add, list, end, remove and log, and the partners, hours and
//! payments that `project show` and `person show` report.

mod add;
mod end;
mod list;
mod log;
mod remove;
mod show;
mod skills;

use serde_json::Value as Json;

use crate::common::{Env, add_person, add_project, student};

/// The project most tests use.
const P: &str = "peer";

/// A fresh database with three projects, `peer` (2025/26, the one most tests use), `lists`
/// (2025/26) and `welcome` (2024/25), and four people: Dr A. Khan (#1, staff), Ola Stu (#2, a
/// student who consented on 2025-09-01), Nia Obi (#3, a student with no consent on record) and
/// Ext Partner (#4, external).
fn people() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "peer",
        &[
            "--year",
            "2025/26",
            "--status",
            "active",
            "--start",
            "2025-09-01",
        ],
    );
    add_project(&env, "lists", &["--year", "2025/26"]);
    add_project(&env, "welcome", &["--year", "2024/25"]);
    assert_eq!(add_person(&env, "Dr A. Khan", "staff", &[]), "1");
    assert_eq!(student(&env, "Ola Stu", "ola@example.ac.uk"), "2");
    assert_eq!(
        add_person(
            &env,
            "Nia Obi",
            "student",
            &["--email", "nia@example.ac.uk"]
        ),
        "3"
    );
    assert_eq!(
        add_person(
            &env,
            "Ext Partner",
            "external",
            &["--email", "ext@charity.example"]
        ),
        "4"
    );
    env
}

/// `spm project partner VERB` and then `rest`.
fn partner_args<'a>(verb: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "partner", verb];
    args.extend_from_slice(rest);
    args
}

/// `spm project partner add PROJECT WHO --role ROLE` and then `extra`.
fn add_args<'a>(project: &'a str, who: &'a str, role: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = partner_args("add", &[project, who, "--role", role]);
    args.extend_from_slice(extra);
    args
}

/// Adds `who` to `project` in `role` with `extra` flags; returns stderr.
fn join(env: &Env, project: &str, who: &str, role: &str, extra: &[&str]) -> String {
    let out = env.run_ok(&add_args(project, who, role, extra));
    assert!(
        out.stdout.is_empty(),
        "partner add prints nothing on stdout"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The rows of `spm --format json project partner list CODE`.
fn list(env: &Env, code: &str) -> Vec<Json> {
    env.json_list(&partner_args("list", &[code]))
}

/// The row of `person_id` in `role` on project `code`.
fn row(env: &Env, code: &str, person_id: i64, role: &str) -> Json {
    list(env, code)
        .into_iter()
        .find(|r| r["person_id"] == person_id && r["role"] == role)
        .unwrap_or_else(|| panic!("no row for #{person_id} as {role} on {code}"))
}

/// (person id, role) of each row of `project partner list CODE`, in order.
fn roles(env: &Env, code: &str) -> Vec<(i64, String)> {
    list(env, code)
        .iter()
        .map(|r| {
            (
                r["person_id"].as_i64().unwrap(),
                r["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// How many contributions the database holds.
fn contributions(env: &Env) -> i64 {
    env.conn()
        .query_row("SELECT count(*) FROM contributions", [], |r| r.get(0))
        .expect("a count")
}
