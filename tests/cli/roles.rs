//! Roles and recognition: the external-partner role, voucher recognition, one table of role
//! rules that `person edit --kind` keeps too; an older database's external partners moved to
//! their role; and the whole database (budgets, periods, corrections) out and back.

use serde_json::json;

use crate::common::{Env, dump};
use crate::common::{add_person, add_project, student};

fn partner_add(env: &Env, project: &str, who: &str, role: &str) {
    env.ok(&["project", "partner", "add", project, who, "--role", role]);
}

#[test]
fn an_external_partner_takes_their_role_and_anyone_may_lead() {
    let env = Env::fresh();
    add_project(&env, "p", &[]);
    add_person(&env, "Mind Leeds", "external", &[]);
    student(&env, "Ola Stu", "ola@example.ac.uk");
    add_person(&env, "Dr Staff", "staff", &[]);
    partner_add(&env, "p", "Mind Leeds", "external-partner");
    for who in ["Mind Leeds", "Ola Stu", "Dr Staff"] {
        partner_add(&env, "p", who, "lead");
    }
    let rows = env.json_list(&["project", "partner", "list", "p"]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["role"], "external-partner");
    assert_eq!(rows[0]["kind"], "external");
    // In reports by role.
    let out = env.ok(&[
        "-q",
        "--format",
        "json",
        "report",
        "participation",
        "--by",
        "role",
        "--raw",
    ]);
    let groups: Vec<String> = crate::common::json(&out)
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["group"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        groups.contains(&"external-partner".to_string()),
        "{groups:?}"
    );
    // A typo gets a suggestion.
    env.refused(
        &["project", "partner", "add", "p", "1", "--role", "external"],
        65,
        "did you mean \"external-partner\"?",
    );
}

#[test]
fn person_edit_kind_keeps_the_role_rules() {
    let env = Env::fresh();
    add_project(&env, "p", &[]);
    add_person(&env, "Mind Leeds", "external", &[]);
    student(&env, "Ola Stu", "ola@example.ac.uk");
    partner_add(&env, "p", "1", "external-partner");
    partner_add(&env, "p", "2", "lead");
    env.refused(
        &["person", "edit", "1", "--kind", "staff"],
        65,
        "Mind Leeds is external-partner on p, a role for external partners, not staff; change the role first",
    );
    // A lead may be of any kind: the student becomes staff, and may lead still.
    env.ok(&["person", "edit", "2", "--kind", "staff"]);
    let rows = env.json_list(&["project", "partner", "list", "p"]);
    assert!(
        rows.iter()
            .any(|r| r["person"] == "Ola Stu" && r["kind"] == "staff")
    );
    env.refused(
        &["person", "edit", "1", "--kind", "alien"],
        65,
        "unknown person kind",
    );
}

#[test]
fn a_voucher_is_a_kind_of_recognition() {
    let env = Env::fresh();
    add_project(&env, "p", &[]);
    student(&env, "Ola Stu", "ola@example.ac.uk");
    partner_add(&env, "p", "1", "student-partner");
    env.ok(&[
        "project",
        "partner",
        "log",
        "p",
        "1",
        "--recognition",
        "voucher",
        "--note",
        "£20 book token",
        "--on",
        "2026-11-20",
    ]);
    let rows = env.json_list(&["project", "partner", "list", "p"]);
    assert_eq!(rows[0]["recognition"], json!(["voucher"]));
    env.refused(
        &[
            "project",
            "partner",
            "log",
            "p",
            "1",
            "--recognition",
            "vouchr",
        ],
        65,
        "did you mean \"voucher\"?",
    );
    let help = env.ok(&["project", "partner", "log", "--help"]);
    let words = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("payment or voucher"), "{help}");
}

#[test]
fn an_older_databases_external_partners_take_their_role() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).expect("a new database");
        conn.execute_batch(include_str!("../../src/db/testdata/schema-6.sql"))
            .expect("the version 6 schema");
        conn.execute_batch(
            "PRAGMA application_id = 1397771569; PRAGMA user_version = 6;
             INSERT INTO projects (code, title, form, level_planned, academic_year)
                 VALUES ('p', 'P', 'educational-research', 'partnership', '2025/26');
             INSERT INTO people (name, kind) VALUES ('Mind Leeds', 'external'), ('Sam', 'staff');
             INSERT INTO project_partners (project_id, person_id, role)
                 VALUES (1, 1, 'staff-partner'), (1, 2, 'staff-partner'), (1, 1, 'lead');
             INSERT INTO contributions (partner_id, on_date, minutes)
                 VALUES (1, '2025-10-01', 120);",
        )
        .expect("the version 6 rows");
    }
    let rows = env.json_list(&["project", "partner", "list", "p"]);
    let roles: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["person"].as_str().unwrap().to_string(),
                r["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("Mind Leeds".to_string(), "external-partner".to_string()),
            ("Mind Leeds".to_string(), "lead".to_string()),
            ("Sam".to_string(), "staff-partner".to_string()),
        ]
    );
    assert_eq!(rows[0]["hours"], 2.0);
    let history = env.show("project", "p")["history"].to_string();
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'partner' AND entity_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(logged.contains("external-partner"), "{logged} {history}");
    let check = crate::common::json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["schema_version"], crate::common::SCHEMA);
    assert_eq!(check["integrity"], "ok");
}

#[test]
fn budgets_periods_corrections_and_roles_go_out_and_back_whole() {
    let env = Env::demo();
    env.ok(&["fund", "budget", "2025/26", "20000"]);
    add_person(&env, "Mind Leeds", "external", &[]);
    partner_add(&env, "mh-peer-2025", "Mind Leeds", "external-partner");
    env.ok(&[
        "project",
        "partner",
        "log",
        "mh-peer-2025",
        "t.evans@example.ac.uk",
        "--hours",
        "70",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--recognition",
        "voucher",
    ]);
    env.ok(&[
        "project",
        "partner",
        "contribution",
        "correct",
        "1",
        "--hours",
        "5",
        "--reason",
        "typo",
    ]);
    env.ok(&["project", "partner", "contribution", "reverse", "2"]);
    for out in ["all.xlsx", "all/"] {
        let path = env.path(out);
        let path = path.to_str().expect("a UTF-8 path");
        env.ok(&["export", "-o", path]);
        let new = env.path(&format!("new-{}.db", out.trim_end_matches('/')));
        let new_db = new.to_str().expect("a UTF-8 path");
        env.ok(&["--db", new_db, "restore", path]);
        assert_eq!(dump(&env.db), dump(&new), "{out}");
        // What the restored database says is what the first says.
        let entries = |db: &str| {
            env.ok(&[
                "--db",
                db,
                "--format",
                "json",
                "project",
                "partner",
                "contribution",
                "list",
                "mh-peer-2025",
            ])
        };
        assert_eq!(entries(new_db), entries(env.db.to_str().unwrap()));
    }
}
