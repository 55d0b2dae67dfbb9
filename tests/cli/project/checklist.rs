//! `spm project checklist`: the start-of-project checklist listed, ticked and unticked,
//! the institution's own points, the progress in `project show`, and the note when a project
//! becomes active with nothing ticked.

use crate::common::{Env, stderr_of};

const CODE: &str = "lab-methods-2026";

fn items(env: &Env) -> Vec<serde_json::Value> {
    env.json_list(&["project", "checklist", CODE])
}

#[test]
fn a_point_is_ticked_with_its_day_and_note_shown_and_logged() {
    let env = Env::demo();
    let list = items(&env);
    assert_eq!(list.len(), 11, "{list:?}");
    assert_eq!(list[0]["key"], "start-small");
    assert!(list.iter().all(|i| i["ticked_on"].is_null()));
    assert_eq!(env.show("project", CODE)["checklist"], "0 of 11 ticked");

    let out = env.run_ok(&[
        "project",
        "checklist",
        CODE,
        "--tick",
        "Voluntary",
        "--on",
        "2026-11-02",
        "--note",
        "agreed at the first meeting",
    ]);
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("ticked \"voluntary\" for lab-methods-2026 on 2026-11-02"));
    let list = items(&env);
    let v = list
        .iter()
        .find(|i| i["key"] == "voluntary")
        .expect("the point");
    assert_eq!(v["ticked_on"], "2026-11-02");
    assert_eq!(v["note"], "agreed at the first meeting");
    assert_eq!(list.iter().filter(|i| !i["ticked_on"].is_null()).count(), 1);
    let shown = env.show("project", CODE);
    assert_eq!(shown["checklist"], "1 of 11 ticked");
    let log = shown["history"].to_string();
    assert!(log.contains("checklist voluntary"), "{log}");
    assert!(
        log.contains("2026-11-02: agreed at the first meeting"),
        "{log}"
    );

    // Ticked by default today; the same tick again changes nothing and is refused.
    env.ok(&["project", "checklist", CODE, "--tick", "roles-agreed"]);
    assert_eq!(env.show("project", CODE)["checklist"], "2 of 11 ticked");
    env.refused(
        &["project", "checklist", CODE, "--tick", "roles-agreed"],
        65,
        "already ticked",
    );
    env.refused(
        &[
            "project",
            "checklist",
            CODE,
            "--tick",
            "be-patient",
            "--on",
            "2027-01-01",
        ],
        65,
        "in the future",
    );

    env.ok(&["project", "checklist", CODE, "--untick", "roles-agreed"]);
    assert_eq!(env.show("project", CODE)["checklist"], "1 of 11 ticked");
    env.refused(
        &["project", "checklist", CODE, "--untick", "roles-agreed"],
        65,
        "is not ticked",
    );
}

#[test]
fn an_unknown_checklist_key_is_one_line_and_writes_nothing() {
    let env = Env::demo();
    let err = env.refused(
        &[
            "project",
            "checklist",
            CODE,
            "--tick",
            "voluntry",
            "--note",
            "x",
        ],
        65,
        "did you mean \"voluntary\"?",
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let err = env.refused(
        &["project", "checklist", CODE, "--untick", "nonsense-here"],
        65,
        "unknown checklist point",
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    env.refused(
        &[
            "project",
            "checklist",
            "no-such-2025",
            "--tick",
            "voluntary",
        ],
        66,
        "no-such-2025",
    );
}

#[test]
fn the_institution_adds_its_own_points() {
    let env = Env::demo();
    let out = env.run_ok(&[
        "project",
        "checklist",
        "--add-point",
        "paid",
        "Students are paid for their time",
    ]);
    assert!(stderr_of(&out).contains("added \"paid\" to the checklist"));
    let list = items(&env);
    assert_eq!(list.len(), 12);
    assert_eq!(list[11]["key"], "paid");
    assert_eq!(list[11]["point"], "Students are paid for their time");
    env.ok(&["project", "checklist", CODE, "--tick", "paid"]);
    assert_eq!(env.show("project", CODE)["checklist"], "1 of 12 ticked");
    env.refused(
        &["project", "checklist", "--add-point", "voluntary", "again"],
        65,
        "already has a point",
    );
    env.refused(
        &["project", "checklist", "--add-point", "Not A Key!", "words"],
        65,
        "lower-case letters",
    );
    env.refused(
        &["project", "checklist", "--add-point", "blank", "  "],
        65,
        "needs its words",
    );
}

#[test]
fn becoming_active_with_nothing_ticked_says_so() {
    let env = Env::demo();
    let out = env.run_ok(&["project", "status", CODE, "active", "--on", "2026-11-20"]);
    let err = stderr_of(&out);
    assert!(
        err.contains("nothing on the start-of-project checklist is ticked; see spm project checklist lab-methods-2026"),
        "{err}"
    );
    assert_eq!(env.show("project", CODE)["status"], "active");

    let env = Env::demo();
    env.ok(&["project", "checklist", CODE, "--tick", "shared-aims"]);
    let out = env.run_ok(&["project", "status", CODE, "active", "--on", "2026-11-20"]);
    assert!(
        !stderr_of(&out).contains("checklist"),
        "{}",
        stderr_of(&out)
    );
}
