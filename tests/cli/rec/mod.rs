//! `spm rec ...`: add, update, communicated, list, show and the "you said, we did" board.

use serde_json::Value as Json;

use crate::common::{Env, TODAY, read_csv};

/// The JSON keys of a recommendation in `rec list --format json`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "source",
    "project",
    "session",
    "finding",
    "recommendation",
    "to",
    "owner",
    "due",
    "overdue",
    "theme",
    "status",
    "response",
    "raised_on",
    "decided_on",
    "closed_on",
    "days_to_decision",
    "days_to_close",
    "communicated_on",
    "channel",
];

/// The columns of `rec list` in a table and in Markdown.
const TABLE_HEADERS: &str =
    "| Id | Source | Finding | To | Owner | Due | Status | Communicated | Theme |";

// ---------------------------------------------------------------------------------------------
// helpers

/// A fresh database with project `lib`, Dr A. Khan (staff) and panel session 1, held on
/// 2025-11-10.
fn setup() -> Env {
    let env = Env::fresh();
    env.ok(&[
        "project",
        "add",
        "Library opening hours",
        "--form",
        "wider-student-experience",
        "--level",
        "partnership",
        "--code",
        "lib",
    ]);
    env.ok(&["person", "add", "Dr A. Khan", "--kind", "staff"]);
    env.conn()
        .execute(
            "INSERT INTO panel_sessions (academic_year, term, on_date, topic)
             VALUES ('2025/26', 'autumn', '2025-11-10', 'Assessment feedback')",
            [],
        )
        .expect("a panel session");
    env
}

/// `spm rec add` with a finding, recommendation and addressee, then `extra`.
fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "rec",
        "add",
        "--finding",
        "the library closes too early",
        "--recommendation",
        "open until midnight in exams",
        "--to",
        "Library Services",
    ];
    args.extend_from_slice(extra);
    args
}

/// Records a recommendation with `extra` flags and returns its id.
fn add(env: &Env, extra: &[&str]) -> String {
    let id = env.ok(&add_args(extra)).trim_end().to_string();
    assert!(id.parse::<u64>().is_ok(), "not an id: {id:?}");
    id
}

/// Records a recommendation with this finding, theme (empty for none) and raised date.
fn add_finding(env: &Env, finding: &str, theme: &str, on: &str) -> String {
    let mut args = vec![
        "rec",
        "add",
        "--finding",
        finding,
        "--recommendation",
        "do something",
        "--to",
        "Education Committee",
        "--on",
        on,
    ];
    if !theme.is_empty() {
        args.extend_from_slice(&["--theme", theme]);
    }
    env.ok(&args).trim_end().to_string()
}

/// `spm rec update ID --status S --on DATE`, then `extra`.
fn set(env: &Env, id: &str, status: &str, on: &str, extra: &[&str]) {
    let mut args = vec!["rec", "update", id, "--status", status, "--on", on];
    args.extend_from_slice(extra);
    env.ok(&args);
}

fn show(env: &Env, id: &str) -> Json {
    env.show("rec", id)
}

/// The ids `rec list ARGS` shows, in order.
fn ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("rec", args)
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}

/// The status history of `id` as (on, status, response) triples.
fn history(env: &Env, id: &str) -> Vec<(String, String, Option<String>)> {
    show(env, id)["history"]
        .as_array()
        .expect("a history")
        .iter()
        .map(|h| {
            (
                h["on"].as_str().expect("a day").to_string(),
                h["status"].as_str().expect("a status").to_string(),
                h["response"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// How many change-log entries recommendation `id` has, of `action`.
fn logged(env: &Env, id: &str, action: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE entity = 'recommendation' AND entity_id = ?1
             AND action = ?2",
            rusqlite::params![id, action],
            |r| r.get(0),
        )
        .expect("a count")
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_the_id_and_records_it_as_proposed() {
    let env = setup();
    let id = add(
        &env,
        &[
            "--from",
            "LIB",
            "--owner",
            "dr a. khan",
            "--due",
            "2026-03-31",
            "--theme",
            " study space ",
            "--on",
            "2026-01-10",
        ],
    );
    assert_eq!(id, "1");
    let r = show(&env, &id);
    assert_eq!(r["source"], "lib");
    assert_eq!(r["project"], "lib");
    assert!(r["session"].is_null());
    assert_eq!(r["finding"], "the library closes too early");
    assert_eq!(r["recommendation"], "open until midnight in exams");
    assert_eq!(r["to"], "Library Services");
    assert_eq!(r["owner"], "Dr A. Khan");
    assert_eq!(r["due"], "2026-03-31");
    assert_eq!(r["theme"], "study space");
    assert_eq!(r["status"], "proposed");
    assert_eq!(r["raised_on"], "2026-01-10");
    assert!(r["days_to_decision"].is_null() && r["days_to_close"].is_null());
    assert_eq!(
        history(&env, &id),
        [("2026-01-10".into(), "proposed".into(), None)]
    );
    assert_eq!(logged(&env, &id, "insert"), 1);
    let out = env.run_ok(&add_args(&["--from", "lib"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("recorded recommendation 2 from lib to Library Services"),
        "{stderr}"
    );
}

#[test]
fn add_from_a_panel_session_or_elsewhere_raised_today_by_default() {
    let env = setup();
    let panel = add(&env, &["--panel", "1"]);
    let r = show(&env, &panel);
    assert_eq!(r["source"], "panel #1");
    assert_eq!(r["session"], 1);
    assert!(r["project"].is_null());
    assert_eq!(r["raised_on"], TODAY);
    let other = add(&env, &[]);
    assert_eq!(show(&env, &other)["source"], "elsewhere");
}

#[test]
fn add_refuses_unknown_sources_and_owners() {
    let env = setup();
    env.refused(
        &add_args(&["--from", "nope"]),
        66,
        "no project with code \"nope\"",
    );
    env.refused(
        &add_args(&["--panel", "66"]),
        66,
        "no panel session with id \"66\"",
    );
    env.refused(
        &add_args(&["--owner", "Nobody Here"]),
        66,
        "no person called",
    );
    env.refused(&add_args(&["--owner", "99"]), 66, "no person with id");
    env.ok(&[
        "person",
        "add",
        "Sam Lee",
        "--kind",
        "staff",
        "--email",
        "s1@example.ac.uk",
    ]);
    env.ok(&[
        "person",
        "add",
        "Sam Lee",
        "--kind",
        "staff",
        "--email",
        "s2@example.ac.uk",
    ]);
    env.refused(
        &add_args(&["--owner", "sam lee"]),
        65,
        "more than one person",
    );
}

#[test]
fn add_refuses_bad_text_and_dates() {
    let env = setup();
    let base = |finding: &'static str, rec: &'static str, to: &'static str| {
        vec![
            "rec",
            "add",
            "--finding",
            finding,
            "--recommendation",
            rec,
            "--to",
            to,
        ]
    };
    env.refused(&base("  ", "r", "Estates"), 65, "needs a finding");
    env.refused(&base("f", "", "Estates"), 65, "needs its text");
    env.refused(&base("f", "r", " "), 65, "give --to");
    env.refused(
        &base("f", "r", "Estates\nand Facilities"),
        65,
        "not one line",
    );
    env.refused(&base("f\u{7}", "r", "Estates"), 65, "control characters");
    env.refused(&add_args(&["--on", "2026-11-24"]), 65, "in the future");
    env.refused(
        &add_args(&["--on", "2026-01-10", "--due", "2026-01-09"]),
        65,
        "before the recommendation was raised",
    );
    env.refused(
        &add_args(&["--due", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.refused(&add_args(&["--on", "10/01/2026"]), 65, "YYYY-MM-DD");
    env.refused(
        &add_args(&["--panel", "1", "--on", "2025-11-09"]),
        65,
        "before panel session 1 was held on 2025-11-10",
    );
}

#[test]
fn add_flags_clap_refuses() {
    let env = setup();
    env.clap_fails(
        &add_args(&["--from", "lib", "--panel", "1"]),
        "cannot be used with",
    );
    env.clap_fails(&add_args(&["--panel", "0"]), "");
    env.clap_fails(&add_args(&["--panel", "first"]), "");
    env.clap_fails(
        &["rec", "add", "--recommendation", "r", "--to", "Estates"],
        "--finding",
    );
    env.clap_fails(
        &["rec", "add", "--finding", "f", "--to", "Estates"],
        "--recommendation",
    );
    env.clap_fails(
        &["rec", "add", "--finding", "f", "--recommendation", "r"],
        "--to",
    );
    env.clap_fails(&add_args(&["--colour", "red"]), "");
}

// ---------------------------------------------------------------------------------------------
// update

#[test]
fn every_change_of_status_is_kept_and_times_are_measured() {
    let env = setup();
    let id = add(&env, &["--from", "lib", "--on", "2026-01-10"]);
    set(&env, &id, "accepted", "2026-02-01", &[]);
    let r = show(&env, &id);
    assert_eq!(r["decided_on"], "2026-02-01");
    assert_eq!(r["days_to_decision"], 22);
    assert!(r["days_to_close"].is_null());
    set(
        &env,
        &id,
        "implemented",
        "2026-03-01",
        &["--response", "open until midnight from January"],
    );
    let r = show(&env, &id);
    assert_eq!(r["status"], "implemented");
    assert_eq!(r["response"], "open until midnight from January");
    assert_eq!(r["days_to_decision"], 22);
    assert_eq!(r["closed_on"], "2026-03-01");
    assert_eq!(r["days_to_close"], 50);
    assert_eq!(
        history(&env, &id),
        [
            ("2026-01-10".into(), "proposed".into(), None),
            ("2026-02-01".into(), "accepted".into(), None),
            (
                "2026-03-01".into(),
                "implemented".into(),
                Some("open until midnight from January".into())
            ),
        ]
    );
    assert_eq!(logged(&env, &id, "update"), 2);
    // The same in CSV and JSON lists.
    let row = &env.list("rec", &[])[0];
    assert_eq!(
        (
            row["days_to_decision"].as_i64(),
            row["days_to_close"].as_i64()
        ),
        (Some(22), Some(50))
    );
    // And in the table of `show`.
    let table = env.ok(&["rec", "show", &id]);
    for needle in [
        "Status history",
        "Days to close",
        "50",
        "Change log",
        "implemented",
    ] {
        assert!(table.contains(needle), "{needle} in {table}");
    }
}

#[test]
fn update_defaults_to_today_and_allows_the_same_day() {
    let env = setup();
    let id = add(&env, &["--on", "2026-11-01"]);
    env.ok(&["rec", "update", &id, "--status", "ACCEPTED"]);
    env.ok(&["rec", "update", &id, "--status", "in_progress"]);
    let h = history(&env, &id);
    assert_eq!(h[1], (TODAY.into(), "accepted".into(), None));
    assert_eq!(h[2], (TODAY.into(), "in-progress".into(), None));
    assert_eq!(show(&env, &id)["days_to_decision"], 22);
}

#[test]
fn the_response_alone_changes_without_a_history_entry() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.ok(&[
        "rec",
        "update",
        &id,
        "--response",
        "we are looking at the costs",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["status"], "proposed");
    assert_eq!(r["response"], "we are looking at the costs");
    assert_eq!(history(&env, &id).len(), 1);
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--response",
            " we are looking at the costs ",
        ],
        65,
        "already has that response",
    );
    env.ok(&["rec", "update", &id, "--response", ""]);
    assert!(show(&env, &id)["response"].is_null());
}

#[test]
fn not_adopted_needs_a_reason() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--status",
            "not-adopted",
            "--on",
            "2026-02-01",
        ],
        65,
        "without a reason: add --response",
    );
    env.refused(
        &[
            "rec",
            "update",
            &id,
            "--status",
            "not-adopted",
            "--response",
            "  ",
        ],
        65,
        "without a reason",
    );
    // A response given earlier is the reason.
    env.ok(&["rec", "update", &id, "--response", "no budget this year"]);
    set(&env, &id, "not-adopted", "2026-02-01", &[]);
    let h = history(&env, &id);
    assert_eq!(
        h[1],
        (
            "2026-02-01".into(),
            "not-adopted".into(),
            Some("no budget this year".into())
        )
    );
    assert_eq!(show(&env, &id)["days_to_close"], 22);
    env.refused(
        &["rec", "update", &id, "--response", ""],
        65,
        "without a reason",
    );
}

#[test]
fn update_refuses_bad_changes() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(&env, &id, "accepted", "2026-02-01", &[]);
    let up = |extra: &[&'static str]| {
        let mut args = vec!["rec", "update", "1"];
        args.extend_from_slice(extra);
        args
    };
    env.refused(&up(&["--status", "accepted"]), 65, "already accepted");
    env.refused(
        &up(&["--status", "implemented", "--on", "2026-01-31"]),
        65,
        "before recommendation 1's last change of status on 2026-02-01",
    );
    env.refused(
        &up(&["--status", "implemented", "--on", "2026-11-24"]),
        65,
        "in the future",
    );
    env.refused(
        &up(&["--status", "proposed"]),
        65,
        "not taken back to proposed",
    );
    env.refused(
        &up(&["--status", "adopted"]),
        65,
        "unknown recommendation status",
    );
    env.refused(
        &up(&["--status", "implemented", "--on", "1 March"]),
        65,
        "YYYY-MM-DD",
    );
    env.refused(&up(&[]), 64, "nothing to change");
    env.refused(&up(&["--on", "2026-03-01"]), 64, "add --status");
    env.refused(
        &["rec", "update", "66", "--status", "accepted"],
        66,
        "no recommendation with id \"66\"",
    );
    env.clap_fails(&["rec", "update", "0", "--status", "accepted"], "");
    env.clap_fails(&["rec", "update", "--status", "accepted"], "<ID>");
}

// ---------------------------------------------------------------------------------------------
// communicated

#[test]
fn communicated_records_when_and_how_students_were_told() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-02-01"],
        65,
        "still proposed",
    );
    set(&env, &id, "accepted", "2026-02-01", &[]);
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-01-31"],
        65,
        "before recommendation 1 was decided on 2026-02-01",
    );
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["rec", "communicated", &id, "--on", "2026-13-01"],
        65,
        "not a day",
    );
    env.refused(
        &["rec", "communicated", &id, "--channel", "news\u{1b}letter"],
        65,
        "control characters",
    );
    env.refused(
        &["rec", "communicated", "66"],
        66,
        "no recommendation with id",
    );
    env.clap_fails(&["rec", "communicated", "x"], "");
    env.ok(&[
        "rec",
        "communicated",
        &id,
        "--on",
        "2026-02-10",
        "--channel",
        "students' union newsletter",
    ]);
    let r = show(&env, &id);
    assert_eq!(r["communicated_on"], "2026-02-10");
    assert_eq!(r["channel"], "students' union newsletter");
    env.refused(
        &[
            "rec",
            "communicated",
            &id,
            "--on",
            "2026-02-10",
            "--channel",
            "students' union newsletter",
        ],
        65,
        "already recorded as communicated on 2026-02-10",
    );
    // Told again today, after the outcome changed.
    set(&env, &id, "implemented", "2026-03-01", &[]);
    env.ok(&["rec", "communicated", &id]);
    let r = show(&env, &id);
    assert_eq!(r["communicated_on"], TODAY);
    assert!(r["channel"].is_null());
    assert_eq!(logged(&env, &id, "update"), 4);
}

// ---------------------------------------------------------------------------------------------
// list and show

/// Four recommendations:
/// 1 from lib, owned by Khan, theme "study space", raised 2025-10-05, due 2025-12-01, accepted;
/// 2 from panel 1, theme "Feedback", raised 2025-11-12, due 2026-12-31, proposed;
/// 3 from elsewhere, no theme, raised 2026-09-15, due 2026-10-01, implemented;
/// 4 from lib, theme "Study Space", raised 2026-10-01, due 2026-11-01, proposed.
fn four() -> Env {
    let env = setup();
    add(
        &env,
        &[
            "--from",
            "lib",
            "--owner",
            "Dr A. Khan",
            "--theme",
            "study space",
            "--on",
            "2025-10-05",
            "--due",
            "2025-12-01",
        ],
    );
    set(&env, "1", "accepted", "2025-11-01", &[]);
    add(
        &env,
        &[
            "--panel",
            "1",
            "--theme",
            "Feedback",
            "--on",
            "2025-11-12",
            "--due",
            "2026-12-31",
        ],
    );
    add(&env, &["--on", "2026-09-15", "--due", "2026-10-01"]);
    set(&env, "3", "implemented", "2026-10-20", &[]);
    add(
        &env,
        &[
            "--from",
            "lib",
            "--theme",
            "STUDY SPACE",
            "--on",
            "2026-10-01",
            "--due",
            "2026-11-01",
        ],
    );
    env
}

#[test]
fn list_filters_combine() {
    let env = four();
    assert_eq!(ids(&env, &[]), [1, 2, 3, 4]);
    assert_eq!(ids(&env, &["--status", "proposed"]), [2, 4]);
    assert_eq!(ids(&env, &["--owner", "Dr A. Khan"]), [1]);
    assert_eq!(ids(&env, &["--overdue"]), [1, 4]);
    assert_eq!(ids(&env, &["--theme", "STUDY space"]), [1, 4]);
    assert_eq!(ids(&env, &["--year", "2025/26"]), [1, 2]);
    assert_eq!(ids(&env, &["--year", "2026-27"]), [3, 4]);
    assert_eq!(ids(&env, &["--project", "lib"]), [1, 4]);
    assert_eq!(
        ids(
            &env,
            &["--project", "lib", "--overdue", "--year", "2026/27"]
        ),
        [4]
    );
    assert!(ids(&env, &["--theme", "nothing"]).is_empty());
    // A theme keeps the spelling it was first given.
    assert_eq!(show(&env, "4")["theme"], "study space");
    // Overdue in the list's own column, and the panel session as a number.
    let list = env.list("rec", &[]);
    assert_eq!(list[0]["overdue"], true);
    assert_eq!(list[2]["overdue"], false);
    assert_eq!(list[1]["session"], 1);
    assert_eq!(list[1]["source"], "panel #1");
}

#[test]
fn list_refuses_bad_filters() {
    let env = four();
    env.refused(
        &["rec", "list", "--owner", "Nobody"],
        66,
        "no person called",
    );
    env.refused(
        &["rec", "list", "--project", "nope"],
        66,
        "no project with code",
    );
    env.refused(
        &["rec", "list", "--year", "2025/27"],
        65,
        "did you mean \"2025/26\"",
    );
    env.refused(
        &["rec", "list", "--status", "closed"],
        65,
        "unknown recommendation status",
    );
    env.clap_fails(&["rec", "list", "--overdue", "yes"], "");
}

#[test]
fn list_in_every_format() {
    let env = four();
    let keys: Vec<String> = env.list("rec", &[])[0]
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, LIST_KEYS);
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "rec", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0][1], "lib");
    assert_eq!(rows[0][16], "27", "days to decision");
    assert_eq!(rows[2][17], "35", "days to close");
    let md = env.ok(&["--format", "md", "rec", "list", "--status", "implemented"]);
    assert_eq!(
        md,
        format!(
            "{TABLE_HEADERS}\n|---|---|---|---|---|---|---|---|---|\n\
             | 3 | elsewhere | the library closes too early | Library Services |  | 2026-10-01 | implemented |  |  |\n"
        )
    );
    let table = env.ok(&["rec", "ls"]);
    for needle in [
        "Source",
        "Communicated",
        "panel #1",
        "Dr A. Khan",
        "study space",
    ] {
        assert!(table.contains(needle), "{needle} in {table}");
    }
    assert_eq!(
        env.ok(&["--format", "json", "rec", "list", "--theme", "x"]),
        "[]\n"
    );
}

#[test]
fn show_refuses_unknown_ids() {
    let env = setup();
    env.refused(
        &["rec", "show", "66"],
        66,
        "run \"spm rec list\" to see the ids",
    );
    env.clap_fails(&["rec", "show", "-1"], "");
    env.clap_fails(&["rec", "show"], "<ID>");
}

// ---------------------------------------------------------------------------------------------
// board

/// A programme with items in every state: only decided or communicated ones reach the board.
fn programme() -> Env {
    let env = setup();
    let a = add_finding(
        &env,
        "The library closes too early in exams",
        "study space",
        "2025-10-05",
    );
    set(
        &env,
        &a,
        "implemented",
        "2026-01-15",
        &["--response", "Open until midnight in exam weeks"],
    );
    env.ok(&[
        "rec",
        "communicated",
        &a,
        "--on",
        "2026-01-20",
        "--channel",
        "newsletter",
    ]);
    let b = add_finding(
        &env,
        "Too few silent study rooms",
        "Study Space",
        "2025-11-01",
    );
    set(&env, &b, "accepted", "2025-12-01", &[]);
    let c = add_finding(
        &env,
        "Counselling waits | six weeks",
        "wellbeing",
        "2025-11-20",
    );
    set(
        &env,
        &c,
        "not-adopted",
        "2026-02-01",
        &["--response", "Funding goes to drop-in sessions instead"],
    );
    let d = add_finding(&env, "Bus to the campus is unreliable", "", "2026-01-08");
    set(&env, &d, "beyond-control", "2026-02-01", &[]);
    // Still proposed: not on the board.
    add_finding(
        &env,
        "Lecture capture for every module",
        "teaching",
        "2026-02-01",
    );
    // Another year.
    let f = add_finding(
        &env,
        "Exam timetables come late",
        "assessment",
        "2026-09-10",
    );
    set(&env, &f, "in-progress", "2026-10-01", &[]);
    env
}

const BOARD_2025: &str = "\
# You said, we did

Academic year 2025/26

## Study space

| You said | We did | Status |
|---|---|---|
| The library closes too early in exams | Open until midnight in exam weeks | Done |
| Too few silent study rooms | We have accepted this and will act on it. | Accepted |

## Wellbeing

| You said | We did | Status |
|---|---|---|
| Counselling waits \\| six weeks | Funding goes to drop-in sessions instead | Not adopted |

## Other

| You said | We did | Status |
|---|---|---|
| Bus to the campus is unreliable | This is beyond our control. | Beyond our control |
";

#[test]
fn the_board_in_markdown() {
    let env = programme();
    let md = env.ok(&["--format", "md", "rec", "board", "--year", "2025/26"]);
    assert_eq!(md, BOARD_2025);
    let all = env.ok(&["--format", "md", "rec", "board"]);
    assert!(
        all.starts_with("# You said, we did\n\n## Assessment\n\n"),
        "{all}"
    );
    assert!(all.contains("| Exam timetables come late | We are working on this. | In progress |"));
    assert!(!all.contains("Lecture capture"), "{all}");
    // Written to a file the same.
    env.ok(&[
        "--format", "md", "rec", "board", "--year", "2025/26", "-o", "board.md",
    ]);
    let file = std::fs::read_to_string(env.path("board.md")).expect("the board file");
    assert_eq!(file, BOARD_2025);
}

#[test]
fn an_empty_board_says_so() {
    let env = setup();
    add(&env, &[]);
    assert_eq!(
        env.ok(&["--format", "md", "rec", "board"]),
        "# You said, we did\n\nNothing to report yet: no recommendation has been decided.\n"
    );
    assert_eq!(env.ok(&["--format", "json", "rec", "board"]), "[]\n");
}

#[test]
fn the_board_as_rows() {
    let env = programme();
    let rows = env.json_list(&["rec", "board", "--year", "2025/26"]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["theme", "finding", "response", "status", "communicated_on"]
    );
    let themes: Vec<&str> = rows
        .iter()
        .map(|r| r["theme"].as_str().expect("a theme"))
        .collect();
    assert_eq!(themes, ["study space", "study space", "wellbeing", "Other"]);
    assert_eq!(rows[0]["status"], "implemented");
    assert_eq!(rows[0]["communicated_on"], "2026-01-20");
    assert_eq!(
        rows[1]["response"],
        "We have accepted this and will act on it."
    );
    assert!(rows[1]["communicated_on"].is_null());
    let (header, csv) = read_csv(&env.ok(&["--format", "csv", "rec", "board"]));
    assert_eq!(
        header,
        ["theme", "finding", "response", "status", "communicated_on"]
    );
    assert_eq!(csv.len(), 5);
    let table = env.ok(&["rec", "board"]);
    assert!(
        table.contains("You said") && table.contains("We did"),
        "{table}"
    );
}

#[test]
fn the_board_refuses_a_bad_year() {
    let env = programme();
    env.refused(
        &["rec", "board", "--year", "2025"],
        65,
        "not of the form 2025/26",
    );
    env.clap_fails(&["rec", "board", "--since", "2025-09-01"], "");
}

#[test]
fn every_rec_command_has_examples_in_its_help() {
    let env = Env::new();
    for cmd in ["add", "update", "communicated", "list", "show", "board"] {
        let help = env.ok(&["rec", cmd, "--help"]);
        assert!(
            help.contains("Examples:\n  spm "),
            "spm rec {cmd} --help: {help}"
        );
    }
}

#[test]
fn a_new_outcome_must_be_told_again() {
    let env = setup();
    let id = add(&env, &["--on", "2026-01-10"]);
    set(
        &env,
        &id,
        "not-adopted",
        "2026-02-01",
        &["--response", "No budget this year"],
    );
    env.ok(&[
        "rec",
        "communicated",
        &id,
        "--on",
        "2026-02-10",
        "--channel",
        "newsletter",
    ]);
    assert_eq!(show(&env, &id)["communicated_on"], "2026-02-10");
    // Students were told it was not adopted; now it is done, which they have not heard.
    set(
        &env,
        &id,
        "implemented",
        "2026-06-01",
        &["--response", "Opened until 10pm"],
    );
    let rec = show(&env, &id);
    assert!(rec["communicated_on"].is_null(), "{rec}");
    assert!(rec["channel"].is_null(), "{rec}");
    // The board no longer claims it was told; telling it again records the new day.
    env.ok(&["rec", "communicated", &id, "--on", "2026-06-10"]);
    assert_eq!(show(&env, &id)["communicated_on"], "2026-06-10");
}
