//! `spm principle list` (and `ls`): the adopted framework's principles, values first.

use super::{CP9, SPA_CODES, cp_codes, find};
use crate::common::{Env, codes_of, read_csv};

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
