//! Project leads are people: `project add/edit --lead` registers or links a member of staff, and a
//! version 2 database's free-text leads become people.

use std::path::Path;

use serde_json::{Value as Json, json};

use super::{amira, env_count, export, lead_of, leads, names, names_of};
use crate::common::{Env, FORM, LEVEL, add_project, json, person};

/// Which person leads project `code`, read from the database.
fn lead_id(env: &Env, code: &str) -> Option<i64> {
    env.conn()
        .query_row(
            "SELECT lead_id FROM projects WHERE code = ?1",
            [code],
            |r| r.get(0),
        )
        .expect("the project's lead")
}

#[test]
fn a_new_lead_name_registers_a_member_of_staff() {
    let env = leads();
    assert_eq!(names(&env, &[]), ["Dr A. Khan", "Prof. J. Osei"]);
    add_project(&env, "x", &["--lead", "  Dr New Lead "]);
    assert_eq!(lead_of(&env, "x"), "Dr New Lead");
    let p = person(&env, "Dr New Lead");
    assert_eq!(p["id"], 3);
    assert_eq!(p["kind"], "staff");
    assert!(p["email"].is_null());
    assert_eq!(
        names(&env, &["--kind", "staff"]),
        ["Dr A. Khan", "Dr New Lead", "Prof. J. Osei"]
    );
    assert_eq!(lead_id(&env, "x"), Some(3));
    assert_eq!(export(&env, "3")["leads"][0]["code"], "x");
}

#[test]
fn an_existing_lead_is_linked_whatever_the_case_or_how_it_is_named() {
    let env = leads();
    add_project(&env, "by-name", &["--lead", "DR A. KHAN"]);
    add_project(&env, "by-hash", &["--lead", "#2"]);
    add_project(&env, "by-email", &["--lead", "J.OSEI@example.ac.uk"]);
    assert_eq!(lead_id(&env, "a"), Some(1));
    assert_eq!(lead_id(&env, "b"), Some(1));
    assert_eq!(lead_id(&env, "by-name"), Some(1));
    assert_eq!(lead_of(&env, "by-name"), "Dr A. Khan");
    assert_eq!(lead_of(&env, "by-hash"), "Prof. J. Osei");
    assert_eq!(lead_of(&env, "by-email"), "Prof. J. Osei");
    assert_eq!(env_count(&env), 2, "nobody new");
    let led: Vec<Json> = export(&env, "1")["leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].clone())
        .collect();
    assert_eq!(led, [json!("a"), json!("b"), json!("by-name")]);
}

#[test]
fn list_by_lead_still_finds_projects_by_part_of_the_leads_name() {
    let env = Env::demo();
    assert_eq!(
        env.codes("project", &["--lead", "Khan"]),
        ["mh-peer-2025", "welcome-2024", "mental-health-2021"]
    );
    let env = leads();
    add_project(&env, "c", &["--lead", "Prof. J. Osei"]);
    assert_eq!(env.codes("project", &["--lead", "khan"]).len(), 2);
    assert_eq!(env.codes("project", &["--lead", "OSEI"]), ["c"]);
    // The lead's name is read from the person, so renaming them renames every lead.
    env.ok(&["person", "edit", "1", "--name", "Prof A. Khan-Smith"]);
    assert_eq!(env.codes("project", &["--lead", "smith"]).len(), 2);
    assert_eq!(lead_of(&env, "a"), "Prof A. Khan-Smith");
    assert!(env.codes("project", &["--lead", "Dr A."]).is_empty());
}

#[test]
fn edit_lead_empty_clears_it_and_keeps_the_person() {
    let env = leads();
    env.ok(&["project", "edit", "a", "--lead", ""]);
    assert!(lead_of(&env, "a").is_null());
    assert_eq!(lead_id(&env, "a"), None);
    assert_eq!(lead_of(&env, "b"), "Dr A. Khan");
    assert_eq!(person(&env, "1")["name"], "Dr A. Khan");
    env.ok(&["project", "edit", "a", "--lead", "prof. j. osei"]);
    assert_eq!(lead_id(&env, "a"), Some(2));
    env.ok(&["project", "edit", "a", "--lead", "Dr Brand New"]);
    assert_eq!(lead_of(&env, "a"), "Dr Brand New");
    assert_eq!(person(&env, "Dr Brand New")["kind"], "staff");
    assert_eq!(env_count(&env), 3);
}

#[test]
fn a_lead_by_an_unknown_email_or_id_is_refused() {
    let env = leads();
    env.refused(
        &[
            "project",
            "add",
            "Project x",
            "--form",
            FORM,
            "--level",
            LEVEL,
            "--code",
            "x",
            "--lead",
            "ghost@example.ac.uk",
        ],
        66,
        "no person with email \"ghost@example.ac.uk\"",
    );
    env.refused(
        &[
            "project",
            "add",
            "Project x",
            "--form",
            FORM,
            "--level",
            LEVEL,
            "--code",
            "x",
            "--lead",
            "#99",
        ],
        66,
        "no person with id",
    );
    env.refused(
        &["project", "edit", "a", "--lead", "ghost@example.ac.uk"],
        66,
        "no person with email",
    );
}

#[test]
fn an_erased_person_cannot_lead_a_project() {
    let env = amira();
    env.ok(&["person", "forget", "1", "--yes"]);
    add_project(&env, "x", &[]);
    env.refused(
        &["project", "edit", "x", "--lead", "1"],
        65,
        "was forgotten and cannot lead a project",
    );
}

#[test]
fn a_student_cannot_be_a_projects_staff_lead() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.refused(
        &["project", "edit", "x", "--lead", "a.hassan@example.ac.uk"],
        65,
        "student",
    );
}

#[test]
fn a_version_2_database_keeps_every_projects_lead_as_a_person() {
    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-with-leads.db");
    std::fs::copy(&fixture, &env.db).expect("a copy of the fixture");
    let db = env.db.to_str().expect("a UTF-8 path");
    let check = json(&env.ok(&["--db", db, "--format", "json", "db", "check"]));
    assert_eq!(check["schema_version"], crate::common::SCHEMA);
    assert_eq!(check["projects"], 4);
    assert_eq!(check["integrity"], "ok");
    assert_eq!(check["foreign_keys"], "ok");

    // "Dr A. Khan" and "  dr a. khan " are one person, named as first written.
    assert_eq!(lead_of(&env, "khan-one"), "Dr A. Khan");
    assert_eq!(lead_of(&env, "khan-two"), "Dr A. Khan");
    assert_eq!(lead_id(&env, "khan-one"), lead_id(&env, "khan-two"));
    assert!(lead_id(&env, "khan-one").is_some());
    assert_eq!(lead_of(&env, "prof-x"), "Prof X");
    assert!(lead_of(&env, "no-lead").is_null());
    assert_eq!(lead_id(&env, "no-lead"), None);

    let people = env.list("person", &[]);
    assert_eq!(names_of(&people), ["Dr A. Khan", "Prof X"]);
    assert!(people.iter().all(|p| p["kind"] == "staff"));
    assert_eq!(names(&env, &["--kind", "staff"]).len(), 2);
    let leads: Vec<Json> = export(&env, "Dr A. Khan")["leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].clone())
        .collect();
    assert_eq!(leads, [json!("khan-one"), json!("khan-two")]);
    assert_eq!(env.codes("project", &["--lead", "khan"]).len(), 2);

    // The fixture itself is untouched, still at version 2.
    let version: i64 = rusqlite::Connection::open(&fixture)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
}
