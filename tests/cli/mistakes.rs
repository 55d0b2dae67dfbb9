//! Mistakes people make: a mistyped code or name gets "did you mean"; a database that is
//! not there is never made by a command that only reads; near-duplicates are caught before
//! they are made; and the small things a first afternoon trips over.

use std::fs;

use crate::common::project_add_args as add_args;
use crate::common::{Env, json};

// ----- did you mean -----

#[test]
fn unknown_codes_keys_and_people_get_did_you_mean() {
    let env = Env::demo();
    let cases: &[(&[&str], &str)] = &[
        (
            &["project", "show", "mh-peer-2026"],
            r#"no project with code "mh-peer-2026"; did you mean "mh-peer-2025"? run "spm project list" to see the codes"#,
        ),
        (
            &["project", "show", "MH-PEER"],
            r#"did you mean "mh-peer-2025"?"#,
        ),
        (
            &[
                "fund",
                "apply",
                "mh-peer-2062",
                "--amount",
                "100",
                "--theme",
                "x",
            ],
            r#"did you mean "mh-peer-2025"?"#,
        ),
        (
            &["project", "partner", "list", "welcom-2024"],
            r#"did you mean "welcome-2024"?"#,
        ),
        (
            &["principle", "list", "--framework", "spa2"],
            r#"no framework "spa2"; did you mean "spa"? run "spm principle frameworks""#,
        ),
        (
            &["principle", "adopt", "hfh-2041"],
            r#"did you mean "hfh-2014"?"#,
        ),
        (&["principle", "show", "CP99"], r#"did you mean "CP9"?"#),
        (
            &[
                "review",
                "add",
                "mh-peer-2025",
                "--on",
                "2026-11-20",
                "--score",
                "CP11=4",
                "--decision",
                "continue",
            ],
            r#"did you mean "CP10"?"#,
        ),
        (
            &["person", "show", "Grace Mensa"],
            r#"no person called "Grace Mensa"; did you mean "Grace Mensah" (#9)?"#,
        ),
        (
            &["person", "show", "a.kahn@example.ac.uk"],
            r#"did you mean "a.khan@example.ac.uk"?"#,
        ),
        (
            &[
                "project",
                "partner",
                "add",
                "mh-peer-2025",
                "Tom Evens",
                "--role",
                "student-partner",
            ],
            r#"did you mean "Tom Evans" (#4)?"#,
        ),
    ];
    for (args, needle) in cases {
        env.refused(args, 66, needle);
    }
    // Nothing alike: no guess, just the way to see the codes.
    for args in [
        &["project", "show", "zzzz-9999"][..],
        &["person", "show", "Nobody At All"],
        &["principle", "show", "QQ1"],
    ] {
        let err = env.refused(args, 66, "no ");
        assert!(!err.contains("did you mean"), "{err}");
    }
    // A key far longer than any code is no typo of one: no comparison, and a short message.
    let long = "mh-peer-2025".repeat(40);
    let err = env.refused(&["project", "show", &long], 66, "no project with code");
    assert!(!err.contains("did you mean") && err.len() < 200, "{err}");
}

// ----- a read never creates a database -----

#[test]
fn a_command_that_only_reads_never_creates_a_database() {
    let env = Env::new();
    let reads: &[&[&str]] = &[
        &["project", "list"],
        &["project", "show", "mh-peer-2025"],
        &["review", "due"],
        &["review", "remind"],
        &["review", "calendar", "-o", "reviews.ics"],
        &["person", "list"],
        &["principle", "frameworks"],
        &["panel", "terms"],
        &["report", "summary"],
        &["report", "all", "-o", "year.xlsx"],
        &["rec", "board"],
        &["fund", "list"],
        &["db", "check"],
        &["db", "backup", "copy.db"],
        &["export", "-o", "all.xlsx"],
        &["person", "retention", "--dry-run"],
    ];
    for args in reads {
        let err = env.fails(args, 66);
        assert!(
            err.contains("no database at") && err.contains("spm init"),
            "spm {args:?}: {err}"
        );
        assert!(
            fs::read_dir(env.dir.path())
                .expect("the folder")
                .next()
                .is_none(),
            "spm {args:?} left a file behind"
        );
    }
    // --db names the file to make in the hint.
    let other = env.path("other.db");
    let other = other.to_str().expect("a UTF-8 path");
    let err = env.fails(&["--db", other, "project", "list"], 66);
    assert!(err.contains(&format!("spm --db {other} init")), "{err}");
    // `db path` opens nothing; a write creates the database and says so.
    env.ok(&["db", "path"]);
    assert!(!env.db.exists());
    let out = env.run_ok(&add_args("First project", &[]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("created a new database at"), "{stderr}");
    assert_eq!(
        env.ok(&["--format", "csv", "project", "list"])
            .lines()
            .count(),
        2
    );
}

// ----- near-duplicates -----

#[test]
fn a_title_already_used_that_year_is_refused_with_its_code() {
    let env = Env::demo();
    for title in ["Mental health peer support", "mental-health PEER support!"] {
        let args = add_args(title, &["--year", "2025/26"]);
        let err = env.refused(&args, 65, "project mh-peer-2025 already has");
        assert!(
            err.contains("spm project show mh-peer-2025") && err.contains("--same-title"),
            "{err}"
        );
    }
    // Another year is another project; --same-title insists.
    let code = env.ok(&add_args(
        "Mental health peer support",
        &["--year", "2026/27"],
    ));
    assert_eq!(code.trim(), "mental-health-2026");
    let code = env.ok(&add_args(
        "Mental Health Peer Support",
        &["--year", "2025/26", "--same-title"],
    ));
    assert_eq!(code.trim(), "mental-health-2025");
}

#[test]
fn a_lead_like_someone_registered_is_refused_until_said_new() {
    let env = Env::demo();
    for lead in ["Dr A Khan", "dr. a. khan", "DR A.KHAN"] {
        let err = env.refused(
            &add_args("Peer tutoring", &["--lead", lead]),
            65,
            "did you mean Dr A. Khan (#1)?",
        );
        assert!(
            err.contains("--lead 1") && err.contains("--new-lead"),
            "{err}"
        );
        env.refused(
            &["project", "edit", "mh-peer-2025", "--lead", lead],
            65,
            "did you mean Dr A. Khan (#1)?",
        );
    }
    // The name as registered, in any case, is the same person: no question asked.
    let code = env.ok(&add_args("Peer tutoring", &["--lead", "DR A. KHAN"]));
    assert_eq!(env.show("project", code.trim())["lead"], "Dr A. Khan");
    // --new-lead registers someone new; without --lead it means nothing.
    env.clap_fails(&add_args("Peer tutoring two", &["--new-lead"]), "--lead");
    let out = env.run_ok(&add_args(
        "Peer tutoring two",
        &["--lead", "Dr A Khan", "--new-lead"],
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("registered Dr A Khan as a member of staff"),
        "{stderr}"
    );
    assert_eq!(
        env.list("person", &["--search", "Khan"]).len(),
        2,
        "a second member of staff"
    );
}

#[test]
fn person_add_for_someone_registered_as_a_lead_points_to_person_edit() {
    let env = Env::fresh();
    env.ok(&add_args("Law clinic", &["--lead", "Dr Jo Bloggs"]));
    let err = env.refused(
        &[
            "person", "add", "Dr Jo Bloggs", "--kind", "staff", "--email", "jo@example.ac.uk",
            "--dept", "Law",
        ],
        65,
        "Dr Jo Bloggs (#1) is already registered as staff, the staff lead of law-clinic-2026, with no email",
    );
    assert!(
        err.contains("spm person edit 1 --email jo@example.ac.uk --dept Law")
            && !err.contains("give each an --email"),
        "{err}"
    );
    env.ok(&[
        "person",
        "edit",
        "1",
        "--email",
        "jo@example.ac.uk",
        "--dept",
        "Law",
    ]);
    let p = env.show("person", "jo@example.ac.uk");
    assert_eq!(
        (p["id"].as_i64(), p["department"].as_str()),
        (Some(1), Some("Law"))
    );
}

#[test]
fn a_project_import_refuses_a_lead_like_someone_registered_row_by_row() {
    let env = Env::demo();
    let file = env.path("leads.csv");
    fs::write(
        &file,
        "title,form,level_planned,academic_year,lead\n\
         Peer tutoring,wider-student-experience,partnership,2026/27,Dr A. Khan\n\
         Law clinic,wider-student-experience,partnership,2026/27,Dr A Khan\n\
         Moot court,wider-student-experience,partnership,2026/27,dr  a khan\n",
    )
    .expect("the file");
    let path = file.to_str().expect("a UTF-8 path");
    let before = env.dump();
    let out = env.run(&["project", "import", path]);
    assert_eq!(out.status.code(), Some(65), "{out:?}");
    assert_eq!(before, env.dump(), "a refused import changed the database");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: leads.csv has 2 errors; nothing was imported"),
        "{err}"
    );
    assert!(
        err.contains(
            "line 3, column E (lead): nobody is called \"Dr A Khan\"; did you mean Dr A. Khan (#1)?"
        ) && err.contains("line 4, column E (lead)")
            && err.contains("give a lead_email"),
        "{err}"
    );
    // Written as registered, it imports; with an email of their own, someone new.
    fs::write(
        &file,
        "title,form,level_planned,academic_year,lead,lead_email\n\
         Law clinic,wider-student-experience,partnership,2026/27,Dr A. Khan,\n\
         Moot court,wider-student-experience,partnership,2026/27,Dr A Khan,akhan2@example.ac.uk\n",
    )
    .expect("the file");
    let out = env.run_ok(&["project", "import", path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("added 2 projects, registered 1 member of staff as a lead (Dr A Khan)"),
        "{stderr}"
    );
}

// ----- the small things -----

#[test]
fn becoming_active_before_the_planned_start_says_the_start_moved() {
    let env = Env::fresh();
    let code = env.ok(&add_args("Planned", &["--start", "2027-01-10"]));
    let code = code.trim();
    let out = env.run_ok(&["project", "status", code, "active", "--on", "2026-11-02"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("its start date moved from the planned 2027-01-10 to 2026-11-02"),
        "{stderr}"
    );
    assert_eq!(env.show("project", code)["start_date"], "2026-11-02");
    // No planned start, or one already passed: nothing moved, nothing said.
    let other = env.ok(&add_args("Unplanned", &[]));
    let out = env.run_ok(&[
        "project",
        "status",
        other.trim(),
        "active",
        "--on",
        "2026-11-02",
    ]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("moved"));
    let late = env.ok(&add_args("Late", &["--start", "2026-10-01"]));
    let out = env.run_ok(&[
        "project",
        "status",
        late.trim(),
        "active",
        "--on",
        "2026-11-02",
    ]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("moved"));
}

#[test]
fn an_amount_in_shorthand_says_how_amounts_are_written() {
    let env = Env::demo();
    for amount in ["£1.2k", "2K", "1m"] {
        let err = env.refused(
            &add_args("Budgeted", &["--budget", amount]),
            65,
            "amounts are written like 1200 or 1,200.00",
        );
        assert!(err.contains("not with k or m"), "{err}");
    }
    env.refused(
        &[
            "fund",
            "apply",
            "mh-peer-2025",
            "--amount",
            "lots",
            "--theme",
            "x",
        ],
        65,
        "is not an amount of money; amounts are written like 1200 or 1,200.00",
    );
}

#[test]
fn consent_expiring_leaves_out_the_erased() {
    let env = Env::demo();
    let names = |env: &Env| -> Vec<String> {
        env.list("person", &["--consent-expiring", "30d"])
            .iter()
            .map(|p| p["name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(names(&env), ["Amira Hassan"]);
    env.ok(&["person", "forget", "3", "--yes"]);
    assert_eq!(names(&env), Vec::<String>::new());
}

#[test]
fn person_show_lists_the_projects_they_lead() {
    let env = Env::demo();
    let p = json(&env.ok(&["--format", "json", "person", "show", "1"]));
    let led: Vec<&str> = p["leads"]
        .as_array()
        .expect("a list of projects")
        .iter()
        .filter_map(|l| l["project"].as_str())
        .collect();
    assert_eq!(led, ["mh-peer-2025", "welcome-2024", "mental-health-2021"]);
    let table = env.ok(&["person", "show", "Dr A. Khan"]);
    assert!(
        table.contains("Projects they lead") && table.contains("welcome-2024"),
        "{table}"
    );
    // A student leads nothing: the section is there, empty.
    let p = json(&env.ok(&["--format", "json", "person", "show", "3"]));
    assert_eq!(p["leads"], serde_json::json!([]));
}

/// An import with `--update` that moves projects on (to active, to completed) leaves them
/// as the file says; importing the same file again changes nothing and says so, rather than
/// clearing the dates the moves filled in (and counting that as an update every other time).
#[test]
fn importing_the_same_file_again_changes_nothing_and_says_so() {
    let env = Env::demo();
    let csv = env.ok(&["--format", "csv", "project", "list"]);
    let moved = csv
        .lines()
        .map(|l| {
            if l.starts_with("lab-methods-2026,") {
                l.replacen(",proposed,", ",active,", 1)
            } else if l.starts_with("cm-commuter-2025,") {
                l.replacen(",active,", ",completed,", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let file = env.path("projects.csv");
    fs::write(&file, moved).expect("the file");
    let path = file.to_str().expect("a UTF-8 path");
    let said = |env: &Env| {
        let out = env.run_ok(&["project", "import", path, "--update"]);
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    assert_eq!(
        said(&env),
        "imported projects.csv (15 rows): added 0 projects, updated 2, 13 unchanged"
    );
    let before = env.dump();
    for _ in 0..2 {
        assert_eq!(
            said(&env),
            "imported projects.csv (15 rows): added 0 projects, 15 unchanged"
        );
    }
    assert_eq!(before, env.dump(), "a second import changed the database");
    // The link the file carries survives: mh-peer-2025 still continues mental-health-2021.
    assert_eq!(
        env.show("project", "mh-peer-2025")["continues"],
        "mental-health-2021"
    );
    let lab = env.show("project", "lab-methods-2026");
    assert_eq!(
        (lab["status"].as_str(), lab["start_date"].as_str()),
        (Some("active"), Some("2026-11-23"))
    );
    let cm = env.show("project", "cm-commuter-2025");
    assert_eq!(
        (cm["status"].as_str(), cm["end_date"].as_str()),
        (Some("completed"), Some("2026-11-23"))
    );
}
