//! `--output FILE` without `--format`: the file's extension (.csv .json .md .xlsx .ics .html,
//! in any case) decides the format, for every command that writes output; a `--format` that
//! says otherwise is refused and nothing is written; any other name keeps the table.

use std::fs;

use crate::common::{Env, read_csv};

/// Runs `spm ARGS -o NAME` (no --format) and returns the file it wrote.
fn to_file(env: &Env, name: &str, args: &[&str]) -> Vec<u8> {
    let mut full = args.to_vec();
    full.extend_from_slice(&["-o", name]);
    let out = env.run_ok(&full);
    assert!(out.stdout.is_empty(), "spm {full:?} wrote to stdout");
    fs::read(env.path(name)).expect("the output file")
}

/// `spm --format FORMAT ARGS` on stdout.
fn formatted(env: &Env, format: &str, args: &[&str]) -> Vec<u8> {
    let mut full = vec!["--format", format];
    full.extend_from_slice(args);
    env.run_ok(&full).stdout
}

/// Checks that `spm ARGS -o x.EXT` writes what `--format FORMAT` prints, for each pair.
fn assert_extensions(env: &Env, args: &[&str], pairs: &[(&str, &str)]) {
    for (ext, format) in pairs {
        let name = format!("out.{ext}");
        assert_eq!(
            to_file(env, &name, args),
            formatted(env, format, args),
            "spm {args:?} -o {name} is not --format {format}"
        );
    }
}

/// Whether `bytes` are a workbook (an xlsx file is a zip archive).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

#[test]
fn lists_show_and_reports_take_the_format_of_the_file() {
    let env = Env::demo();
    let all = [
        ("csv", "csv"),
        ("json", "json"),
        ("md", "md"),
        ("CSV", "csv"),
        ("Md", "md"),
        ("html", "html"),
        ("HTM", "html"),
        // Any other name: the table, as before.
        ("txt", "table"),
        ("xhtml", "table"),
    ];
    let commands: [&[&str]; 8] = [
        &["project", "list"],
        &["project", "list", "--group-by", "status"],
        &["person", "list"],
        &["review", "due"],
        &["project", "show", "mh-peer-2025"],
        &["report", "summary", "--year", "2025/26"],
        &["report", "recommendations"],
        &["rec", "board"],
    ];
    for args in commands {
        assert_extensions(&env, args, &all);
        let book = to_file(&env, "out.xlsx", args);
        assert!(
            is_workbook(&book),
            "spm {args:?} -o out.xlsx is no workbook"
        );
        assert!(is_workbook(&to_file(&env, "OUT.XLSX", args)));
    }
    // The shape follows: the CSV keys for a .csv file, the words for people in .md.
    let csv = String::from_utf8(to_file(&env, "due.csv", &["review", "due"])).expect("UTF-8");
    assert!(
        read_csv(&csv).0.contains(&"days_overdue".to_string()),
        "{csv}"
    );
    let md = String::from_utf8(to_file(&env, "due.md", &["review", "due"])).expect("UTF-8");
    assert!(
        md.starts_with("| Project | Title |") && md.contains("| When |"),
        "{md}"
    );
}

#[test]
fn the_markdown_of_report_all_and_of_a_workbook_from_its_name() {
    let env = Env::demo();
    let args = ["report", "all", "--year", "2025/26"];
    assert_extensions(
        &env,
        &args,
        &[("md", "md"), ("json", "json"), ("txt", "table")],
    );
    let md = String::from_utf8(to_file(&env, "year.md", &args)).expect("UTF-8");
    assert!(
        md.starts_with("## Summary\n\n| Section | Measure | Value |"),
        "{md}"
    );
    assert!(is_workbook(&to_file(&env, "year.xlsx", &args)));
    // A CSV file holds one table: refused, whether asked for or named.
    env.refused(
        &["report", "all", "-o", "year.csv"],
        64,
        "a CSV file holds one table",
    );
    assert!(!env.path("year.csv").exists());
}

#[test]
fn a_format_that_contradicts_the_file_is_refused_and_nothing_is_written() {
    let env = Env::demo();
    fs::write(env.path("kept.xlsx"), "mine").expect("a file");
    let cases: [&[&str]; 8] = [
        &["--format", "csv", "project", "list", "-o", "x.xlsx"],
        &["--format", "table", "project", "list", "-o", "x.md"],
        &["--format", "xlsx", "project", "list", "-o", "x.csv"],
        &["--format", "md", "report", "all", "-o", "x.json"],
        &[
            "--format",
            "json",
            "project",
            "show",
            "mh-peer-2025",
            "-o",
            "x.md",
        ],
        &["--format", "csv", "project", "list", "-o", "kept.xlsx"],
        &["--format", "json", "person", "export", "1", "-o", "x.md"],
        &["--format", "csv", "export", "-o", "x.xlsx"],
    ];
    for args in cases {
        let stderr = env.refused(args, 64, "does not match the output file");
        assert!(stderr.contains("leave --format out"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    for name in ["x.xlsx", "x.md", "x.csv", "x.json"] {
        assert!(!env.path(name).exists(), "{name} was written");
    }
    assert_eq!(fs::read(env.path("kept.xlsx")).expect("kept"), b"mine");
    // Agreeing, in any case, is fine.
    env.ok(&["--format", "json", "project", "list", "-o", "x.JSON"]);
    env.ok(&["--format", "table", "project", "list", "-o", "x.txt"]);
}

#[test]
fn bom_goes_with_a_csv_file_however_it_is_chosen() {
    let env = Env::demo();
    let named = to_file(&env, "p.csv", &["--bom", "project", "list"]);
    assert!(named.starts_with(b"\xEF\xBB\xBFcode,title,"));
    assert_eq!(named[3..], formatted(&env, "csv", &["project", "list"])[..]);
    for name in ["p.json", "p.xlsx", "p.txt"] {
        env.refused(
            &["--bom", "project", "list", "-o", name],
            64,
            "--bom is for CSV",
        );
        assert!(!env.path(name).exists());
    }
}

#[test]
fn person_export_is_json_whatever_the_name_but_no_other_format() {
    let env = Env::demo();
    let args = ["person", "export", "a.hassan@example.ac.uk"];
    let json = env.run_ok(&args).stdout;
    assert_eq!(to_file(&env, "me.json", &args), json);
    assert_eq!(to_file(&env, "me.txt", &args), json);
    for (name, needle) in [
        (
            "me.csv",
            "person export writes json only, not csv (the output file's name ends .csv)",
        ),
        ("me.md", "not md"),
        ("me.xlsx", "not xlsx"),
    ] {
        let mut full = args.to_vec();
        full.extend_from_slice(&["-o", name]);
        env.refused(&full, 64, needle);
        assert!(!env.path(name).exists());
    }
    env.refused(
        &["--format", "csv", "person", "export", "1"],
        64,
        "writes json only",
    );
}

#[test]
fn review_remind_takes_its_format_from_the_file() {
    let env = Env::demo();
    assert_extensions(
        &env,
        &["review", "remind"],
        &[
            ("csv", "csv"),
            ("json", "json"),
            ("md", "md"),
            ("txt", "table"),
        ],
    );
    env.refused(
        &["review", "remind", "-o", "r.xlsx"],
        64,
        "does not write xlsx",
    );
    // Refused even with nothing due.
    let fresh = Env::fresh();
    fresh.refused(
        &["review", "remind", "-o", "r.xlsx"],
        64,
        "does not write xlsx",
    );
    assert!(!env.path("r.xlsx").exists() && !fresh.path("r.xlsx").exists());
}

#[test]
fn export_is_a_workbook_or_a_folder_never_one_csv_file() {
    let env = Env::demo();
    assert!(is_workbook(&to_file(&env, "all.xlsx", &["export"])));
    env.ok(&["export", "-o", "Archive.XLSX"]);
    assert!(is_workbook(
        &fs::read(env.path("Archive.XLSX")).expect("the workbook")
    ));
    for (name, needle) in [
        (
            "all.csv",
            "names one CSV file, and an export is a folder of them",
        ),
        ("all.json", "not a .json file"),
        ("all.md", "not a .md file"),
    ] {
        let stderr = env.refused(&["export", "-o", name], 64, needle);
        assert!(stderr.contains("-o DIR/"), "{stderr}");
        assert!(!env.path(name).exists());
    }
    // --format csv still makes a folder of any name.
    env.ok(&["-q", "--format", "csv", "export", "-o", "folder"]);
    assert!(env.path("folder/_spm.csv").is_file());
}

#[test]
fn a_new_code_is_still_plain_text_in_any_file() {
    // Commands that print a code or id print it as text, whatever the file is called.
    let env = Env::fresh();
    let args = [
        "project",
        "add",
        "Plain",
        "--form",
        "educational-research",
        "--level",
        "consultation",
        "-o",
        "code.json",
    ];
    env.run_ok(&args);
    assert_eq!(
        fs::read_to_string(env.path("code.json")).expect("the file"),
        "plain-2026\n"
    );
}
