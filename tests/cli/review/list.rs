//! `spm review list`: the keys, the formats and the filters.

use serde_json::json;

use super::{annual, list_ids, one_project};
use crate::common::{Env, read_csv};

/// The JSON keys of a review in `review list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "project",
    "title",
    "on",
    "kind",
    "decision",
    "reviewers",
    "staff_average",
    "students_average",
    "scores",
    "outcomes",
];

#[test]
fn list_the_demo_reviews_newest_first_with_every_key() {
    let env = Env::demo();
    let reviews = env.list("review", &[]);
    let ids: Vec<i64> = reviews.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [5, 4, 2, 3, 1]);
    let keys: Vec<&str> = reviews[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, LIST_KEYS);

    let two = &reviews[2];
    assert_eq!(two["project"], "assessment-2024");
    assert_eq!(
        two["title"],
        "Partnership approaches to assessment and feedback"
    );
    assert_eq!(two["on"], "2025-06-30");
    assert_eq!(two["kind"], "closing");
    assert_eq!(two["decision"], "close");
    assert_eq!(two["reviewers"], json!(["Dr M. Rossi"]));
    assert_eq!(two["staff_average"], 4.0);
    assert_eq!(two["students_average"], 3.33);
    assert_eq!(two["scores"], 7);
    assert_eq!(two["outcomes"], 4);
    assert!(
        reviews[0]["students_average"].is_null(),
        "review 5 has no student scores"
    );
}

#[test]
fn list_in_csv_md_and_table() {
    let env = Env::demo();
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "review", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][0], "5");
    assert_eq!(rows[0][1], "intern-archives-2025");

    let md = env.ok(&["--format", "md", "review", "list"]);
    assert!(md.starts_with("| Id | Project |"), "{md}");
    assert_eq!(md.lines().count(), 2 + 5, "{md}");

    let table = env.ok(&["review", "list"]);
    assert!(table.contains("Staff score"), "{table}");
    assert!(table.contains("reading-lists-2025"), "{table}");
}

#[test]
fn list_is_empty_on_a_fresh_database() {
    let env = Env::fresh();
    assert!(env.list("review", &[]).is_empty());
}

#[test]
fn list_by_project() {
    let env = Env::demo();
    assert_eq!(list_ids(&env, &["--project", "assessment-2024"]), [2, 1]);
    assert_eq!(list_ids(&env, &["--project", "ASSESSMENT-2024"]), [2, 1]);
    assert!(list_ids(&env, &["--project", "mh-peer-2025"]).is_empty());
}

#[test]
fn list_by_academic_year_runs_from_1_september_to_31_august() {
    let env = one_project("2024-09-01");
    let august = annual(&env, "x", "2025-08-31");
    let september = annual(&env, "x", "2025-09-01");
    let ids = |year: &str| {
        list_ids(&env, &["--year", year])
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("2024/25"), [august]);
    assert_eq!(ids("2025/26"), [september]);
    assert!(ids("2026/27").is_empty());

    let demo = Env::demo();
    assert_eq!(list_ids(&demo, &["--year", "2025/26"]), [5, 4]);
    assert_eq!(
        list_ids(
            &demo,
            &["--year", "2024/25", "--project", "cm-feedback-2024"]
        ),
        [3]
    );
}

#[test]
fn list_an_unknown_project_or_a_bad_year_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "list", "--project", "nope"], 66, "nope");
    for year in ["2025/27", "2025", "abc", "25/26"] {
        env.refused(&["review", "list", "--year", year], 65, "academic year");
    }
}
