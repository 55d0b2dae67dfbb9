//! `person export` and `person forget` against the one list of places that refer to a person
//! (`spm::service::person::PLACES`): a person referred to from every place, found by the
//! export and scrubbed by forget.

use std::collections::BTreeSet;

use rusqlite::Connection;
use serde_json::Value as Json;
use spm::service::person::{By, OnForget, PLACES, Place};

use super::{export, files_of, holds};
use crate::common::{Env, TODAY, add_person, person};

const NAME: &str = "Quorra Vantablack";
const EMAIL: &str = "q.vantablack@erasure-test.example";
const NOTES: &str = "met at the octopus fair 4417";

/// A fresh database where Quorra Vantablack (#1, staff) is referred to from every place:
/// by id (characteristic, role, a role since removed, contribution, lead, owner, request)
/// and by name or email in every free text (reviewers, reflections, evidence, notes, findings,
/// publications, panel, fund, priority).
fn everywhere() -> Env {
    let env = Env::fresh();
    let n = NAME;
    add_person(
        &env,
        n,
        "staff",
        &["--email", EMAIL, "--notes", NOTES, "--dept", "Economics"],
    );
    let steps: Vec<Vec<String>> = vec![
        vec!["person characteristic set 1 disability no".into()],
        vec![
            "project add".into(),
            format!("Podcast with {n}"),
            "--code pod --form wider-student-experience --level partnership --status active --start 2025-09-01 --lead".into(),
            EMAIL.into(),
            "--summary".into(),
            format!("run by {n} ({EMAIL})"),
        ],
        vec![
            "project status pod paused --on 2026-01-10 --note".into(),
            format!("{n} on leave"),
        ],
        vec![
            "project checklist pod --tick roles-agreed --on 2026-01-05 --note".into(),
            format!("{n} leads the sessions"),
        ],
        vec![
            "project partner add pod".into(),
            EMAIL.into(),
            "--role staff-partner --skills".into(),
            format!("mentoring, taught by {n}"),
        ],
        vec![
            "project partner log pod 1 --hours 2 --on 2026-11-01 --note".into(),
            format!("thanks to {n}"),
        ],
        // Corrected, with a reason that names them.
        vec![
            "project partner contribution correct 1 --hours 3 --reason".into(),
            format!("{n} said 3"),
        ],
        // A role added by mistake and taken off again: only the change log remembers it.
        vec!["project partner add pod 1 --role lead".into()],
        vec![
            "project partner log pod 1 --role lead --hours 1 --on 2026-11-01 --note".into(),
            format!("lead role of {n}"),
        ],
        vec!["project partner remove pod 1 --role lead --yes".into()],
        vec![
            "review add pod --on 2026-11-01 --decision continue --reviewer".into(),
            n.into(),
            "--reviewer".into(),
            "Dr A. Khan".into(),
            "--went-well".into(),
            format!("{n} ran it"),
            "--change".into(),
            format!("ask {n}"),
            "--lessons".into(),
            format!("{n} knows"),
            "--score".into(),
            format!("CP1=4:{n} said so"),
            "--outcome".into(),
            format!("belonging=clear:{n} saw it"),
        ],
        vec![
            "rec add --from pod --on 2026-11-01 --owner 1 --finding".into(),
            format!("{n} found"),
            "--recommendation".into(),
            format!("{n} recommends"),
            "--to".into(),
            format!("the office of {n}"),
        ],
        vec![
            "rec update 1 --status accepted --on 2026-11-02 --response".into(),
            format!("{n} agreed"),
        ],
        // Done, and its impact checked with evidence that names them.
        vec!["rec update 1 --status implemented --on 2026-11-02".into()],
        vec![
            "rec impact 1 --on 2026-11-02 --worked yes --evidence".into(),
            format!("{n} saw it work"),
        ],
        vec![
            "rec communicated 1 --on 2026-11-03 --channel".into(),
            format!("email from {EMAIL}"),
        ],
        // Approved for the public pages in words that name them: the project's title too.
        vec![
            "rec publish 1 --said".into(),
            format!("{n} said"),
            "--did".into(),
            format!("{n} did"),
        ],
        vec![
            "project publish pod --summary".into(),
            format!("a podcast of {n}'s"),
        ],
        vec![
            "panel add --term autumn --on 2026-10-14 --panellists 5 --topic".into(),
            format!("Topic by {n}"),
            "--question".into(),
            format!("asked by {n}"),
        ],
        vec![
            "panel insight add 1".into(),
            format!("insight from {n}"),
        ],
        vec!["fund apply pod --amount 500 --theme".into(), "student voices".into()],
        vec![
            "fund decide 1 --award 400 --note".into(),
            format!("backed by {n}"),
        ],
        vec![
            "fund spend 1 --amount 100 --on".into(),
            TODAY.into(),
            "--note".into(),
            format!("paid to {n}"),
        ],
        vec![
            "priority set 2026/27 pod --objective".into(),
            format!("support {n}"),
        ],
        vec![
            "person request add 1 access --received 2026-11-20 --note".into(),
            format!("{n} asked by email"),
        ],
    ];
    for step in &steps {
        // Even elements are words, split on spaces; odd ones are values, whole.
        let mut args: Vec<&str> = Vec::new();
        for (i, part) in step.iter().enumerate() {
            if i % 2 == 0 {
                args.extend(part.split(' '));
            } else {
                args.push(part);
            }
        }
        env.ok(&args);
    }
    env
}

/// How many rows at `place` refer to person #1: by id, or naming them by name or email.
fn rows_at(conn: &Connection, place: &Place) -> i64 {
    let (t, c) = (place.table, place.column);
    let sql = match place.by {
        By::Record | By::Own | By::Link => format!("SELECT count(*) FROM {t} WHERE {c} = 1"),
        By::Via(parent) => {
            let p = PLACES
                .iter()
                .find(|p| p.table == parent && p.by == By::Own)
                .expect("the place of the parent");
            format!(
                "SELECT count(*) FROM {t} WHERE {c} IN (SELECT {} FROM {parent} WHERE {} = 1)",
                p.key, p.column
            )
        }
        By::Names | By::Text | By::Log => format!(
            "SELECT count(*) FROM {t} WHERE instr(lower({c}), lower('{NAME}')) > 0
             OR instr(lower({c}), lower('{EMAIL}')) > 0"
        ),
    };
    conn.query_row(&sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Every text cell of the database that holds one of `secrets`, as `table.column`.
fn cells_holding(conn: &Connection, secrets: &[&str]) -> BTreeSet<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the tables");
    let mut out = BTreeSet::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) WHERE upper(type) = 'TEXT'")
            .and_then(|mut s| s.query_map([&table], |r| r.get(0))?.collect())
            .expect("the columns");
        for column in columns {
            for s in secrets {
                let n: i64 = conn
                    .query_row(
                        &format!(
                            "SELECT count(*) FROM {table} WHERE instr(lower({column}), lower(?1)) > 0"
                        ),
                        [s],
                        |r| r.get(0),
                    )
                    .expect("a count");
                if n > 0 {
                    out.insert(format!("{table}.{column}"));
                }
            }
        }
    }
    out
}

/// The columns that hold a person's id, read from the schema's foreign keys.
fn id_columns(conn: &Connection) -> BTreeSet<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the tables");
    let mut out = BTreeSet::new();
    for table in tables {
        let fks: Vec<(String, String)> = conn
            .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")
            .and_then(|mut s| {
                s.query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .expect("the foreign keys");
        for (column, target) in fks {
            if target == "people" {
                out.insert(format!("{table}.{column}"));
            }
        }
    }
    out
}

fn at(place: &Place) -> String {
    format!("{}.{}", place.table, place.column)
}

#[test]
fn export_shows_and_forget_scrubs_every_place_that_refers_to_a_person() {
    let env = everywhere();
    let conn = env.conn();

    // The fixture covers every place, and every place the schema and the data give is listed:
    // each column holding a person's id, and each text that holds their name or email.
    for place in PLACES {
        assert!(
            rows_at(&conn, place) > 0,
            "nothing refers to #1 at {}",
            at(place)
        );
    }
    let listed: BTreeSet<String> = PLACES.iter().map(at).collect();
    for column in id_columns(&conn) {
        assert!(
            listed.contains(&column),
            "{column} holds a person's id but is not a place"
        );
    }
    let named: BTreeSet<String> = PLACES
        .iter()
        .filter(|p| p.by_name())
        .map(at)
        .chain([
            "people.name".into(),
            "people.email".into(),
            "people.notes".into(),
        ])
        .collect();
    let holding = cells_holding(&conn, &[NAME, EMAIL, NOTES]);
    let unlisted: Vec<&String> = holding.difference(&named).collect();
    assert!(
        unlisted.is_empty(),
        "the name is in places not listed: {unlisted:?}"
    );
    let before: Vec<i64> = PLACES.iter().map(|p| rows_at(&conn, p)).collect();
    drop(conn);

    // The export shows each place: a section of its own, or a mention naming table and column.
    let doc = export(&env, "1");
    let mentions = doc["mentions"].as_array().expect("mentions");
    let log = doc["change_log"].as_array().expect("a change log");
    for place in PLACES {
        match place.by {
            By::Text => assert!(
                mentions
                    .iter()
                    .any(|m| m["table"] == place.table && m["column"] == place.column),
                "no mention from {}: {mentions:?}",
                at(place)
            ),
            By::Log => {}
            _ => assert!(
                doc[place.section].as_array().is_some_and(|s| !s.is_empty()),
                "section {} is empty",
                place.section
            ),
        }
        if let Some(entity) = place.entity {
            assert!(
                log.iter().any(|c| c["entity"] == entity),
                "no change-log entry about a {entity} of theirs"
            );
        }
    }
    // Every entry of the change log that names them is in the export, whatever it is about.
    let conn = env.conn();
    let naming: i64 = conn
        .query_row(
            "SELECT count(*) FROM changes WHERE instr(fields, ?1) > 0 OR instr(fields, ?2) > 0",
            [NAME, EMAIL],
            |r| r.get(0),
        )
        .expect("a count");
    let shown = log
        .iter()
        .filter(|c| {
            c["fields"].to_string().contains(NAME) || c["fields"].to_string().contains(EMAIL)
        })
        .count();
    assert_eq!(shown as i64, naming, "{log:#?}");
    // The places the brief named: reviews they reviewed, recommendations they own (every
    // change of status), status notes naming them.
    let of = |entity: &str| log.iter().filter(|c| c["entity"] == entity).count();
    assert_eq!(of("review"), 1);
    assert!(
        log.iter()
            .any(|c| c["entity"] == "partner" && c["action"] == "delete")
    );
    assert_eq!(of("recommendation"), 6);
    assert!(
        log.iter()
            .any(|c| c["entity"] == "project" && c["fields"]["note"] == format!("{NAME} on leave"))
    );
    assert_eq!(doc["reviewer_of"][0]["reviewers"][0], NAME);
    assert_eq!(doc["owns_recommendations"][0]["status"], "implemented");
    assert_eq!(
        doc["partners"][0]["skills"],
        format!("mentoring, taught by {NAME}")
    );
    drop(conn);

    env.ok(&["person", "forget", "1", "--yes"]);

    // Forget scrubs each place as the list says, and nothing anywhere holds the name.
    let conn = env.conn();
    for (place, before) in PLACES.iter().zip(before) {
        let now = rows_at(&conn, place);
        match place.on_forget {
            OnForget::Keep => assert_eq!(now, before, "{} changed", at(place)),
            OnForget::Delete | OnForget::Scrub => {
                assert_eq!(now, 0, "{} still refers to #1", at(place))
            }
            OnForget::Anonymise => {}
        }
    }
    let secrets = [NAME, EMAIL, NOTES, "Vantablack", "octopus"];
    assert_eq!(cells_holding(&conn, &secrets), BTreeSet::new());
    drop(conn);
    let p = person(&env, "1");
    assert_eq!(p["name"], "former participant #1");
    assert!(p["email"].is_null() && p["notes"].is_null(), "{p}");
    assert_eq!(p["department"], "Economics");
    for (file, bytes) in files_of(&env.db) {
        for s in secrets {
            assert!(!holds(&bytes, s), "{s:?} is still in {file}");
        }
    }
    let after = export(&env, "1");
    for s in secrets {
        assert!(
            !holds(after.to_string().as_bytes(), s),
            "{s:?} is still in the export"
        );
    }
    assert_eq!(after["partners"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        after["mentions"].as_array().map(Vec::len),
        Some(mentions.len())
    );
    assert!(
        after["mentions"]
            .as_array()
            .is_some_and(|m| m.iter().all(|m| m["text"]
                .as_str()
                .is_some_and(|t| t.contains("former participant #1")))),
        "{after:#}"
    );
}

#[test]
fn export_of_a_reviewer_matches_whole_names_not_parts_of_them() {
    let env = Env::fresh();
    add_person(&env, "Sam Lee", "staff", &[]);
    add_person(&env, "Samantha Leeming", "staff", &[]);
    super::add_project(&env, "x", &[]);
    env.ok(&[
        "review",
        "add",
        "x",
        "--on",
        "2026-11-01",
        "--decision",
        "continue",
        "--reviewer",
        "Samantha Leeming",
    ]);
    let doc = export(&env, "Sam Lee");
    assert_eq!(doc["reviewer_of"], Json::Array(Vec::new()));
    assert_eq!(
        export(&env, "Samantha Leeming")["reviewer_of"][0]["project"],
        "x"
    );
}
