//! `spm principle show`: the full statement, the source, a value's principles.

use super::{CP9, LSE_SOURCE, SPA_SOURCE};
use crate::common::Env;

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
