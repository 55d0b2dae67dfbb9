//! `spm panel show`: the insights and the recommendations raised.

use serde_json::json;

use super::{insight, raise, session, show};
use crate::common::{Env, read_csv};

#[test]
fn show_lists_insights_and_the_recommendations_raised() {
    let env = Env::fresh();
    let s = session(&env, "autumn", "2025-10-14");
    insight(&env, &s, "Feedback is late");
    let a = raise(&env, &s, "return work within three weeks", "in-progress");
    let b = raise(&env, &s, "publish marking criteria", "not-adopted");
    let other = session(&env, "winter", "2026-01-20");
    raise(&env, &other, "elsewhere", "proposed");
    let shown = show(&env, &s);
    assert_eq!(
        shown["recommendations"],
        json!([
            {"id": a, "recommendation": "return work within three weeks", "to": "Registry",
             "status": "in-progress"},
            {"id": b, "recommendation": "publish marking criteria", "to": "Registry",
             "status": "not-adopted"},
        ])
    );
    let table = env.ok(&["panel", "show", &s]);
    for needle in [
        "Assessment feedback",
        "Insights",
        "Feedback is late",
        "Recommendations",
        "publish marking criteria",
        "not-adopted",
        "History",
        "recorded",
    ] {
        assert!(table.contains(needle), "{needle:?} missing from {table}");
    }
    let md = env.ok(&["--format", "md", "panel", "show", &s]);
    assert!(md.contains("## Recommendations"), "{md}");
    let (header, _) = read_csv(&env.ok(&["--format", "csv", "panel", "show", &s]));
    assert_eq!(
        header,
        [
            "id",
            "year",
            "term",
            "on",
            "topic",
            "question",
            "panellists"
        ]
    );
    let empty = env.ok(&["panel", "show", &other]);
    assert!(empty.contains("Insights\n(none)"), "{empty}");
}

#[test]
fn show_refuses_unknown_and_malformed_ids() {
    let env = Env::fresh();
    session(&env, "autumn", "2025-10-14");
    env.refused(
        &["panel", "show", "2"],
        66,
        "no panel session with id \"2\"; run \"spm panel list\" to see the ids",
    );
    for bad in ["0", "-1", "one", "9223372036854775808"] {
        env.clap_fails(&["panel", "show", bad], "");
    }
    env.clap_fails(&["panel", "show"], "<ID>");
}
