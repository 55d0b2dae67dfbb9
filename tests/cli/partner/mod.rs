//! `spm project partner ...`: add, list, end, remove and log, and the partners, hours and
//! payments that `project show` and `person show` report.

use std::collections::BTreeSet;

use serde_json::{Value as Json, json};

use crate::common::{
    Env, TODAY, add_person, add_project, partner_log as log, partner_log_args as log_args, person,
    read_csv, student,
};

/// The project most tests use.
const P: &str = "peer";

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

/// Who may take which role: (role, the people of tests' `people()` who may: 1 staff, 2 a
/// student, 4 external). The one table of `Role::kinds`, as `partner add --help` shows it.
const RULES: &[(&str, &[&str])] = &[
    ("student-partner", &["2"]),
    ("staff-partner", &["1"]),
    ("external-partner", &["4"]),
    ("lead", &["1", "2", "4"]),
    ("change-maker", &["2"]),
    ("panellist", &["2"]),
    ("intern", &["2"]),
    ("academic-rep", &["2"]),
];

// ---------------------------------------------------------------------------------------------
// helpers

/// A fresh database with three projects, `peer` (2025/26, the one most tests use), `lists`
/// (2025/26) and `welcome` (2024/25), and four people: Dr A. Khan (#1, staff), Ola Stu (#2, a
/// student who consented on 2025-09-01), Nia Obi (#3, a student with no consent on record) and
/// Ext Partner (#4, external).
fn people() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "peer",
        &[
            "--year",
            "2025/26",
            "--status",
            "active",
            "--start",
            "2025-09-01",
        ],
    );
    add_project(&env, "lists", &["--year", "2025/26"]);
    add_project(&env, "welcome", &["--year", "2024/25"]);
    assert_eq!(add_person(&env, "Dr A. Khan", "staff", &[]), "1");
    assert_eq!(student(&env, "Ola Stu", "ola@example.ac.uk"), "2");
    assert_eq!(
        add_person(
            &env,
            "Nia Obi",
            "student",
            &["--email", "nia@example.ac.uk"]
        ),
        "3"
    );
    assert_eq!(
        add_person(
            &env,
            "Ext Partner",
            "external",
            &["--email", "ext@charity.example"]
        ),
        "4"
    );
    env
}

/// `spm project partner VERB` and then `rest`.
fn partner_args<'a>(verb: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "partner", verb];
    args.extend_from_slice(rest);
    args
}

/// `spm project partner add PROJECT WHO --role ROLE` and then `extra`.
fn add_args<'a>(project: &'a str, who: &'a str, role: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = partner_args("add", &[project, who, "--role", role]);
    args.extend_from_slice(extra);
    args
}

/// Adds `who` to `project` in `role` with `extra` flags; returns stderr.
fn join(env: &Env, project: &str, who: &str, role: &str, extra: &[&str]) -> String {
    let out = env.run_ok(&add_args(project, who, role, extra));
    assert!(
        out.stdout.is_empty(),
        "partner add prints nothing on stdout"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The rows of `spm --format json project partner list CODE`.
fn list(env: &Env, code: &str) -> Vec<Json> {
    env.json_list(&partner_args("list", &[code]))
}

/// The row of `person_id` in `role` on project `code`.
fn row(env: &Env, code: &str, person_id: i64, role: &str) -> Json {
    list(env, code)
        .into_iter()
        .find(|r| r["person_id"] == person_id && r["role"] == role)
        .unwrap_or_else(|| panic!("no row for #{person_id} as {role} on {code}"))
}

/// (person id, role) of each row of `project partner list CODE`, in order.
fn roles(env: &Env, code: &str) -> Vec<(i64, String)> {
    list(env, code)
        .iter()
        .map(|r| {
            (
                r["person_id"].as_i64().unwrap(),
                r["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// How many contributions the database holds.
fn contributions(env: &Env) -> i64 {
    env.conn()
        .query_row("SELECT count(*) FROM contributions", [], |r| r.get(0))
        .expect("a count")
}

/// The recognitions of a row, as a set.
fn recognitions(row: &Json) -> BTreeSet<String> {
    row["recognition"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_a_consenting_student_says_so_on_stderr() {
    let env = people();
    let stderr = join(
        &env,
        P,
        "ola@example.ac.uk",
        "student-partner",
        &["--from", "2025-10-01"],
    );
    assert_eq!(stderr, "Ola Stu is student-partner on peer\n");
    let r = row(&env, P, 2, "student-partner");
    assert_eq!(r["person"], "Ola Stu");
    assert_eq!(r["kind"], "student");
    assert_eq!(r["from"], "2025-10-01");
    assert!(r["to"].is_null());
    assert_eq!(r["hours"], 0.0);
    assert_eq!(r["paid"], 0.0);
    assert_eq!(r["recognition"], json!([]));
}

#[test]
fn add_a_student_without_consent_warns_but_adds_them() {
    let env = people();
    let stderr = join(&env, P, "Nia Obi", "change-maker", &[]);
    for text in [
        "warning: Nia Obi has no consent on record",
        "2026-11-23",
        "\"spm person edit 3 --consent DATE\"",
    ] {
        assert!(stderr.contains(text), "{text} missing from {stderr}");
    }
    assert!(stderr.contains("Nia Obi is change-maker on peer"));
    assert_eq!(roles(&env, P), [(3, "change-maker".to_string())]);
}

#[test]
fn add_warns_when_consent_does_not_hold_on_the_day_they_join() {
    let env = people();
    // Consent given after they joined.
    let stderr = join(&env, P, "2", "intern", &["--from", "2025-06-01"]);
    assert!(
        stderr.contains("warning: Ola Stu") && stderr.contains("2025-06-01"),
        "{stderr}"
    );
    // Consent that ran out, and consent withdrawn.
    add_person(
        &env,
        "Expired Consent",
        "student",
        &["--consent", "2024-09-01", "--consent-expires", "2025-08-31"],
    );
    let stderr = join(&env, P, "Expired Consent", "panellist", &[]);
    assert!(stderr.contains("warning: Expired Consent"), "{stderr}");
    env.ok(&["person", "edit", "2", "--consent-withdrawn", "2026-11-01"]);
    let stderr = join(&env, P, "2", "panellist", &[]);
    assert!(stderr.contains("warning: Ola Stu"), "{stderr}");
    // Staff and external partners need none.
    for (who, role) in [("1", "staff-partner"), ("4", "external-partner")] {
        let stderr = join(&env, P, who, role, &[]);
        assert!(!stderr.contains("warning"), "{stderr}");
    }
}

#[test]
fn add_require_consent_refuses_a_student_without_it() {
    let env = people();
    env.refused(
        &add_args(
            P,
            "nia@example.ac.uk",
            "student-partner",
            &["--require-consent"],
        ),
        65,
        "Nia Obi has no consent on record",
    );
    env.refused(
        &add_args(
            P,
            "ola@example.ac.uk",
            "student-partner",
            &["--require-consent", "--from", "2025-08-31"],
        ),
        65,
        "2025-08-31",
    );
    let stderr = join(
        &env,
        P,
        "ola@example.ac.uk",
        "student-partner",
        &["--require-consent"],
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    join(&env, P, "Dr A. Khan", "lead", &["--require-consent"]);
}

#[test]
fn add_roles_must_suit_the_kind_of_person() {
    let env = people();
    let kinds = [
        ("1", "Dr A. Khan is a member of staff"),
        ("2", "Ola Stu is a student"),
        ("4", "Ext Partner is an external partner"),
    ];
    let mut added = 0;
    for (role, who) in RULES {
        for (id, is) in kinds {
            if who.contains(&id) {
                join(&env, P, id, role, &[]);
                added += 1;
            } else {
                let err = env.refused(&add_args(P, id, role, &[]), 65, is);
                assert!(err.contains(&format!("and {role} is a role for")), "{err}");
            }
        }
    }
    assert_eq!(list(&env, P).len(), added);
    // The message says who the role is for and what this person may take.
    env.refused(
        &add_args("lists", "4", "staff-partner", &[]),
        65,
        "Ext Partner is an external partner, and staff-partner is a role for staff; an external partner takes external-partner or lead",
    );
    env.refused(
        &add_args("lists", "1", "intern", &[]),
        65,
        "intern is a role for students; a member of staff takes staff-partner or lead",
    );
    // Help shows the table.
    let help = env.ok(&["project", "partner", "add", "--help"]);
    for (role, who) in [
        ("external-partner", "external partners"),
        ("lead", "everyone"),
        ("academic-rep", "students"),
    ] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(role) && l.trim_end().ends_with(who)),
            "{role}: {help}"
        );
    }
}

#[test]
fn add_the_same_role_twice_is_refused_but_another_role_or_project_is_fine() {
    let env = people();
    join(&env, P, "2", "student-partner", &[]);
    env.refused(
        &add_args(P, "Ola Stu", "student-partner", &["--from", "2026-01-01"]),
        65,
        "Ola Stu is already student-partner on peer",
    );
    join(&env, P, "2", "intern", &[]);
    join(&env, "lists", "2", "student-partner", &[]);
    assert_eq!(list(&env, P).len(), 2);
}

#[test]
fn add_an_end_before_the_start_is_refused() {
    let env = people();
    env.refused(
        &add_args(
            P,
            "2",
            "intern",
            &["--from", "2026-01-01", "--to", "2025-12-31"],
        ),
        65,
        "the end date 2025-12-31 is before the start date 2026-01-01",
    );
    // One day is fine.
    join(
        &env,
        P,
        "2",
        "intern",
        &["--from", "2026-01-01", "--to", "2026-01-01"],
    );
}

#[test]
fn add_bad_input_is_refused() {
    let env = people();
    env.refused(
        &add_args("nope", "2", "intern", &[]),
        66,
        "no project with code \"nope\"",
    );
    env.refused(
        &add_args(P, "Nobody Here", "intern", &[]),
        66,
        "no person called \"Nobody Here\"",
    );
    env.refused(&add_args(P, "2", "boss", &[]), 65, "unknown role \"boss\"");
    env.refused(
        &add_args(P, "2", "intern", &["--from", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.refused(
        &add_args(P, "2", "intern", &["--to", "31/12/2026"]),
        65,
        "date",
    );
    env.clap_fails(&partner_args("add", &[P, "2"]), "--role <ROLE>");
    env.clap_fails(&partner_args("add", &[P]), "<PERSON>");
}

#[test]
fn add_an_erased_person_is_refused() {
    let env = people();
    env.ok(&["person", "forget", "2", "--yes"]);
    env.refused(
        &add_args(P, "2", "intern", &[]),
        65,
        "former participant #2 was erased and cannot join a project",
    );
}

// ---------------------------------------------------------------------------------------------
// list

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

// ---------------------------------------------------------------------------------------------
// end

#[test]
fn end_records_the_day_they_left() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    let out = env.run_ok(&partner_args(
        "end",
        &[P, "ola@example.ac.uk", "--on", "2026-06-30"],
    ));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Ola Stu left peer (student-partner) on 2026-06-30\n"
    );
    assert_eq!(row(&env, P, 2, "student-partner")["to"], "2026-06-30");
    // Today, and on the day they joined, are fine too.
    join(&env, P, "1", "lead", &["--from", TODAY]);
    env.ok(&partner_args("end", &[P, "1", "--on", TODAY]));
    assert_eq!(row(&env, P, 1, "lead")["to"], TODAY);
}

#[test]
fn end_bad_dates_are_refused() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-11-24"]),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2025-09-30"]),
        65,
        "the end date 2025-09-30 is before the start date 2025-10-01",
    );
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
    env.clap_fails(&partner_args("end", &[P, "2"]), "--on <DATE>");
    env.ok(&partner_args("end", &[P, "2", "--on", "2026-06-30"]));
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-07-01"]),
        65,
        "Ola Stu left peer already, on 2026-06-30",
    );
}

#[test]
fn end_with_several_roles_needs_role() {
    let env = people();
    join(&env, P, "4", "external-partner", &[]);
    join(&env, P, "4", "lead", &[]);
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY]),
        65,
        "Ext Partner has 2 roles on peer (external-partner, lead); say which with --role",
    );
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY, "--role", "intern"]),
        66,
        "no partner \"Ext Partner on peer\"",
    );
    env.refused(
        &partner_args("end", &[P, "4", "--on", TODAY, "--role", "chief"]),
        65,
        "unknown role",
    );
    env.ok(&partner_args(
        "end",
        &[P, "4", "--on", TODAY, "--role", "lead"],
    ));
    assert_eq!(row(&env, P, 4, "lead")["to"], TODAY);
    assert!(row(&env, P, 4, "external-partner")["to"].is_null());
}

#[test]
fn end_someone_not_on_the_project_or_an_unknown_project_is_refused() {
    let env = people();
    env.refused(
        &partner_args("end", &[P, "2", "--on", TODAY]),
        66,
        "no partner \"Ola Stu on peer\"",
    );
    env.refused(
        &partner_args("end", &["nope", "2", "--on", TODAY]),
        66,
        "no project with code",
    );
}

#[test]
fn end_before_a_logged_contribution_is_refused() {
    let env = people();
    join(&env, P, "2", "panellist", &["--from", "2026-01-01"]);
    log(&env, P, "2", &["--hours", "3", "--on", "2026-11-20"]);
    env.refused(
        &partner_args("end", &[P, "2", "--on", "2026-11-01"]),
        65,
        "2026-11-20",
    );
}

// ---------------------------------------------------------------------------------------------
// remove

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

// ---------------------------------------------------------------------------------------------
// log

#[test]
fn log_hours_payments_and_recognition_add_up() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    let stderr = log(
        &env,
        P,
        "ola@example.ac.uk",
        &[
            "--hours",
            "6",
            "--paid",
            "90",
            "--on",
            "2026-11-01",
            "--recognition",
            "payment",
            "--note",
            "co-facilitated",
        ],
    );
    assert_eq!(
        stderr,
        "logged entry 1 for Ola Stu on peer (2026-11-01): 6 hours, £90.00 paid; in all 6 hours, £90.00 paid\n"
    );
    log(&env, P, "2", &["--hours", "1.5", "--on", "2026-11-02"]);
    let stderr = log(
        &env,
        P,
        "Ola Stu",
        &[
            "--hours",
            "1:30",
            "--on",
            "2026-11-03",
            "--paid",
            "£1,012.50",
            "--recognition",
            "certificate",
        ],
    );
    assert!(
        stderr.contains("1.5 hours, £1,012.50 paid; in all 9 hours, £1,102.50 paid"),
        "{stderr}"
    );
    log(&env, P, "2", &["--recognition", "transcript"]);
    log(&env, P, "2", &["--recognition", "payment", "--on", TODAY]);
    let r = row(&env, P, 2, "student-partner");
    assert_eq!(r["hours"], 9.0);
    assert_eq!(r["paid"], 1102.5);
    assert_eq!(
        recognitions(&r),
        ["certificate", "payment", "transcript"]
            .map(String::from)
            .into()
    );
    // Minutes and pence, exactly.
    let (minutes, pence): (i64, i64) = env
        .conn()
        .query_row(
            "SELECT sum(minutes), sum(paid_pence) FROM contributions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((minutes, pence), (540, 110_250));
}

#[test]
fn log_defaults_to_today() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    let stderr = log(&env, P, "2", &["--hours", "0.25"]);
    assert!(
        stderr.contains(&format!("({TODAY}): 0.25 hours")),
        "{stderr}"
    );
    let on: String = env
        .conn()
        .query_row("SELECT on_date FROM contributions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(on, TODAY);
}

#[test]
fn log_more_than_24_hours_in_a_day_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    join(&env, "lists", "2", "student-partner", &[]);
    for hours in ["25", "24.5", "24:01", "1000"] {
        env.refused(
            &log_args(P, "2", &["--hours", hours, "--on", "2026-11-01"]),
            65,
            "hours",
        );
    }
    log(&env, P, "2", &["--hours", "20", "--on", "2026-11-01"]);
    let err = env.refused(
        &log_args(P, "2", &["--hours", "4.5", "--on", "2026-11-01"]),
        65,
        "Ola Stu already has 20",
    );
    assert!(!err.is_empty());
    // Across projects too.
    env.refused(
        &log_args("lists", "2", &["--hours", "5", "--on", "2026-11-01"]),
        65,
        "more than 24",
    );
    // Exactly 24 is fine; another day is another day.
    log(&env, "lists", "2", &["--hours", "4", "--on", "2026-11-01"]);
    log(&env, P, "2", &["--hours", "24", "--on", "2026-11-02"]);
    env.refused(
        &log_args(P, "2", &["--hours", "0:01", "--on", "2026-11-01"]),
        65,
        "already has 24",
    );
    // Someone else's hours are theirs.
    join(&env, P, "3", "intern", &[]);
    log(&env, P, "3", &["--hours", "24", "--on", "2026-11-01"]);
}

#[test]
fn log_bad_hours_and_amounts_are_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    for hours in ["abc", "six", "1:60", "1.2.3", "1e3", ""] {
        env.refused(
            &log_args(P, "2", &["--hours", hours]),
            65,
            "is not a number of hours",
        );
    }
    env.clap_fails(&log_args(P, "2", &["--hours", "-1"]), "");
    for paid in ["-5", "-0.01", "£-5"] {
        env.refused(&log_args(P, "2", &["--paid", paid]), 65, "amount");
    }
    env.refused(
        &log_args(P, "2", &["--paid", "-5"]),
        65,
        "is negative; amounts are zero or more",
    );
    env.refused(&log_args(P, "2", &["--paid", "12.345"]), 65, "amount");
    for paid in ["abc", "1,2", "£", "ten pounds"] {
        env.refused(
            &log_args(P, "2", &["--paid", paid]),
            65,
            "is not an amount of money",
        );
    }
    env.refused(
        &log_args(P, "2", &["--recognition", "medal"]),
        65,
        "unknown recognition \"medal\"",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-02-30"]),
        65,
        "not a day of the calendar",
    );
}

#[test]
fn log_with_nothing_to_log_is_refused() {
    let env = people();
    join(&env, P, "2", "intern", &[]);
    for extra in [
        &[][..],
        &["--note", "came along"],
        &["--hours", "0", "--paid", "0"],
        &["--hours", "0:00", "--on", "2026-11-01"],
    ] {
        env.refused(&log_args(P, "2", extra), 64, "nothing to log");
    }
}

#[test]
fn log_outside_their_time_on_the_project_is_refused() {
    let env = people();
    join(
        &env,
        P,
        "2",
        "intern",
        &["--from", "2026-01-01", "--to", "2026-06-30"],
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-11-24"]),
        65,
        "2026-11-24 is in the future",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2026-07-01"]),
        65,
        "2026-07-01 is after Ola Stu left peer on 2026-06-30",
    );
    env.refused(
        &log_args(P, "2", &["--hours", "1", "--on", "2025-12-31"]),
        65,
        "2025-12-31 is before Ola Stu joined peer on 2026-01-01",
    );
    // The first and last days count.
    log(&env, P, "2", &["--hours", "1", "--on", "2026-01-01"]);
    log(&env, P, "2", &["--hours", "1", "--on", "2026-06-30"]);
    // After `end`, too.
    join(&env, P, "3", "intern", &[]);
    env.ok(&partner_args("end", &[P, "3", "--on", "2026-11-10"]));
    env.refused(
        &log_args(P, "3", &["--hours", "1"]),
        65,
        "after Nia Obi left peer on 2026-11-10",
    );
}

#[test]
fn log_with_several_roles_needs_role() {
    let env = people();
    join(&env, P, "4", "external-partner", &[]);
    join(&env, P, "4", "lead", &[]);
    env.refused(
        &log_args(P, "4", &["--hours", "1"]),
        65,
        "say which with --role",
    );
    log(&env, P, "4", &["--hours", "1", "--role", "lead"]);
    assert_eq!(row(&env, P, 4, "lead")["hours"], 1.0);
    assert_eq!(row(&env, P, 4, "external-partner")["hours"], 0.0);
}

#[test]
fn log_for_someone_not_on_the_project_is_refused() {
    let env = people();
    env.refused(
        &log_args(P, "2", &["--hours", "1"]),
        66,
        "no partner \"Ola Stu on peer\"",
    );
    env.refused(
        &log_args("nope", "2", &["--hours", "1"]),
        66,
        "no project with code",
    );
}

// ---------------------------------------------------------------------------------------------
// project show and person show

#[test]
fn project_show_totals_the_partners_hours_and_payments() {
    let env = people();
    let before = env.show("project", P);
    assert_eq!(before["hours"], 0.0);
    assert_eq!(before["paid"], 0.0);
    assert_eq!(before["partners"], json!([]));
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    join(&env, P, "3", "intern", &[]);
    join(&env, P, "1", "lead", &[]);
    log(
        &env,
        P,
        "2",
        &["--hours", "6", "--paid", "90", "--on", "2026-11-01"],
    );
    log(&env, P, "3", &["--hours", "1:30", "--paid", "22.50"]);
    let p = env.show("project", P);
    assert_eq!(p["hours"], 7.5);
    assert_eq!(p["paid"], 112.5);
    // The partners section: the rows of `partner list`.
    assert_eq!(p["partners"], Json::Array(list(&env, P)));
    let table = env.ok(&["project", "show", P]);
    for text in [
        "Partners",
        "Partners' hours",
        "Paid to partners",
        "£112.50",
        "Ola Stu",
        "Nia Obi",
        "Dr A. Khan",
    ] {
        assert!(table.contains(text), "{text} missing from:\n{table}");
    }
    let count = table
        .lines()
        .find(|l| l.contains("Partners ") && !l.contains("hours"))
        .expect("the partners line");
    assert!(count.contains(" 3 "), "{count}");
    // Another project's partners are not counted.
    join(&env, "welcome", "2", "intern", &[]);
    log(
        &env,
        "welcome",
        "2",
        &["--hours", "2", "--on", "2026-11-02"],
    );
    assert_eq!(env.show("project", P)["hours"], 7.5);
    assert_eq!(env.show("project", "welcome")["hours"], 2.0);
}

#[test]
fn project_show_json_keeps_the_partner_count_beside_the_section() {
    let env = people();
    join(&env, P, "2", "student-partner", &[]);
    join(&env, P, "3", "intern", &[]);
    let p = env.show("project", P);
    let obj = p.as_object().unwrap();
    let counts: Vec<&Json> = obj
        .iter()
        .filter(|(k, v)| k.contains("partner") && v.is_number())
        .map(|(_, v)| v)
        .collect();
    assert_eq!(counts, [&json!(2)], "{p}");
    let sections = obj
        .iter()
        .filter(|(k, v)| k.contains("partner") && v.as_array().is_some_and(|a| a.len() == 2))
        .count();
    assert_eq!(sections, 1, "{p}");
}

#[test]
fn person_show_lists_every_project_role_with_hours_and_payments() {
    let env = people();
    join(&env, P, "2", "student-partner", &["--from", "2025-10-01"]);
    join(&env, "welcome", "2", "intern", &[]);
    log(
        &env,
        P,
        "2",
        &[
            "--hours",
            "6",
            "--paid",
            "90",
            "--on",
            "2026-11-01",
            "--recognition",
            "payment",
        ],
    );
    log(
        &env,
        "welcome",
        "2",
        &["--hours", "2", "--recognition", "certificate"],
    );
    let p = person(&env, "ola@example.ac.uk");
    assert_eq!(p["paid"], 90.0);
    let hours = &p["hours"];
    assert!(
        hours == &json!(8.0) || hours == &json!("8"),
        "hours in all: {hours}"
    );
    let projects = p["projects"].as_array().unwrap();
    let seen: Vec<(&str, &str)> = projects
        .iter()
        .map(|r| (r["project"].as_str().unwrap(), r["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [("peer", "student-partner"), ("welcome", "intern")],
        "newest year first"
    );
    let keys: Vec<&str> = projects[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "project",
            "title",
            "role",
            "from",
            "to",
            "hours",
            "paid",
            "recognition"
        ]
    );
    assert_eq!(projects[0]["title"], "Project peer");
    assert_eq!(projects[0]["from"], "2025-10-01");
    assert_eq!(projects[0]["hours"], 6.0);
    assert_eq!(projects[0]["paid"], 90.0);
    assert_eq!(projects[0]["recognition"], json!(["payment"]));
    assert_eq!(projects[1]["hours"], 2.0);
    assert_eq!(projects[1]["paid"], 0.0);
    assert_eq!(projects[1]["recognition"], json!(["certificate"]));
    let table = env.ok(&["person", "show", "2"]);
    for text in ["peer", "welcome", "£90.00", "Hours in all"] {
        assert!(table.contains(text), "{text} missing from:\n{table}");
    }
}

#[test]
fn partner_changes_are_in_the_persons_export_log() {
    let env = people();
    join(&env, P, "2", "intern", &["--from", "2025-10-01"]);
    log(&env, P, "2", &["--hours", "2", "--on", "2026-11-01"]);
    env.ok(&partner_args("end", &[P, "2", "--on", "2026-11-10"]));
    let doc = crate::common::json(&env.ok(&["person", "export", "2"]));
    let partner_log: Vec<&Json> = doc["change_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entity"] == "partner")
        .collect();
    assert_eq!(partner_log.len(), 3);
    assert_eq!(partner_log[0]["action"], "insert");
    assert_eq!(partner_log[0]["fields"]["role"], "intern");
    assert_eq!(partner_log[1]["fields"]["minutes"], 120);
    assert_eq!(partner_log[2]["fields"]["to"], json!([null, "2026-11-10"]));
}

// ---------------------------------------------------------------------------------------------
// research internships: the skills a partner gains

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
