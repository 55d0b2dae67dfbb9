//! `spm project publish/unpublish`: a project's title and summary approved for the public
//! pages, reworded, and taken off again.

use crate::common::{Env, TODAY, add_project, stderr_of};

fn show(env: &Env, code: &str) -> serde_json::Value {
    env.show("project", code)
}

/// The change-log fields of the project's latest entry.
fn last_logged(env: &Env) -> serde_json::Value {
    let fields: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'project' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an entry");
    serde_json::from_str(&fields).expect("JSON")
}

#[test]
fn a_project_is_published_with_its_own_title_and_summary_by_default() {
    let env = Env::fresh();
    add_project(
        &env,
        "cm",
        &[
            "--activity",
            "change-makers",
            "--summary",
            "Commuters researched belonging.",
        ],
    );
    let out = env.run_ok(&["project", "publish", "cm", "--on", "2026-11-01"]);
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out)
            .contains("cm's title and summary are approved for the public pages from 2026-11-01"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("not a Change Makers project"));
    let p = show(&env, "cm");
    assert_eq!(p["published_on"], "2026-11-01");
    assert_eq!(p["public_title"], "Project cm");
    assert_eq!(p["public_summary"], "Commuters researched belonging.");
    assert_eq!(
        last_logged(&env)["public_summary"],
        serde_json::json!([null, "Commuters researched belonging."])
    );
    // Publishing again changes only what is given.
    env.ok(&[
        "project",
        "publish",
        "cm",
        "--summary",
        "A shorter summary.",
    ]);
    let p = show(&env, "cm");
    assert_eq!(p["public_title"], "Project cm");
    assert_eq!(p["public_summary"], "A shorter summary.");
    assert_eq!(p["published_on"], TODAY);
    // The project's own summary is left as it was.
    assert_eq!(p["summary"], "Commuters researched belonging.");
    env.refused(
        &["project", "publish", "cm"],
        65,
        "project cm is already published with this title and summary on 2026-11-23; nothing was changed",
    );
    let out = env.run_ok(&["project", "unpublish", "CM"]);
    assert!(stderr_of(&out).contains("cm is off the public pages (it was approved on 2026-11-23)"));
    assert!(show(&env, "cm")["published_on"].is_null());
    assert_eq!(
        last_logged(&env)["public_summary"],
        serde_json::json!(["A shorter summary.", null])
    );
}

#[test]
fn a_project_with_no_summary_needs_one_to_be_published() {
    let env = Env::fresh();
    add_project(&env, "mh", &[]);
    env.refused(
        &["project", "publish", "mh"],
        65,
        "project mh has no summary to publish; give one with --summary",
    );
    let out = env.run_ok(&["project", "publish", "mh", "--summary", "Peer support."]);
    // Only Change Makers projects are in the gallery: it says so.
    assert!(
        stderr_of(&out)
            .contains("mh is not a Change Makers project, so the gallery does not show it"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn publishing_a_project_refuses_bad_input() {
    let env = Env::fresh();
    add_project(&env, "cm", &["--summary", "Something."]);
    env.refused(&["project", "publish", "nope"], 66, "no project");
    env.refused(
        &["project", "publish", "cm", "--summary", " "],
        65,
        "--summary cannot be blank",
    );
    env.refused(
        &["project", "publish", "cm", "--title", "two\nlines"],
        65,
        "a project title is one line",
    );
    env.refused(
        &["project", "publish", "cm", "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["project", "unpublish", "cm"],
        65,
        "project cm is not published; nothing was changed",
    );
    env.refused(&["project", "unpublish", "nope"], 66, "no project");
    env.clap_fails(&["project", "publish"], "");
    env.clap_fails(&["project", "publish", "cm", "--sumary", "x"], "");
}

#[test]
fn removing_a_published_project_takes_its_publication_with_it() {
    let env = Env::fresh();
    add_project(&env, "cm", &["--summary", "Something."]);
    env.ok(&["project", "publish", "cm"]);
    env.ok(&["project", "remove", "cm", "--yes"]);
    let left: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM project_publications", [], |r| {
            r.get(0)
        })
        .expect("a count");
    assert_eq!(left, 0);
}
