//! `spm project partner list`: the keys, the formats, the order.

use super::{P, join, list, partner_args, people, roles};
use crate::common::{partner_log as log, read_csv};

/// The JSON keys of a row of `project partner list`, in order.
const LIST_KEYS: &[&str] = &[
    "person_id",
    "person",
    "kind",
    "role",
    "from",
    "to",
    "hours",
    "paid",
    "recognition",
    "skills",
];

#[test]
fn list_by_role_then_name_with_every_key() {
    let env = people();
    join(&env, P, "4", "external-partner", &[]);
    join(&env, P, "3", "student-partner", &[]);
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    join(&env, P, "1", "lead", &[]);
    join(&env, "welcome", "2", "intern", &[]);
    let rows = list(&env, P);
    for r in &rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, LIST_KEYS);
    }
    assert_eq!(
        roles(&env, P),
        [
            (4, "external-partner".to_string()),
            (1, "lead".to_string()),
            (3, "student-partner".to_string()),
            (2, "student-partner".to_string()),
        ]
    );
    assert_eq!(rows[0]["kind"], "external");
    assert_eq!(rows[1]["person"], "Dr A. Khan");
    assert_eq!(roles(&env, "welcome"), [(2, "intern".to_string())]);
}

#[test]
fn list_as_csv_and_table_and_empty() {
    let env = people();
    assert!(list(&env, P).is_empty());
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "project", "partner", "list", P]));
    assert_eq!(header, LIST_KEYS);
    assert!(rows.is_empty());
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    log(
        &env,
        P,
        "2",
        &[
            "--hours",
            "1:30",
            "--paid",
            "£12.50",
            "--recognition",
            "payment",
        ],
    );
    let (_, rows) = read_csv(&env.ok(&["--format", "csv", "project", "partner", "ls", P]));
    assert_eq!(
        rows,
        [[
            "2",
            "Ola Stu",
            "student",
            "student-partner",
            "2025-10-01",
            "",
            "1.5",
            "12.50",
            "payment",
            ""
        ]]
    );
    let table = env.ok(&partner_args("list", &[P]));
    for text in ["Person", "Role", "Hours", "Paid", "Ola Stu", "£12.50"] {
        assert!(table.contains(text), "{text} missing from:\n{table}");
    }
}

#[test]
fn list_an_unknown_project_is_refused() {
    let env = people();
    env.refused(&partner_args("list", &["nope"]), 66, "no project with code");
    env.clap_fails(&partner_args("list", &[]), "<PROJECT>");
    env.clap_fails(&["project", "partner"], "Usage:");
}
