//! `spm review edit`: fields, scores and outcomes, the change log, and what it refuses.

use serde_json::json;

use super::{annual, due_of, one_project, review, rows_of, show, show_project};
use crate::common::Env;

#[test]
fn edit_changes_fields_and_logs_the_change_in_the_history() {
    let env = Env::demo();
    let out = env.run_ok(&[
        "review",
        "edit",
        "5",
        "--decision",
        "adapt",
        "--kind",
        "annual",
        "--on",
        "2026-06-21",
        "--reviewer",
        "Dr E. Novak",
        "--reviewer",
        "Ana (student intern)",
        "--change",
        "more archive days",
    ]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed review 5"));
    let r = show(&env, "5");
    assert_eq!(r["decision"], "adapt");
    assert_eq!(r["kind"], "annual");
    assert_eq!(r["on"], "2026-06-21");
    assert_eq!(
        r["reviewers"],
        json!(["Dr E. Novak", "Ana (student intern)"])
    );
    assert_eq!(r["to_change"], "more archive days");

    let history = r["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["actor"], "tester");
    assert_eq!(
        history[1]["fields"]["decision"],
        json!(["continue", "adapt"])
    );
    assert_eq!(
        history[1]["fields"]["on"],
        json!(["2026-06-20", "2026-06-21"])
    );
    // The next review is due one cadence (6 months) after the moved date.
    assert_eq!(
        due_of(&env, "intern-archives-2025").as_deref(),
        Some("2026-12-21")
    );
}

#[test]
fn edit_empty_strings_clear_the_reviewers_and_reflections() {
    let env = Env::demo();
    env.ok(&[
        "review",
        "edit",
        "1",
        "--reviewer",
        "",
        "--went-well",
        "",
        "--change",
        "",
        "--lessons",
        "",
    ]);
    let r = show(&env, "1");
    assert_eq!(r["reviewers"], json!([]));
    for key in ["went_well", "to_change", "lessons"] {
        assert!(r[key].is_null(), "{key}: {r}");
    }
}

#[test]
fn edit_scores_add_or_replace_on_each_side() {
    let env = Env::demo();
    env.ok(&[
        "review",
        "edit",
        "1",
        "--score",
        "CP1=2:new minutes",
        "--student-score",
        "CP1=5",
        "--score",
        "CP6=3",
    ]);
    let scores = show(&env, "1")["scores"].clone();
    let cp1 = &scores[0];
    assert_eq!(cp1["principle"], "CP1");
    assert_eq!(cp1["staff"], 2);
    assert_eq!(cp1["staff_evidence"], "new minutes");
    assert_eq!(cp1["students"], 5);
    assert_eq!(cp1["gap"], 3);
    let codes: Vec<&str> = scores
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["principle"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CP1", "CP2", "CP4", "CP6"]);
    assert_eq!(rows_of(&env, "review_scores", "1"), 7);
}

#[test]
fn edit_remove_score_takes_away_the_side_given_by_by() {
    let env = Env::demo();
    env.ok(&[
        "review",
        "edit",
        "1",
        "--remove-score",
        "CP2",
        "--by",
        "students",
    ]);
    let cp2 = show(&env, "1")["scores"][1].clone();
    assert_eq!(cp2["principle"], "CP2");
    assert_eq!(cp2["staff"], 3);
    assert!(cp2["students"].is_null(), "{cp2}");
    env.ok(&["review", "edit", "1", "--remove-score", "CP2"]);
    let scores = show(&env, "1")["scores"].clone();
    assert!(
        scores
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["principle"] != "CP2"),
        "{scores}"
    );
}

#[test]
fn edit_outcomes_are_added_replaced_and_removed() {
    let env = Env::demo();
    env.ok(&[
        "review",
        "edit",
        "1",
        "--outcome",
        "confidence=clear:exit survey",
        "--outcome",
        "belonging=not-seen",
        "--remove-outcome",
        "relationships",
    ]);
    let outcomes = show(&env, "1")["outcomes"].clone();
    let seen: Vec<(&str, &str)> = outcomes
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome"].as_str().unwrap(),
                o["rating"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("confidence", "clear"),
            ("belonging", "not-seen"),
            ("teaching-materials", "clear"),
        ]
    );
    assert_eq!(outcomes[0]["evidence"], "exit survey");
}

#[test]
fn edit_with_nothing_to_change_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "edit", "1"], 64, "nothing to change");
    env.refused(
        &["review", "edit", "1", "--by", "students"],
        64,
        "nothing to change",
    );
}

#[test]
fn edit_an_unknown_review_is_refused() {
    let env = Env::demo();
    env.refused(
        &["review", "edit", "99", "--decision", "adapt"],
        66,
        "no review",
    );
    for id in ["0", "-1", "abc", "99999999999999999999"] {
        env.clap_fails(&["review", "edit", id, "--decision", "adapt"], "");
    }
}

#[test]
fn edit_taking_away_what_is_not_there_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "edit", "1", "--remove-score", "CP5"], 65, "CP5");
    // Review 1 has CP1 from staff only.
    env.refused(
        &[
            "review",
            "edit",
            "1",
            "--remove-score",
            "CP1",
            "--by",
            "students",
        ],
        65,
        "no score by students",
    );
    env.refused(
        &["review", "edit", "1", "--remove-outcome", "belonging"],
        65,
        "belonging",
    );
}

#[test]
fn edit_bad_values_are_refused() {
    let env = Env::demo();
    let cases: &[(&[&str], &str)] = &[
        (&["--score", "CP1=9"], "1 to 5"),
        (&["--student-score", "CP1=0"], "1 to 5"),
        (&["--score", "HFH1=3"], "hfh-2014"),
        (&["--score", "CP7=3", "--score", "CP7=4"], "twice"),
        (&["--outcome", "happiness=clear"], "unknown outcome"),
        (&["--outcome", "belonging=great"], "rating"),
        (&["--remove-outcome", "nope"], "nope"),
        (&["--on", "2026-11-24"], "--allow-future"),
        (&["--on", "2026-02-30"], "date"),
        (&["--kind", "closing"], "close"),
        (&["--kind", "closing", "--decision", "continue"], "close"),
        (&["--kind", "weekly"], "unknown review kind"),
        (&["--decision", "maybe"], "unknown decision"),
        (&["--remove-score", "CP1", "--by", "teachers"], "teachers"),
    ];
    for (case, needle) in cases {
        let mut args = vec!["review", "edit", "1"];
        args.extend_from_slice(case);
        env.refused(&args, 65, needle);
    }
    env.refused(&["review", "edit", "1", "--score", "CP99=3"], 66, "CP99");
}

#[test]
fn edit_a_future_date_is_accepted_with_allow_future() {
    let env = Env::demo();
    env.ok(&[
        "review",
        "edit",
        "5",
        "--on",
        "2026-12-01",
        "--allow-future",
    ]);
    assert_eq!(show(&env, "5")["on"], "2026-12-01");
}

#[test]
fn edit_onto_another_review_of_the_same_kind_and_day_is_refused() {
    let env = Env::demo();
    // Reviews 1 and 2 are of assessment-2024: interim on 2025-02-10, closing on 2025-06-30.
    env.refused(
        &[
            "review",
            "edit",
            "1",
            "--on",
            "2025-06-30",
            "--kind",
            "closing",
            "--decision",
            "close",
        ],
        65,
        "review 2",
    );
}

#[test]
fn edit_to_a_closing_review_completes_the_project() {
    let env = Env::demo();
    let id = annual(&env, "cm-commuter-2025", "2026-11-20");
    env.ok(&[
        "review",
        "edit",
        &id,
        "--kind",
        "closing",
        "--decision",
        "close",
    ]);
    let p = show_project(&env, "cm-commuter-2025");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-20");
}

#[test]
fn edit_moving_a_review_after_a_scored_principles_retirement_is_refused() {
    let env = one_project("2025-01-01");
    let id = review(
        &env,
        "x",
        &[
            "--on",
            "2025-12-31",
            "--score",
            "CP3=3",
            "--decision",
            "continue",
        ],
    );
    env.ok(&["principle", "retire", "CP3", "--on", "2026-01-01"]);
    // Recording it on 2026-02-01 is refused; moving it there should be too.
    env.refused(
        &["review", "edit", &id, "--on", "2026-02-01"],
        65,
        "retired",
    );
}

#[test]
fn moving_a_projects_start_after_its_reviews_is_refused() {
    let env = one_project("2025-01-01");
    annual(&env, "x", "2026-01-01");
    // A review before the start is refused on add and edit, so the start should not move
    // past a review either.
    env.refused(
        &["project", "edit", "x", "--start", "2026-02-01"],
        65,
        "review",
    );
}

#[test]
fn edit_moving_a_closing_review_moves_the_projects_end_date() {
    let env = one_project("2025-01-01");
    let id = review(&env, "x", &["--on", "2026-11-20", "--kind", "closing"]);
    env.ok(&["review", "edit", &id, "--on", "2026-11-21"]);
    let p = show_project(&env, "x");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-21", "{p}");
    let history = p["status_history"].as_array().expect("a status history");
    assert_eq!(history.last().expect("an entry")["on"], "2026-11-21");
    // Not into the future, and not once the project has moved on.
    env.refused(
        &[
            "review",
            "edit",
            &id,
            "--on",
            "2026-11-24",
            "--allow-future",
        ],
        65,
        "future",
    );
    env.ok(&["project", "status", "x", "active", "--on", "2026-11-22"]);
    env.refused(
        &["review", "edit", &id, "--on", "2026-11-20"],
        65,
        "has changed since",
    );
}
