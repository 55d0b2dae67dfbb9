//! `spm report funding`: totals by year and theme against the cap.

use serde_json::{Value as Json, json};

use super::rows_of;
use crate::common::Env;

#[test]
fn funding_totals_each_year_and_theme_against_the_cap() {
    let env = Env::demo();
    let rows = rows_of(&env, "funding", &[]);
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert_eq!(
        rows[1],
        json!({"year": "2025/26", "theme": "student voices, partnership and academic support",
               "applications": 1, "awards": 1, "requested": 8000.0, "awarded": 6000.0,
               "spent": 2150.0, "largest_award": 6000.0, "cap": 10000.0,
               "budget": null, "remaining": null})
    );
    // Each year's themes, then the year.
    assert_eq!(rows[2]["theme"], json!("All themes"));
    assert_eq!(rows[2]["requested"], json!(10500.0));
    assert_eq!(rows[5]["year"], Json::Null);
    assert_eq!(rows[5]["theme"], json!("Total"));
    assert_eq!(rows[5]["requested"], json!(14500.0));
    let law = rows_of(&env, "funding", &["--dept", "law", "--year", "2026/27"]);
    assert_eq!(
        law,
        [
            json!({"year": "2026/27", "theme": "Total", "applications": 0, "awards": 0,
                "requested": 0.0, "awarded": 0.0, "spent": 0.0, "largest_award": null,
                "cap": 10000.0, "budget": null, "remaining": null})
        ]
    );
}
