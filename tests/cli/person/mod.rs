//! `spm person ...`: add, list, show, edit, the `<person>` argument everywhere, project leads as
//! people (and their migration from free text), and the data-protection rights: export,
//! forget, requests, retention and self-declared characteristics.

mod add;
mod characteristic;
mod cleanup;
mod edit;
mod erasure;
mod export;
mod forget;
mod import;
mod lead;
mod list;
mod lookup;
mod request;
mod retention;
mod show;

use std::path::Path;

use serde_json::Value as Json;

use crate::common::{Env, TODAY, add_person, add_project, json, student};

/// How many people the database holds.
fn env_count(env: &Env) -> usize {
    env.list("person", &[]).len()
}

/// The JSON keys of a person in `person list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "name",
    "email",
    "kind",
    "department",
    "level",
    "consent_given",
    "consent_expires",
    "consent_withdrawn",
    "erased_on",
];

/// The names `person list ARGS` shows, in order.
fn names(env: &Env, args: &[&str]) -> Vec<String> {
    env.list("person", args)
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect()
}

/// `spm --format json person export KEY`, parsed.
fn export(env: &Env, key: &str) -> Json {
    json(&env.ok(&["person", "export", key]))
}

/// The rows of `spm --format json project partner list CODE`.
fn partners(env: &Env, code: &str) -> Vec<Json> {
    env.json_list(&["project", "partner", "list", code])
}

/// The rows of `spm --format json person request list ARGS`.
fn requests(env: &Env, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["person", "request", "list"];
    full.extend_from_slice(args);
    env.json_list(&full)
}

/// The rows of `spm --format json person retention ARGS`, and its stderr.
fn retention(env: &Env, args: &[&str]) -> (Vec<Json>, String) {
    let mut full = vec!["--format", "json", "person", "retention"];
    full.extend_from_slice(args);
    let out = env.run_ok(&full);
    let rows = match json(&String::from_utf8_lossy(&out.stdout)) {
        Json::Array(rows) => rows,
        other => panic!("expected a JSON list, got {other}"),
    };
    (rows, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The names in rows that have a `name`.
fn names_of(rows: &[Json]) -> Vec<String> {
    rows.iter()
        .map(|r| r["name"].as_str().expect("a name").to_string())
        .collect()
}

/// The lead project `code` shows.
fn lead_of(env: &Env, code: &str) -> Json {
    env.show("project", code)["lead"].clone()
}

/// Whether `haystack` holds `needle`, whatever the case of either (ASCII).
fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase().into_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(&needle))
}

/// The bytes of the database file and of its `-wal` file when there is one, with their names.
fn files_of(db: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        db.display().to_string(),
        std::fs::read(db).expect("the database file"),
    )];
    let wal = db.with_file_name(format!(
        "{}-wal",
        db.file_name().expect("a file name").to_string_lossy()
    ));
    if wal.exists() {
        out.push((
            wal.display().to_string(),
            std::fs::read(&wal).expect("the -wal file"),
        ));
    }
    out
}

/// A fresh database with one student, Amira Hassan (#1), with every field set.
fn amira() -> Env {
    let env = Env::fresh();
    add_person(
        &env,
        "Amira Hassan",
        "student",
        &[
            "--email",
            "a.hassan@example.ac.uk",
            "--dept",
            "Economics",
            "--level",
            "ug",
            "--consent",
            "2025-10-01",
            "--consent-expires",
            "2026-12-10",
            "--notes",
            "prefers email",
        ],
    );
    env
}

/// A fresh database with two members of staff: Dr A. Khan (#1), who leads projects `a` and
/// `b`, and Prof. J. Osei (#2, j.osei@example.ac.uk), who leads nothing.
fn leads() -> Env {
    let env = Env::fresh();
    add_project(&env, "a", &["--lead", "Dr A. Khan"]);
    add_project(&env, "b", &["--lead", "Dr A. Khan"]);
    add_person(
        &env,
        "Prof. J. Osei",
        "staff",
        &["--email", "j.osei@example.ac.uk"],
    );
    env
}

/// Amira (#1) on project x as a student partner with two contributions, a characteristic,
/// and a request; plus another person who must not appear in her export.
fn amira_with_everything() -> Env {
    let env = amira();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "student-partner",
        "--from",
        "2025-10-01",
    ]);
    env.ok(&["project", "partner", "add", "x", "2", "--role", "intern"]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "x",
        "1",
        "--hours",
        "6",
        "--paid",
        "90",
        "--on",
        "2026-11-01",
        "--recognition",
        "payment",
        "--note",
        "workshop",
    ]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "x",
        "1",
        "--recognition",
        "certificate",
        "--on",
        "2026-11-02",
    ]);
    env.ok(&[
        "project", "partner", "log", "x", "2", "--hours", "3", "--on", TODAY,
    ]);
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-20",
        "--note",
        "by email",
    ]);
    env
}

/// A fresh database with one active project, `peer`, that started on 2025-09-01.
fn peer() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "peer",
        &["--status", "active", "--start", "2025-09-01"],
    );
    env
}

/// A database with people whose involvement ended long ago and recently:
/// #1 "Dr Old Lead" led `old-2019` (completed 2019-06-30); #2 "Old Student" left it on
/// 2019-06-30; #3 "Older Student" on 2019-03-31; #4 "Ancient Student" left `old-2015` on
/// 2015-06-30 (with no end date of their own, so the project's counts); #5 "Recent Student"
/// left `recent-2025` on 2025-06-30; #6 "Current Student" left `old-2019` in 2019 but is still
/// on the `active` project.
fn retention_env() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "old-2019",
        &[
            "--status",
            "completed",
            "--year",
            "2018/19",
            "--start",
            "2018-10-01",
            "--end",
            "2019-06-30",
            "--lead",
            "Dr Old Lead",
        ],
    );
    add_project(
        &env,
        "old-2015",
        &[
            "--status",
            "completed",
            "--year",
            "2014/15",
            "--start",
            "2014-10-01",
            "--end",
            "2015-06-30",
        ],
    );
    add_project(
        &env,
        "recent-2025",
        &[
            "--status",
            "completed",
            "--year",
            "2024/25",
            "--start",
            "2024-10-01",
            "--end",
            "2025-06-30",
        ],
    );
    add_project(
        &env,
        "active",
        &["--status", "active", "--start", "2025-10-01"],
    );
    let join = |code: &str, who: &str, from: &str, to: Option<&str>| {
        let mut args = vec![
            "project",
            "partner",
            "add",
            code,
            who,
            "--role",
            "student-partner",
            "--from",
            from,
        ];
        if let Some(to) = to {
            args.extend(["--to", to]);
        }
        env.ok(&args);
    };
    student(&env, "Old Student", "old@example.ac.uk");
    join("old-2019", "2", "2018-10-01", Some("2019-06-30"));
    student(&env, "Older Student", "older@example.ac.uk");
    join("old-2019", "3", "2018-10-01", Some("2019-03-31"));
    student(&env, "Ancient Student", "ancient@example.ac.uk");
    join("old-2015", "4", "2014-10-01", None);
    student(&env, "Recent Student", "recent@example.ac.uk");
    join("recent-2025", "5", "2024-10-01", Some("2025-06-30"));
    student(&env, "Current Student", "current@example.ac.uk");
    join("old-2019", "6", "2018-10-01", Some("2019-06-30"));
    join("active", "6", "2025-10-01", None);
    env
}

/// The characteristics `person export` shows for `key`, as (category, value).
fn characteristics(env: &Env, key: &str) -> Vec<(String, String)> {
    export(env, key)["characteristics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap().to_string(),
                c["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn nouns_without_a_verb_show_usage() {
    let env = Env::fresh();
    for noun in [
        &["person"][..],
        &["person", "request"],
        &["person", "characteristic"],
    ] {
        env.clap_fails(noun, "Usage:");
    }
}
