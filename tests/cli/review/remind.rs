//! `spm review remind`: one block per staff lead, for cron.

use serde_json::json;

use super::{annual, one_project, project};
use crate::common::{Env, TODAY};

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
