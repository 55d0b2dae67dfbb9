//! `spm report principles`: staff and student scores compared, per wording.

use serde_json::{Value as Json, json};

use super::{rows_of, where_is};
use crate::common::Env;

#[test]
fn principles_compares_staff_and_student_scores_per_wording() {
    let env = Env::demo();
    let rows = rows_of(&env, "principles", &[]);
    assert_eq!(rows.len(), 10, "{rows:?}");
    let cp2 = where_is(&rows, "principle", "CP2");
    assert_eq!(cp2.len(), 1);
    assert_eq!(cp2[0]["projects"], json!(1));
    assert_eq!(cp2[0]["staff_scores"], json!(2));
    assert_eq!(cp2[0]["staff_average"], json!(3.5));
    assert_eq!(cp2[0]["student_average"], json!(3.0));
    assert_eq!(cp2[0]["gap"], json!(-0.5));
    assert_eq!(cp2[0]["least_evidenced"], json!(false));
    // CP1 was scored on four projects; CP3 to CP10 less; CP8 and CP10 never.
    assert_eq!(where_is(&rows, "principle", "CP1")[0]["projects"], json!(4));
    let least: Vec<&str> = rows
        .iter()
        .filter(|r| r["least_evidenced"] == true)
        .filter_map(|r| r["principle"].as_str())
        .collect();
    assert_eq!(least, ["CP8", "CP10"]);
    assert_eq!(
        where_is(&rows, "principle", "CP8")[0]["staff_average"],
        Json::Null
    );

    // A score given against other words is its own row.
    env.conn()
        .execute(
            "UPDATE review_scores SET wording = 'Co-created activity (2022 words)'
             WHERE principle_id = (SELECT id FROM principles WHERE code = 'CP2')
               AND review_id = (SELECT min(id) FROM reviews)",
            [],
        )
        .expect("old words");
    let rows = rows_of(&env, "principles", &[]);
    let cp2 = where_is(&rows, "principle", "CP2");
    assert_eq!(cp2.len(), 2);
    assert_eq!(cp2[1]["wording"], json!("Co-created activity (2022 words)"));
    assert_eq!(
        [
            &cp2[0]["staff_average"],
            &cp2[0]["student_average"],
            &cp2[1]["gap"]
        ],
        [&json!(4.0), &json!(4.0), &json!(-1.0)]
    );

    let economics = rows_of(
        &env,
        "principles",
        &["--dept", "economics", "--year", "2024/25"],
    );
    assert_eq!(
        where_is(&economics, "principle", "CP9")[0]["student_average"],
        json!(2.0)
    );
    assert_eq!(
        where_is(&economics, "principle", "CP1")[0]["projects"],
        json!(1)
    );
}
