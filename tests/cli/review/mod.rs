//! `spm review ...`: add, list, show, edit, remove, and the due dates behind due, remind and
//! calendar (the calendar file itself: calendar.rs).

use std::collections::BTreeSet;

use chrono::Duration;
use serde_json::{Value as Json, json};

use crate::common::{Env, TODAY, add_project, day, read_csv};

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

/// The JSON keys of a row of `review due`, in order.
const DUE_KEYS: &[&str] = &[
    "project",
    "title",
    "lead",
    "status",
    "last_review",
    "due",
    "days_overdue",
];

/// What `review due` shows for the demo on `TODAY` (default 30 days): project, due date and
/// days overdue, most overdue first.
const DEMO_DUE: &[(&str, &str, i64)] = &[
    ("mh-peer-2025", "2026-10-01", 53),
    ("cm-commuter-2025", "2026-11-01", 22),
    ("catalyst-access-2025", "2026-11-10", 13),
    ("intern-archives-2025", "2026-12-20", -27),
];

// ---------------------------------------------------------------------------------------------
// helpers

/// Adds an active project `code` that started on `start`, plus `extra` flags.
fn project(env: &Env, code: &str, start: &str, extra: &[&str]) {
    let mut args = vec!["--status", "active", "--start", start];
    args.extend_from_slice(extra);
    add_project(env, code, &args);
}

/// A fresh database holding one active project `x` started on `start`.
fn one_project(start: &str) -> Env {
    let env = Env::fresh();
    project(&env, "x", start, &[]);
    env
}

/// `spm review add PROJECT` and then `extra`.
fn add_args<'a>(project: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["review", "add", project];
    args.extend_from_slice(extra);
    args
}

/// Records a review of `project` with `extra` flags and returns its id.
fn review(env: &Env, project: &str, extra: &[&str]) -> String {
    let id = env.ok(&add_args(project, extra)).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not a review id: {id:?}");
    id
}

/// Records an annual review of `project` held `on`, decision continue, and returns its id.
fn annual(env: &Env, project: &str, on: &str) -> String {
    review(env, project, &["--on", on, "--decision", "continue"])
}

/// `spm --format json review show ID`, parsed.
fn show(env: &Env, id: &str) -> Json {
    env.show("review", id)
}

/// `spm --format json project show CODE`, parsed.
fn show_project(env: &Env, code: &str) -> Json {
    env.show("project", code)
}

/// The ids `review list ARGS` shows, in order.
fn list_ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("review", args)
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}

/// The rows of `spm --format json review due ARGS`.
fn due(env: &Env, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["review", "due"];
    full.extend_from_slice(args);
    env.json_list(&full)
}

/// (project, due date) of each row of `review due ARGS`, in order.
fn due_pairs(env: &Env, args: &[&str]) -> Vec<(String, String)> {
    due(env, args)
        .iter()
        .map(|r| {
            (
                r["project"].as_str().expect("a project").to_string(),
                r["due"].as_str().expect("a due date").to_string(),
            )
        })
        .collect()
}

/// When `code`'s next review is due, looking ten years ahead (None when it is not due).
fn due_of(env: &Env, code: &str) -> Option<String> {
    due_pairs(env, &["--within", "10y"])
        .into_iter()
        .find(|(p, _)| p == code)
        .map(|(_, d)| d)
}

/// How many rows of `table` belong to review `id`.
fn rows_of(env: &Env, table: &str, id: &str) -> i64 {
    env.conn()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE review_id = ?1"),
            [id],
            |r| r.get(0),
        )
        .expect("a count")
}

// ---------------------------------------------------------------------------------------------
// add

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

// ---------------------------------------------------------------------------------------------
// closing reviews

#[test]
fn a_closing_review_defaults_to_close_and_completes_an_active_project_on_its_date() {
    let env = Env::demo();
    let id = review(
        &env,
        "catalyst-access-2025",
        &[
            "--on",
            "2026-11-20",
            "--kind",
            "closing",
            "--score",
            "CP1=4",
        ],
    );
    let r = show(&env, &id);
    assert_eq!(r["kind"], "closing");
    assert_eq!(r["decision"], "close");

    let p = show_project(&env, "catalyst-access-2025");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-20");
    let last = p["status_history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("a status history")
        .clone();
    assert_eq!(last["status"], "completed");
    assert_eq!(last["on"], "2026-11-20");
    assert_eq!(
        due_of(&env, "catalyst-access-2025"),
        None,
        "completed: never due"
    );
}

#[test]
fn a_closing_review_completes_a_paused_project() {
    let env = Env::demo();
    review(
        &env,
        "reps-forum-2025",
        &[
            "--on",
            "2026-11-20",
            "--kind",
            "closing",
            "--decision",
            "close",
        ],
    );
    let p = show_project(&env, "reps-forum-2025");
    assert_eq!(p["status"], "completed");
    assert_eq!(p["end_date"], "2026-11-20");
}

#[test]
fn a_closing_review_of_a_proposed_project_is_refused() {
    let env = Env::demo();
    env.refused(
        &add_args(
            "lab-methods-2026",
            &["--on", "2026-11-20", "--kind", "closing"],
        ),
        65,
        "proposed",
    );
}

#[test]
fn a_review_before_the_projects_start_is_refused() {
    let env = Env::demo();
    // mh-peer-2025 started on 2025-10-01.
    env.refused(
        &add_args(
            "mh-peer-2025",
            &["--on", "2025-09-30", "--decision", "adapt"],
        ),
        65,
        "before project mh-peer-2025 started on 2025-10-01",
    );
    env.refused(
        &["review", "edit", "5", "--on", "2020-01-01"],
        65,
        "started on 2026-01-12",
    );
    let id = review(
        &env,
        "mh-peer-2025",
        &[
            "--on",
            "2025-10-01",
            "--kind",
            "interim",
            "--decision",
            "adapt",
        ],
    );
    assert_eq!(show(&env, &id)["on"], "2025-10-01");
}

#[test]
fn a_closing_review_before_the_projects_last_change_of_status_is_refused() {
    let env = Env::demo();
    // mh-peer-2025 became active on 2025-10-01.
    env.refused(
        &add_args("mh-peer-2025", &["--on", "2025-09-01", "--kind", "closing"]),
        65,
        "2025-10-01",
    );
}

#[test]
fn deciding_to_close_at_an_annual_review_does_not_complete_the_project() {
    let env = Env::demo();
    let out = env.run_ok(&add_args(
        "cm-commuter-2025",
        &["--on", "2026-11-20", "--decision", "close"],
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--kind closing"), "{stderr}");
    let p = show_project(&env, "cm-commuter-2025");
    assert_eq!(p["status"], "active");
    assert!(p["end_date"].is_null());
    assert_eq!(
        due_of(&env, "cm-commuter-2025").as_deref(),
        Some("2027-11-20")
    );
}

// ---------------------------------------------------------------------------------------------
// frameworks

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

// ---------------------------------------------------------------------------------------------
// list

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

// ---------------------------------------------------------------------------------------------
// show

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

// ---------------------------------------------------------------------------------------------
// edit

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

// ---------------------------------------------------------------------------------------------
// remove

#[test]
fn remove_without_yes_and_no_terminal_is_refused() {
    let env = Env::demo();
    env.refused(&["review", "remove", "1"], 64, "--yes");
}

#[test]
fn remove_deletes_the_review_with_its_scores_and_outcomes() {
    let env = Env::demo();
    assert_eq!(rows_of(&env, "review_scores", "1"), 5);
    assert_eq!(rows_of(&env, "review_outcomes", "1"), 3);
    let out = env.run_ok(&["review", "remove", "1", "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("removed review 1"));
    assert_eq!(list_ids(&env, &[]), [5, 4, 2, 3]);
    assert_eq!(rows_of(&env, "review_scores", "1"), 0);
    assert_eq!(rows_of(&env, "review_outcomes", "1"), 0);
    env.refused(&["review", "show", "1"], 66, "no review");
    env.refused(&["review", "remove", "1", "--yes"], 66, "no review");
}

#[test]
fn rm_is_an_alias_and_bad_ids_are_clap_errors() {
    let env = Env::demo();
    env.ok(&["review", "rm", "5", "-y"]);
    assert_eq!(list_ids(&env, &[]), [4, 2, 3, 1]);
    for id in ["0", "-1", "abc", "99999999999999999999"] {
        env.clap_fails(&["review", "remove", id, "--yes"], "");
    }
}

#[test]
fn removing_the_last_review_brings_the_due_date_back() {
    let env = Env::demo();
    assert_eq!(
        due_of(&env, "intern-archives-2025").as_deref(),
        Some("2026-12-20")
    );
    env.ok(&["review", "remove", "5", "--yes"]);
    // Never reviewed: six months after its start, 2026-01-12.
    assert_eq!(
        due_of(&env, "intern-archives-2025").as_deref(),
        Some("2026-07-12")
    );
}

#[test]
fn removing_a_closing_review_leaves_the_project_completed() {
    let env = one_project("2025-01-01");
    let id = review(&env, "x", &["--on", "2026-11-20", "--kind", "closing"]);
    let out = env.run_ok(&["review", "remove", &id, "--yes"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stays completed"), "{stderr}");
    assert_eq!(show_project(&env, "x")["status"], "completed");
}

#[test]
fn a_project_with_reviews_cannot_be_removed() {
    let env = one_project("2025-01-01");
    let id = annual(&env, "x", "2026-01-01");
    env.refused(
        &["project", "remove", "x", "--yes"],
        65,
        "withdraw it instead",
    );
    env.ok(&["review", "remove", &id, "--yes"]);
    env.ok(&["project", "remove", "x", "--yes"]);
}

// ---------------------------------------------------------------------------------------------
// due dates

#[test]
fn due_on_the_demo_lists_overdue_and_the_next_30_days_most_overdue_first() {
    let env = Env::demo();
    let rows = due(&env, &[]);
    let got: Vec<(&str, &str, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["project"].as_str().unwrap(),
                r["due"].as_str().unwrap(),
                r["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, DEMO_DUE);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, DUE_KEYS);
    assert_eq!(rows[0]["lead"], "Dr A. Khan");
    assert_eq!(rows[0]["title"], "Mental health peer support");
    assert_eq!(rows[0]["status"], "active");
    assert!(rows[0]["last_review"].is_null());
    assert_eq!(rows[3]["last_review"], "2026-06-20");
}

#[test]
fn due_in_every_format() {
    let env = Env::demo();
    let table = env.ok(&["review", "due"]);
    for needle in [
        "When",
        "53 days overdue",
        "22 days overdue",
        "13 days overdue",
        "due in 27 days",
    ] {
        assert!(table.contains(needle), "no {needle:?} in {table}");
    }

    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "review", "due"]));
    assert_eq!(header, DUE_KEYS);
    assert_eq!(
        rows[0],
        [
            "mh-peer-2025",
            "Mental health peer support",
            "Dr A. Khan",
            "active",
            "",
            "2026-10-01",
            "53"
        ]
    );
    assert_eq!(rows[3][6], "-27");
    assert_eq!(rows.len(), 4);

    let md = env.ok(&["--format", "md", "review", "due"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 6, "{md}");
    assert!(
        lines[0].starts_with("| Project |") && lines[0].ends_with("| When |"),
        "{md}"
    );
    assert!(lines[2].contains("| 53 days overdue |"), "{md}");
    assert!(lines[5].contains("| due in 27 days |"), "{md}");

    assert_eq!(due(&env, &[]).len(), 4);
}

#[test]
fn due_today_says_so() {
    let env = one_project("2025-11-23");
    let table = env.ok(&["review", "due"]);
    assert!(table.contains("due today"), "{table}");
    assert_eq!(due(&env, &[])[0]["days_overdue"], 0);
}

#[test]
fn due_overdue_until_within_and_lead_filter_the_list() {
    let env = Env::demo();
    let projects = |args: &[&str]| -> Vec<String> {
        due_pairs(&env, args).into_iter().map(|(p, _)| p).collect()
    };
    assert_eq!(
        projects(&["--overdue"]),
        ["mh-peer-2025", "cm-commuter-2025", "catalyst-access-2025"]
    );
    assert_eq!(
        projects(&["--within", "0d"]),
        ["mh-peer-2025", "cm-commuter-2025", "catalyst-access-2025"]
    );
    assert_eq!(
        projects(&["--until", "2026-11-09"]),
        ["mh-peer-2025", "cm-commuter-2025"]
    );
    assert_eq!(projects(&["--until", "2026-12-20"]).len(), 4);
    // Three weeks reach 2026-12-14, four weeks 2026-12-21 (intern-archives-2025 is due 12-20).
    assert_eq!(projects(&["--within", "3w"]).len(), 3);
    assert_eq!(projects(&["--within", "4w"]).len(), 4);
    assert_eq!(projects(&["--within", "26d"]).len(), 3);
    assert_eq!(projects(&["--within", "27d"]).len(), 4);
    assert_eq!(projects(&["--within", "3m"]).len(), 4);
    assert_eq!(
        projects(&["--within", "1y"]),
        [
            "mh-peer-2025",
            "cm-commuter-2025",
            "catalyst-access-2025",
            "intern-archives-2025",
            "reading-lists-2025",
            "sep-autumn-2026",
        ]
    );
    assert_eq!(projects(&["--lead", "khan"]), ["mh-peer-2025"]);
    assert_eq!(
        projects(&["--lead", "Halls", "--within", "1y"]),
        ["cm-commuter-2025", "sep-autumn-2026"]
    );
    assert!(projects(&["--lead", "Nobody"]).is_empty());
}

#[test]
fn due_with_nothing_due_prints_an_empty_list_in_every_format() {
    let env = Env::demo();
    let args = |format: &'static str| vec!["--format", format, "review", "due", "--lead", "Nobody"];
    assert_eq!(env.ok(&args("json")).trim(), "[]");
    assert_eq!(env.ok(&args("csv")), format!("{}\n", DUE_KEYS.join(",")));
    assert_eq!(env.ok(&args("md")).lines().count(), 2);
    assert!(env.ok(&args("table")).contains("When"));
}

#[test]
fn due_within_with_until_or_overdue_is_a_clap_error() {
    let env = Env::demo();
    env.clap_fails(
        &["review", "due", "--within", "30d", "--until", "2027-01-01"],
        "cannot be used with",
    );
    env.clap_fails(
        &["review", "due", "--within", "30d", "--overdue"],
        "cannot be used with",
    );
    env.clap_fails(
        &["review", "due", "--until", "2027-01-01", "--overdue"],
        "cannot be used with",
    );
}

#[test]
fn due_bad_spans_and_dates_are_refused() {
    let env = Env::demo();
    for span in ["30", "--within=-3d", "11y", "abc", "", "3x", "d"] {
        let args: Vec<&str> = if span.starts_with("--") {
            vec!["review", "due", span]
        } else {
            vec!["review", "due", "--within", span]
        };
        env.refused(&args, 65, "span");
    }
    // Written apart, "-3d" looks like a flag to clap.
    env.clap_fails(&["review", "due", "--within", "-3d"], "");
    env.refused(&["review", "due", "--until", "2026-13-01"], 65, "date");
}

#[test]
fn due_one_cadence_after_the_last_review_else_after_the_start() {
    let env = one_project("2025-03-15");
    assert_eq!(due_of(&env, "x").as_deref(), Some("2026-03-15"));
    annual(&env, "x", "2026-04-01");
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-04-01"));
    // An older review recorded later does not move the due date back.
    review(
        &env,
        "x",
        &[
            "--on",
            "2025-09-01",
            "--kind",
            "interim",
            "--decision",
            "adapt",
        ],
    );
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-04-01"));
    assert_eq!(
        due(&env, &["--within", "10y"])[0]["last_review"],
        "2026-04-01"
    );
}

#[test]
fn due_follows_the_projects_cadence() {
    let env = Env::fresh();
    project(&env, "six", "2026-01-10", &["--cadence", "6m"]);
    project(&env, "three", "2026-01-10", &["--cadence", "3m"]);
    assert_eq!(due_of(&env, "six").as_deref(), Some("2026-07-10"));
    assert_eq!(due_of(&env, "three").as_deref(), Some("2026-04-10"));
    // The demo's intern-archives-2025 has a 6-month cadence, last reviewed 2026-06-20.
    let demo = Env::demo();
    assert_eq!(
        due_of(&demo, "intern-archives-2025").as_deref(),
        Some("2026-12-20")
    );
}

#[test]
fn completed_withdrawn_and_paused_projects_are_not_due() {
    let env = Env::fresh();
    for code in ["done", "gone", "resting"] {
        project(&env, code, "2025-01-01", &[]);
    }
    env.ok(&[
        "project",
        "status",
        "done",
        "completed",
        "--on",
        "2025-03-01",
    ]);
    env.ok(&[
        "project",
        "status",
        "gone",
        "withdrawn",
        "--on",
        "2025-03-01",
    ]);
    env.ok(&[
        "project",
        "status",
        "resting",
        "paused",
        "--on",
        "2025-03-01",
    ]);
    assert!(due(&env, &["--within", "10y"]).is_empty());
    assert!(show_project(&env, "resting")["next_review"].is_null());

    let demo = Env::demo();
    let due_codes: BTreeSet<String> = due_pairs(&demo, &["--within", "10y"])
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for code in [
        "assessment-2024",
        "cm-feedback-2024",
        "welcome-2024",
        "reps-forum-2025",
    ] {
        assert!(!due_codes.contains(code), "{code} should not be due");
    }
}

#[test]
fn a_pause_moves_the_due_date_on_by_its_length() {
    let env = one_project("2025-01-01");
    env.ok(&["project", "status", "x", "paused", "--on", "2025-06-01"]);
    env.ok(&["project", "status", "x", "active", "--on", "2025-09-01"]);
    // Paused for 92 days (June, July and August).
    let expected = day("2026-01-01") + Duration::days(92);
    assert_eq!(expected, day("2026-04-03"));
    assert_eq!(due_of(&env, "x"), Some(expected.to_string()));
    assert_eq!(show_project(&env, "x")["next_review"], "2026-04-03");
}

#[test]
fn only_the_part_of_a_pause_after_the_last_review_moves_the_due_date() {
    let env = one_project("2024-01-01");
    env.ok(&["project", "status", "x", "paused", "--on", "2025-03-01"]);
    annual(&env, "x", "2026-01-01");
    assert_eq!(due_of(&env, "x"), None, "not due while paused");
    env.ok(&["project", "status", "x", "active", "--on", "2026-02-01"]);
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-02-01"));
}

#[test]
fn proposed_projects_are_not_due_until_they_become_active() {
    let env = Env::fresh();
    add_project(&env, "planned", &["--start", "2025-06-01"]);
    add_project(&env, "someday", &[]);
    assert!(due(&env, &["--within", "10y"]).is_empty());
    // Activated late, it is counted from the day it really began, not its planned start.
    env.ok(&[
        "project",
        "status",
        "planned",
        "active",
        "--on",
        "2026-01-15",
    ]);
    assert_eq!(due_of(&env, "planned").as_deref(), Some("2027-01-15"));
    let demo = Env::demo();
    assert_eq!(due_of(&demo, "lab-methods-2026"), None);
    assert_eq!(due_of(&demo, "data-ethics-2026"), None);
}

#[test]
fn a_reopened_project_is_not_overdue_on_the_day_it_reopens() {
    // Time spent completed stops the clock, as a pause does.
    let env = one_project("2025-06-01");
    env.ok(&["project", "status", "x", "completed", "--on", "2025-09-01"]);
    assert_eq!(due_of(&env, "x"), None);
    env.ok(&["project", "status", "x", "active", "--on", "2026-11-01"]);
    // 2026-06-01 plus the 426 days it was closed.
    assert_eq!(due_of(&env, "x").as_deref(), Some("2027-08-01"));
}

#[test]
fn editing_a_closing_review_of_a_reopened_project_leaves_it_open() {
    let env = one_project("2025-06-01");
    let id = review(&env, "x", &["--on", "2026-03-01", "--kind", "closing"]);
    assert_eq!(show_project(&env, "x")["status"], "completed");
    env.ok(&["project", "status", "x", "active", "--on", "2026-06-01"]);
    env.ok(&["review", "edit", &id, "--reviewer", "Typo fixed"]);
    assert_eq!(show_project(&env, "x")["status"], "active");
    let out = env.run_ok(&[
        "review",
        "edit",
        &id,
        "--kind",
        "annual",
        "--decision",
        "continue",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("changed review"), "{err}");
    assert!(!err.contains("stays completed"), "{err}");
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

#[test]
fn due_dates_add_months_to_the_end_of_shorter_months() {
    let env = Env::fresh();
    project(&env, "jan31", "2025-01-31", &["--cadence", "1m"]);
    project(&env, "leap-jan31", "2024-01-31", &["--cadence", "1m"]);
    project(&env, "leap-day", "2023-06-01", &[]);
    annual(&env, "leap-day", "2024-02-29");
    assert_eq!(due_of(&env, "jan31").as_deref(), Some("2025-02-28"));
    assert_eq!(due_of(&env, "leap-jan31").as_deref(), Some("2024-02-29"));
    assert_eq!(due_of(&env, "leap-day").as_deref(), Some("2025-02-28"));
}

#[test]
fn due_dates_across_the_academic_years_edge() {
    let env = Env::fresh();
    project(&env, "last-day", "2025-08-31", &[]);
    project(&env, "first-day", "2024-09-01", &[]);
    annual(&env, "first-day", "2026-09-01");
    assert_eq!(due_of(&env, "last-day").as_deref(), Some("2026-08-31"));
    assert_eq!(due_of(&env, "first-day").as_deref(), Some("2027-09-01"));
}

#[test]
fn due_depends_on_today() {
    let env = one_project("2024-02-29");
    let out = env.run_with(
        &[("SPM_TODAY", "2025-02-20")],
        &["--format", "json", "review", "due"],
    );
    assert!(out.status.success());
    let rows = crate::common::json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows[0]["due"], "2025-02-28");
    assert_eq!(rows[0]["days_overdue"], -8);
}

// ---------------------------------------------------------------------------------------------
// remind

#[test]
fn remind_says_nothing_at_all_when_nothing_is_due() {
    let env = Env::fresh();
    project(&env, "x", "2026-06-01", &[]);
    for args in [
        &["review", "remind"][..],
        &["review", "remind", "--exit-code"],
        &["review", "remind", "--within", "90d", "--exit-code"],
    ] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {:?}", out.stdout);
        assert!(out.stderr.is_empty(), "{args:?}: {:?}", out.stderr);
    }
    assert_eq!(
        env.ok(&["--format", "json", "review", "remind"]).trim(),
        "[]"
    );
}

#[test]
fn remind_writes_one_block_per_staff_lead_with_the_command_to_run() {
    let env = Env::demo();
    let out = env.run(&["review", "remind"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = env.db.display();
    let expected = format!(
        "4 project reviews due by 2026-12-23 (3 overdue).

Dr A. Khan <a.khan@example.ac.uk>: 1 review
  mh-peer-2025 - Mental health peer support
    due 2026-10-01, 53 days overdue (active; never reviewed)
    spm --db {db} review add mh-peer-2025

Dr E. Novak: 1 review
  intern-archives-2025 - Research internship: the history of student protest
    due 2026-12-20, due in 27 days (active; last review 2026-06-20)
    spm --db {db} review add intern-archives-2025

Dr P. Murphy: 1 review
  catalyst-access-2025 - Accessible lecture materials
    due 2026-11-10, 13 days overdue (active; never reviewed)
    spm --db {db} review add catalyst-access-2025

L. Halls: 1 review
  cm-commuter-2025 - Change Makers: the commuter student experience
    due 2026-11-01, 22 days overdue (active; never reviewed)
    spm --db {db} review add cm-commuter-2025
"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn remind_with_exit_code_exits_1_when_something_is_due() {
    let env = Env::demo();
    let plain = env.ok(&["review", "remind"]);
    let out = env.run(&["review", "remind", "--exit-code"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), plain);
}

#[test]
fn remind_json_groups_the_reviews_by_lead() {
    let env = Env::demo();
    let leads = env.json_list(&["review", "remind"]);
    let names: Vec<&str> = leads.iter().map(|l| l["lead"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Dr A. Khan", "Dr E. Novak", "Dr P. Murphy", "L. Halls"]
    );
    let db = env.db.display().to_string();
    assert_eq!(
        leads[0]["reviews"],
        json!([{
            "project": "mh-peer-2025",
            "title": "Mental health peer support",
            "status": "active",
            "last_review": null,
            "due": "2026-10-01",
            "days_overdue": 53,
            "command": format!("spm --db {db} review add mh-peer-2025"),
        }])
    );
    assert_eq!(leads[1]["reviews"][0]["days_overdue"], -27);
    assert_eq!(leads[1]["reviews"][0]["last_review"], "2026-06-20");
}

#[test]
fn remind_quotes_a_database_path_with_spaces() {
    let mut env = Env::new();
    let folder = env.dir.path().join("my data");
    std::fs::create_dir(&folder).expect("a folder");
    env.db = folder.join("spm db.db");
    env.ok(&["init", "--demo"]);
    let text = env.ok(&["review", "remind"]);
    let quoted = format!("spm --db '{}' review add mh-peer-2025", env.db.display());
    assert!(text.contains(&quoted), "no {quoted:?} in {text}");
}

#[test]
fn remind_within_looks_as_far_ahead_as_asked_and_always_includes_overdue() {
    let env = Env::demo();
    let text = env.ok(&["review", "remind", "--within", "0d"]);
    assert!(
        text.starts_with("3 project reviews due by 2026-11-23 (3 overdue)."),
        "{text}"
    );
    assert!(!text.contains("intern-archives-2025"), "{text}");
    let text = env.ok(&["review", "remind", "--within", "1y"]);
    assert!(text.contains("reading-lists-2025"), "{text}");
    for span in ["30", "11y", "abc"] {
        env.refused(&["review", "remind", "--within", span], 65, "span");
    }
}

#[test]
fn remind_gathers_projects_without_a_lead() {
    let env = Env::fresh();
    project(&env, "x", "2025-01-01", &[]);
    let leads = env.json_list(&["review", "remind"]);
    assert_eq!(leads.len(), 1);
    assert!(leads[0]["lead"].is_null());
    assert_eq!(leads[0]["reviews"][0]["project"], "x");
    let text = env.ok(&["review", "remind"]);
    assert!(text.contains("review add x"), "{text}");
}

#[test]
fn recording_the_review_silences_the_reminder() {
    let env = one_project("2025-11-01");
    assert!(!env.ok(&["review", "remind"]).is_empty());
    annual(&env, "x", TODAY);
    let out = env.run(&["review", "remind", "--exit-code"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn commands_for_cron_refuse_a_missing_database() {
    // A mistyped --db in a crontab must fail loudly, not create an empty database that
    // never reminds anyone.
    let env = Env::new();
    for verb in ["remind", "due", "calendar"] {
        let err = env.fails(&["review", verb], 66);
        assert!(err.contains("no database at"), "{err}");
        assert!(err.contains("spm init"), "{err}");
        assert!(!env.db.exists(), "review {verb} created the database");
    }
}

// ---------------------------------------------------------------------------------------------
// the demo and older databases

#[test]
fn init_demo_records_five_reviews() {
    let env = Env::new();
    let out = env.run_ok(&["init", "--demo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 reviews"));
    assert_eq!(list_ids(&env, &[]).len(), 5);
    let check = crate::common::json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["reviews"], 5);
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_project() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).expect("a new database");
        conn.execute_batch(include_str!("../../../migrations/0001_initial.sql"))
            .expect("the version 1 schema");
        conn.execute_batch(
            "PRAGMA application_id = 1397771569; PRAGMA user_version = 1;
             INSERT INTO frameworks (key, name) VALUES ('x', 'An old framework');
             INSERT INTO settings (key, value) VALUES ('adopted_framework', 'x');
             INSERT INTO projects (code, title, form, level_planned, status, academic_year,
                                   start_date)
             VALUES ('old', 'An old project', 'wider-student-experience', 'partnership',
                     'active', '2025/26', '2025-10-01');",
        )
        .expect("the version 1 rows");
    }
    let check = crate::common::json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["schema_version"], 8);
    assert_eq!(check["projects"], 1);
    assert_eq!(check["reviews"], 0);
    let version: i64 = env
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 8);
    assert_eq!(show_project(&env, "old")["title"], "An old project");
    assert!(env.list("review", &[]).is_empty());
    assert_eq!(due_of(&env, "old").as_deref(), Some("2026-10-01"));
    let id = annual(&env, "old", "2026-10-02");
    assert_eq!(show(&env, &id)["framework"], "x");
}
