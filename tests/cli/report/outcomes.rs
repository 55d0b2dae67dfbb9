//! `spm report outcomes`: outcome ratings by year.

use serde_json::json;

use super::rows_of;
use crate::common::Env;

#[test]
fn outcomes_counts_ratings_by_year() {
    let env = Env::demo();
    let rows = rows_of(&env, "outcomes", &[]);
    // Reviews held in 2024/25 and 2025/26: eleven outcomes each.
    assert_eq!(rows.len(), 22);
    let teaching = rows
        .iter()
        .find(|r| r["year"] == "2024/25" && r["outcome"] == "teaching-materials")
        .expect("a row");
    assert_eq!(
        *teaching,
        json!({"year": "2024/25", "group": "staff", "outcome": "teaching-materials",
               "description": "new or better teaching/curriculum materials",
               "not_seen": 0, "emerging": 0, "clear": 2, "rated": 2})
    );
    let later = rows_of(&env, "outcomes", &["--year", "2026/27"]);
    assert_eq!(later.len(), 11);
    assert!(later.iter().all(|r| r["rated"] == 0));
    let history = rows_of(&env, "outcomes", &["--dept", "History"]);
    let seen: Vec<&str> = history
        .iter()
        .filter(|r| r["clear"] != 0)
        .filter_map(|r| r["outcome"].as_str())
        .collect();
    assert_eq!(seen, ["motivation", "relationships"]);
}
