//! `spm person ...`: add, list, show, edit, the `<person>` argument everywhere, project leads as
//! people (and their migration from free text), and the data-protection rights: export,
//! forget, requests, retention and self-declared characteristics.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value as Json, json};

use crate::common::{
    Env, FORM, LEVEL, TODAY, add_person, add_project, json, person, read_csv, student,
};

/// How many people the database holds.
fn env_count(env: &Env) -> usize {
    env.list("person", &[]).len()
}

/// The JSON keys of a person in `person list`, in order.
const LIST_KEYS: &[&str] = &[
    "id",
    "name",
    "email",
    "kind",
    "department",
    "level",
    "consent_given",
    "consent_expires",
    "consent_withdrawn",
    "erased_on",
];

/// The staff leads of the demo projects, by name.
const DEMO_LEADS: &[&str] = &[
    "Dr A. Khan",
    "Dr E. Novak",
    "Dr M. Rossi",
    "Dr P. Murphy",
    "Dr S. Chen",
    "L. Halls",
    "Prof. J. Osei",
    "Prof. R. Adeyemi",
];

/// The keys the document `person export` writes has at least, in order.
const EXPORT_KEYS: &[&str] = &[
    "exported_on",
    "person",
    "characteristics",
    "partners",
    "contributions",
    "leads",
    "data_requests",
    "change_log",
];

// ---------------------------------------------------------------------------------------------
// helpers (the partner tests use them too)

/// `spm person add NAME --kind KIND` and then `extra`.
fn add_args<'a>(name: &'a str, kind: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["person", "add", name, "--kind", kind];
    args.extend_from_slice(extra);
    args
}

/// The names `person list ARGS` shows, in order.
fn names(env: &Env, args: &[&str]) -> Vec<String> {
    env.list("person", args)
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect()
}

/// `spm --format json person export KEY`, parsed.
fn export(env: &Env, key: &str) -> Json {
    json(&env.ok(&["person", "export", key]))
}

/// The rows of `spm --format json project partner list CODE`.
fn partners(env: &Env, code: &str) -> Vec<Json> {
    env.json_list(&["project", "partner", "list", code])
}

/// The rows of `spm --format json person request list ARGS`.
fn requests(env: &Env, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["person", "request", "list"];
    full.extend_from_slice(args);
    env.json_list(&full)
}

/// The rows of `spm --format json person retention ARGS`, and its stderr.
fn retention(env: &Env, args: &[&str]) -> (Vec<Json>, String) {
    let mut full = vec!["--format", "json", "person", "retention"];
    full.extend_from_slice(args);
    let out = env.run_ok(&full);
    let rows = match json(&String::from_utf8_lossy(&out.stdout)) {
        Json::Array(rows) => rows,
        other => panic!("expected a JSON list, got {other}"),
    };
    (rows, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The names in rows that have a `name`.
fn names_of(rows: &[Json]) -> Vec<String> {
    rows.iter()
        .map(|r| r["name"].as_str().expect("a name").to_string())
        .collect()
}

/// The lead project `code` shows.
fn lead_of(env: &Env, code: &str) -> Json {
    env.show("project", code)["lead"].clone()
}

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

/// The value of a setting, read from the database.
fn setting(env: &Env, key: &str) -> Option<String> {
    env.conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
}

/// Whether `haystack` holds `needle`, whatever the case of either (ASCII).
fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase().into_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(&needle))
}

/// The bytes of the database file and of its `-wal` file when there is one, with their names.
fn files_of(db: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        db.display().to_string(),
        std::fs::read(db).expect("the database file"),
    )];
    let wal = db.with_file_name(format!(
        "{}-wal",
        db.file_name().expect("a file name").to_string_lossy()
    ));
    if wal.exists() {
        out.push((
            wal.display().to_string(),
            std::fs::read(&wal).expect("the -wal file"),
        ));
    }
    out
}

/// A fresh database with one student, Amira Hassan (#1), with every field set.
fn amira() -> Env {
    let env = Env::fresh();
    add_person(
        &env,
        "Amira Hassan",
        "student",
        &[
            "--email",
            "a.hassan@example.ac.uk",
            "--dept",
            "Economics",
            "--level",
            "ug",
            "--consent",
            "2025-10-01",
            "--consent-expires",
            "2026-12-10",
            "--notes",
            "prefers email",
        ],
    );
    env
}

/// A fresh database with two students called Sam Lee (#1 and #2), told apart by email.
fn two_sams() -> Env {
    let env = Env::fresh();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    student(&env, "Sam Lee", "s.lee2@example.ac.uk");
    env
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_only_the_new_id_and_names_the_person_on_stderr() {
    let env = Env::fresh();
    let out = env.run_ok(&add_args(
        "Amira Hassan",
        "student",
        &["--email", "a.hassan@example.ac.uk"],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("registered Amira Hassan <a.hassan@example.ac.uk> (#1) (student)"),
        "{stderr}"
    );
    // After the demo's people.
    let demo = Env::demo();
    let next = env_count(&demo) + 1;
    assert_eq!(
        add_person(&demo, "Nia Obi", "student", &[]),
        next.to_string()
    );
}

#[test]
fn add_every_flag_round_trips_through_json_show() {
    let env = amira();
    let p = person(&env, "1");
    assert_eq!(p["id"], 1);
    assert_eq!(p["name"], "Amira Hassan");
    assert_eq!(p["email"], "a.hassan@example.ac.uk");
    assert_eq!(p["kind"], "student");
    assert_eq!(p["department"], "Economics");
    assert_eq!(p["level"], "ug");
    assert_eq!(p["consent_given"], "2025-10-01");
    assert_eq!(p["consent_expires"], "2026-12-10");
    assert!(p["consent_withdrawn"].is_null());
    assert!(p["erased_on"].is_null());
    assert_eq!(p["notes"], "prefers email");
    assert_eq!(p["consent"], "on record");
    let history = p["history"].as_array().expect("a history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["actor"], "tester");
    assert_eq!(history[0]["fields"]["email"], "a.hassan@example.ac.uk");
}

#[test]
fn add_text_is_trimmed_and_the_department_alias_works() {
    let env = Env::fresh();
    let id = add_person(
        &env,
        "  Nia Obi  ",
        "external",
        &["--department", " Careers ", "--email", " nia@example.org "],
    );
    let p = person(&env, &id);
    assert_eq!(p["name"], "Nia Obi");
    assert_eq!(p["department"], "Careers");
    assert_eq!(p["email"], "nia@example.org");
    assert_eq!(p["kind"], "external");
    assert!(p["level"].is_null());
}

#[test]
fn add_without_a_kind_or_a_name_and_no_terminal_is_refused() {
    let env = Env::fresh();
    env.refused(&["person", "add", "Amira Hassan"], 64, "--kind is required");
    env.refused(
        &["person", "add", "--kind", "student"],
        64,
        "no terminal to ask",
    );
    env.refused(&["person", "add"], 64, "a name is needed");
    env.clap_fails(&["person", "add", "Amira Hassan", "--kind"], "");
}

#[test]
fn add_a_blank_name_is_refused() {
    let env = Env::fresh();
    env.refused(&add_args("   ", "student", &[]), 65, "needs a name");
}

#[test]
fn add_malformed_emails_are_refused() {
    let env = Env::fresh();
    for email in [
        "a.hassan",
        "a.hassan@",
        "@example.ac.uk",
        "a@example",
        "a b@example.ac.uk",
        "a@@example.ac.uk",
        "a@example..ac.uk",
        "<a@example.ac.uk>",
    ] {
        env.refused(
            &add_args("Amira Hassan", "student", &["--email", email]),
            65,
            "is not an email address",
        );
    }
}

#[test]
fn add_an_email_taken_in_any_case_is_refused_naming_the_existing_record() {
    let env = amira();
    for email in ["a.hassan@example.ac.uk", "A.Hassan@EXAMPLE.ac.uk"] {
        let err = env.refused(
            &add_args("Someone Else", "staff", &["--email", email]),
            65,
            "already belongs to Amira Hassan <a.hassan@example.ac.uk> (#1)",
        );
        assert!(err.contains("spm person edit 1"), "{err}");
    }
}

#[test]
fn add_the_same_name_and_kind_with_no_email_to_tell_them_apart_is_refused() {
    let env = Env::fresh();
    add_person(&env, "Bob Jones", "staff", &[]);
    let err = env.refused(
        &add_args("bob jones", "staff", &[]),
        65,
        "Bob Jones (#1) is already registered as staff, with no email",
    );
    assert!(
        err.contains("spm person show 1") && err.contains("spm person edit 1 --email EMAIL"),
        "{err}"
    );
    // An email on the new one alone does not tell them apart either: the one registered
    // without an email is most likely the same person, whose record wants the email.
    let err = env.refused(
        &add_args(
            "Bob Jones",
            "staff",
            &[
                "--email",
                "bob@example.ac.uk",
                "--dept",
                "Law and Economics",
            ],
        ),
        65,
        "already registered",
    );
    assert!(
        err.contains(
            "add these details to their record with \"spm person edit 1 --email bob@example.ac.uk --dept 'Law and Economics'\""
        ),
        "{err}"
    );
    // Another kind is another person.
    assert_eq!(add_person(&env, "Bob Jones", "student", &[]), "2");

    // Two with emails are told apart.
    let env = Env::fresh();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    assert_eq!(student(&env, "Sam Lee", "s.lee2@example.ac.uk"), "2");
    env.refused(
        &add_args("Sam Lee", "student", &[]),
        65,
        "already registered",
    );
}

#[test]
fn add_bad_consent_dates_are_refused() {
    let env = Env::fresh();
    let cases: &[(&[&str], &str)] = &[
        (&["--consent", "2026-11-24"], "after today (2026-11-23)"),
        (
            &["--consent", "2026-11-01", "--consent-expires", "2026-10-31"],
            "cannot expire (2026-10-31) before it was given (2026-11-01)",
        ),
        (&["--consent-expires", "2027-01-01"], "add --consent DATE"),
        (&["--consent", "2024-02-30"], "not a day of the calendar"),
        (&["--consent-expires", "2024-02-30"], "not a day"),
        (&["--consent", "yesterday"], "date"),
    ];
    for (extra, needle) in cases {
        env.refused(&add_args("Amira Hassan", "student", extra), 65, needle);
    }
    // Consent given today, expiring the same day, is fine.
    add_person(
        &env,
        "Amira Hassan",
        "student",
        &["--consent", TODAY, "--consent-expires", TODAY],
    );
}

#[test]
fn add_a_name_that_is_only_digits_is_refused() {
    let env = Env::fresh();
    for name in ["123", "#12", "007"] {
        env.refused(&add_args(name, "student", &[]), 65, "is only a number");
    }
    // Digits within a name are fine.
    add_person(&env, "Agent 007", "external", &[]);
}

#[test]
fn add_bad_kinds_and_levels_are_refused() {
    let env = Env::fresh();
    env.refused(
        &add_args("Amira Hassan", "teacher", &[]),
        65,
        "unknown person kind \"teacher\"",
    );
    env.refused(
        &add_args("Amira Hassan", "student", &["--level", "phd"]),
        65,
        "unknown level of study \"phd\"",
    );
    // Names are read in any case.
    let id = add_person(&env, "Amira Hassan", "STUDENT", &["--level", "PGT"]);
    let p = person(&env, &id);
    assert_eq!(p["kind"], "student");
    assert_eq!(p["level"], "pgt");
}

// ---------------------------------------------------------------------------------------------
// <person>: id, #id, email, name

#[test]
fn a_person_is_found_by_id_hash_id_email_or_name_in_any_case() {
    let env = amira();
    add_person(&env, "Dr A. Khan", "staff", &[]);
    for key in [
        "1",
        "#1",
        " 1 ",
        "a.hassan@example.ac.uk",
        "A.HASSAN@Example.AC.UK",
        "Amira Hassan",
        "amira hassan",
        "AMIRA HASSAN",
    ] {
        assert_eq!(person(&env, key)["id"], 1, "{key}");
    }
    assert_eq!(person(&env, "dr a. khan")["id"], 2);
}

#[test]
fn an_ambiguous_name_lists_the_matches_wherever_a_person_is_taken() {
    let env = two_sams();
    add_project(&env, "x", &[]);
    let needle = "more than one person is called \"sam lee\": Sam Lee <sam.lee@example.ac.uk> (#1), Sam Lee <s.lee2@example.ac.uk> (#2); give the id or the email instead";
    let commands: &[&[&str]] = &[
        &["person", "show", "sam lee"],
        &["person", "edit", "sam lee", "--notes", "x"],
        &["person", "export", "sam lee"],
        &["person", "forget", "sam lee", "--yes"],
        &["person", "request", "add", "sam lee", "access"],
        &[
            "person",
            "characteristic",
            "set",
            "sam lee",
            "disability",
            "no",
        ],
        &[
            "project", "partner", "add", "x", "sam lee", "--role", "intern",
        ],
        &["project", "edit", "x", "--lead", "sam lee"],
    ];
    for args in commands {
        env.refused(args, 65, needle);
    }
    // Either is found by id or email.
    assert_eq!(person(&env, "s.lee2@example.ac.uk")["id"], 2);
    assert_eq!(person(&env, "#1")["email"], "sam.lee@example.ac.uk");
}

#[test]
fn an_unknown_person_is_refused_wherever_a_person_is_taken() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "intern",
        "--from",
        "2026-01-01",
    ]);
    for (key, needle) in [
        ("99", "no person with id \"99\""),
        ("#99", "no person with id \"99\""),
        ("nobody@example.ac.uk", "no person with email"),
        ("Nobody Here", "no person called \"Nobody Here\""),
        ("99999999999999999999", "no person with id"),
    ] {
        let commands: Vec<Vec<&str>> = vec![
            vec!["person", "show", key],
            vec!["person", "edit", key, "--notes", "x"],
            vec!["person", "export", key],
            vec!["person", "forget", key, "--yes"],
            vec!["person", "request", "add", key, "erasure"],
            vec!["person", "characteristic", "set", key, "disability", "no"],
            vec!["person", "characteristic", "clear", key, "disability"],
            vec!["project", "partner", "add", "x", key, "--role", "intern"],
            vec!["project", "partner", "log", "x", key, "--hours", "1"],
            vec!["project", "partner", "end", "x", key, "--on", TODAY],
            vec!["project", "partner", "remove", "x", key, "--yes"],
        ];
        for args in &commands {
            env.refused(args, 66, needle);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_the_demo_people_by_name_with_every_key_and_every_lead_among_them() {
    let env = Env::demo();
    let people = env.list("person", &[]);
    let listed = names_of(&people);
    let mut sorted = listed.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(listed, sorted, "by name, any case");
    for p in &people {
        let keys: Vec<&str> = p
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, LIST_KEYS);
    }
    let ids: BTreeSet<i64> = people.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (1..=people.len() as i64).collect());
    // Every project's staff lead is a member of staff on the list.
    let staff = names(&env, &["--kind", "staff"]);
    for project in env.list("project", &[]) {
        if let Some(lead) = project["lead"].as_str() {
            assert!(staff.iter().any(|s| s == lead), "{lead} is not staff");
        }
    }
    for lead in DEMO_LEADS {
        assert!(staff.iter().any(|s| s == lead), "{lead} missing");
    }
}

#[test]
fn list_is_empty_on_a_fresh_database_and_csv_has_the_header() {
    let env = Env::fresh();
    assert!(env.list("person", &[]).is_empty());
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert!(rows.is_empty());
}

#[test]
fn list_as_csv() {
    let env = amira();
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(
        rows,
        [[
            "1",
            "Amira Hassan",
            "a.hassan@example.ac.uk",
            "student",
            "Economics",
            "ug",
            "2025-10-01",
            "2026-12-10",
            "",
            ""
        ]]
    );
}

#[test]
fn list_filters_by_kind_department_and_search() {
    let env = amira();
    add_person(&env, "Dr A. Khan", "staff", &["--dept", "Economics"]);
    add_person(
        &env,
        "Bea Smith",
        "external",
        &["--email", "bea@charity.example"],
    );
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["Amira Hassan", "Bea Smith", "Dr A. Khan", "Sam Lee"]),
        (&["--kind", "student"], &["Amira Hassan", "Sam Lee"]),
        (&["--kind", "staff"], &["Dr A. Khan"]),
        (&["--kind", "external"], &["Bea Smith"]),
        (&["--dept", "economics"], &["Amira Hassan", "Dr A. Khan"]),
        (&["--department", "Econ"], &[]),
        (&["--dept", "Economics", "--kind", "staff"], &["Dr A. Khan"]),
        (&["--search", "charity"], &["Bea Smith"]),
        (&["--search", "LEE"], &["Sam Lee"]),
        (&["--search", "econ"], &["Amira Hassan", "Dr A. Khan"]),
        (&["--search", "example.ac.uk"], &["Amira Hassan", "Sam Lee"]),
        (&["--search", "%"], &[]),
        (&["--search", "_"], &[]),
    ];
    for (args, expected) in cases {
        assert_eq!(names(&env, args), *expected, "{args:?}");
    }
}

#[test]
fn list_consent_expiring_within_a_span_and_expired() {
    let env = Env::fresh();
    // Expiring in 17 days, in 40 days, yesterday and today; withdrawn; never recorded.
    let dated = |name: &str, expires: &str| {
        add_person(
            &env,
            name,
            "student",
            &["--consent", "2025-10-01", "--consent-expires", expires],
        )
    };
    dated("Soon", "2026-12-10");
    dated("Later", "2027-01-02");
    dated("Gone", "2026-11-22");
    dated("Today", TODAY);
    let withdrawn = dated("Withdrawn", "2026-12-01");
    env.ok(&[
        "person",
        "edit",
        &withdrawn,
        "--consent-withdrawn",
        "2026-11-01",
    ]);
    add_person(&env, "Never", "student", &[]);
    let cases: &[(&[&str], &[&str])] = &[
        (&["--consent-expiring", "30d"], &["Soon", "Today"]),
        (&["--consent-expiring", "17d"], &["Soon", "Today"]),
        (&["--consent-expiring", "16d"], &["Today"]),
        (&["--consent-expiring", "6w"], &["Later", "Soon", "Today"]),
        (&["--consent-expiring", "1y"], &["Later", "Soon", "Today"]),
        (&["--consent-expired"], &["Gone", "Withdrawn"]),
        (&["--consent-expired", "--search", "gone"], &["Gone"]),
    ];
    for (args, expected) in cases {
        assert_eq!(names(&env, args), *expected, "{args:?}");
    }
}

#[test]
fn list_bad_filters_are_refused() {
    let env = amira();
    env.clap_fails(
        &[
            "person",
            "list",
            "--consent-expiring",
            "30d",
            "--consent-expired",
        ],
        "cannot be used with",
    );
    for span in ["3x", "30", "11y", "soon"] {
        env.refused(&["person", "list", "--consent-expiring", span], 65, "span");
    }
    env.clap_fails(&["person", "list", "--consent-expiring", "-3d"], "");
    env.refused(
        &["person", "list", "--kind", "teacher"],
        65,
        "unknown person kind",
    );
}

#[test]
fn ls_is_an_alias_of_list() {
    let env = amira();
    assert_eq!(names(&env, &[]), ["Amira Hassan"]);
    let out = env.ok(&["--format", "json", "person", "ls"]);
    assert_eq!(names_of(json(&out).as_array().unwrap()), ["Amira Hassan"]);
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_json_has_the_record_consent_totals_and_sections() {
    let env = amira();
    let p = person(&env, "a.hassan@example.ac.uk");
    let keys: Vec<&str> = p
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<&str> = LIST_KEYS.to_vec();
    expected.extend([
        "notes", "consent", "hours", "paid", "projects", "leads", "requests", "history",
    ]);
    assert_eq!(keys, expected);
    assert_eq!(p["consent"], "on record");
    assert_eq!(p["paid"], 0.0);
    assert_eq!(p["projects"], json!([]));
    assert_eq!(p["requests"], json!([]));
    assert_eq!(p["history"].as_array().unwrap().len(), 1);
}

#[test]
fn show_says_when_there_is_no_consent_for_today() {
    let env = amira();
    add_person(&env, "Nia Obi", "student", &[]);
    assert_eq!(
        person(&env, "Nia Obi")["consent"],
        "none on record for today"
    );
    env.ok(&["person", "edit", "1", "--consent-withdrawn", "2026-11-20"]);
    assert_eq!(person(&env, "1")["consent"], "none on record for today");
    env.ok(&["person", "forget", "1", "--yes"]);
    assert_eq!(person(&env, "1")["consent"], "erased");
}

#[test]
fn show_as_a_table_has_the_record_and_its_sections() {
    let env = amira();
    let out = env.ok(&["person", "show", "1"]);
    for text in [
        "Amira Hassan",
        "a.hassan@example.ac.uk",
        "Consent",
        "on record",
        "Hours in all",
        "Paid in all",
        "£0.00",
        "Projects",
        "Data-protection requests",
        "History",
        "registered",
    ] {
        assert!(out.contains(text), "{text} missing from:\n{out}");
    }
}

#[test]
fn show_hours_are_a_number_like_everywhere_else() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&["project", "partner", "add", "x", "1", "--role", "intern"]);
    env.ok(&[
        "project", "partner", "log", "x", "1", "--hours", "1:30", "--on", TODAY,
    ]);
    assert_eq!(env.show("project", "x")["hours"], 1.5);
    assert_eq!(partners(&env, "x")[0]["hours"], 1.5);
    assert_eq!(person(&env, "1")["projects"][0]["hours"], 1.5);
    assert_eq!(person(&env, "1")["hours"], 1.5);
}

// ---------------------------------------------------------------------------------------------
// edit

#[test]
fn edit_every_field_and_log_the_change() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "edit",
        "Amira Hassan",
        "--name",
        "Amira Hassan-Ali",
        "--email",
        "amira@example.org",
        "--kind",
        "external",
        "--dept",
        "Law",
        "--level",
        "pgr",
        "--consent",
        "2026-01-01",
        "--consent-expires",
        "2027-01-01",
        "--consent-withdrawn",
        "2026-11-20",
        "--notes",
        "moved on",
    ]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("updated Amira Hassan-Ali <amira@example.org> (#1): name, email, kind"),
        "{stderr}"
    );
    let p = person(&env, "1");
    assert_eq!(p["name"], "Amira Hassan-Ali");
    assert_eq!(p["email"], "amira@example.org");
    assert_eq!(p["kind"], "external");
    assert_eq!(p["department"], "Law");
    assert_eq!(p["level"], "pgr");
    assert_eq!(p["consent_given"], "2026-01-01");
    assert_eq!(p["consent_expires"], "2027-01-01");
    assert_eq!(p["consent_withdrawn"], "2026-11-20");
    assert_eq!(p["notes"], "moved on");
    let history = p["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["action"], "update");
    assert_eq!(
        history[1]["fields"]["name"],
        json!(["Amira Hassan", "Amira Hassan-Ali"])
    );
    assert_eq!(
        history[1]["fields"]["email"],
        json!(["a.hassan@example.ac.uk", "amira@example.org"])
    );
    // Found by the new email, not the old one.
    assert_eq!(person(&env, "AMIRA@example.org")["id"], 1);
    env.refused(
        &["person", "show", "a.hassan@example.ac.uk"],
        66,
        "no person",
    );
}

#[test]
fn edit_empty_values_clear_optional_fields() {
    let env = amira();
    env.ok(&[
        "person",
        "edit",
        "1",
        "--email",
        "",
        "--dept",
        "",
        "--level",
        "",
        "--notes",
        " ",
        "--consent-expires",
        "",
    ]);
    let p = person(&env, "1");
    for key in ["email", "department", "level", "notes", "consent_expires"] {
        assert!(p[key].is_null(), "{key}: {p}");
    }
    assert_eq!(p["consent_given"], "2025-10-01");
    env.ok(&["person", "edit", "1", "--consent", ""]);
    assert!(person(&env, "1")["consent_given"].is_null());
}

#[test]
fn edit_to_the_same_values_says_unchanged_and_logs_nothing() {
    let env = amira();
    let out = env.run_ok(&["person", "edit", "1", "--dept", "Economics"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is unchanged"));
    assert_eq!(person(&env, "1")["history"].as_array().unwrap().len(), 1);
}

#[test]
fn edit_with_nothing_to_change_is_refused() {
    let env = amira();
    env.refused(&["person", "edit", "1"], 64, "nothing to change");
    env.clap_fails(&["person", "edit"], "<PERSON>");
}

#[test]
fn edit_bad_values_are_refused() {
    let env = amira();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    add_person(&env, "Bob Jones", "student", &[]);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--consent-withdrawn", "2026-11-24"],
            65,
            "after today (2026-11-23)",
        ),
        (
            &["--consent-withdrawn", "2025-09-30"],
            65,
            "cannot be withdrawn (2025-09-30) before it was given (2025-10-01)",
        ),
        (&["--consent", "2026-11-24"], 65, "after today"),
        (
            &["--consent-expires", "2025-09-30"],
            65,
            "cannot expire (2025-09-30)",
        ),
        (&["--consent", ""], 65, "add --consent DATE"),
        (
            &["--consent", "2024-02-30"],
            65,
            "not a day of the calendar",
        ),
        (&["--email", "not-an-email"], 65, "is not an email address"),
        (
            &["--email", "SAM.LEE@example.ac.uk"],
            65,
            "already belongs to Sam Lee <sam.lee@example.ac.uk> (#2)",
        ),
        (&["--name", "42"], 65, "is only a number"),
        (&["--name", ""], 65, "needs a name"),
        (
            &["--name", "Bob Jones", "--email", ""],
            65,
            "already registered",
        ),
        (&["--level", "phd"], 65, "unknown level of study"),
        (&["--kind", "teacher"], 65, "unknown person kind"),
    ];
    for (extra, code, needle) in cases {
        let mut args = vec!["person", "edit", "1"];
        args.extend_from_slice(extra);
        env.refused(&args, *code, needle);
    }
    // Its own email in another case is not a clash.
    env.ok(&["person", "edit", "1", "--email", "A.Hassan@example.ac.uk"]);
    assert_eq!(person(&env, "1")["email"], "A.Hassan@example.ac.uk");
}

#[test]
fn edit_an_erased_person_is_refused() {
    let env = amira();
    env.ok(&["person", "forget", "1", "--yes"]);
    env.refused(
        &["person", "edit", "1", "--notes", "back again"],
        65,
        "an erased record cannot be edited",
    );
    env.refused(
        &["person", "edit", "former participant #1", "--name", "Amira"],
        65,
        "erased",
    );
}

#[test]
fn edit_the_kind_of_someone_with_roles_that_no_longer_suit_is_refused() {
    let env = amira();
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "student-partner",
    ]);
    env.refused(
        &["person", "edit", "1", "--kind", "staff"],
        65,
        "student-partner",
    );
}

// ---------------------------------------------------------------------------------------------
// project leads are people

/// A fresh database with two members of staff: Dr A. Khan (#1), who leads projects `a` and
/// `b`, and Prof. J. Osei (#2, j.osei@example.ac.uk), who leads nothing.
fn leads() -> Env {
    let env = Env::fresh();
    add_project(&env, "a", &["--lead", "Dr A. Khan"]);
    add_project(&env, "b", &["--lead", "Dr A. Khan"]);
    add_person(
        &env,
        "Prof. J. Osei",
        "staff",
        &["--email", "j.osei@example.ac.uk"],
    );
    env
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
        "was erased and cannot lead a project",
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
    assert_eq!(check["schema_version"], 8);
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

// ---------------------------------------------------------------------------------------------
// export

/// Amira (#1) on project x as a student partner with two contributions, a characteristic,
/// and a request; plus another person who must not appear in her export.
fn amira_with_everything() -> Env {
    let env = amira();
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    add_project(&env, "x", &[]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "x",
        "1",
        "--role",
        "student-partner",
        "--from",
        "2025-10-01",
    ]);
    env.ok(&["project", "partner", "add", "x", "2", "--role", "intern"]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "x",
        "1",
        "--hours",
        "6",
        "--paid",
        "90",
        "--on",
        "2026-11-01",
        "--recognition",
        "payment",
        "--note",
        "workshop",
    ]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "x",
        "1",
        "--recognition",
        "certificate",
        "--on",
        "2026-11-02",
    ]);
    env.ok(&[
        "project", "partner", "log", "x", "2", "--hours", "3", "--on", TODAY,
    ]);
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-20",
        "--note",
        "by email",
    ]);
    env
}

#[test]
fn export_holds_every_table_that_refers_to_the_person() {
    let env = amira_with_everything();
    let doc = export(&env, "Amira Hassan");
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let at: Vec<usize> = EXPORT_KEYS
        .iter()
        .map(|k| {
            keys.iter()
                .position(|x| x == k)
                .unwrap_or_else(|| panic!("{k} missing from {keys:?}"))
        })
        .collect();
    assert!(at.is_sorted(), "in this order: {keys:?}");
    assert_eq!(doc["exported_on"], TODAY);

    let p = &doc["person"][0];
    assert_eq!(doc["person"].as_array().unwrap().len(), 1);
    assert_eq!(p["id"], 1);
    assert_eq!(p["name"], "Amira Hassan");
    assert_eq!(p["email"], "a.hassan@example.ac.uk");
    assert_eq!(p["notes"], "prefers email");
    assert_eq!(p["consent_expires"], "2026-12-10");

    assert_eq!(
        doc["characteristics"],
        json!([{"category": "disability", "value": "no"}])
    );

    let partners = doc["partners"].as_array().unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(partners[0]["project"], "x");
    assert_eq!(partners[0]["role"], "student-partner");
    assert_eq!(partners[0]["from_date"], "2025-10-01");

    let contributions = doc["contributions"].as_array().unwrap();
    assert_eq!(contributions.len(), 2, "not Sam's");
    assert_eq!(contributions[0]["on_date"], "2026-11-01");
    assert_eq!(contributions[0]["minutes"], 360);
    assert_eq!(contributions[0]["paid_pence"], 9000);
    assert_eq!(contributions[0]["recognition"], "payment");
    assert_eq!(contributions[0]["note"], "workshop");
    assert_eq!(contributions[1]["recognition"], "certificate");

    assert_eq!(doc["leads"], json!([]));

    let requests = doc["data_requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["kind"], "access");
    assert_eq!(requests[0]["received"], "2026-11-20");
    assert_eq!(requests[0]["due"], "2026-12-20");
    assert_eq!(requests[0]["note"], "by email");

    let log = doc["change_log"].as_array().unwrap();
    let entries: Vec<(String, String)> = log
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        entries[..2],
        [
            ("person".to_string(), "insert".to_string()),
            ("partner".to_string(), "insert".to_string())
        ]
    );
    assert_eq!(log[0]["fields"]["email"], "a.hassan@example.ac.uk");
    assert!(log.iter().all(|c| c["actor"] == "tester"));
    assert!(
        log.iter()
            .any(|c| c["fields"]["characteristic"] == "disability")
    );
    assert!(log.iter().any(|c| c["fields"]["paid_pence"] == 9000));
    assert!(!doc.to_string().contains("sam.lee"), "{doc}");
}

#[test]
fn export_to_a_file_is_readable_by_its_owner_only() {
    let env = amira_with_everything();
    let out = env.run_ok(&["person", "export", "1", "-o", "amira.json"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("wrote everything spm holds"),
        "{out:?}"
    );
    let path = env.path("amira.json");
    let doc = json(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(doc["person"][0]["email"], "a.hassan@example.ac.uk");
    assert_eq!(doc, export(&env, "1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}

#[test]
fn export_of_a_lead_lists_the_projects_they_lead() {
    let env = leads();
    env.ok(&["project", "status", "b", "active", "--on", "2026-10-01"]);
    let doc = export(&env, "Dr A. Khan");
    assert_eq!(doc["person"][0]["kind"], "staff");
    let led = doc["leads"].as_array().unwrap();
    assert_eq!(led.len(), 2);
    assert_eq!(
        led[0],
        json!({"code": "a", "title": "Project a", "status": "proposed"})
    );
    assert_eq!(led[1]["status"], "active");
    assert_eq!(export(&env, "2")["leads"], json!([]));
}

#[test]
fn export_of_an_unknown_person_writes_no_file() {
    let env = amira();
    env.refused(
        &[
            "person",
            "export",
            "ghost@example.ac.uk",
            "-o",
            "ghost.json",
        ],
        66,
        "no person with email",
    );
    assert!(!env.path("ghost.json").exists());
    env.clap_fails(&["person", "export"], "<PERSON>");
}

// ---------------------------------------------------------------------------------------------
// forget

#[test]
fn forget_without_yes_and_no_terminal_is_refused() {
    let env = amira();
    env.refused(
        &["person", "forget", "1"],
        64,
        "erasing Amira Hassan needs confirmation: add --yes",
    );
    assert_eq!(person(&env, "1")["email"], "a.hassan@example.ac.uk");
}

#[test]
fn forget_erases_the_person_but_keeps_their_participation() {
    let env = amira_with_everything();
    let out = env.run_ok(&["person", "forget", "a.hassan@example.ac.uk", "--yes"]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "erased Amira Hassan <a.hassan@example.ac.uk> (#1): now former participant #1"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("backups"), "{stderr}");

    let p = person(&env, "1");
    assert_eq!(p["name"], "former participant #1");
    assert!(p["email"].is_null());
    assert!(p["notes"].is_null());
    assert_eq!(p["erased_on"], TODAY);
    assert_eq!(p["kind"], "student");
    assert_eq!(p["consent"], "erased");
    assert_eq!(person(&env, "former participant #1")["id"], 1);

    let doc = export(&env, "1");
    assert_eq!(doc["characteristics"], json!([]));
    assert_eq!(doc["contributions"].as_array().unwrap().len(), 2);

    // Roles, hours and payments stay, so the counts stay right.
    let rows = partners(&env, "x");
    assert_eq!(rows.len(), 2);
    let hers = rows
        .iter()
        .find(|r| r["person_id"] == 1)
        .expect("her partner row");
    assert_eq!(hers["person"], "former participant #1");
    assert_eq!(hers["hours"], 6.0);
    assert_eq!(hers["paid"], 90.0);
    let x = env.show("project", "x");
    assert_eq!(x["partners"].as_array().map(Vec::len), Some(2));
    assert_eq!(x["hours"], 9.0);
    assert_eq!(x["paid"], 90.0);
    assert_eq!(p["paid"], 90.0);
    assert_eq!(p["projects"].as_array().unwrap().len(), 1);
    assert_eq!(p["requests"].as_array().unwrap().len(), 1);

    // Her name is free again.
    add_person(&env, "Amira Hassan", "student", &[]);
}

#[test]
fn forget_a_second_time_only_runs_the_clean_up_again_without_asking() {
    let env = amira();
    env.ok(&["person", "forget", "1", "--yes"]);
    let before = env.dump();
    // No --yes and no terminal: nothing is left to erase, so nothing needs confirming.
    let out = env.run_ok(&["person", "forget", "1"]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "former participant #1 was erased already, on 2026-11-23; finished the clean-up: freed space in the database file is overwritten and its write-ahead log emptied"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn forget_a_lead_removes_their_name_from_the_project_and_its_history() {
    let env = leads();
    add_project(
        &env,
        "x",
        &[
            "--lead",
            "Dr Quentin Leadbetter",
            "--summary",
            "run by Dr Quentin Leadbetter",
        ],
    );
    env.ok(&["project", "edit", "x", "--lead", "Dr A. Khan"]);
    env.ok(&["project", "edit", "x", "--lead", "Dr Quentin Leadbetter"]);
    assert_eq!(person(&env, "Dr Quentin Leadbetter")["id"], 3);
    env.ok(&["person", "forget", "Dr Quentin Leadbetter", "--yes"]);
    let x = env.show("project", "x");
    assert_eq!(x["lead"], "former participant #3");
    assert_eq!(x["summary"], "run by former participant #3");
    assert!(!x.to_string().contains("Quentin"), "{x}");
    for (name, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "Quentin"), "the name is still in {name}");
    }
}

/// A fresh database with one active project, `peer`, that started on 2025-09-01.
fn peer() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "peer",
        &["--status", "active", "--start", "2025-09-01"],
    );
    env
}

/// Asserts that `text` holds none of `secrets`, whatever the case.
fn holds_none(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !holds(text.as_bytes(), s),
            "{s:?} is still in {what}: {text}"
        );
    }
}

#[test]
fn forget_leaves_the_email_name_and_notes_in_neither_the_database_nor_its_wal() {
    let env = peer();
    let email = "q.vantablack@erasure-test.example";
    let name = "Quorra Vantablack";
    let old_name = "Quorra Z. Vantablack";
    let notes = "allergic to zebrafish 7731";
    let old_notes = "met at the octopus fair 4417";
    let id = add_person(
        &env,
        old_name,
        "student",
        &[
            "--email",
            "old.q.vantablack@erasure-test.example",
            "--consent",
            "2025-09-01",
            "--notes",
            old_notes,
            "--dept",
            "Economics",
        ],
    );
    env.ok(&[
        "person", "edit", &id, "--name", name, "--email", email, "--notes", notes,
    ]);
    env.ok(&[
        "project",
        "partner",
        "add",
        "peer",
        email,
        "--role",
        "student-partner",
        "--from",
        "2025-10-01",
    ]);
    let review = env
        .ok(&[
            "review",
            "add",
            "peer",
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--reviewer",
            name,
            "--reviewer",
            "Dr A. Khan",
            "--went-well",
            &format!("{name} ({email}) ran the peer sessions"),
            "--lessons",
            &format!("ask {name} back"),
        ])
        .trim_end()
        .to_string();
    env.ok(&["person", "characteristic", "set", name, "disability", "no"]);
    env.ok(&[
        "project",
        "partner",
        "log",
        "peer",
        name,
        "--hours",
        "2",
        "--paid",
        "30",
        "--on",
        "2026-11-02",
        "--note",
        &format!("thanks to {name}, see {email}"),
    ]);
    env.ok(&[
        "person",
        "request",
        "add",
        email,
        "erasure",
        "--note",
        &format!("{name} asked from {email}"),
    ]);
    // The data is in the files before.
    let before: Vec<u8> = files_of(&env.db).into_iter().flat_map(|(_, b)| b).collect();
    assert!(holds(&before, email));

    env.ok(&["person", "forget", email, "--yes"]);

    let secrets = [
        email,
        "old.q.vantablack",
        name,
        old_name,
        "Vantablack",
        notes,
        old_notes,
        "zebrafish",
        "octopus",
    ];
    for (file, bytes) in files_of(&env.db) {
        for s in secrets {
            assert!(!holds(&bytes, s), "{s:?} is still in {file}");
        }
    }

    let p = person(&env, &id);
    holds_none("person show", &p.to_string(), &secrets);
    assert_eq!(p["history"].as_array().unwrap().len(), 4);
    let r = env.show("review", &review);
    holds_none("review show", &r.to_string(), &secrets);
    assert_eq!(
        r["reviewers"],
        json!([format!("former participant #{id}"), "Dr A. Khan"])
    );
    assert!(
        r["went_well"]
            .as_str()
            .unwrap()
            .starts_with(&format!("former participant #{id}")),
        "{r}"
    );
    let project = env.show("project", "peer");
    holds_none("project show", &project.to_string(), &secrets);
    holds_none(
        "request list",
        &Json::Array(requests(&env, &[])).to_string(),
        &secrets,
    );
    holds_none("the export", &export(&env, &id).to_string(), &secrets);
    // Participation is still counted.
    assert_eq!(project["partners"].as_array().map(Vec::len), Some(1));
    assert_eq!(project["hours"], 2.0);
    assert_eq!(project["paid"], 30.0);
}

#[test]
fn forget_also_erases_the_name_and_email_written_in_another_case() {
    let env = peer();
    let id = student(&env, "Yara Vex", "Yara.Vex@erasure-test.example");
    let review = env
        .ok(&[
            "review",
            "add",
            "peer",
            "--on",
            "2026-11-01",
            "--decision",
            "continue",
            "--reviewer",
            "yara vex",
            "--went-well",
            "YARA VEX and yara.vex@erasure-test.example helped",
        ])
        .trim_end()
        .to_string();
    env.ok(&["person", "forget", &id, "--yes"]);
    let r = env.show("review", &review);
    holds_none("review show", &r.to_string(), &["yara"]);
    for (file, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "yara"), "the name is still in {file}");
    }
}

// ---------------------------------------------------------------------------------------------
// requests

#[test]
fn request_add_prints_the_id_and_is_due_one_calendar_month_later() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-01-31",
        "--note",
        "by email",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "recorded request 1: access for Amira Hassan, received 2026-01-31, due 2026-02-28"
        ),
        "{stderr}"
    );
    for (received, due) in [
        ("2024-01-31", "2024-02-29"),
        ("2026-03-31", "2026-04-30"),
        ("2025-12-15", "2026-01-15"),
    ] {
        env.ok(&[
            "person",
            "request",
            "add",
            "a.hassan@example.ac.uk",
            "erasure",
            "--received",
            received,
        ]);
        let last = requests(&env, &[])
            .into_iter()
            .find(|r| r["received"] == received)
            .expect("the request");
        assert_eq!(last["due"], due, "received {received}");
    }
    // Received today by default.
    let id: i64 = env
        .ok(&["person", "request", "add", "Amira Hassan", "erasure"])
        .trim_end()
        .parse()
        .expect("a request id");
    assert_eq!(id, 5);
    let r = requests(&env, &[])
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap();
    assert_eq!(r["received"], TODAY);
    assert_eq!(r["due"], "2026-12-23");
}

#[test]
fn request_add_bad_input_is_refused() {
    let env = amira();
    env.refused(
        &[
            "person",
            "request",
            "add",
            "1",
            "access",
            "--received",
            "2026-11-24",
        ],
        65,
        "after today (2026-11-23)",
    );
    env.refused(
        &[
            "person",
            "request",
            "add",
            "1",
            "access",
            "--received",
            "2024-02-30",
        ],
        65,
        "not a day of the calendar",
    );
    env.refused(
        &["person", "request", "add", "1", "deletion"],
        65,
        "unknown request kind \"deletion\"",
    );
    env.refused(
        &["person", "request", "add", "2", "access"],
        66,
        "no person with id",
    );
    env.clap_fails(&["person", "request", "add", "1"], "<KIND>");
}

#[test]
fn request_list_shows_what_is_due_overdue_and_closed() {
    let env = amira();
    let add = |received: &str, kind: &str| {
        env.ok(&[
            "person",
            "request",
            "add",
            "1",
            kind,
            "--received",
            received,
        ])
        .trim_end()
        .to_string()
    };
    add("2026-11-20", "erasure"); // 1: due 2026-12-20
    add("2026-10-23", "access"); // 2: due today
    add("2026-01-31", "access"); // 3: due 2026-02-28
    add("2026-09-01", "erasure"); // 4: due 2026-10-01, closed
    env.ok(&["person", "request", "close", "4", "--on", "2026-09-20"]);
    let all = requests(&env, &[]);
    let ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [3, 4, 2, 1], "soonest due first");
    let keys: Vec<&str> = all[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "person",
            "kind",
            "received",
            "due",
            "closed_on",
            "state"
        ]
    );
    let states: Vec<&str> = all.iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(
        states,
        ["268 days overdue", "closed", "due today", "due in 27 days"]
    );
    assert_eq!(all[1]["closed_on"], "2026-09-20");
    assert_eq!(all[0]["person"], "Amira Hassan");
    let open: Vec<i64> = requests(&env, &["--open"])
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(open, [3, 2, 1]);
    // person show lists them too.
    let p = person(&env, "1");
    let states: Vec<&str> = p["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.len(), 4);
    assert!(states.contains(&"268 days overdue"), "{states:?}");
    // And the CSV has the same columns.
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "request", "ls"]));
    assert_eq!(header[6], "state");
    assert_eq!(rows.len(), 4);
}

#[test]
fn request_close_records_the_day_it_was_answered() {
    let env = amira();
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-01",
    ]);
    env.ok(&["person", "request", "add", "1", "erasure"]);
    let out = env.run_ok(&["person", "request", "close", "1", "--on", "2026-11-01"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("closed request 1 (access for Amira Hassan) on 2026-11-01")
    );
    env.ok(&["person", "request", "close", "2"]);
    let closed: Vec<Json> = requests(&env, &[])
        .iter()
        .map(|r| r["closed_on"].clone())
        .collect();
    assert_eq!(closed, [json!("2026-11-01"), json!(TODAY)]);
    assert!(requests(&env, &["--open"]).is_empty());
}

#[test]
fn request_close_bad_input_is_refused() {
    let env = amira();
    env.ok(&[
        "person",
        "request",
        "add",
        "1",
        "access",
        "--received",
        "2026-11-01",
    ]);
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-10-31"],
        65,
        "2026-10-31 is before request 1 arrived on 2026-11-01",
    );
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-11-24"],
        65,
        "in the future",
    );
    env.refused(
        &["person", "request", "close", "1", "--on", "2026-02-30"],
        65,
        "not a day",
    );
    env.refused(
        &["person", "request", "close", "2"],
        66,
        "no request with id \"2\"",
    );
    for id in ["0", "-1", "abc"] {
        env.clap_fails(&["person", "request", "close", id], "");
    }
    env.ok(&["person", "request", "close", "1", "--on", "2026-11-10"]);
    env.refused(
        &["person", "request", "close", "1"],
        65,
        "request 1 was closed already, on 2026-11-10",
    );
}

// ---------------------------------------------------------------------------------------------
// retention

/// A database with people whose involvement ended long ago and recently:
/// #1 "Dr Old Lead" led `old-2019` (completed 2019-06-30); #2 "Old Student" left it on
/// 2019-06-30; #3 "Older Student" on 2019-03-31; #4 "Ancient Student" left `old-2015` on
/// 2015-06-30 (with no end date of their own, so the project's counts); #5 "Recent Student"
/// left `recent-2025` on 2025-06-30; #6 "Current Student" left `old-2019` in 2019 but is still
/// on the `active` project.
fn retention_env() -> Env {
    let env = Env::fresh();
    add_project(
        &env,
        "old-2019",
        &[
            "--status",
            "completed",
            "--year",
            "2018/19",
            "--start",
            "2018-10-01",
            "--end",
            "2019-06-30",
            "--lead",
            "Dr Old Lead",
        ],
    );
    add_project(
        &env,
        "old-2015",
        &[
            "--status",
            "completed",
            "--year",
            "2014/15",
            "--start",
            "2014-10-01",
            "--end",
            "2015-06-30",
        ],
    );
    add_project(
        &env,
        "recent-2025",
        &[
            "--status",
            "completed",
            "--year",
            "2024/25",
            "--start",
            "2024-10-01",
            "--end",
            "2025-06-30",
        ],
    );
    add_project(
        &env,
        "active",
        &["--status", "active", "--start", "2025-10-01"],
    );
    let join = |code: &str, who: &str, from: &str, to: Option<&str>| {
        let mut args = vec![
            "project",
            "partner",
            "add",
            code,
            who,
            "--role",
            "student-partner",
            "--from",
            from,
        ];
        if let Some(to) = to {
            args.extend(["--to", to]);
        }
        env.ok(&args);
    };
    student(&env, "Old Student", "old@example.ac.uk");
    join("old-2019", "2", "2018-10-01", Some("2019-06-30"));
    student(&env, "Older Student", "older@example.ac.uk");
    join("old-2019", "3", "2018-10-01", Some("2019-03-31"));
    student(&env, "Ancient Student", "ancient@example.ac.uk");
    join("old-2015", "4", "2014-10-01", None);
    student(&env, "Recent Student", "recent@example.ac.uk");
    join("recent-2025", "5", "2024-10-01", Some("2025-06-30"));
    student(&env, "Current Student", "current@example.ac.uk");
    join("old-2019", "6", "2018-10-01", Some("2019-06-30"));
    join("active", "6", "2025-10-01", None);
    env
}

#[test]
fn retention_dry_run_lists_only_people_kept_too_long_and_changes_nothing() {
    let env = retention_env();
    let before = env.dump();
    let (rows, stderr) = retention(&env, &["--dry-run"]);
    assert_eq!(
        names_of(&rows),
        [
            "Ancient Student",
            "Older Student",
            "Dr Old Lead",
            "Old Student"
        ]
    );
    let ended: Vec<&str> = rows.iter().map(|r| r["ended"].as_str().unwrap()).collect();
    assert_eq!(
        ended,
        ["2015-06-30", "2019-03-31", "2019-06-30", "2019-06-30"]
    );
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "name", "kind", "ended"]);
    assert_eq!(rows[2]["kind"], "staff");
    assert!(
        stderr.contains("4 people are kept more than 6 years"),
        "{stderr}"
    );
    assert!(stderr.contains("--dry-run"), "{stderr}");
    assert_eq!(before, env.dump(), "a dry run changed the database");
}

#[test]
fn retention_without_yes_and_no_terminal_is_refused() {
    let env = retention_env();
    let before = env.dump();
    let out = env.run(&["person", "retention"]);
    assert_eq!(out.status.code(), Some(64), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: erasing people past retention needs confirmation: add --yes"),
        "{stderr}"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn retention_without_yes_refuses_before_it_prints_or_saves_anything() {
    let env = retention_env();
    env.refused(&["person", "retention"], 64, "--yes");
    env.refused(&["person", "retention", "--years", "10"], 64, "--yes");
}

#[test]
fn retention_yes_erases_them_and_keeps_the_rest() {
    let env = retention_env();
    let out = env.run_ok(&["--format", "csv", "person", "retention", "--yes"]);
    let (_, rows) = read_csv(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows.len(), 4);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("erased 4 people kept more than 6 years")
    );
    let people = env.list("person", &[]);
    let erased: Vec<i64> = people
        .iter()
        .filter(|p| p["erased_on"] == TODAY)
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(erased, [1, 2, 3, 4]);
    for p in &people {
        if p["erased_on"].is_null() {
            continue;
        }
        assert_eq!(p["name"], format!("former participant #{}", p["id"]));
        assert!(p["email"].is_null());
    }
    assert_eq!(person(&env, "5")["name"], "Recent Student");
    assert_eq!(person(&env, "6")["name"], "Current Student");
    assert_eq!(lead_of(&env, "old-2019"), "former participant #1");
    assert_eq!(partners(&env, "old-2019").len(), 3, "their roles stay");
    // Nobody is left to erase.
    let (rows, stderr) = retention(&env, &["--dry-run"]);
    assert!(rows.is_empty());
    assert!(stderr.contains("nobody has been kept more than 6 years"));
}

#[test]
fn retention_years_saves_the_period_and_looks_again() {
    let env = retention_env();
    let (rows, stderr) = retention(&env, &["--years", "10", "--dry-run"]);
    assert_eq!(names_of(&rows), ["Ancient Student"]);
    assert!(
        stderr.contains("the retention period is now 10 years"),
        "{stderr}"
    );
    assert_eq!(setting(&env, "retention_years").as_deref(), Some("10"));
    // Saved for next time.
    let (rows, _) = retention(&env, &["--dry-run"]);
    assert_eq!(names_of(&rows), ["Ancient Student"]);
    let (rows, _) = retention(&env, &["--years", "1", "--dry-run"]);
    assert_eq!(rows.len(), 5, "Recent Student left more than a year ago");
    let (rows, _) = retention(&env, &["--years", "12", "--dry-run"]);
    assert!(rows.is_empty());
}

#[test]
fn retention_bad_flags_are_clap_errors() {
    let env = retention_env();
    for years in ["0", "101", "-1", "six"] {
        env.clap_fails(&["person", "retention", "--years", years], "");
    }
    env.clap_fails(
        &["person", "retention", "--dry-run", "--yes"],
        "cannot be used with",
    );
    assert_eq!(setting(&env, "retention_years"), None);
}

// ---------------------------------------------------------------------------------------------
// characteristics

/// The characteristics `person export` shows for `key`, as (category, value).
fn characteristics(env: &Env, key: &str) -> Vec<(String, String)> {
    export(env, key)["characteristics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap().to_string(),
                c["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn characteristic_set_records_and_replaces_and_prefer_not_to_say_is_an_answer() {
    let env = amira();
    let out = env.run_ok(&[
        "person",
        "characteristic",
        "set",
        "1",
        "disability",
        "Prefer Not To Say",
    ]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "recorded disability = \"prefer not to say\" for Amira Hassan <a.hassan@example.ac.uk> (#1)"
        ),
        "{out:?}"
    );
    env.ok(&[
        "person",
        "characteristic",
        "set",
        "a.hassan@example.ac.uk",
        "first-generation",
        "prefer-not-to-say",
    ]);
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "no"]);
    assert_eq!(
        characteristics(&env, "1"),
        [
            ("care-leaver".into(), "no".into()),
            ("disability".into(), "prefer not to say".into()),
            ("first-generation".into(), "prefer not to say".into()),
        ]
    );
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "yes"]);
    assert_eq!(
        characteristics(&env, "1")[0],
        ("care-leaver".to_string(), "yes".to_string())
    );
    // The log says a characteristic changed, never its value.
    let history = person(&env, "1")["history"].to_string();
    assert!(history.contains("care-leaver"), "{history}");
    assert!(!history.contains("prefer not to say"), "{history}");
}

#[test]
fn characteristic_bad_categories_and_values_are_refused() {
    let env = amira();
    for category in [
        "sexual orientation",
        "dis_ability",
        "catégorie",
        "",
        "x".repeat(41).as_str(),
    ] {
        env.refused(
            &["person", "characteristic", "set", "1", category, "no"],
            65,
            "characteristic category",
        );
    }
    env.refused(
        &["person", "characteristic", "set", "1", "disability", "  "],
        65,
        "give a value",
    );
    env.refused(
        &[
            "person",
            "characteristic",
            "set",
            "1",
            "disability",
            &"y".repeat(101),
        ],
        65,
        "up to 100 characters",
    );
    env.clap_fails(
        &["person", "characteristic", "set", "1", "disability"],
        "<VALUE>",
    );
}

#[test]
fn characteristic_a_category_with_capitals_is_read_in_lower_case() {
    // Categories are codes, read case-insensitively like project codes.
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "Disability", "no"]);
    let category: String = env
        .conn()
        .query_row("SELECT category FROM person_characteristics", [], |r| {
            r.get(0)
        })
        .expect("a characteristic");
    assert_eq!(category, "disability");
}

#[test]
fn characteristic_of_an_erased_person_is_refused() {
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&["person", "forget", "1", "--yes"]);
    env.refused(
        &["person", "characteristic", "set", "1", "disability", "yes"],
        65,
        "was erased; nothing more is recorded about them",
    );
    // Erasure took the characteristics away.
    env.refused(
        &["person", "characteristic", "clear", "1", "disability"],
        65,
        "no disability is recorded",
    );
}

#[test]
fn characteristic_clear_makes_it_not_recorded_again() {
    let env = amira();
    env.ok(&["person", "characteristic", "set", "1", "disability", "no"]);
    env.ok(&["person", "characteristic", "set", "1", "care-leaver", "no"]);
    let out = env.run_ok(&["person", "characteristic", "clear", "1", "disability"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("disability is no longer recorded"),
        "{out:?}"
    );
    assert_eq!(
        characteristics(&env, "1"),
        [("care-leaver".to_string(), "no".to_string())]
    );
    env.refused(
        &["person", "characteristic", "clear", "1", "disability"],
        65,
        "no disability is recorded for Amira Hassan",
    );
    env.refused(
        &["person", "characteristic", "clear", "1", "religion"],
        65,
        "no religion is recorded",
    );
    env.clap_fails(&["person", "characteristic", "clear", "1"], "<CATEGORY>");
}

#[test]
fn nouns_without_a_verb_show_usage() {
    let env = Env::fresh();
    for noun in [
        &["person"][..],
        &["person", "request"],
        &["person", "characteristic"],
    ] {
        env.clap_fails(noun, "Usage:");
    }
}

mod cleanup;
mod erasure;
mod import;
