//! `spm project list` (and `ls`): the filters and `--group-by`.

use super::{DEMO_CODES, add};
use crate::common::{Env, codes_of, json, read_csv};

/// Checks on the demo that `spm project list` with each case's filters gives the case's codes,
/// in order.
fn demo_lists(cases: &[(&[&str], &[&str])]) {
    let env = Env::demo();
    for (filters, expected) in cases {
        assert_eq!(
            env.codes("project", filters),
            *expected,
            "project list {filters:?}"
        );
    }
}

#[test]
fn list_shows_every_demo_project_newest_year_first() {
    demo_lists(&[(&[], DEMO_CODES)]);
}

#[test]
fn list_ls_is_an_alias() {
    let env = Env::demo();
    assert_eq!(
        env.ok(&["project", "ls", "--status", "paused"]),
        env.ok(&["project", "list", "--status", "paused"])
    );
    let listed = json(&env.ok(&["--format", "json", "project", "ls", "--status", "paused"]));
    assert_eq!(listed[0]["code"], "reps-forum-2025");
}

#[test]
fn list_filters_by_status() {
    demo_lists(&[
        (
            &["--status", "active"],
            &[
                "sep-autumn-2026",
                "catalyst-access-2025",
                "cm-commuter-2025",
                "intern-archives-2025",
                "mh-peer-2025",
                "reading-lists-2025",
            ],
        ),
        (
            &["--status", "Completed"],
            &[
                "assessment-2024",
                "cm-feedback-2024",
                "employability-2021",
                "mental-health-2021",
                "student-voice-2021",
            ],
        ),
        (&["--status", "withdrawn"], &["welcome-2024"]),
    ]);
}

#[test]
fn list_filters_by_academic_year() {
    let expected = &["assessment-2024", "cm-feedback-2024", "welcome-2024"];
    demo_lists(&[
        (&["--year", "2024/25"], expected),
        (&["--year", "2024-2025"], expected),
    ]);
}

#[test]
fn list_filters_by_form() {
    demo_lists(&[(
        &["--form", "educational-research"],
        &[
            "sep-autumn-2026",
            "cm-commuter-2025",
            "cm-feedback-2024",
            "student-voice-2021",
        ],
    )]);
}

#[test]
fn list_filters_by_planned_level() {
    demo_lists(&[
        (
            &["--level", "student-led"],
            &["cm-commuter-2025", "cm-feedback-2024", "welcome-2024"],
        ),
        (&["--level", "consultation"], &["sep-autumn-2026"]),
    ]);
}

#[test]
fn list_filters_by_activity() {
    demo_lists(&[(
        &["--activity", "change-makers"],
        &["cm-commuter-2025", "cm-feedback-2024"],
    )]);
}

#[test]
fn list_filters_by_whole_department_in_any_case() {
    let expected = &["sep-autumn-2026", "cm-commuter-2025", "cm-feedback-2024"];
    demo_lists(&[
        (&["--dept", "eden centre"], expected),
        (&["--department", "EDEN CENTRE"], expected),
        (&["--dept", "Eden"], &[]),
    ]);
}

#[test]
fn list_filters_by_whole_theme_in_any_case() {
    demo_lists(&[
        (
            &["--theme", "Assessment"],
            &["sep-autumn-2026", "assessment-2024", "cm-feedback-2024"],
        ),
        (
            &["--theme", "research skills"],
            &["data-ethics-2026", "intern-archives-2025"],
        ),
        (&["--theme", "research"], &[]),
    ]);
}

#[test]
fn list_filters_by_part_of_the_staff_lead() {
    demo_lists(&[
        (
            &["--lead", "khan"],
            &["mh-peer-2025", "welcome-2024", "mental-health-2021"],
        ),
        (
            &["--lead", "S. Chen"],
            &["data-ethics-2026", "lab-methods-2026"],
        ),
    ]);
}

#[test]
fn list_search_looks_in_code_title_summary_department_lead_and_themes() {
    demo_lists(&[
        // "peer" is in mh-peer-2025's code and title, and in cm-feedback-2024's summary.
        (&["--search", "PEER"], &["mh-peer-2025", "cm-feedback-2024"]),
        // A department, a lead and a theme.
        (&["--search", "methodology"], &["lab-methods-2026"]),
        (&["--search", "Novak"], &["intern-archives-2025"]),
        (&["--search", "timetabling"], &["cm-commuter-2025"]),
    ]);
}

#[test]
fn list_search_treats_percent_and_underscore_literally() {
    let env = Env::demo();
    assert!(env.codes("project", &["--search", "%"]).is_empty());
    assert!(env.codes("project", &["--search", "_"]).is_empty());
    assert!(env.codes("project", &["--search", "\\"]).is_empty());
    let percent = add(&env, "Attendance up 100% this term", &["--code", "percent"]);
    let underscore = add(&env, "snake_case names", &["--code", "underscore"]);
    assert_eq!(env.codes("project", &["--search", "%"]), [percent.as_str()]);
    assert_eq!(
        env.codes("project", &["--search", "100%"]),
        [percent.as_str()]
    );
    assert_eq!(
        env.codes("project", &["--search", "_"]),
        [underscore.as_str()]
    );
    // "e_c" would match "e-c" or "e c" if "_" were a wildcard.
    assert_eq!(
        env.codes("project", &["--search", "e_c"]),
        [underscore.as_str()]
    );
    assert_eq!(env.codes("project", &["--lead", "%"]), Vec::<String>::new());
}

#[test]
fn list_filters_combine() {
    demo_lists(&[
        (
            &["--status", "active", "--year", "2025/26"],
            &[
                "catalyst-access-2025",
                "cm-commuter-2025",
                "intern-archives-2025",
                "mh-peer-2025",
                "reading-lists-2025",
            ],
        ),
        (
            &["--lead", "halls", "--status", "completed"],
            &["cm-feedback-2024", "employability-2021"],
        ),
        (&["--theme", "wellbeing", "--year", "2024/25"], &[]),
    ]);
}

#[test]
fn list_bad_filter_values_are_refused() {
    let env = Env::demo();
    for (args, message) in [
        (["--status", "activ"], r#"did you mean "active"?"#),
        (["--year", "2025/27"], r#"did you mean "2025/26"?"#),
        (["--form", "curicullum"], r#"unknown form "curicullum""#),
        (["--level", "zzz"], r#"unknown engagement level "zzz""#),
        (["--activity", "panel"], r#"unknown activity "panel""#),
    ] {
        let mut full = vec!["project", "list"];
        full.extend_from_slice(&args);
        env.refused(&full, 65, message);
    }
}

#[test]
fn group_by_theme_lists_a_project_under_each_of_its_themes() {
    let env = Env::demo();
    let groups = env.json_list(&[
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["theme"].as_str().expect("a theme"))
        .collect();
    assert_eq!(
        names,
        ["assessment", "belonging", "feedback", "timetabling"]
    );
    let codes = |i: usize| codes_of(groups[i]["items"].as_array().expect("items"));
    assert_eq!(codes(1), ["cm-commuter-2025"]);
    assert_eq!(codes(2), ["cm-feedback-2024"]);
    // The year narrows the gallery; CSV puts the group in the first column.
    let csv = env.ok(&[
        "--format",
        "csv",
        "project",
        "list",
        "--activity",
        "change-makers",
        "--year",
        "2025/26",
        "--group-by",
        "theme",
    ]);
    let (header, rows) = read_csv(&csv);
    assert_eq!(header[0], "theme");
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows.iter().all(|r| r[1] == "cm-commuter-2025"));
    // People get a heading and a table per group; Markdown a section per group.
    let table = env.ok(&[
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    assert!(table.starts_with("assessment (1)\n"), "{table}");
    let md = env.ok(&[
        "--format",
        "md",
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    assert!(md.starts_with("## assessment\n\n| Code |"), "{md}");
}

#[test]
fn group_by_puts_projects_without_a_value_last() {
    let env = Env::demo();
    let groups = env.json_list(&["project", "list", "--group-by", "activity"]);
    let last = groups.last().expect("groups");
    assert!(groups.len() > 2);
    assert_ne!(
        last["activity"], "(none)",
        "every demo project has an activity"
    );
    let groups = env.json_list(&["project", "list", "--group-by", "year"]);
    let years: Vec<&str> = groups
        .iter()
        .map(|g| g["year"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(years, ["2021/22", "2024/25", "2025/26", "2026/27"]);
}

#[test]
fn group_by_an_unknown_field_is_refused() {
    let env = Env::demo();
    env.refused(
        &["project", "list", "--group-by", "colour"],
        65,
        "unknown grouping \"colour\"",
    );
    env.clap_fails(&["project", "list", "--group-by"], "");
}
