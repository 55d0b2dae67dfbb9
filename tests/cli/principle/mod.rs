//! `spm principle ...`: the built-in frameworks, listing, showing, adding, retiring, adopting.

use serde_json::Value;

use crate::common::{Env, TODAY, codes_of, json, read_csv};

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

/// Text with runs of white space folded to one space.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

// ----- principle frameworks -----

#[test]
fn frameworks_lists_the_three_builtin_frameworks_with_their_sources() {
    let env = Env::fresh();
    let fws = env.json_list(&["principle", "frameworks"]);
    let summary: Vec<(&str, i64, i64, bool, bool)> = fws
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap(),
                f["principles"].as_i64().unwrap(),
                f["retired"].as_i64().unwrap(),
                f["builtin"].as_bool().unwrap(),
                f["adopted"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("lse-principles", 10, 0, true, true),
            ("spa", 16, 0, true, false),
            ("hfh-2014", 8, 0, true, false),
        ]
    );
    assert_eq!(
        fws[0]["name"],
        "Principles of Student/Staff Partnership at LSE"
    );
    assert_eq!(fws[0]["source"], LSE_SOURCE);
    assert_eq!(fws[1]["name"], "Student Partnership Agreement");
    assert_eq!(fws[1]["source"], SPA_SOURCE);
    assert_eq!(
        fws[2]["name"],
        "Partnership values (Healey, Flint & Harrington, 2014)"
    );
    let hfh = fws[2]["source"].as_str().unwrap();
    assert!(hfh.starts_with("Higher Education Academy, Engagement through partnership"));
    assert!(
        hfh.ends_with("(Healey, Flint and Harrington, 2014), 2014"),
        "{hfh}"
    );
}

#[test]
fn frameworks_as_a_table_shows_keys_sources_and_the_adopted_one() {
    let env = Env::fresh();
    let table = env.ok(&["principle", "frameworks"]);
    for text in [
        "Key",
        "Source",
        "Adopted",
        "lse-principles",
        "spa",
        "hfh-2014",
        "Eden Centre",
        "London Metropolitan University",
        "Higher Education Academy",
    ] {
        assert!(table.contains(text), "the table lacks {text}: {table}");
    }
    let row = |key: &str| -> Vec<String> {
        table
            .lines()
            .find(|l| l.contains(key))
            .unwrap_or_else(|| panic!("no {key} row: {table}"))
            .split(['│', '┆'])
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    assert_eq!(row("lse-principles")[3..], ["10", "0", "yes", "yes"]);
    assert_eq!(row("spa ")[3..], ["16", "0", "yes", "no"]);
    assert_eq!(row("hfh-2014")[3..], ["8", "0", "yes", "no"]);
}

#[test]
fn frameworks_refuses_stray_arguments_and_unknown_formats() {
    let env = Env::fresh();
    env.clap_fails(&["principle", "frameworks", "extra"], "error:");
    env.clap_fails(&["--format", "xml", "principle", "frameworks"], "error:");
}

// ----- principle list -----

#[test]
fn list_shows_the_adopted_frameworks_ten_principles_in_order() {
    let env = Env::fresh();
    assert_eq!(env.codes("principle", &[]), cp_codes());
    let list = env.list("principle", &[]);
    assert_eq!(list[0]["title"], "Common goals and meaningful change");
    assert_eq!(list[8]["statement"], CP9);
    assert!(list.iter().all(|p| p["parent"].is_null()));
    // The table and CSV show the same ten, in the same order.
    let table = env.ok(&["principle", "list"]);
    assert!(table.contains("Review and reflection"));
    assert!(table.find("CP1 ").unwrap() < table.find("CP10").unwrap());
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "principle", "list"]));
    assert_eq!(header, ["code", "title", "statement", "parent"]);
    let csv_codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(csv_codes, cp_codes());
}

#[test]
fn list_has_the_alias_ls() {
    let env = Env::fresh();
    assert_eq!(env.ok(&["principle", "ls"]), env.ok(&["principle", "list"]));
    assert_eq!(env.codes("principle", &["--framework", "spa"]), SPA_CODES);
    let ls = codes_of(&env.json_list(&["principle", "ls", "--all"]));
    assert_eq!(ls, cp_codes());
}

#[test]
fn list_of_spa_shows_each_value_followed_by_its_principles() {
    let env = Env::fresh();
    assert_eq!(env.codes("principle", &["--framework", "spa"]), SPA_CODES);
    // Keys are case-insensitive.
    assert_eq!(env.codes("principle", &["--framework", "SPA"]), SPA_CODES);
    let list = env.list("principle", &["--framework", "spa"]);
    let values: Vec<&str> = list
        .iter()
        .filter(|p| p["parent"].is_null())
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "Fairness, Honesty and Transparency",
            "Collaborative and Creative",
            "Mutual Respect and Kindness",
            "Liberation and Inclusion",
            "Success and Achievement",
        ]
    );
    for p in &list {
        let code = p["code"].as_str().unwrap();
        match code.split_once('.') {
            Some((value, _)) => {
                assert_eq!(p["parent"], value, "{code}");
                assert!(p["statement"].is_string(), "{code} has a statement");
            }
            None => {
                assert!(p["parent"].is_null(), "{code}");
                assert!(p["statement"].is_null(), "value {code} has no statement");
            }
        }
    }
    assert_eq!(find(&list, "SPA1.1")["parent"], "SPA1");
    assert_eq!(find(&list, "SPA1.1")["title"], "Fairness");
}

#[test]
fn list_of_hfh_shows_its_eight_values() {
    let env = Env::fresh();
    let list = env.list("principle", &["--framework", "hfh-2014"]);
    let titles: Vec<&str> = list.iter().map(|p| p["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Authenticity",
            "Inclusivity",
            "Reciprocity",
            "Empowerment",
            "Trust",
            "Challenge",
            "Community",
            "Responsibility"
        ]
    );
    assert_eq!(
        env.codes("principle", &["--framework", "hfh-2014"]),
        (1..=8).map(|i| format!("HFH{i}")).collect::<Vec<_>>()
    );
}

#[test]
fn list_of_an_unknown_framework_is_not_found() {
    let env = Env::fresh();
    let err = env.refused(
        &["principle", "list", "--framework", "nope"],
        66,
        "no framework \"nope\"",
    );
    assert!(err.contains("spm principle frameworks"), "{err}");
    env.fails_unchanged(&["principle", "ls", "--all", "--framework", "nope"], 66);
    env.clap_fails(&["principle", "list", "--framework"], "error:");
    env.clap_fails(&["principle", "list", "--all=yes"], "error:");
}

// ----- principle show -----

#[test]
fn show_gives_the_full_statement_and_the_frameworks_source() {
    let env = Env::fresh();
    let table = env.ok(&["principle", "show", "CP9"]);
    assert!(table.contains(CP9), "{table}");
    assert!(table.contains(LSE_SOURCE), "{table}");
    assert!(table.contains("in use"), "{table}");
    assert!(!table.contains("Underlying principles"));
    let p = env.show("principle", "CP9");
    assert_eq!(p["code"], "CP9");
    assert_eq!(p["title"], "Review and reflection");
    assert_eq!(p["statement"], CP9);
    assert_eq!(p["framework"], "lse-principles");
    assert_eq!(
        p["framework_name"],
        "Principles of Student/Staff Partnership at LSE"
    );
    assert_eq!(p["source"], LSE_SOURCE);
    assert_eq!(p["position"], 9);
    assert_eq!(p["status"], "in use");
    assert!(p["retired_on"].is_null() && p["replaced_by"].is_null());
}

#[test]
fn show_takes_the_code_in_any_case() {
    let env = Env::fresh();
    assert_eq!(env.show("principle", "cp9"), env.show("principle", "CP9"));
    assert_eq!(env.show("principle", "spa1.2")["code"], "SPA1.2");
    assert_eq!(env.show("principle", "Hfh3")["title"], "Reciprocity");
}

#[test]
fn show_of_a_value_lists_its_underlying_principles() {
    let env = Env::fresh();
    let table = env.ok(&["principle", "show", "SPA1"]);
    assert!(table.contains("Underlying principles"), "{table}");
    assert!(table.contains("Openness and honesty"), "{table}");
    assert!(table.contains(SPA_SOURCE), "{table}");
    let v = env.show("principle", "SPA1");
    assert_eq!(v["title"], "Fairness, Honesty and Transparency");
    assert_eq!(v["framework"], "spa");
    assert!(v["statement"].is_null());
    let children: Vec<&str> = v["principles"]
        .as_array()
        .expect("a principles section")
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["SPA1.1", "SPA1.2", "SPA1.3"]);
    let child = env.show("principle", "SPA1.2");
    assert_eq!(child["parent"], "SPA1");
    assert_eq!(child["position"], 2);
    assert!(child.get("principles").is_none(), "{child}");
}

#[test]
fn show_of_an_unknown_code_is_not_found() {
    let env = Env::fresh();
    let err = env.refused(
        &["principle", "show", "CP99"],
        66,
        "no principle with code \"CP99\"",
    );
    assert!(err.contains("spm principle list --all"), "{err}");
    env.fails_unchanged(&["principle", "show", ""], 66);
    env.clap_fails(&["principle", "show"], "error:");
    env.clap_fails(&["principle", "show", "CP1", "CP2"], "error:");
}

// ----- wording -----

#[test]
fn builtin_statements_are_worded_exactly_as_the_seed_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let seeds: Vec<String> = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .map(|e| e.expect("a seed").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| folded(&std::fs::read_to_string(p).expect("a seed text")))
        .collect();
    assert!(seeds.len() >= 2, "the seeds are missing from {dir:?}");
    let env = Env::fresh();
    let mut checked = 0;
    for key in ["lse-principles", "spa"] {
        for p in env.list("principle", &["--framework", key, "--all"]) {
            if let Some(statement) = p["statement"].as_str() {
                let statement = folded(statement);
                assert!(
                    seeds.iter().any(|s| s.contains(&statement)),
                    "{} is not worded as in the seeds: {statement}",
                    p["code"]
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 10 + 11);
    // The SPA's five values are headings in its seed; the HFH values are named in seed 000.
    for p in env.list("principle", &["--framework", "spa"]) {
        if p["parent"].is_null() {
            let title = p["title"].as_str().unwrap();
            assert!(seeds.iter().any(|s| s.contains(title)), "{title}");
        }
    }
    for p in env.list("principle", &["--framework", "hfh-2014"]) {
        let title = p["title"].as_str().unwrap().to_lowercase();
        assert!(
            seeds.iter().any(|s| s.to_lowercase().contains(&title)),
            "{title}"
        );
    }
}

// ----- principle add -----

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

#[test]
fn add_puts_a_principle_at_the_end_of_the_adopted_framework() {
    let env = with_own_framework();
    env.ok(&["principle", "adopt", "ours"]);
    let before = principle_changes(&env).len();
    let out = env.run_ok(&add_args(
        "OWN2",
        "Shared evaluation",
        &["--statement", "  Evaluate the partnership together.  "],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OWN2\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("added principle OWN2 to ours"), "{stderr}");
    assert!(!stderr.contains("created framework"), "{stderr}");
    assert_eq!(env.codes("principle", &[]), ["OWN1", "OWN2"]);
    let p = env.show("principle", "own2");
    assert_eq!(p["framework"], "ours");
    assert_eq!(p["framework_name"], "Our values");
    assert_eq!(p["title"], "Shared evaluation");
    assert_eq!(p["statement"], "Evaluate the partnership together.");
    assert_eq!(p["position"], 2);
    assert!(p["parent"].is_null());
    // The built-in frameworks are untouched.
    assert_eq!(
        env.codes("principle", &["--framework", "lse-principles"]),
        cp_codes()
    );
    // The change log has the insert.
    let changes = principle_changes(&env);
    assert_eq!(changes.len(), before + 1);
    let (id, action, actor, fields) = changes.last().unwrap();
    assert_eq!(*id, principle_id(&env, "OWN2"));
    assert_eq!(action, "insert");
    assert_eq!(actor, "tester");
    let fields = json(fields);
    assert_eq!(fields["code"], "OWN2");
    assert_eq!(fields["title"], "Shared evaluation");
    assert_eq!(fields["framework"], "ours");
}

#[test]
fn add_refuses_the_builtin_frameworks() {
    let env = Env::fresh();
    // The adopted framework, by default, is built in.
    let err = env.refused(
        &add_args("CP11", "Shared evaluation", &[]),
        65,
        "framework \"lse-principles\" is built in",
    );
    assert!(err.contains("--framework KEY"), "{err}");
    env.refused(
        &add_args("HFH9", "Joy", &["--framework", "HFH-2014"]),
        65,
        "\"hfh-2014\" is built in",
    );
    env.fails_unchanged(
        &add_args(
            "SPA1.4",
            "Listening",
            &["--framework", "spa", "--parent", "SPA1"],
        ),
        65,
    );
    env.ok(&["principle", "adopt", "spa"]);
    env.refused(&add_args("SPA6", "More", &[]), 65, "\"spa\" is built in");
}

#[test]
fn add_to_another_existing_framework() {
    let env = with_own_framework();
    // lse-principles stays adopted; --framework picks ours (in any case).
    assert_eq!(
        env.ok(&add_args("OWN2", "Joy", &["--framework", "ours"])),
        "OWN2\n"
    );
    env.ok(&add_args("OWN3", "Play", &["--framework", "OURS"]));
    assert_eq!(
        env.codes("principle", &["--framework", "ours"]),
        ["OWN1", "OWN2", "OWN3"]
    );
    assert_eq!(env.show("principle", "OWN3")["framework"], "ours");
    assert_eq!(
        env.codes("principle", &[]),
        cp_codes(),
        "the adopted list is untouched"
    );
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws.len(), 4, "no framework was created");
    assert_eq!(fws[3]["principles"], 3);
}

#[test]
fn add_with_a_new_key_creates_the_framework() {
    let env = Env::fresh();
    let out = env.run_ok(&add_args(
        "OWN1",
        "Students lead",
        &[
            "--framework",
            "our-values",
            "--framework-name",
            "Our values",
            "--institution",
            "Example University",
            "--document",
            "Partnership charter",
            "--year",
            "2026",
        ],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OWN1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("created framework our-values"), "{stderr}");
    assert!(
        stderr.contains("added principle OWN1 to our-values"),
        "{stderr}"
    );
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws.len(), 4);
    let own = &fws[3];
    assert_eq!(own["key"], "our-values");
    assert_eq!(own["name"], "Our values");
    assert_eq!(
        own["source"],
        "Example University, Partnership charter, 2026"
    );
    assert_eq!(own["principles"], 1);
    assert_eq!(own["builtin"], false);
    assert_eq!(own["adopted"], false);
    let table = env.ok(&["principle", "frameworks"]);
    assert!(table.contains("our-values") && table.contains("Example University"));
    assert_eq!(
        env.codes("principle", &["--framework", "our-values"]),
        ["OWN1"]
    );
    let p = env.show("principle", "OWN1");
    assert_eq!(p["framework_name"], "Our values");
    assert_eq!(p["source"], "Example University, Partnership charter, 2026");
    assert_eq!(p["position"], 1);
    // The change log has the framework as well as the principle.
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'framework' AND action = 'insert'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let logged = json(&logged);
    assert_eq!(logged["key"], "our-values");
    assert_eq!(logged["institution"], "Example University");
    assert_eq!(principle_changes(&env).len(), 1);
}

#[test]
fn add_with_a_new_key_and_no_details_names_the_framework_by_its_key() {
    let env = Env::fresh();
    env.ok(&add_args("X1", "Something", &["--framework", "Bare-Key"]));
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws[3]["key"], "bare-key");
    assert_eq!(fws[3]["name"], "bare-key");
    assert_eq!(fws[3]["source"], "");
    assert_eq!(fws[3]["builtin"], false);
}

#[test]
fn add_under_a_value_places_it_after_the_values_principles() {
    let env = with_own_framework();
    env.ok(&add_args("OWN2", "Second value", &["--framework", "ours"]));
    env.ok(&["principle", "adopt", "ours"]);
    // --parent without --framework: the adopted framework.
    env.ok(&add_args("OWN1.1", "Student chairs", &["--parent", "OWN1"]));
    env.ok(&add_args("OWN2.1", "Under two", &["--parent", "own2"]));
    env.ok(&add_args(
        "OWN1.2",
        "Student budgets",
        &["--parent", "OWN1", "--framework", "ours"],
    ));
    assert_eq!(
        env.codes("principle", &[]),
        ["OWN1", "OWN1.1", "OWN1.2", "OWN2", "OWN2.1"]
    );
    let list = env.list("principle", &[]);
    assert_eq!(find(&list, "OWN1.2")["parent"], "OWN1");
    assert_eq!(find(&list, "OWN2.1")["parent"], "OWN2");
    let p = env.show("principle", "OWN1.2");
    assert_eq!(p["parent"], "OWN1");
    assert_eq!(p["position"], 2);
    let children: Vec<String> = env.show("principle", "OWN1")["principles"]
        .as_array()
        .expect("a principles section")
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(children, ["OWN1.1", "OWN1.2"]);
    // A new value after them comes last.
    env.ok(&add_args("OWN3", "Third value", &[]));
    assert_eq!(env.show("principle", "OWN3")["position"], 3);
    assert_eq!(env.codes("principle", &[]).last().unwrap(), "OWN3");
}

#[test]
fn add_refuses_bad_parents() {
    let env = with_own_framework();
    env.ok(&add_args(
        "OWN1.1",
        "Child",
        &["--framework", "ours", "--parent", "OWN1"],
    ));
    let add = |parent| add_args("OWN9", "T", &["--framework", "ours", "--parent", parent]);
    env.refused(&add("NOPE"), 66, "no principle with code \"NOPE\"");
    env.refused(
        &add("CP1"),
        65,
        "\"CP1\" belongs to framework \"lse-principles\", not \"ours\"",
    );
    env.refused(&add("OWN1.1"), 65, "one level deep");
    // A new framework is not created when its first principle's parent is refused.
    env.refused(
        &add_args(
            "NEW1",
            "T",
            &["--framework", "brand-new", "--parent", "OWN1"],
        ),
        65,
        "belongs to framework \"ours\"",
    );
    // A retired value cannot take new principles.
    env.ok(&add_args("OWN2", "Old value", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "OWN2"]);
    env.refused(&add("OWN2"), 65, "\"OWN2\" is retired");
    env.clap_fails(&add_args("OWN9", "T", &["--parent"]), "error:");
}

#[test]
fn add_refuses_a_code_in_use_in_any_framework_and_any_case() {
    let env = with_own_framework();
    env.refused(
        &add_args("CP9", "Again", &["--framework", "ours"]),
        65,
        "\"CP9\" is already used in framework \"lse-principles\"",
    );
    env.refused(
        &add_args("cp9", "Again", &["--framework", "ours"]),
        65,
        "already used",
    );
    env.refused(
        &add_args("own1", "Again", &["--framework", "ours"]),
        65,
        "already used in framework \"ours\"",
    );
    // Nor may a new framework be made around a used code.
    env.fails_unchanged(&add_args("SPA1.1", "Again", &["--framework", "theirs"]), 65);
    // A retired principle keeps its code.
    env.ok(&["principle", "retire", "CP3"]);
    env.fails_unchanged(&add_args("CP3", "Again", &["--framework", "ours"]), 65);
}

#[test]
fn add_refuses_bad_codes_titles_and_statements() {
    let env = with_own_framework();
    for bad in ["a b", "", ".CP", "CP/1", "ABCDEFGHIJKLMNOPQRSTU"] {
        let err = env.refused(
            &add_args(bad, "Title", &["--framework", "ours"]),
            65,
            "principle code",
        );
        assert!(err.contains("is not valid"), "{bad}: {err}");
    }
    env.refused(
        &add_args("OWN2", "   ", &["--framework", "ours"]),
        65,
        "title",
    );
    env.refused(
        &add_args(
            "OWN2",
            "Title",
            &["--framework", "ours", "--statement", "bell\u{7}"],
        ),
        65,
        "control characters",
    );
    env.clap_fails(&["principle", "add", "OWN2"], "error:");
    env.clap_fails(&["principle", "add"], "error:");
    env.clap_fails(&add_args("OWN2", "T", &["--statement"]), "error:");
    env.clap_fails(&add_args("OWN2", "T", &["--framework"]), "error:");
}

#[test]
fn add_refuses_framework_details_for_an_existing_framework() {
    let env = with_own_framework();
    for key in ["spa", "ours"] {
        for (flag, value) in [
            ("--framework-name", "Renamed"),
            ("--institution", "Elsewhere"),
            ("--document", "Another"),
            ("--year", "2020"),
        ] {
            env.refused(
                &add_args("NEW9", "T", &["--framework", key, flag, value]),
                65,
                &format!("framework \"{key}\" already exists"),
            );
        }
    }
    // Also for the adopted framework, reached by default.
    env.refused(
        &add_args("NEW9", "T", &["--year", "2020"]),
        65,
        "already exists",
    );
    env.clap_fails(&add_args("NEW9", "T", &["--year"]), "error:");
}

#[test]
fn add_refuses_a_bad_new_framework_key() {
    let env = Env::fresh();
    let long = "k".repeat(41);
    for bad in [
        "our values",
        "our_values",
        "-leading",
        "ours!",
        "ünï",
        long.as_str(),
    ] {
        let flag = format!("--framework={bad}");
        let err = env.refused(
            &add_args("OWN1", "T", &[&flag, "--framework-name", "Ours"]),
            65,
            "framework key",
        );
        assert!(err.contains("is not valid"), "{bad}: {err}");
    }
    env.refused(
        &add_args(
            "OWN1",
            "T",
            &["--framework", "ours", "--institution", "bell\u{7}"],
        ),
        65,
        "institution",
    );
}

// ----- principle retire -----

#[test]
fn retire_takes_a_principle_off_the_list_but_keeps_it() {
    let env = Env::fresh();
    let before = principle_changes(&env).len();
    let out = env.run_ok(&[
        "principle",
        "retire",
        "cp3",
        "--replaced-by",
        "cp4",
        "--on",
        "2026-09-01",
    ]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("retired principle CP3 on 2026-09-01, replaced by CP4"),
        "{stderr}"
    );
    let listed = env.codes("principle", &[]);
    assert!(!listed.contains(&"CP3".to_string()), "{listed:?}");
    assert_eq!(listed.len(), 9);
    let all = env.list("principle", &["--all"]);
    assert_eq!(all.len(), 10);
    assert_eq!(all[2]["code"], "CP3");
    assert_eq!(all[2]["retired_on"], "2026-09-01");
    assert_eq!(all[2]["replaced_by"], "CP4");
    assert!(find(&all, "CP4")["retired_on"].is_null());
    let table = env.ok(&["principle", "list", "--all"]);
    assert!(table.contains("Replaced by") && table.contains("2026-09-01"));
    let p = env.show("principle", "CP3");
    assert_eq!(p["status"], "retired");
    assert_eq!(p["retired_on"], "2026-09-01");
    assert_eq!(p["replaced_by"], "CP4");
    assert!(env.ok(&["principle", "show", "CP3"]).contains("retired"));
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(
        (fws[0]["principles"].as_i64(), fws[0]["retired"].as_i64()),
        (Some(9), Some(1))
    );
    // The change log records the retirement as an update.
    let changes = principle_changes(&env);
    assert_eq!(changes.len(), before + 1);
    let (id, action, _, fields) = changes.last().unwrap();
    assert_eq!(*id, principle_id(&env, "CP3"));
    assert_eq!(action, "update");
    let fields = json(fields);
    assert_eq!(fields["retired_on"][1], "2026-09-01");
    assert_eq!(fields["replaced_by"][1], "CP4");
}

#[test]
fn retire_defaults_to_today() {
    let env = Env::fresh();
    let stderr = String::from_utf8(env.run(&["principle", "retire", "CP4"]).stderr).unwrap();
    assert!(
        stderr.contains(&format!("retired principle CP4 on {TODAY}")),
        "{stderr}"
    );
    let p = env.show("principle", "CP4");
    assert_eq!(p["retired_on"], TODAY);
    assert!(p["replaced_by"].is_null());
    assert_eq!(principle_changes(&env).len(), 1);
}

#[test]
fn retire_refuses_a_principle_retired_already() {
    let env = Env::fresh();
    env.ok(&["principle", "retire", "CP3", "--on", "2026-01-05"]);
    env.refused(
        &["principle", "retire", "CP3"],
        65,
        "already retired on 2026-01-05",
    );
    env.fails_unchanged(&["principle", "retire", "cp3", "--on", "2026-02-01"], 65);
}

#[test]
fn retire_refuses_bad_replacements() {
    let env = Env::fresh();
    env.ok(&["principle", "retire", "CP2"]);
    for (replacement, code, message) in [
        ("cp3", 65, "cannot replace itself"),
        ("HFH1", 65, "same framework"),
        ("CP2", 65, "\"CP2\" is retired too"),
        ("CP99", 66, "no principle with code \"CP99\""),
    ] {
        env.refused(
            &["principle", "retire", "CP3", "--replaced-by", replacement],
            code,
            message,
        );
    }
    env.clap_fails(&["principle", "retire", "CP3", "--replaced-by"], "error:");
}

#[test]
fn retire_refuses_unknown_codes_and_bad_dates() {
    let env = Env::fresh();
    env.refused(
        &["principle", "retire", "CP99"],
        66,
        "no principle with code \"CP99\"",
    );
    for bad in ["2026-02-30", "yesterday", "1/9/2026", "2026-9-1"] {
        env.refused(&["principle", "retire", "CP3", "--on", bad], 65, bad);
    }
    env.clap_fails(&["principle", "retire"], "error:");
    env.clap_fails(&["principle", "retire", "CP3", "--on"], "error:");
}

#[test]
fn retire_refuses_a_value_whose_principles_are_in_use() {
    let env = Env::fresh();
    let err = env.refused(
        &["principle", "retire", "SPA1"],
        65,
        "still has principles in use",
    );
    assert!(err.contains("SPA1.1, SPA1.2, SPA1.3"), "{err}");
    env.ok(&["principle", "retire", "SPA1.1"]);
    env.ok(&["principle", "retire", "SPA1.2", "--replaced-by", "SPA1.3"]);
    env.refused(&["principle", "retire", "SPA1"], 65, "(SPA1.3)");
    env.ok(&["principle", "retire", "SPA1.3"]);
    env.ok(&["principle", "retire", "SPA1"]);
    let spa = env.codes("principle", &["--framework", "spa"]);
    assert_eq!(spa, SPA_CODES[4..]);
    // The value's show still lists its retired principles, with their dates.
    let v = env.show("principle", "SPA1");
    assert_eq!(v["status"], "retired");
    let children = v["principles"].as_array().unwrap();
    assert_eq!(children.len(), 3);
    assert!(children.iter().all(|c| c["retired_on"] == TODAY));
}

// ----- principle adopt -----

#[test]
fn adopt_changes_the_framework_that_list_shows() {
    let env = Env::fresh();
    let out = env.run_ok(&["principle", "adopt", "spa"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("reviews now score against spa"), "{stderr}");
    assert_eq!(env.codes("principle", &[]), SPA_CODES);
    let fws = env.json_list(&["principle", "frameworks"]);
    let adopted: Vec<&str> = fws
        .iter()
        .filter(|f| f["adopted"] == true)
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(adopted, ["spa"]);
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'setting' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a logged setting");
    let logged = json(&logged);
    assert_eq!(logged.as_object().unwrap().len(), 1);
    let pair = logged.as_object().unwrap().values().next().unwrap();
    assert_eq!(pair[0], "lse-principles");
    assert_eq!(pair[1], "spa");
    // Adopting it again changes nothing and says so.
    let before = env.dump();
    let out = env.run_ok(&["principle", "adopt", "SPA"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already adopted"));
    assert_eq!(before, env.dump());
    // And back.
    env.ok(&["principle", "adopt", "lse-principles"]);
    assert_eq!(env.codes("principle", &[]), cp_codes());
}

#[test]
fn adopt_refuses_an_unknown_framework() {
    let env = Env::fresh();
    env.refused(&["principle", "adopt", "nope"], 66, "no framework \"nope\"");
    env.clap_fails(&["principle", "adopt"], "error:");
    env.clap_fails(&["principle", "adopt", "spa", "hfh-2014"], "error:");
}

#[test]
fn adopt_refuses_a_framework_with_no_principle_in_use() {
    let env = Env::fresh();
    env.ok(&add_args("OWN1", "Only one", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "OWN1"]);
    env.refused(&["principle", "adopt", "ours"], 65, "no principle in use");
    assert_eq!(env.codes("principle", &[]), cp_codes());
    // With a principle in use it can be adopted.
    env.ok(&add_args("OWN2", "Another", &["--framework", "ours"]));
    env.ok(&["principle", "adopt", "ours"]);
    assert_eq!(env.codes("principle", &[]), ["OWN2"]);
    assert_eq!(env.codes("principle", &["--all"]), ["OWN1", "OWN2"]);
}

// ----- the change log -----

#[test]
fn add_and_retire_are_written_to_the_change_log() {
    let env = Env::fresh();
    assert!(principle_changes(&env).is_empty());
    env.ok(&add_args("OWN1", "New", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "CP1", "--replaced-by", "CP2"]);
    // Failures write nothing.
    env.fails_unchanged(&["principle", "retire", "CP1"], 65);
    env.fails_unchanged(&add_args("OWN1", "Again", &["--framework", "ours"]), 65);
    let changes = principle_changes(&env);
    let summary: Vec<(i64, &str)> = changes
        .iter()
        .map(|(id, action, _, _)| (*id, action.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (principle_id(&env, "OWN1"), "insert"),
            (principle_id(&env, "CP1"), "update")
        ]
    );
    assert!(changes.iter().all(|(_, _, actor, _)| actor == "tester"));
}

#[test]
fn retire_refuses_the_last_principle_of_the_adopted_framework() {
    let env = with_own_framework();
    env.ok(&["principle", "adopt", "ours"]);
    let err = env.refused(
        &["principle", "retire", "OWN1"],
        65,
        "last principle in use",
    );
    assert!(err.contains("adopt another framework"), "{err}");
    // Once another framework is adopted, it can go.
    env.ok(&["principle", "adopt", "lse-principles"]);
    env.ok(&["principle", "retire", "OWN1"]);
}
