//! `spm principle frameworks`: the built-in frameworks and their sources.

use super::{LSE_SOURCE, SPA_SOURCE};
use crate::common::Env;

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
