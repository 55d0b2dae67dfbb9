//! `spm report all`: every report at once.

use serde_json::Value as Json;

use super::rows_of;
use crate::common::Env;

/// Every report `report all` holds, with its sheet name.
const ALL: &[(&str, &str)] = &[
    ("summary", "Summary"),
    ("principles", "Principles"),
    ("reviews", "Reviews"),
    ("outcomes", "Outcomes"),
    ("recommendations", "Recommendations"),
    ("funding", "Funding"),
    ("participation", "Participation"),
];

#[test]
fn all_as_json_holds_each_report_as_its_own_command_gives_it() {
    let env = Env::demo();
    let all =
        crate::common::json(&env.ok(&["--format", "json", "report", "all", "--year", "2025/26"]));
    let keys: Vec<&str> = all
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ALL.iter().map(|(k, _)| *k).collect::<Vec<_>>());
    for (name, _) in ALL {
        let own = rows_of(&env, name, &["--year", "2025/26"]);
        assert_eq!(all[*name], Json::Array(own), "{name}");
    }
}

#[test]
fn all_as_markdown_and_tables_gives_a_heading_per_report() {
    let env = Env::demo();
    let md = env.ok(&["--format", "md", "report", "all"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    let expected: Vec<String> = ALL.iter().map(|(_, t)| format!("## {t}")).collect();
    assert_eq!(headings, expected, "{md}");
    let own = env.ok(&["--format", "md", "report", "funding"]);
    assert!(md.contains(&format!("## Funding\n\n{own}")), "{md}");
    let table = env.ok(&["report", "all"]);
    for (_, title) in ALL {
        assert!(table.lines().any(|l| l == *title), "{title}: {table}");
    }
}

#[test]
fn all_with_a_department_leaves_participation_out() {
    let env = Env::demo();
    let all =
        crate::common::json(&env.ok(&["--format", "json", "report", "all", "--dept", "History"]));
    assert!(all.get("participation").is_none(), "{all}");
    assert_eq!(
        all["reviews"],
        Json::Array(rows_of(&env, "reviews", &["--dept", "History"]))
    );
}

#[test]
fn all_refuses_csv_a_bad_year_and_an_unknown_department() {
    let env = Env::demo();
    env.refused(
        &["--format", "csv", "report", "all"],
        64,
        "a CSV file holds one table",
    );
    env.refused(&["report", "all", "--year", "2025/27"], 65, "academic year");
    env.refused(
        &["report", "all", "--dept", "Histroy"],
        66,
        "no project in department \"Histroy\"",
    );
    let help = env.ok(&["report", "all", "--help"]);
    assert!(
        help.contains("Examples:") && help.contains("year.xlsx"),
        "{help}"
    );
}
