//! `spm rec list` and `spm rec show`: filters, formats, unknown ids.

use super::{add, set, setup, show};
use crate::common::{Env, read_csv};

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
    "published_on",
];

/// The columns of `rec list` in a table and in Markdown.
const TABLE_HEADERS: &str =
    "| Id | Source | Finding | To | Owner | Due | Status | Communicated | Published | Theme |";

/// The ids `rec list ARGS` shows, in order.
fn ids(env: &Env, args: &[&str]) -> Vec<i64> {
    env.list("rec", args)
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}

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
            "{TABLE_HEADERS}\n|---|---|---|---|---|---|---|---|---|---|\n\
             | 3 | elsewhere | the library closes too early | Library Services |  | 2026-10-01 | implemented |  |  |  |\n"
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
