//! Research internships: the skills a partner gains, kept on the partner record.

use super::{P, add_args, join, people};
use crate::common::Env;

#[test]
fn an_interns_skills_are_kept_on_the_partner_record() {
    let env = people();
    join(
        &env,
        P,
        "2",
        "intern",
        &["--from", "2025-10-01", "--skills", "archival research"],
    );
    let row = |env: &Env| {
        env.json_list(&["project", "partner", "list", P])
            .into_iter()
            .find(|r| r["person_id"] == 2)
            .expect("the intern")
    };
    assert_eq!(row(&env)["skills"], "archival research");
    // Leaving, they take the skills they gained.
    env.ok(&[
        "project",
        "partner",
        "end",
        P,
        "2",
        "--on",
        "2026-06-30",
        "--skills",
        "archival research, NVivo",
    ]);
    assert_eq!(row(&env)["skills"], "archival research, NVivo");
    assert_eq!(row(&env)["to"], "2026-06-30");
    // Without --skills, an end keeps what is there.
    join(&env, P, "3", "intern", &["--skills", "interviewing"]);
    env.ok(&["project", "partner", "end", P, "3", "--on", "2026-06-30"]);
    let nia = env
        .json_list(&["project", "partner", "list", P])
        .into_iter()
        .find(|r| r["person_id"] == 3)
        .expect("the second intern");
    assert_eq!(nia["skills"], "interviewing");
    let too_long = "x".repeat(20_001);
    env.refused(
        &add_args(P, "2", "student-partner", &["--skills", &too_long]),
        65,
        "skills",
    );
}
