//! A list with nothing in it says so on a terminal, in words on stderr, instead of printing
//! an empty grid; to a pipe or a file the data keeps its shape: a table its header row, CSV
//! its header line, JSON `[]`, Markdown its header row.

use crate::common::Env;
use crate::tables::{Screen, at_terminal, screen};

/// Expects `args` at a terminal to print nothing on stdout and `message` on stderr.
fn says(env: &Env, args: &[&str], message: &str) -> Screen {
    let s = screen(env, 100, args);
    assert!(
        s.out.trim().is_empty(),
        "spm {args:?} printed a table:\n{}",
        s.out
    );
    assert!(
        s.err.contains(message),
        "spm {args:?}: expected {message:?} on stderr, got {:?}",
        s.err
    );
    s
}

#[test]
fn empty_lists_say_so_on_a_terminal() {
    let env = Env::fresh();
    for (args, message) in [
        (
            &["project", "list"][..],
            "no projects yet; add one with spm project add TITLE",
        ),
        (
            &["project", "list", "--group-by", "theme"],
            "no projects yet",
        ),
        (&["review", "due"], "no reviews due in the next 30 days"),
        (
            &["review", "due", "--within", "6w"],
            "no reviews due in the next 6 weeks",
        ),
        (
            &["review", "due", "--within", "1y"],
            "no reviews due in the next 1 year",
        ),
        (&["review", "due", "--overdue"], "no reviews overdue"),
        (
            &["review", "due", "--until", "2027-01-31"],
            "no reviews due by 2027-01-31",
        ),
        (
            &["review", "list"],
            "no reviews yet; record one with spm review add PROJECT",
        ),
        (
            &["person", "list"],
            "no people yet; add one with spm person add NAME",
        ),
        (
            &["person", "request", "list"],
            "no data-protection requests yet",
        ),
        (
            &["person", "request", "list", "--open"],
            "no data-protection requests are open",
        ),
        (
            &["rec", "list"],
            "no recommendations yet; add one with spm rec add",
        ),
        (
            &["rec", "board"],
            "nothing on the board yet: no recommendation has been decided",
        ),
        (
            &["rec", "board", "--year", "2025/26"],
            "nothing on the board for 2025/26 yet",
        ),
        (
            &["panel", "list"],
            "no panel sessions yet; add one with spm panel add",
        ),
        (
            &["fund", "list"],
            "no fund applications yet; add one with spm fund apply",
        ),
        (
            &["priority", "list"],
            "no priority projects yet; set one with spm priority set YEAR PROJECT",
        ),
        (
            &["priority", "list", "2025/26"],
            "no priority projects for 2025/26 yet",
        ),
        (
            &["report", "outcomes"],
            "no review has rated an outcome yet",
        ),
        (
            &["person", "retention", "--dry-run"],
            "nobody has been kept more than",
        ),
    ] {
        let s = says(&env, args, message);
        // Said once, not also as a note beside the table.
        assert_eq!(s.err.matches(message).count(), 1, "{args:?}: {}", s.err);
    }
}

#[test]
fn an_empty_list_names_the_filters_that_matched_nothing() {
    let env = Env::demo();
    for (args, message) in [
        (
            &["project", "list", "--status", "paused", "--year", "2024/25"][..],
            "no projects match --status paused --year 2024/25",
        ),
        (
            &["project", "list", "--search", "no such \"thing\""],
            "no projects match --search \"no such \\\"thing\\\"\"",
        ),
        (
            &["person", "list", "--kind", "external"],
            "no people match --kind external",
        ),
        (
            &["review", "list", "--project", "welcome-2024"],
            "no reviews match --project \"welcome-2024\"",
        ),
        (
            &["rec", "list", "--status", "accepted", "--overdue"],
            "no recommendations match --status accepted --overdue",
        ),
        (
            &["panel", "list", "--year", "2021/22"],
            "no panel sessions match --year 2021/22",
        ),
        (
            &["fund", "list", "--year", "2021/22"],
            "no fund applications match --year 2021/22",
        ),
        (
            &["project", "partner", "list", "data-ethics-2026"],
            "data-ethics-2026 has no partners yet; add one with spm project partner add data-ethics-2026 PERSON --role ROLE",
        ),
        (
            &["review", "due", "--lead", "Nobody"],
            "no reviews due in the next 30 days for projects led by someone matching \"Nobody\"",
        ),
        // The demo's panel met in every term of 2025/26.
        (
            &["panel", "gaps", "--year", "2025/26"],
            "the panel has met in every term of 2025/26",
        ),
    ] {
        says(&env, args, message);
    }
}

#[test]
fn a_session_without_insights_and_a_framework_without_principles_say_so() {
    let env = Env::demo();
    let id = env
        .ok(&[
            "panel",
            "add",
            "--year",
            "2026/27",
            "--term",
            "spring",
            "--on",
            "2027-03-10",
            "--topic",
            "Belonging",
        ])
        .trim()
        .to_string();
    says(
        &env,
        &["panel", "insight", "list", &id],
        &format!(
            "panel session {id} has no insights yet; add one with spm panel insight add {id} TEXT"
        ),
    );
    env.ok(&[
        "principle",
        "add",
        "OWN1",
        "Students lead",
        "--framework",
        "our-values",
        "--framework-name",
        "Our values",
    ]);
    env.ok(&["principle", "retire", "OWN1", "--on", "2026-11-01"]);
    says(
        &env,
        &["principle", "list", "--framework", "our-values"],
        "the framework our-values has no principles in use (retired ones show with --all)",
    );
    let all = screen(
        &env,
        100,
        &["principle", "list", "--framework", "our-values", "--all"],
    );
    assert!(all.out.contains("OWN1"), "{}", all.out);
}

#[test]
fn report_all_says_which_reports_are_empty_in_place() {
    let env = Env::fresh();
    let s = screen(&env, 100, &["report", "all"]);
    assert!(
        s.out
            .contains("Outcomes\n(no review has rated an outcome yet)\n"),
        "{}",
        s.out
    );
    // The reports with rows are tables as before.
    assert!(s.out.contains("Summary\n┌"), "{}", s.out);
}

#[test]
fn to_a_pipe_an_empty_list_keeps_its_shape_and_says_nothing() {
    let env = Env::fresh();
    let out = env.run(&["project", "list"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.starts_with("┌") && table.contains("│ Code ┆ Title"),
        "{table}"
    );
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = env.ok(&["--format", "csv", "project", "list"]);
    assert_eq!(csv.lines().count(), 1);
    assert!(csv.starts_with("code,title,"), "{csv}");
    assert_eq!(env.ok(&["--format", "json", "project", "list"]), "[]\n");
    let md = env.ok(&["--format", "md", "person", "list"]);
    assert!(
        md.starts_with("| Id | Name |") && md.lines().count() == 2,
        "{md}"
    );
    // The same on a terminal for the formats made for programs and documents.
    let csv_at_terminal = screen(&env, 100, &["--format", "csv", "review", "due"]);
    assert!(
        csv_at_terminal.out.starts_with("project,title,"),
        "{csv_at_terminal:?}"
    );
    assert!(csv_at_terminal.err.is_empty());
    let json_at_terminal = screen(&env, 100, &["--format", "json", "fund", "list"]);
    assert_eq!(json_at_terminal.out, "[]\n");
    // A file gets the table's header row, and the person is told nothing more.
    let file = env.path("people.txt");
    let file_arg = file.display().to_string();
    let written = screen(&env, 100, &["person", "list", "-o", &file_arg]);
    assert!(written.err.is_empty(), "{}", written.err);
    let text = std::fs::read_to_string(&file).expect("the file is written");
    assert!(text.contains("│ Id ┆ Name"), "{text}");
}

#[test]
fn quiet_says_nothing_even_of_an_empty_list() {
    let env = Env::fresh();
    let s = at_terminal(&env, 100, &[], &["-q", "person", "list"]);
    assert_eq!(s.status, Some(0));
    assert!(s.out.trim().is_empty() && s.err.is_empty(), "{s:?}");
}

#[test]
fn a_bad_filter_is_still_an_error_not_an_empty_list() {
    let env = Env::demo();
    env.refused(&["project", "list", "--year", "2025"], 65, "2025");
    env.refused(&["review", "due", "--within", "soon"], 65, "span of time");
    let s = at_terminal(&env, 100, &[], &["person", "list", "--kind", "alien"]);
    assert_eq!(s.status, Some(65), "{s:?}");
    assert!(s.err.starts_with("error: "), "{}", s.err);
}
