//! Files whose text is made to attack the terminal or flood it: escape sequences that retitle
//! or clear it, bidirectional overrides, a header of 900 KB. Every value an error quotes is
//! escaped and cut, in CSV and workbooks, headers and cells, for projects, people and a
//! restore.

use std::io::Read;

use super::{file, refused};
use crate::common::{Env, expect_error};
use crate::xlsx::book::{Part, row, swap, workbook, zip};

/// Retitles the terminal, rings its bell, clears the screen; then turns the line around.
const ATTACK: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

/// The escaped form of [`ATTACK`] as the messages show it.
const SHOWN: &str = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}";

/// Rows that keep a CSV file from looking binary (a few control characters in a short file
/// do): the attack has to be in a file that is otherwise a real one.
fn padding(n: usize, columns: usize) -> String {
    let empty = ",".repeat(columns - 4);
    (0..n)
        .map(|i| format!("pad-{i},Padding {i},educational-research,consultation{empty}\n"))
        .collect()
}

/// Fails unless `stderr` is free of anything a terminal acts on, and short.
fn harmless(stderr: &str, max: usize) {
    let bad: Vec<char> = stderr
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "raw {bad:?} in {stderr:?}");
    assert!(
        stderr.len() <= max,
        "{} bytes of stderr: {stderr:.300}",
        stderr.len()
    );
}

#[test]
fn csv_headers_and_cells_are_escaped() {
    let env = Env::fresh();
    let body = format!(
        "code,title,form,level_planned,start_date,colour{ATTACK}\n{}",
        padding(40, 6)
    );
    let path = file(&env, "header.csv", body);
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &[&format!("unknown column \"colour{SHOWN}\"")],
    );
    harmless(&stderr, 1000);
    // A near miss gets its "did you mean", still escaped.
    let body = format!(
        "code,title,form,level_planned,titel\u{7}\n{}",
        padding(40, 5)
    );
    let path = file(&env, "near.csv", body);
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &["column E (titel\\u{7}): unknown column \"titel\\u{7}\""],
    );
    harmless(&stderr, 1000);
    let body = format!(
        "code,title,form,level_planned,start_date,academic_year,budget\n{}c{ATTACK},T,co-creation{ATTACK},involvment\u{7},2025{ATTACK},2025/2{ATTACK},£{ATTACK}\n",
        padding(200, 7)
    );
    let path = file(&env, "cells.csv", body);
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &[
            &format!("project code \"c{SHOWN}\" is not valid"),
            &format!("unknown form \"co-creation{SHOWN}\""),
            "unknown engagement level \"involvment\\u{7}\"; did you mean \"involvement\"?",
            &format!("date \"2025{SHOWN}\""),
            &format!("academic year \"2025/2{SHOWN}\""),
            &format!("amount \"£{SHOWN}\""),
        ],
    );
    harmless(&stderr, 3000);
}

#[test]
fn a_900_kb_header_or_cell_is_cut_short() {
    let env = Env::fresh();
    let wide = format!("{}{ATTACK}", "personal data ".repeat(900_000 / 14));
    for (name, body) in [
        (
            "header.csv",
            format!(
                "code,title,form,level_planned,{wide}\nx-1,One,educational-research,partnership,\n"
            ),
        ),
        (
            "form.csv",
            format!("code,title,form,level_planned\nx-1,One,{wide},partnership\n"),
        ),
        (
            "year.csv",
            format!(
                "code,title,form,level_planned,academic_year\nx-1,One,educational-research,partnership,{wide}\n"
            ),
        ),
        (
            "twice.csv",
            format!(
                "code,title,form,level_planned,{wide},x\nx-1,One,educational-research,partnership,,\n"
            ),
        ),
    ] {
        let path = file(&env, name, body);
        let stderr = refused(
            &env,
            &["project", "import", &path],
            &["personal data personal", "…"],
        );
        harmless(&stderr, 1500);
    }
    let body = format!(
        "name,kind,email\n{wide},student,a@example.ac.uk\nB,{wide},b@example.ac.uk\nC,staff,{wide}\n"
    );
    let path = file(&env, "people.csv", body);
    let stderr = refused(
        &env,
        &["person", "import", &path],
        &["line 4, column C (email)", "…"],
    );
    harmless(&stderr, 3000);
}

#[test]
fn person_cells_are_escaped() {
    let env = Env::fresh();
    let mut body = String::from("name,kind,email,level\n");
    body.extend((0..40).map(|i| format!("Person {i},student,p{i}@example.ac.uk,ug\n")));
    body.push_str(&format!("Bob,stud{ATTACK},b{ATTACK}@x.uk,u{ATTACK}g\n"));
    let path = file(&env, "people.csv", body);
    let stderr = refused(
        &env,
        &["person", "import", &path],
        &[
            &format!("unknown person kind \"stud{SHOWN}\""),
            &format!("\"b{SHOWN}@x.uk\" is not an email address"),
        ],
    );
    harmless(&stderr, 2000);
}

#[test]
fn workbook_sheet_names_headers_and_cells_are_escaped() {
    let env = Env::fresh();
    let sheet = format!("pro{ATTACK}jects");
    let rows = row(
        1,
        &[
            "code",
            "title",
            "form",
            "level_planned",
            &format!("co{ATTACK}lour"),
        ],
    ) + &row(
        2,
        &["x-1", "One", &format!("co-creation{ATTACK}"), "partnership"],
    );
    let path = file(&env, "attack.xlsx", zip(&workbook(&[(&sheet, rows)], None)));
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &[&format!("unknown column \"co{SHOWN}lour\"")],
    );
    harmless(&stderr, 1000);
    let stderr = refused(
        &env,
        &["project", "import", "--sheet", "nope\u{7}", &path],
        &[&format!(
            "no sheet \"nope\\u{{7}}\"; its sheets are: \"pro{SHOWN}jects\""
        )],
    );
    harmless(&stderr, 1000);
    let many: Vec<(String, String)> = (0..30)
        .map(|i| (format!("{i}{}", "x".repeat(200)), row(1, &["a"])))
        .collect();
    let many: Vec<(&str, String)> = many.iter().map(|(n, r)| (n.as_str(), r.clone())).collect();
    let path = file(&env, "many.xlsx", zip(&workbook(&many, None)));
    let stderr = refused(
        &env,
        &["project", "import", "--sheet", "nope", &path],
        &["and 25 more"],
    );
    harmless(&stderr, 1500);
    let rows = row(1, &["code", "title", "form", "level_planned"])
        + &row(
            2,
            &["x-1", "One", &format!("co-creation{ATTACK}"), "partnership"],
        );
    let path = file(&env, "cell.xlsx", zip(&workbook(&[("p", rows)], None)));
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &[&format!(
            "line 2, column C (form): unknown form \"co-creation{SHOWN}\""
        )],
    );
    harmless(&stderr, 1000);
}

/// The parts of the export of the demo database as a workbook.
fn demo_export() -> Vec<Part> {
    let demo = Env::demo();
    demo.ok(&["export", "-o", "all.xlsx"]);
    let file = std::fs::File::open(demo.path("all.xlsx")).expect("the export");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("a part");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("it unpacks");
            Part::new(&entry.name().expect("a name"), bytes)
        })
        .collect()
}

#[test]
fn a_restore_quotes_the_file_escaped() {
    // The manifest (the first sheet) with an attack for its format number; then a sheet with
    // an attack for a column name.
    let parts = demo_export();
    let manifest = String::from_utf8_lossy(
        parts[1..]
            .iter()
            .find(|p| p.name.ends_with("sheet1.xml"))
            .expect("the manifest")
            .bytes(),
    )
    .into_owned();
    let edited = manifest.replacen(
        "<c r=\"C2\"><v>1</v></c>",
        &format!(
            "<c r=\"C2\" t=\"inlineStr\"><is><t>1{ATTACK}{}</t></is></c>",
            "x".repeat(900_000)
        ),
        1,
    );
    assert_ne!(edited, manifest, "the format entry is where it was");
    let env = Env::new();
    let path = file(
        &env,
        "all.xlsx",
        zip(&swap(parts, Part::new("xl/worksheets/sheet1.xml", edited))),
    );
    let out = env.run(&["restore", &path]);
    let stderr = expect_error(&["restore", &path], &out, 65);
    assert!(stderr.contains(&format!("value \"1{SHOWN}xxx")), "{stderr}");
    harmless(&stderr, 1000);
    // A folder of CSV files, with an attack for a column of projects.
    let demo = Env::demo();
    demo.ok(&["export", "-o", "dir/"]);
    let projects = demo.path("dir/projects.csv");
    let text = std::fs::read_to_string(&projects).expect("projects.csv");
    std::fs::write(
        &projects,
        text.replacen("code", &format!("co{ATTACK}de"), 1),
    )
    .expect("written");
    let env = Env::new();
    let dir = demo.path("dir").to_string_lossy().into_owned();
    let out = env.run(&["restore", &dir]);
    let stderr = expect_error(&["restore", &dir], &out, 65);
    assert!(
        stderr.contains(&format!("\"co{SHOWN}de\" is not a column")),
        "{stderr}"
    );
    harmless(&stderr, 1000);
}
