//! `spm review add`: every flag, the principles of the adopted framework, and what it refuses.

use serde_json::json;

use super::{add_args, annual, one_project, review, show};
use crate::common::{Env, TODAY};

#[test]
fn add_prints_only_the_new_review_id() {
    let env = Env::demo();
    let out = env.run_ok(&add_args(
        "mh-peer-2025",
        &["--on", "2026-11-01", "--decision", "continue"],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "6\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("recorded review 6 of mh-peer-2025"),
        "{stderr}"
    );
}

#[test]
fn add_every_flag_round_trips_through_json_show() {
    let env = Env::demo();
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--kind",
            "interim",
            "--score",
            "CP1=4",
            "--score",
            "CP2=3:minutes of the co-design workshop",
            "--student-score",
            "CP2=2:panel survey",
            "--student-score",
            "CP5=5",
            "--outcome",
            "belonging=clear:focus group",
            "--outcome",
            "staff-trust=emerging",
            "--went-well",
            "peer sessions full",
            "--change",
            "more evening slots",
            "--lessons",
            "recruit earlier",
            "--decision",
            "adapt",
            "--reviewer",
            "Dr A. Khan",
            "--reviewer",
            "Sam Okafor",
        ],
    );
    let r = show(&env, &id);
    assert_eq!(r["id"], id.parse::<i64>().unwrap());
    assert_eq!(r["project"], "mh-peer-2025");
    assert_eq!(r["title"], "Mental health peer support");
    assert_eq!(r["on"], "2026-11-01");
    assert_eq!(r["kind"], "interim");
    assert_eq!(r["decision"], "adapt");
    assert_eq!(r["reviewers"], json!(["Dr A. Khan", "Sam Okafor"]));
    assert_eq!(r["framework"], "lse-principles");
    assert_eq!(r["went_well"], "peer sessions full");
    assert_eq!(r["to_change"], "more evening slots");
    assert_eq!(r["lessons"], "recruit earlier");

    let scores = r["scores"].as_array().expect("scores");
    let principles: Vec<&str> = scores
        .iter()
        .map(|s| s["principle"].as_str().unwrap())
        .collect();
    assert_eq!(principles, ["CP1", "CP2", "CP5"], "one row per principle");
    assert_eq!(scores[0]["staff"], 4);
    assert!(scores[0]["students"].is_null());
    assert!(scores[0]["gap"].is_null());
    assert_eq!(scores[1]["staff"], 3);
    assert_eq!(scores[1]["students"], 2);
    assert_eq!(scores[1]["gap"], -1, "gap is students minus staff");
    assert_eq!(
        scores[1]["staff_evidence"],
        "minutes of the co-design workshop"
    );
    assert_eq!(scores[1]["students_evidence"], "panel survey");
    assert!(scores[2]["staff"].is_null());
    assert_eq!(scores[2]["students"], 5);
    assert!(
        scores[0]["wording"]
            .as_str()
            .unwrap()
            .starts_with("Common goals and meaningful change"),
        "{r}"
    );

    let outcomes = r["outcomes"].as_array().expect("outcomes");
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0]["outcome"], "belonging");
    assert_eq!(outcomes[0]["for"], "students");
    assert_eq!(outcomes[0]["rating"], "clear");
    assert_eq!(outcomes[0]["evidence"], "focus group");
    assert!(outcomes[0]["description"].is_string());
    assert_eq!(outcomes[1]["outcome"], "staff-trust");
    assert_eq!(outcomes[1]["for"], "staff");
    assert_eq!(outcomes[1]["rating"], "emerging");
    assert!(outcomes[1]["evidence"].is_null());

    let history = r["history"].as_array().expect("a history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["actor"], "tester");
}

#[test]
fn add_defaults_to_an_annual_review_held_today() {
    let env = Env::demo();
    let id = review(&env, "mh-peer-2025", &["--decision", "continue"]);
    let r = show(&env, &id);
    assert_eq!(r["on"], TODAY);
    assert_eq!(r["kind"], "annual");
    assert_eq!(r["reviewers"], json!([]));
    assert_eq!(r["scores"], json!([]));
    assert_eq!(r["outcomes"], json!([]));
    for key in ["went_well", "to_change", "lessons"] {
        assert!(r[key].is_null(), "{key}: {r}");
    }
}

#[test]
fn add_by_students_gives_the_score_flags_to_the_students() {
    let env = Env::demo();
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--by",
            "students",
            "--score",
            "CP1=2:said so in the forum",
        ],
    );
    let row = &show(&env, &id)["scores"][0];
    assert_eq!(row["principle"], "CP1");
    assert!(row["staff"].is_null(), "{row}");
    assert_eq!(row["students"], 2);
    assert_eq!(row["students_evidence"], "said so in the forum");
}

#[test]
fn add_a_principle_scored_once_by_each_side_is_one_row() {
    let env = Env::demo();
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--score",
            "CP1=3",
            "--student-score",
            "CP1=5",
        ],
    );
    let scores = show(&env, &id)["scores"].clone();
    assert_eq!(
        scores.as_array().unwrap().len(),
        1,
        "staff and students side by side: {scores}"
    );
    assert_eq!(scores[0]["gap"], 2);
}

#[test]
fn add_without_a_decision_and_no_terminal_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args("mh-peer-2025", &["--on", "2026-11-01", "--score", "CP1=3"]),
        64,
        "--decision",
    );
}

#[test]
fn add_an_unknown_project_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args("nope", &["--score", "CP1=4", "--decision", "continue"]),
        66,
        "no project with code \"nope\"",
    );
}

#[test]
fn add_an_unknown_principle_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args(
            "mh-peer-2025",
            &["--score", "CP99=4", "--decision", "continue"],
        ),
        66,
        "CP99",
    );
}

#[test]
fn add_scores_that_are_not_whole_numbers_from_1_to_5_are_refused() {
    let env = Env::demo();
    for score in [
        "CP1=0", "CP1=6", "CP1=4.5", "CP1=abc", "CP1=-1", "CP1=", "CP1", "=3",
    ] {
        for flag in ["--score", "--student-score"] {
            env.refused(
                &add_args(
                    "mh-peer-2025",
                    &["--on", "2026-11-01", flag, score, "--decision", "continue"],
                ),
                65,
                "score",
            );
        }
    }
}

#[test]
fn add_a_future_date_needs_allow_future() {
    let env = Env::demo();
    let args = ["--on", "2026-11-24", "--decision", "continue"];
    env.refused(&add_args("mh-peer-2025", &args), 65, "--allow-future");
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-24",
            "--decision",
            "continue",
            "--allow-future",
        ],
    );
    assert_eq!(show(&env, &id)["on"], "2026-11-24");
}

#[test]
fn add_malformed_dates_are_refused() {
    let env = Env::demo();
    for date in ["2026-13-01", "2026-02-30", "26-1-1", "yesterday", ""] {
        env.refused(
            &add_args("mh-peer-2025", &["--on", date, "--decision", "continue"]),
            65,
            "date",
        );
    }
}

#[test]
fn add_a_principle_of_another_framework_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args(
            "mh-peer-2025",
            &[
                "--on",
                "2026-11-01",
                "--score",
                "HFH1=3",
                "--decision",
                "continue",
            ],
        ),
        65,
        "hfh-2014",
    );
}

#[test]
fn add_a_principle_retired_before_the_review_is_refused_but_not_one_retired_after() {
    let env = Env::demo();
    env.ok(&["principle", "retire", "CP3", "--on", "2026-01-01"]);
    for on in ["2026-01-01", "2026-02-01"] {
        env.refused(
            &add_args(
                "mh-peer-2025",
                &["--on", on, "--score", "CP3=3", "--decision", "continue"],
            ),
            65,
            "retired",
        );
    }
    env.refused(
        &add_args(
            "mh-peer-2025",
            &[
                "--on",
                "2026-02-01",
                "--student-score",
                "CP3=3",
                "--decision",
                "continue",
            ],
        ),
        65,
        "retired",
    );
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2025-12-31",
            "--score",
            "CP3=3",
            "--decision",
            "continue",
        ],
    );
    assert_eq!(show(&env, &id)["scores"][0]["principle"], "CP3");
}

#[test]
fn add_the_same_principle_twice_by_the_same_side_is_refused() {
    let env = Env::demo();
    let cases: &[&[&str]] = &[
        &["--score", "CP1=3", "--score", "CP1=4"],
        &["--student-score", "CP1=3", "--student-score", "CP1=3"],
        &[
            "--by",
            "students",
            "--score",
            "CP1=3",
            "--student-score",
            "CP1=4",
        ],
        &["--score", "CP1=3", "--score", "cp1=4"],
    ];
    for case in cases {
        let mut extra = vec!["--on", "2026-11-01", "--decision", "continue"];
        extra.extend_from_slice(case);
        env.refused(&add_args("mh-peer-2025", &extra), 65, "twice");
    }
}

#[test]
fn add_bad_outcomes_are_refused() {
    let env = Env::demo();
    let cases: &[(&[&str], &str)] = &[
        (&["--outcome", "happiness=clear"], "unknown outcome"),
        (&["--outcome", "belonging=great"], "unknown outcome rating"),
        (&["--outcome", "belonging"], "is not written like"),
        (&["--outcome", "=clear"], "is not written like"),
        (
            &[
                "--outcome",
                "belonging=clear",
                "--outcome",
                "belonging=emerging",
            ],
            "twice",
        ),
    ];
    for (case, needle) in cases {
        let mut extra = vec!["--on", "2026-11-01", "--decision", "continue"];
        extra.extend_from_slice(case);
        env.refused(&add_args("mh-peer-2025", &extra), 65, needle);
    }
}

#[test]
fn add_a_second_review_of_the_same_kind_on_the_same_day_is_refused_naming_the_first() {
    let env = Env::demo();
    let first = annual(&env, "mh-peer-2025", "2026-11-01");
    env.refused(
        &add_args(
            "mh-peer-2025",
            &[
                "--on",
                "2026-11-01",
                "--decision",
                "adapt",
                "--score",
                "CP1=2",
            ],
        ),
        65,
        &format!("review {first}"),
    );
    // Another kind on the same day, or another project, is fine.
    review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--kind",
            "interim",
            "--decision",
            "adapt",
        ],
    );
    annual(&env, "cm-commuter-2025", "2026-11-01");
    assert_eq!(env.list("review", &["--project", "mh-peer-2025"]).len(), 2);
}

#[test]
fn add_a_closing_review_that_does_not_close_is_refused() {
    let env = Env::demo();
    for decision in ["continue", "adapt"] {
        env.refused(
            &add_args(
                "mh-peer-2025",
                &[
                    "--on",
                    "2026-11-01",
                    "--kind",
                    "closing",
                    "--decision",
                    decision,
                ],
            ),
            65,
            "close",
        );
    }
}

#[test]
fn add_unknown_kinds_decisions_and_sides_are_refused() {
    let env = Env::demo();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--kind", "weekly", "--decision", "continue"],
            "unknown review kind \"weekly\"",
        ),
        (&["--decision", "maybe"], "unknown decision \"maybe\""),
        (
            &[
                "--by",
                "teachers",
                "--score",
                "CP1=3",
                "--decision",
                "continue",
            ],
            "\"teachers\"",
        ),
    ];
    for (case, needle) in cases {
        env.refused(&add_args("mh-peer-2025", case), 65, needle);
    }
}

#[test]
fn add_missing_arguments_are_clap_errors() {
    let env = Env::demo();
    env.clap_fails(&["review", "add"], "<PROJECT>");
    env.clap_fails(&add_args("mh-peer-2025", &["--decision"]), "");
    env.clap_fails(
        &add_args("mh-peer-2025", &["--bogus"]),
        "unexpected argument '--bogus'",
    );
}

#[test]
fn after_adopting_another_framework_its_principles_are_scored_and_old_reviews_keep_theirs() {
    let env = Env::demo();
    env.ok(&["principle", "adopt", "hfh-2014"]);
    env.refused(
        &add_args(
            "mh-peer-2025",
            &[
                "--on",
                "2026-11-01",
                "--score",
                "CP1=3",
                "--decision",
                "continue",
            ],
        ),
        65,
        "lse-principles",
    );
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--score",
            "HFH1=3",
            "--decision",
            "continue",
        ],
    );
    let r = show(&env, &id);
    assert_eq!(r["framework"], "hfh-2014");
    assert_eq!(r["scores"][0]["principle"], "HFH1");

    // Review 1 of the demo was scored against lse-principles and stays so.
    assert_eq!(show(&env, "1")["framework"], "lse-principles");
    env.ok(&["review", "edit", "1", "--score", "CP5=2"]);
    env.refused(
        &["review", "edit", "1", "--score", "HFH2=3"],
        65,
        "hfh-2014",
    );
}

#[test]
fn spa_values_and_their_principles_can_be_scored_whatever_the_case() {
    let env = Env::demo();
    env.ok(&["principle", "adopt", "spa"]);
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2026-11-01",
            "--score",
            "SPA1=3",
            "--score",
            "spa1.1=4",
            "--decision",
            "continue",
        ],
    );
    let scores = show(&env, &id)["scores"].clone();
    let codes: Vec<&str> = scores
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["principle"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SPA1", "SPA1.1"]);
}

#[test]
fn a_review_more_than_a_year_ahead_is_refused_even_when_allowed() {
    let env = one_project("2025-06-01");
    env.refused(
        &[
            "review",
            "add",
            "x",
            "--on",
            "2062-01-01",
            "--allow-future",
            "--decision",
            "continue",
        ],
        65,
        "more than a year ahead",
    );
    review(
        &env,
        "x",
        &[
            "--on",
            "2027-11-23",
            "--allow-future",
            "--decision",
            "continue",
        ],
    );
}

#[test]
fn reflections_may_be_long_but_not_endless() {
    let env = one_project("2025-06-01");
    let long = "word ".repeat(1000);
    review(
        &env,
        "x",
        &[
            "--on",
            "2026-01-01",
            "--decision",
            "continue",
            "--went-well",
            &long,
        ],
    );
    let endless = "x".repeat(20_001);
    env.refused(
        &[
            "review",
            "add",
            "x",
            "--on",
            "2026-02-01",
            "--decision",
            "continue",
            "--lessons",
            &endless,
        ],
        65,
        "the text of the lessons is longer than 20000 characters",
    );
}
