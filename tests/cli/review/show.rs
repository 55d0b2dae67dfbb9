//! `spm review show`: staff and student scores side by side, outcomes and history.

use serde_json::json;

use super::show;
use crate::common::Env;

#[test]
fn show_puts_staff_and_student_scores_side_by_side() {
    let env = Env::demo();
    let r = show(&env, "1");
    assert_eq!(r["project"], "assessment-2024");
    assert_eq!(
        r["reviewers"],
        json!(["Dr M. Rossi", "Sam Okafor (student partner)"])
    );
    assert_eq!(
        r["scores"],
        json!([
            {
                "principle": "CP1",
                "wording": r["scores"][0]["wording"],
                "staff": 4, "students": null, "gap": null,
                "staff_evidence": null, "students_evidence": null
            },
            {
                "principle": "CP2",
                "wording": r["scores"][1]["wording"],
                "staff": 3, "students": 2, "gap": -1,
                "staff_evidence": "minutes of the rubric workshop",
                "students_evidence": "student partners' survey"
            },
            {
                "principle": "CP4",
                "wording": r["scores"][2]["wording"],
                "staff": 4, "students": 3, "gap": -1,
                "staff_evidence": null, "students_evidence": null
            }
        ])
    );
    let outcomes: Vec<(&str, &str, &str)> = r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome"].as_str().unwrap(),
                o["for"].as_str().unwrap(),
                o["rating"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("confidence", "students", "emerging"),
            ("relationships", "students", "clear"),
            ("teaching-materials", "staff", "clear"),
        ]
    );
}

#[test]
fn show_as_a_table_and_markdown_has_the_scores_outcomes_and_history() {
    let env = Env::demo();
    for format in ["table", "md"] {
        let text = env.ok(&["--format", format, "review", "show", "1"]);
        for needle in [
            "Scores",
            "Outcomes",
            "History",
            "minutes of the rubric workshop",
            "teaching-materials",
        ] {
            assert!(text.contains(needle), "{format}: no {needle:?} in {text}");
        }
    }
}

#[test]
fn show_an_unknown_review_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "show", "99"], 66, "no review with id \"99\"");
    env.refused(&["review", "show", "9223372036854775807"], 66, "no review");
}

#[test]
fn show_ids_that_are_not_positive_whole_numbers_are_clap_errors() {
    let env = Env::demo();
    for id in ["0", "-1", "abc", "99999999999999999999", "1.5"] {
        env.clap_fails(&["review", "show", id], "");
    }
    env.clap_fails(&["review", "show"], "<ID>");
}
