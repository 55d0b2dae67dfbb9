//! Integration tests of spm dev: the benchmark data generator.

use crate::common::{Env, json, read_csv};

/// The sizes of the small database the tests make.
const SMALL: &[&str] = &[
    "dev",
    "generate",
    "--projects",
    "200",
    "--reviews",
    "1000",
    "--people",
    "100",
];

/// A database generated with `SMALL` and `--seed seed`.
fn generated(seed: &str) -> Env {
    let env = Env::new();
    let mut args = SMALL.to_vec();
    args.extend_from_slice(&["--seed", seed]);
    let out = env.run_ok(&args);
    assert!(
        out.stdout.is_empty(),
        "generate writes data only to the database"
    );
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(
        stderr.contains("generated 200 projects, 1000 reviews") && stderr.contains("100 people"),
        "{stderr}"
    );
    env
}

#[test]
fn makes_the_sizes_asked_for_in_a_sound_database() {
    let env = generated("1");
    let check = json(&env.ok(&["--format", "json", "db", "check"]));
    assert_eq!(check["projects"], 200, "{check}");
    assert_eq!(check["reviews"], 1000, "{check}");
    assert_eq!(check["integrity"], "ok", "{check}");
    assert_eq!(check["foreign_keys"], "ok", "{check}");
    // The generator writes its rows by plain INSERTs, then works out every review date.
    assert_eq!(check["review_dates"], "ok", "{check}");
    let people: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .expect("a count");
    assert_eq!(people, 100);
}

#[test]
fn the_commands_work_on_generated_data() {
    let env = generated("1");
    assert_eq!(env.list("project", &[]).len(), 200);
    let due = env.json_list(&["review", "due", "--within", "365d"]);
    assert!(
        !due.is_empty(),
        "some active projects fall due within a year"
    );
    assert!(
        due.iter().any(|d| d["days_overdue"].as_i64() > Some(0)),
        "some reviews are overdue"
    );
    env.ok(&["review", "remind"]);
    let participation = env.json_list(&["report", "participation"]);
    assert!(!participation.is_empty());
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "project", "list"]));
    assert_eq!(header[0], "code");
    assert_eq!(rows.len(), 200);
    // Old projects are mostly completed; none is reviewed after today.
    let conn = env.conn();
    let completed: i64 = conn
        .query_row(
            "SELECT count(*) FROM projects WHERE academic_year < '2020/21' AND status = 'completed'",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    let old: i64 = conn
        .query_row(
            "SELECT count(*) FROM projects WHERE academic_year < '2020/21'",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    assert!(old > 0 && completed * 10 >= old * 7, "{completed} of {old}");
    let future: i64 = conn
        .query_row(
            "SELECT count(*) FROM reviews WHERE on_date > ?1",
            [crate::common::TODAY],
            |r| r.get(0),
        )
        .expect("a count");
    assert_eq!(future, 0);
}

#[test]
fn the_same_seed_makes_the_same_data() {
    let list = |env: &Env| env.ok(&["--format", "csv", "project", "list"]);
    let (a, b, c) = (generated("7"), generated("7"), generated("8"));
    assert_eq!(list(&a), list(&b));
    assert_ne!(list(&a), list(&c));
    assert_eq!(
        a.ok(&["--format", "csv", "review", "due"]),
        b.ok(&["--format", "csv", "review", "due"])
    );
}

#[test]
fn refuses_a_database_that_holds_projects() {
    let env = Env::demo();
    env.refused(SMALL, 65, "already holds projects");
    let env = generated("1");
    env.refused(SMALL, 65, "fills an empty database only");
}

#[test]
fn refuses_bad_sizes() {
    let env = Env::fresh();
    env.refused(
        &["dev", "generate", "--projects", "10000001"],
        65,
        "--projects 10000001 is more than",
    );
    env.refused(
        &[
            "dev",
            "generate",
            "--projects",
            "10",
            "--people",
            "20000000",
        ],
        65,
        "--people",
    );
    env.refused(&["dev", "generate", "--projects", "0"], 65, "at least 1");
    env.refused(
        &["dev", "generate", "--projects", "1", "--reviews", "100000"],
        65,
        "room for at most",
    );
    env.clap_fails(&["dev", "generate", "--projects", "-5"], "");
    env.clap_fails(&["dev", "generate", "--projects", "many"], "");
    env.clap_fails(&["dev", "generate"], "--projects");
    // A refused size creates no database.
    let empty = Env::new();
    empty.fails(&["dev", "generate", "--projects", "0"], 65);
    assert!(!empty.db.exists());
}

#[test]
fn dev_is_hidden_but_has_help() {
    let help = Env::new().ok(&["--help"]);
    assert!(!help.contains("\n  dev "), "{help}");
    let help = Env::new().ok(&["dev", "generate", "--help"]);
    assert!(
        help.contains("Examples:") && help.contains("--seed"),
        "{help}"
    );
}
