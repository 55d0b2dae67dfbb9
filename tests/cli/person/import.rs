//! `spm person import` and the change log: an imported person's history says which file and
//! line they came from, holds none of their details, and export and forget still cover it.

use serde_json::json;

use super::{export, files_of, holds};
use crate::common::{Env, json};

const NAME: &str = "Ottoline Quarrender";
const EMAIL: &str = "o.quarrender@import-test.example";

/// A fresh database with three people imported from people.csv; Ottoline is on line 4 (the
/// notes above her take two lines) and withdrew consent.
fn imported() -> Env {
    let env = Env::fresh();
    let body = format!(
        "name,email,kind,consent_given,consent_withdrawn,notes\n\
         Amira Hassan,a.hassan@example.ac.uk,student,2025-10-01,,\"two\nlines\"\n\
         {NAME},{EMAIL},student,2025-10-01,2026-03-01,prefers email\n\
         Dr A. Khan,,staff,,,\n"
    );
    std::fs::write(env.path("people.csv"), body).expect("the file is written");
    env.ok(&["person", "import", "people.csv"]);
    env
}

#[test]
fn an_imported_person_shows_the_file_and_line_they_came_from() {
    let env = imported();
    let shown = env.ok(&["person", "show", EMAIL]);
    assert!(
        shown.contains("imported from people.csv, line 4"),
        "{shown}"
    );
    let p = json(&env.ok(&["--format", "json", "person", "show", EMAIL]));
    assert_eq!(p["consent_withdrawn"], "2026-03-01", "{p}");
    let history = p["history"].as_array().expect("a history array");
    assert_eq!(history.len(), 1, "one entry, withdrawal included: {p}");
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(
        history[0]["fields"],
        json!({ "imported_from": "people.csv", "line": 4 })
    );
    // Their details are in their record, not copied into the log.
    let log: Vec<String> = env
        .conn()
        .prepare("SELECT fields FROM changes WHERE entity = 'person'")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .expect("the change log");
    assert_eq!(log.len(), 3);
    assert!(
        log.iter()
            .all(|f| !f.contains("Ottoline") && !f.contains("@") && !f.contains("prefers")),
        "{log:?}"
    );
    // A later edit is logged with its old value, as for anyone.
    env.ok(&["person", "edit", EMAIL, "--dept", "History"]);
    let shown = env.ok(&["person", "show", EMAIL]);
    assert!(
        shown.contains("imported from people.csv, line 4"),
        "{shown}"
    );
    assert!(shown.contains("department: (none) → History"), "{shown}");
}

#[test]
fn export_and_forget_cover_an_imported_person() {
    let env = imported();
    let doc = export(&env, EMAIL);
    let log = doc["change_log"]
        .as_array()
        .expect("the change log section");
    assert_eq!(log.len(), 1, "{doc}");
    assert_eq!(
        log[0]["fields"],
        json!({ "imported_from": "people.csv", "line": 4 })
    );
    env.ok(&["person", "forget", EMAIL, "--yes"]);
    let p = json(&env.ok(&["--format", "json", "person", "show", "2"]));
    assert_eq!(p["name"], "former participant #2", "{p}");
    let shown = env.ok(&["person", "show", "2"]);
    assert!(
        shown.contains("imported from people.csv, line 4"),
        "{shown}"
    );
    for (file, bytes) in files_of(&env.db) {
        for needle in [NAME, EMAIL, "prefers email"] {
            assert!(!holds(&bytes, needle), "{needle:?} is still in {file}");
        }
    }
}

/// `n` people, one to a row, after a header; row `bad` (a line number) has an unknown kind.
fn many(n: usize, bad: Option<usize>) -> String {
    let mut body = String::from("name,email,kind\n");
    for line in 2..n + 2 {
        let kind = if Some(line) == bad {
            "wizard"
        } else {
            "student"
        };
        body.push_str(&format!("P {line},p{line}@example.ac.uk,{kind}\n"));
    }
    body
}

#[test]
fn a_dry_run_or_a_late_error_writes_nothing_however_many_were_written_before() {
    let env = Env::fresh();
    std::fs::write(env.path("many.csv"), many(150, None)).expect("the file");
    std::fs::write(env.path("bad.csv"), many(150, Some(140))).expect("the file");
    let before = env.dump();
    let out = env.run_ok(&["person", "import", "many.csv", "--dry-run"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("dry run of many.csv (150 rows): would add 150 people; nothing was changed"),
        "{said}"
    );
    assert_eq!(before, env.dump());
    // Two chunks of 64 are written before line 140 is read; the error undoes them.
    let err = env.fails_unchanged(&["person", "import", "bad.csv"], 65);
    assert!(
        err.contains("bad.csv, line 140, column C (kind): unknown person kind \"wizard\""),
        "{err}"
    );
    env.ok(&["person", "import", "many.csv"]);
    let out = env.run_ok(&["person", "import", "many.csv", "--update"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("added 0 people, 150 unchanged"), "{said}");
}
