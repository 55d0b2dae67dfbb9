//! `spm project import` with a `continues` column: a row may continue a registered project or
//! the project of another row of the file (the files `project list` writes put the newest
//! year first), checked as `spm project edit --continues` checks it; `--update` sets, changes
//! and clears the link and logs it.

use serde_json::Value as Json;

use super::{file, refused};
use crate::common::{Env, add_project};
use crate::project::csv_records;

const HEADER: &str = "code,title,form,level_planned,academic_year,continues";

/// A row of a file with [`HEADER`].
fn row(code: &str, year: &str, continues: &str) -> String {
    format!("{code},Project {code},educational-research,partnership,{year},{continues}\n")
}

/// A database with a-2023 (2023/24) registered.
fn one() -> Env {
    let env = Env::fresh();
    add_project(&env, "a-2023", &["--year", "2023/24"]);
    env
}

fn continues(env: &Env, code: &str) -> Json {
    env.show("project", code)["continues"].clone()
}

#[test]
fn a_row_continues_a_registered_project_or_one_on_another_row() {
    let env = one();
    // c continues b on the row after it; b continues a, registered; d continues c on the row
    // before it, as in a file `project list` wrote; e, with no code, continues b.
    let body = format!(
        "{HEADER}\n{}{}{}{}",
        row("d-2026", "2026/27", "C-2025"),
        row("b-2024", "2024/25", "a-2023"),
        row("c-2025", "2025/26", "b-2024"),
        row("", "2025/26", "b-2024").replace("Project ,", "Project e,"),
    );
    let path = file(&env, "links.csv", &body);
    env.run_ok(&["project", "import", &path]);
    assert_eq!(continues(&env, "b-2024"), "a-2023");
    assert_eq!(continues(&env, "c-2025"), "b-2024");
    assert_eq!(continues(&env, "d-2026"), "c-2025");
    assert_eq!(continues(&env, "a-2023"), Json::Null);
    let list = env.ok(&["--format", "csv", "project", "list", "--year", "2025/26"]);
    let links: Vec<(String, String)> = csv_records(&list)
        .iter()
        .map(|r| (r["title"].clone(), r["continues"].clone()))
        .collect();
    assert_eq!(
        links,
        [
            ("Project c-2025".to_string(), "b-2024".to_string()),
            ("Project e".to_string(), "b-2024".to_string()),
        ]
    );
    let json = crate::common::json(&env.ok(&["--format", "json", "project", "list"]));
    let d = json
        .as_array()
        .and_then(|l| l.iter().find(|p| p["code"] == "d-2026"))
        .expect("d-2026 in the list");
    assert_eq!(d["continues"], "c-2025");
    assert_eq!(
        json[json.as_array().map_or(0, Vec::len) - 1]["continues"],
        Json::Null
    );
}

#[test]
fn an_alias_header_is_read() {
    let env = one();
    let path = file(
        &env,
        "alias.csv",
        "Code,Title,Form,Planned level,Year,Previous project\nb-2024,B,educational-research,partnership,2024/25,a-2023\n",
    );
    env.run_ok(&["project", "import", &path]);
    assert_eq!(continues(&env, "b-2024"), "a-2023");
}

#[test]
fn an_unknown_code_the_same_or_a_later_year_or_itself_is_refused_on_its_line() {
    let env = one();
    add_project(&env, "x-2025", &["--year", "2025/26"]);
    let cases: [(&str, String, &[&str]); 5] = [
        (
            "unknown.csv",
            row("b-2024", "2024/25", "a-2032"),
            &[
                "line 2, column F (continues)",
                "no project with code \"a-2032\"",
                "did you mean \"a-2023\"",
            ],
        ),
        (
            "same.csv",
            row("b-2025", "2025/26", "x-2025"),
            &[
                "line 2, column F (continues)",
                "project x-2025 is of 2025/26, not earlier than 2025/26",
            ],
        ),
        (
            "later.csv",
            row("b-2024", "2024/25", "x-2025"),
            &["line 2, column F (continues)", "not earlier than 2024/25"],
        ),
        (
            "itself.csv",
            row("b-2024", "2024/25", "b-2024"),
            &[
                "line 2, column F (continues)",
                "b-2024 cannot continue itself",
            ],
        ),
        // Another row of the file, of a later year.
        (
            "rows.csv",
            format!(
                "{}{}",
                row("b-2024", "2024/25", "c-2025"),
                row("c-2025", "2025/26", "")
            ),
            &["line 2, column F (continues)", "not earlier than 2024/25"],
        ),
    ];
    for (name, rows, needles) in cases {
        let path = file(&env, name, format!("{HEADER}\n{rows}"));
        let stderr = refused(&env, &["project", "import", &path], needles);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        // --update refuses it too, and a dry run.
        refused(&env, &["project", "import", &path, "--update"], needles);
        refused(&env, &["project", "import", &path, "--dry-run"], needles);
    }
}

#[test]
fn update_sets_changes_and_clears_the_link_and_logs_it() {
    let env = one();
    add_project(&env, "a2-2023", &["--year", "2023/24"]);
    add_project(&env, "b-2024", &["--year", "2024/25"]);
    let import = |name: &str, continues: &str| {
        let path = file(
            &env,
            name,
            format!("{HEADER}\n{}", row("b-2024", "2024/25", continues)),
        );
        let out = env.run_ok(&["project", "import", &path, "--update"]);
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    assert!(import("set.csv", "a-2023").contains("updated 1"));
    assert_eq!(continues(&env, "b-2024"), "a-2023");
    let before = env.dump();
    assert!(import("same.csv", "A-2023").contains("1 unchanged"));
    assert_eq!(before, env.dump(), "the same link changes nothing");
    assert!(import("change.csv", "a2-2023").contains("updated 1"));
    assert_eq!(continues(&env, "b-2024"), "a2-2023");
    assert!(import("clear.csv", "").contains("updated 1"));
    assert_eq!(continues(&env, "b-2024"), Json::Null);
    // Each change is in the project's log, as `project edit --continues` logs it.
    let history = env.show("project", "b-2024")["history"].to_string();
    for logged in [
        r#""continues":[null,"a-2023"]"#,
        r#""continues":["a-2023","a2-2023"]"#,
        r#""continues":["a2-2023",null]"#,
    ] {
        assert!(history.contains(logged), "{logged} not in {history}");
    }
    // A link to a project a later row of the file adds is logged too.
    let path = file(
        &env,
        "later.csv",
        format!(
            "{HEADER}\n{}{}",
            row("b-2024", "2024/25", "n-2022"),
            row("n-2022", "2022/23", "")
        ),
    );
    let out = env.run_ok(&["project", "import", &path, "--update"]);
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        said.contains("added 1") && said.contains("updated 1"),
        "{said}"
    );
    assert_eq!(continues(&env, "b-2024"), "n-2022");
    let history = env.show("project", "b-2024")["history"].to_string();
    assert!(
        history.contains(r#""continues":[null,"n-2022"]"#),
        "{history}"
    );
}

#[test]
fn update_refuses_a_year_that_breaks_a_series() {
    let env = one();
    add_project(
        &env,
        "b-2024",
        &["--year", "2024/25", "--continues", "a-2023"],
    );
    // Moving b to a's year, or a to b's, keeping the link: refused as `project edit` refuses it.
    let header = "code,title,form,level_planned,academic_year";
    for (name, line, needle) in [
        (
            "b.csv",
            "b-2024,B,educational-research,partnership,2023/24",
            "not earlier than 2023/24",
        ),
        (
            "a.csv",
            "a-2023,A,educational-research,partnership,2024/25",
            "project b-2024 of 2024/25 continues a-2023",
        ),
    ] {
        let path = file(&env, name, format!("{header}\n{line}\n"));
        let stderr = refused(
            &env,
            &["project", "import", &path, "--update"],
            &["line 2, column E (academic_year)", needle],
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
