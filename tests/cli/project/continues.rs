//! `spm project add|edit --continues CODE`: a project that continues an earlier year's, the
//! series `project show` lists, and the links refused.

use serde_json::Value as Json;

use crate::common::{Env, add_project};

/// (year, code) of each project in `project show CODE`'s series.
fn series(env: &Env, code: &str) -> Vec<(String, String)> {
    let shown = env.show("project", code);
    shown["series"]
        .as_array()
        .expect("a series")
        .iter()
        .map(|r| {
            (
                r["year"].as_str().expect("a year").to_string(),
                r["code"].as_str().expect("a code").to_string(),
            )
        })
        .collect()
}

/// Three projects, 2023/24, 2024/25 and 2025/26, none linked.
fn three() -> Env {
    let env = Env::new();
    add_project(&env, "a-2023", &["--year", "2023/24"]);
    add_project(&env, "b-2024", &["--year", "2024/25"]);
    add_project(&env, "c-2025", &["--year", "2025/26"]);
    env
}

fn owned(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(y, c)| (y.to_string(), c.to_string()))
        .collect()
}

#[test]
fn add_and_edit_link_a_series_that_show_lists_in_year_order() {
    let env = three();
    env.ok(&["project", "edit", "b-2024", "--continues", "A-2023"]);
    add_project(
        &env,
        "d-2026",
        &["--year", "2026/27", "--continues", "c-2025"],
    );
    env.ok(&["project", "edit", "c-2025", "--continues", "b-2024"]);
    let whole = owned(&[
        ("2023/24", "a-2023"),
        ("2024/25", "b-2024"),
        ("2025/26", "c-2025 (this one)"),
        ("2026/27", "d-2026"),
    ]);
    assert_eq!(series(&env, "c-2025"), whole);
    let first = series(&env, "a-2023");
    assert_eq!(first[0].1, "a-2023 (this one)");
    assert_eq!(first.len(), 4);
    assert_eq!(env.show("project", "d-2026")["continues"], "c-2025");
    assert_eq!(env.show("project", "a-2023")["continues"], Json::Null);
    // The change log says what it continued and what it continues now.
    let log = env.ok(&["project", "show", "c-2025"]);
    assert!(log.contains("continues"), "{log}");
    // "" clears the link; the series splits in two.
    env.ok(&["project", "edit", "c-2025", "--continues", ""]);
    assert_eq!(env.show("project", "c-2025")["continues"], Json::Null);
    assert_eq!(
        series(&env, "c-2025"),
        owned(&[("2025/26", "c-2025 (this one)"), ("2026/27", "d-2026")])
    );
    assert_eq!(series(&env, "b-2024").len(), 2);
}

#[test]
fn a_project_alone_has_no_series() {
    let env = three();
    assert_eq!(series(&env, "a-2023"), Vec::new());
}

#[test]
fn a_link_to_itself_a_cycle_a_later_year_or_an_unknown_code_is_refused_unchanged() {
    let env = three();
    env.ok(&["project", "edit", "b-2024", "--continues", "a-2023"]);
    let one_line = |err: String| {
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    };
    one_line(env.refused(
        &["project", "edit", "b-2024", "--continues", "b-2024"],
        65,
        "cannot continue itself",
    ));
    one_line(env.refused(
        &["project", "edit", "a-2023", "--continues", "b-2024"],
        65,
        "cycle",
    ));
    // Through another: c continues b, and a would continue c.
    env.ok(&["project", "edit", "c-2025", "--continues", "b-2024"]);
    one_line(env.refused(
        &["project", "edit", "a-2023", "--continues", "c-2025"],
        65,
        "cycle",
    ));
    // Not a cycle, but not earlier: b cannot continue c's year.
    add_project(&env, "e-2025", &["--year", "2025/26"]);
    one_line(env.refused(
        &["project", "edit", "a-2023", "--continues", "e-2025"],
        65,
        "not earlier than 2023/24",
    ));
    one_line(env.refused(
        &["project", "edit", "c-2025", "--continues", "e-2025"],
        65,
        "not earlier than 2025/26",
    ));
    one_line(env.refused(
        &["project", "edit", "c-2025", "--continues", "b-2042"],
        66,
        "did you mean \"b-2024\"",
    ));
    // Adding one that continues an unknown or a later project writes nothing either.
    one_line(env.refused(
        &[
            "project",
            "add",
            "New",
            "--form",
            "wider-student-experience",
            "--level",
            "partnership",
            "--year",
            "2024/25",
            "--continues",
            "c-2025",
        ],
        65,
        "not earlier than 2024/25",
    ));
    one_line(env.refused(
        &[
            "project",
            "add",
            "New",
            "--form",
            "wider-student-experience",
            "--level",
            "partnership",
            "--year",
            "2026/27",
            "--continues",
            "nothing-2025",
        ],
        66,
        "no project with code \"nothing-2025\"",
    ));
    // Moving a project to a year not before the one that continues it is refused too.
    one_line(env.refused(
        &["project", "edit", "b-2024", "--year", "2025/26"],
        65,
        "continues b-2024",
    ));
    one_line(env.refused(
        &["project", "edit", "b-2024", "--year", "2023/24"],
        65,
        "not earlier than 2023/24",
    ));
}
