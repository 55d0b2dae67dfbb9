//! `spm project partner remove`: the role goes with what was logged for it; the export keeps the
//! log.

use super::{P, contributions, join, partner_args, people, roles};
use crate::common::{partner_log as log, person};

#[test]
fn remove_without_yes_and_no_terminal_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    env.refused(
        &partner_args("remove", &[P, "2"]),
        64,
        "needs confirmation: add --yes",
    );
}

#[test]
fn remove_takes_the_role_off_with_what_was_logged_for_it() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    join(&env, P, "2", "panellist", &[]);
    join(&env, P, "3", "intern", &[]);
    log(&env, P, "2", &["--hours", "2", "--role", "intern"]);
    log(&env, P, "2", &["--hours", "1", "--role", "panellist"]);
    log(&env, P, "3", &["--hours", "4", "--paid", "50"]);
    assert_eq!(contributions(&env), 3);
    env.refused(
        &partner_args("remove", &[P, "2", "--yes"]),
        65,
        "Ola Stu has 2 roles on peer (intern, panellist); say which with --role",
    );
    let out = env.run_ok(&partner_args("rm", &[P, "2", "--role", "intern", "-y"]));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "took Ola Stu (intern) off peer\n"
    );
    assert_eq!(
        roles(&env, P),
        [(3, "intern".to_string()), (2, "panellist".to_string())]
    );
    assert_eq!(contributions(&env), 2);
    let project = env.show("project", P);
    assert_eq!(project["partners"].as_array().map(Vec::len), Some(2));
    assert_eq!(project["hours"], 5.0);
    assert_eq!(project["paid"], 50.0);
    env.ok(&partner_args("remove", &[P, "2", "--yes"]));
    assert_eq!(roles(&env, P), [(3, "intern".to_string())]);
    // The person stays, and the log remembers what went.
    assert_eq!(person(&env, "2")["name"], "Ola Stu");
    let removed: Vec<String> = env
        .conn()
        .prepare(
            "SELECT fields FROM changes WHERE entity = 'partner' AND action = 'delete' ORDER BY id",
        )
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .unwrap();
    assert_eq!(removed.len(), 2);
    let first = crate::common::json(&removed[0]);
    assert_eq!(first["person_id"], 2);
    assert_eq!(first["role"], "intern");
    assert_eq!(first["minutes"], 120);
}

#[test]
fn export_keeps_the_log_of_removed_roles_and_requests() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    log(&env, P, "2", &["--hours", "2"]);
    env.ok(&partner_args("remove", &[P, "2", "--yes"]));
    env.ok(&["person", "request", "add", "2", "access"]);
    let doc = crate::common::json(&env.ok(&["person", "export", "2"]));
    let entries: Vec<(String, String)> = doc["change_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        ("partner", "insert"),
        ("partner", "update"),
        ("partner", "delete"),
        ("data_request", "insert"),
    ] {
        assert!(
            entries.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} missing from {entries:?}"
        );
    }
}

#[test]
fn remove_someone_not_there_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    env.refused(
        &partner_args("remove", &[P, "3", "--yes"]),
        66,
        "no partner \"Nia Obi on peer\"",
    );
    env.refused(
        &partner_args("remove", &[P, "2", "--role", "panellist", "--yes"]),
        66,
        "no partner",
    );
    env.refused(
        &partner_args("remove", &["nope", "2", "--yes"]),
        66,
        "no project with code",
    );
    env.refused(
        &partner_args("remove", &[P, "99", "--yes"]),
        66,
        "no person with id",
    );
}
