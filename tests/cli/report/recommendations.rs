//! `spm report recommendations`: medians and stalled themes.

use serde_json::{Value as Json, json};

use super::{rows_of, where_is};
use crate::common::Env;

#[test]
fn recommendations_gives_medians_and_stalled_themes() {
    let env = Env::demo();
    let rows = rows_of(&env, "recommendations", &[]);
    let feedback = where_is(&rows, "theme", "feedback");
    assert_eq!(
        *feedback[2],
        json!({"theme": "feedback", "status": "all", "recommendations": 2,
               "median_days_to_decision": 31.5, "median_days_to_communication": 102.0,
               "waiting_terms": 0, "stalled": false, "done": 1, "impact_checked": 1,
               "worked": 1})
    );
    let last = rows.last().expect("a row");
    assert_eq!(
        [&last["theme"], &last["status"], &last["recommendations"]],
        [&json!("all themes"), &json!("all"), &json!(6)]
    );
    assert_eq!(last["waiting_terms"], Json::Null);
    // Raised again in another term and still not acted on: stalled.
    env.conn()
        .execute(
            "INSERT INTO recommendations (finding, recommendation, addressed_to, theme, raised_on)
             VALUES ('No space to eat', 'A common room', 'Estates', 'BELONGING', '2026-10-01')",
            [],
        )
        .expect("a recommendation");
    let rows = rows_of(&env, "recommendations", &[]);
    let belonging = where_is(&rows, "theme", "belonging");
    assert_eq!(belonging.len(), 2, "{rows:?}");
    assert_eq!(belonging[1]["recommendations"], json!(2));
    assert_eq!(belonging[1]["waiting_terms"], json!(2));
    assert_eq!(belonging[1]["stalled"], json!(true));
    // Only this year's: one term, not stalled; a department leaves the rest out.
    let rows = rows_of(&env, "recommendations", &["--year", "2025/26"]);
    assert_eq!(
        where_is(&rows, "theme", "belonging")[0]["stalled"],
        json!(false)
    );
    let rows = rows_of(&env, "recommendations", &["--dept", "eden centre"]);
    assert_eq!(
        rows.last().map(|r| r["recommendations"].clone()),
        Some(json!(5))
    );
}
