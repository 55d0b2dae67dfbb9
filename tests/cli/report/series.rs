//! `spm report principles --series CODE`: each principle's staff and student scores, year on
//! year, across a project's series.

use super::where_is;
use crate::common::Env;

#[test]
fn the_series_report_shows_each_principles_scores_per_year() {
    let env = Env::demo();
    // The demo's series: mh-peer-2025 continues mental-health-2021, neither scored.
    let rows = env.json_list(&["report", "principles", "--series", "mental-health-2021"]);
    let cp1 = where_is(&rows, "principle", "CP1");
    let years: Vec<(&str, &str)> = cp1
        .iter()
        .map(|r| {
            (
                r["year"].as_str().unwrap_or_default(),
                r["project"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            ("2021/22", "mental-health-2021"),
            ("2025/26", "mh-peer-2025")
        ]
    );
    assert!(
        cp1.iter()
            .all(|r| r["staff_scores"] == 0 && r["staff_average"].is_null())
    );
    // Link two scored projects: assessment-2024 (CP2: staff 3 and 4, students 2 and 4)
    // then reading-lists-2025.
    env.ok(&[
        "project",
        "edit",
        "reading-lists-2025",
        "--continues",
        "assessment-2024",
    ]);
    let rows = env.json_list(&["report", "principles", "--series", "reading-lists-2025"]);
    let cp2 = where_is(&rows, "principle", "CP2");
    assert_eq!(cp2.len(), 2, "{cp2:?}");
    assert_eq!(cp2[0]["year"], "2024/25");
    assert_eq!(cp2[0]["project"], "assessment-2024");
    assert_eq!(cp2[0]["staff_scores"], 2);
    assert_eq!(cp2[0]["staff_average"], 3.5);
    assert_eq!(cp2[0]["student_scores"], 2);
    assert_eq!(cp2[0]["student_average"], 3.0);
    assert_eq!(cp2[0]["gap"], -0.5);
    assert_eq!(cp2[1]["year"], "2025/26");
    assert_eq!(cp2[1]["project"], "reading-lists-2025");
    // Every principle in use has a row per project: as many for each.
    let cp1 = where_is(&rows, "principle", "CP1");
    assert_eq!(cp1.len(), 2);
    assert!(cp1[1]["staff_scores"].as_i64().unwrap_or_default() > 0);
}

#[test]
fn the_series_report_refuses_an_unknown_code_or_a_scope() {
    let env = Env::demo();
    let err = env.refused(
        &["report", "principles", "--series", "mh-peer-2052"],
        66,
        "did you mean \"mh-peer-2025\"",
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    env.clap_fails(
        &[
            "report",
            "principles",
            "--series",
            "mh-peer-2025",
            "--year",
            "2025/26",
        ],
        "cannot be used with",
    );
}
