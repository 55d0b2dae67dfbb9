//! `spm panel list`: order, counts, filters and formats.

use super::{add_args, insight, list_ids, raise, session};
use crate::common::{Env, read_csv};

/// The JSON keys of a session in `panel list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "year",
    "term",
    "on",
    "topic",
    "question",
    "panellists",
    "insights",
    "recommendations",
];

#[test]
fn list_is_newest_first_with_counts_and_filters() {
    let env = Env::fresh();
    let autumn = session(&env, "autumn", "2025-10-14");
    let spring = session(&env, "spring", "2026-05-05");
    session(&env, "winter", "2026-01-20");
    env.ok(&[
        "panel",
        "add",
        "--term",
        "autumn",
        "--on",
        "2026-10-06",
        "--topic",
        "Timetables",
    ]);
    insight(&env, &autumn, "one");
    insight(&env, &autumn, "two");
    raise(&env, &autumn, "return work within three weeks", "accepted");
    raise(&env, &spring, "more quiet study space", "proposed");
    assert_eq!(list_ids(&env, &[]), vec![4, 2, 3, 1]);
    assert_eq!(list_ids(&env, &["--year", "2025/26"]), vec![2, 3, 1]);
    assert_eq!(
        list_ids(&env, &["--year", "2025-2026", "--term", "AUTUMN"]),
        vec![1]
    );
    assert_eq!(list_ids(&env, &["--term", "autumn"]), vec![4, 1]);
    assert!(list_ids(&env, &["--year", "2024/25"]).is_empty());
    let rows = env.list("panel", &["--year", "2025/26"]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, LIST_KEYS);
    let first = &rows[2];
    assert_eq!(first["on"], "2025-10-14");
    assert_eq!(first["insights"], 2);
    assert_eq!(first["recommendations"], 1);
    assert!(first["question"].is_null());
    assert!(first["panellists"].is_null());
    assert_eq!(rows[0]["recommendations"], 1);
    assert_eq!(rows[1]["insights"], 0);
}

#[test]
fn list_refuses_bad_filters() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    env.refused(&["panel", "list", "--year", "2025/27"], 65, "did you mean");
    env.refused(&["panel", "list", "--year", "last"], 65, "not of the form");
    env.refused(
        &["panel", "list", "--term", "autum"],
        65,
        "autumn, winter, spring",
    );
    env.clap_fails(&["panel", "list", "--year"], "");
    env.clap_fails(&["panel", "ls", "--colour"], "");
}

#[test]
fn list_in_every_format() {
    let env = Env::fresh();
    env.ok(&add_args(
        "autumn",
        "2025-10-14",
        &["--question", "=HYPERLINK(\"x\")", "--panellists", "9"],
    ));
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "panel", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(
        rows,
        vec![vec![
            "1",
            "2025/26",
            "autumn",
            "2025-10-14",
            "Assessment feedback",
            "'=HYPERLINK(\"x\")",
            "9",
            "0",
            "0"
        ]]
    );
    let md = env.ok(&["--format", "md", "panel", "list"]);
    assert_eq!(
        md,
        "| Id | Year | Term | On | Topic | Panellists | Insights | Recommendations |\n\
         |---|---|---|---|---|---|---|---|\n\
         | 1 | 2025/26 | autumn | 2025-10-14 | Assessment feedback | 9 | 0 | 0 |\n"
    );
    let table = env.ok(&["panel", "ls"]);
    assert!(table.contains("Assessment feedback"), "{table}");
    assert!(
        !table.contains("HYPERLINK"),
        "a table leaves the question to show: {table}"
    );
    let empty = Env::fresh();
    assert_eq!(empty.ok(&["--format", "json", "panel", "list"]), "[]\n");
}
