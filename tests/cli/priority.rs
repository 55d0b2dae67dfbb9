//! `spm priority ...`: set, list, carry-forward and remove the Agreement's priority projects.

use serde_json::{Value as Json, json};

use crate::common::{Env, add_project, read_csv};

/// The JSON keys of a row of `priority list`, in order.
const LIST_KEYS: &[&str] = &["year", "project", "title", "objectives", "carried_from"];

// ---------------------------------------------------------------------------------------------
// helpers

/// A fresh database with three projects, `mh`, `voice` and `jobs`.
fn projects() -> Env {
    let env = Env::fresh();
    for code in ["mh", "voice", "jobs"] {
        add_project(&env, code, &[]);
    }
    env
}

/// `spm priority set YEAR PROJECT --objective O ...`.
fn set_args<'a>(year: &'a str, project: &'a str, objectives: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["priority", "set", year, project];
    for o in objectives {
        args.extend(["--objective", o]);
    }
    args
}

/// Sets a priority, expecting success; returns stderr.
fn set(env: &Env, year: &str, project: &str, objectives: &[&str]) -> String {
    let out = env.run_ok(&set_args(year, project, objectives));
    assert!(out.stdout.is_empty(), "set prints nothing on stdout");
    String::from_utf8(out.stderr).expect("stderr is UTF-8")
}

/// The three priorities of 2021/22 (as in the Agreement): mh, voice and jobs.
fn three() -> Env {
    let env = projects();
    set(
        &env,
        "2021/22",
        "mh",
        &["peer support in every school", "train mentors"],
    );
    set(&env, "2021/22", "voice", &["close the feedback loop"]);
    set(&env, "2021/22", "jobs", &["placements for all"]);
    env
}

/// (year, project, carried_from) of each row of `priority list ARGS`.
fn rows(env: &Env, args: &[&str]) -> Vec<(String, String, Json)> {
    env.list("priority", args)
        .iter()
        .map(|p| {
            (
                p["year"].as_str().expect("a year").to_string(),
                p["project"].as_str().expect("a project").to_string(),
                p["carried_from"].clone(),
            )
        })
        .collect()
}

/// The objectives of `project` in `year`, from `priority list YEAR`.
fn objectives(env: &Env, year: &str, project: &str) -> Json {
    env.list("priority", &[year])
        .into_iter()
        .find(|p| p["project"] == json!(project))
        .map(|p| p["objectives"].clone())
        .unwrap_or(Json::Null)
}

/// The id and carried_from_id of the priority of `project` in `year`, from the database.
fn ids(env: &Env, year: &str, project: &str) -> (i64, Option<i64>) {
    env.conn()
        .query_row(
            "SELECT pp.id, pp.carried_from_id FROM priority_projects pp
             JOIN projects p ON p.id = pp.project_id
             WHERE pp.academic_year = ?1 AND p.code = ?2",
            [year, project],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the priority")
}

// ---------------------------------------------------------------------------------------------
// set

#[test]
fn set_makes_a_priority_with_its_objectives_in_order() {
    let env = projects();
    let said = set(&env, "2025-26", "MH", &["b first", "a second"]);
    assert!(
        said.contains("mh is a priority for 2025/26, with 2 objectives"),
        "{said}"
    );
    let list = env.list("priority", &[]);
    let keys: Vec<&str> = list[0]
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, LIST_KEYS);
    assert_eq!(
        list[0],
        json!({
            "year": "2025/26", "project": "mh", "title": "Project mh",
            "objectives": ["b first", "a second"], "carried_from": null
        })
    );
}

#[test]
fn set_again_replaces_the_objectives() {
    let env = projects();
    set(&env, "2025/26", "mh", &["one", "two"]);
    let said = set(&env, "2025/26", "mh", &["three"]);
    assert!(said.contains("replaced the objectives"), "{said}");
    assert_eq!(objectives(&env, "2025/26", "mh"), json!(["three"]));
    let before = env.dump();
    let said = set(&env, "2025/26", "mh", &[" three "]);
    assert!(said.contains("nothing changed"), "{said}");
    assert_eq!(before, env.dump());
    // Blank and repeated objectives are dropped.
    set(&env, "2025/26", "mh", &["x", "", "X", "y"]);
    assert_eq!(objectives(&env, "2025/26", "mh"), json!(["x", "y"]));
    assert_eq!(env.list("priority", &[]).len(), 1);
}

#[test]
fn set_refuses_bad_input_and_writes_nothing() {
    let env = projects();
    set(&env, "2025/26", "voice", &["keep"]);
    env.refused(&set_args("2025/26", "mh", &[]), 64, "--objective");
    env.refused(
        &set_args("2025/26", "mh", &["  "]),
        65,
        "at least one objective",
    );
    env.refused(
        &set_args("2025/26", "voice", &[""]),
        65,
        "at least one objective",
    );
    env.refused(
        &set_args("2025/26", "mh", &["a\u{1b}b"]),
        65,
        "control characters",
    );
    env.refused(&set_args("2025/27", "mh", &["x"]), 65, "consecutive");
    env.refused(
        &set_args("2025", "mh", &["x"]),
        65,
        "not of the form 2025/26",
    );
    env.refused(&set_args("1850/51", "mh", &["x"]), 65, "out of range");
    // Today is in 2026/27: the next year may be planned, a later one is a typo.
    env.refused(
        &set_args("2028/29", "mh", &["x"]),
        65,
        "2028/29 is too far ahead: priorities are set for this academic year (2026/27) or the next (2027/28)",
    );
    env.refused(
        &set_args("2025/26", "nope", &["x"]),
        66,
        "no project with code",
    );
    env.clap_fails(&["priority", "set", "2025/26"], "");
    env.clap_fails(&["priority", "set", "2025/26", "mh", "--objective"], "");
    assert_eq!(objectives(&env, "2025/26", "voice"), json!(["keep"]));
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_shows_every_year_newest_first_or_one_year() {
    let env = three();
    set(&env, "2023/24", "voice", &["a board each term"]);
    let all = rows(&env, &[]);
    let order: Vec<(&str, &str)> = all
        .iter()
        .map(|(y, p, _)| (y.as_str(), p.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("2023/24", "voice"),
            ("2021/22", "jobs"),
            ("2021/22", "mh"),
            ("2021/22", "voice")
        ]
    );
    assert_eq!(rows(&env, &["2021-2022"]).len(), 3);
    assert!(rows(&env, &["2022/23"]).is_empty());
    env.refused(&["priority", "list", "2021/23"], 65, "consecutive");
    env.refused(&["priority", "list", "last year"], 65, "academic year");
    env.clap_fails(&["priority", "list", "2021/22", "2022/23"], "");
}

#[test]
fn list_numbers_the_objectives_for_a_person_and_lists_them_for_a_spreadsheet() {
    let env = three();
    let table = env.ok(&["priority", "list", "2021/22"]);
    assert!(table.contains("1. peer support in every school"), "{table}");
    assert!(table.contains("2. train mentors"), "{table}");
    let md = env.ok(&["--format", "md", "priority", "list", "2021/22"]);
    assert!(
        md.contains("1. peer support in every school<br>2. train mentors"),
        "{md}"
    );
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "priority", "list"]));
    assert_eq!(header, LIST_KEYS);
    let mh = rows.iter().find(|r| r[1] == "mh").expect("mh");
    assert_eq!(mh[3], "peer support in every school; train mentors");
}

// ---------------------------------------------------------------------------------------------
// carry-forward

#[test]
fn carry_forward_with_yes_carries_all_and_records_where_each_came_from() {
    let env = three();
    let out = env.run_ok(&["priority", "carry-forward", "2021/22", "2022/23", "--yes"]);
    assert!(out.stdout.is_empty());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("3 priorities of 3 carried forward to 2022/23"),
        "{said}"
    );
    let carried = rows(&env, &["2022/23"]);
    assert_eq!(carried.len(), 3);
    assert!(carried.iter().all(|(_, _, from)| from == &json!("2021/22")));
    assert_eq!(
        objectives(&env, "2022/23", "mh"),
        json!(["peer support in every school", "train mentors"])
    );
    for project in ["mh", "voice", "jobs"] {
        let (old, none) = ids(&env, "2021/22", project);
        assert_eq!(none, None);
        assert_eq!(ids(&env, "2022/23", project).1, Some(old));
    }
    // The original year is untouched.
    assert!(
        rows(&env, &["2021/22"])
            .iter()
            .all(|(_, _, from)| from.is_null())
    );
    // Changing a carried priority's objectives keeps where it came from.
    set(&env, "2022/23", "mh", &["new aim"]);
    assert_eq!(
        ids(&env, "2022/23", "mh").1,
        Some(ids(&env, "2021/22", "mh").0)
    );
    // A carried priority can be carried again, over a gap of years.
    env.ok(&["priority", "carry-forward", "2022/23", "2024/25", "-y"]);
    assert_eq!(objectives(&env, "2024/25", "mh"), json!(["new aim"]));
    assert_eq!(
        ids(&env, "2024/25", "mh").1,
        Some(ids(&env, "2022/23", "mh").0)
    );
}

#[test]
fn carry_forward_without_a_terminal_or_yes_is_refused_and_writes_nothing() {
    let env = three();
    env.refused(
        &["priority", "carry-forward", "2021/22", "2022/23"],
        64,
        "needs confirmation: add --yes",
    );
    assert!(rows(&env, &["2022/23"]).is_empty());
}

#[test]
fn carry_forward_skips_projects_that_are_priorities_already() {
    let env = three();
    set(&env, "2022/23", "voice", &["a new aim"]);
    let out = env.run_ok(&["priority", "carry-forward", "2021/22", "2022/23", "--yes"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("skipped voice: a priority for 2022/23 already"),
        "{said}"
    );
    assert!(
        said.contains("2 priorities of 3 carried forward to 2022/23 (1 there already)"),
        "{said}"
    );
    assert_eq!(objectives(&env, "2022/23", "voice"), json!(["a new aim"]));
    assert_eq!(ids(&env, "2022/23", "voice").1, None);
    assert_eq!(rows(&env, &["2022/23"]).len(), 3);
    // Everything is there now: a second run has nothing to carry, with or without --yes.
    for args in [
        &["priority", "carry-forward", "2021/22", "2022/23", "--yes"][..],
        &["priority", "carry-forward", "2021/22", "2022/23"][..],
    ] {
        let before = env.dump();
        let out = env.run_ok(args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("nothing to carry forward"), "{said}");
        assert_eq!(before, env.dump());
    }
}

#[test]
fn carry_forward_from_a_year_without_priorities_has_nothing_to_carry() {
    let env = three();
    let before = env.dump();
    let out = env.run_ok(&["priority", "carry-forward", "2019/20", "2020/21"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("nothing to carry forward from 2019/20 to 2020/21")
    );
    assert_eq!(before, env.dump());
}

#[test]
fn carry_forward_refuses_bad_years_and_writes_nothing() {
    let env = three();
    for to in ["2021/22", "2020/21"] {
        env.refused(
            &["priority", "carry-forward", "2021/22", to, "--yes"],
            65,
            "is not after 2021/22",
        );
    }
    env.refused(
        &["priority", "carry-forward", "2021/23", "2022/23", "--yes"],
        65,
        "consecutive",
    );
    env.refused(
        &["priority", "carry-forward", "2021/22", "next", "--yes"],
        65,
        "academic year",
    );
    env.refused(
        &["priority", "carry-forward", "2021/22", "2030/31", "--yes"],
        65,
        "2030/31 is too far ahead",
    );
    env.clap_fails(&["priority", "carry-forward", "2021/22"], "");
    env.clap_fails(
        &["priority", "carry-forward", "2021/22", "2022/23", "--all"],
        "",
    );
}

// ---------------------------------------------------------------------------------------------
// remove

#[test]
fn remove_takes_a_priority_off_with_its_objectives() {
    let env = three();
    env.refused(
        &["priority", "remove", "2021/22", "mh"],
        64,
        "needs confirmation",
    );
    env.ok(&["priority", "rm", "2021/22", "mh", "--yes"]);
    let left: Vec<String> = rows(&env, &[]).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(left, ["jobs", "voice"]);
    let objectives: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM priority_objectives", [], |r| r.get(0))
        .expect("a count");
    assert_eq!(objectives, 2);
    env.refused(
        &["priority", "remove", "2021/22", "mh", "--yes"],
        66,
        "no priority for \"mh in 2021/22\"",
    );
    env.refused(
        &["priority", "remove", "2021/22", "nope", "--yes"],
        66,
        "no project",
    );
    env.refused(
        &["priority", "remove", "2021", "voice", "--yes"],
        65,
        "academic year",
    );
}

#[test]
fn a_priority_carried_forward_cannot_be_removed_before_its_successor() {
    let env = three();
    env.ok(&["priority", "carry-forward", "2021/22", "2022/23", "--yes"]);
    env.refused(
        &["priority", "remove", "2021/22", "voice", "--yes"],
        65,
        "remove that one first with \"spm priority remove 2022/23 voice\"",
    );
    env.ok(&["priority", "remove", "2022/23", "voice", "--yes"]);
    env.ok(&["priority", "remove", "2021/22", "voice", "--yes"]);
}

#[test]
fn every_priority_command_has_help_with_examples() {
    let env = Env::new();
    for cmd in ["set", "list", "carry-forward", "remove"] {
        let help = env.ok(&["priority", cmd, "--help"]);
        assert!(
            help.contains("Examples:"),
            "spm priority {cmd} --help:\n{help}"
        );
    }
    assert!(env.ok(&["priority", "--help"]).contains("Examples:"));
    assert!(!env.db.exists());
}
