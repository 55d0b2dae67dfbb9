//! `spm rec board`: the year's recommendations, as Markdown and as rows.

use super::{add, set, setup};
use crate::common::{Env, read_csv};

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

| You said | We did | Status | Did it work? |
|---|---|---|---|
| The library closes too early in exams | Open until midnight in exam weeks | Done | Not checked yet |
| Too few silent study rooms | We have accepted this and will act on it. | Accepted |  |

## Wellbeing

| You said | We did | Status | Did it work? |
|---|---|---|---|
| Counselling waits \\| six weeks | Funding goes to drop-in sessions instead | Not adopted |  |

## Other

| You said | We did | Status | Did it work? |
|---|---|---|---|
| Bus to the campus is unreliable | This is beyond our control. | Beyond our control |  |
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
        [
            "theme",
            "finding",
            "response",
            "status",
            "communicated_on",
            "impact_worked",
            "impact_checked_on"
        ]
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
        [
            "theme",
            "finding",
            "response",
            "status",
            "communicated_on",
            "impact_worked",
            "impact_checked_on"
        ]
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
