//! Workbooks that unpack to far more than they weigh (a 1.5 GB cell in a few MB): refused
//! before they are read, naming the sheet and cell, with the database as it was, and in
//! little memory.

use std::io::Read;

use super::book::{Part, SHEET_HEAD, SHEET_TAIL, row, swap, workbook, xml, zip};
use crate::common::{Env, explain};

/// The cell of the report that found this: 1.5 GB of `a`.
const HUGE: u64 = 1_500_000_000;

const HEADER: [&str; 4] = ["code", "title", "form", "level_planned"];

/// A workbook whose sheet `projects` has `run` bytes of text in cell B2 (and another sheet
/// before it, so the sheet is found by its name, not its place).
fn huge_cell(run: u64) -> Vec<u8> {
    let parts = workbook(
        &[("notes", row(1, &["a note"])), ("projects", String::new())],
        None,
    );
    let before = format!(
        "{SHEET_HEAD}{}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>big-1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>",
        row(1, &HEADER)
    );
    let after = format!(
        "</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>educational-research</t></is></c><c r=\"D2\" t=\"inlineStr\"><is><t>partnership</t></is></c></row>{SHEET_TAIL}"
    );
    zip(&swap(
        parts,
        Part::run("xl/worksheets/sheet2.xml", &before, run, &after),
    ))
}

/// Writes `bytes` as `name` in the test folder; returns its path.
fn write(env: &Env, name: &str, bytes: &[u8]) -> String {
    let path = env.path(name);
    std::fs::write(&path, bytes).expect("the workbook is written");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_hand_made_workbooks_are_sound() {
    // Read whole by the zip crate, which checks each part's CRC: the run and its CRC are
    // made right, so the refusals below are of a real workbook, not of a broken zip.
    let book = huge_cell(300_000);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("a zip");
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet2.xml")
        .expect("the sheet")
        .read_to_string(&mut sheet)
        .expect("it unpacks, its CRC right");
    assert!(
        sheet.len() > 300_000 && sheet.contains("big-1"),
        "{}",
        sheet.len()
    );
    // And a small one imports.
    let env = Env::fresh();
    let path = write(&env, "small.xlsx", &huge_cell(100));
    let out = env.run(&[
        "project",
        "import",
        "--sheet",
        "projects",
        "--dry-run",
        &path,
    ]);
    assert!(out.status.success(), "{}", explain(&[], &out, "to succeed"));
}

#[test]
fn a_cell_of_a_gigabyte_and_a_half_is_refused_naming_its_sheet_and_cell() {
    let env = Env::demo();
    let book = huge_cell(HUGE);
    assert!(
        book.len() < 12 << 20,
        "the workbook is {} bytes",
        book.len()
    );
    let path = write(&env, "projects.xlsx", &book);
    let stderr = env.refused(
        &["project", "import", "--sheet", "projects", &path],
        65,
        "projects.xlsx, sheet \"projects\", cell B2: a cell holds more than 1 MB of text",
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    // The same for people, and for the first sheet when it is the big one.
    let parts = swap(
        workbook(&[("people", String::new())], None),
        Part::run(
            "xl/worksheets/sheet1.xml",
            &format!("{SHEET_HEAD}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"),
            HUGE,
            &format!("</t></is></c></row>{SHEET_TAIL}"),
        ),
    );
    let path = write(&env, "people.xlsx", &zip(&parts));
    env.refused(
        &["person", "import", &path],
        65,
        "people.xlsx, sheet \"people\", cell A1: a cell holds more than 1 MB of text",
    );
}

#[test]
fn a_shared_string_of_a_gigabyte_is_refused_naming_the_first_cell_using_it() {
    let env = Env::fresh();
    let strings: String = HEADER
        .iter()
        .chain(&["ok-1", "One", "educational-research", "partnership"])
        .map(|s| format!("<si><t>{}</t></si>", xml(s)))
        .collect();
    let sst = Part::run(
        "xl/sharedStrings.xml",
        &format!("<?xml version=\"1.0\"?><sst uniqueCount=\"9\">{strings}<si><t>"),
        HUGE,
        "</t></si></sst>",
    );
    let rows = row(1, &["s:0", "s:1", "s:2", "s:3"])
        + &row(2, &["s:4", "s:5", "s:6", "s:7"])
        + &row(3, &["ok-2", "two", "s:6", "s:8"]);
    let path = write(
        &env,
        "shared.xlsx",
        &zip(&workbook(&[("Sheet 1", rows)], Some(sst))),
    );
    env.refused(
        &["project", "import", &path],
        65,
        "shared.xlsx, sheet \"Sheet 1\", cell D3: a cell holds more than 1 MB of text",
    );
}

#[test]
fn under_a_memory_limit_the_refusal_still_comes_instead_of_an_abort() {
    // Reading the cell took 4.6 GB, and under a limit the allocation failed: exit 134. With
    // 1 GB of address space (the debug build needs about 100 MB), the refusal comes.
    let env = Env::fresh();
    let path = write(&env, "projects.xlsx", &huge_cell(HUGE));
    let spm = env.cmd();
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", "ulimit -v 1000000 && exec \"$0\" \"$@\""])
        .arg(spm.get_program())
        .args(["project", "import", "--sheet", "projects", &path]);
    for (key, value) in spm.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    if let Some(dir) = spm.get_current_dir() {
        cmd.current_dir(dir);
    }
    let before = env.dump();
    let out = cmd.output().expect("sh runs");
    let args = ["(ulimit -v 1000000)", "project", "import", &path];
    assert_eq!(
        out.status.code(),
        Some(65),
        "{}",
        explain(&args, &out, "to exit 65")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cell B2: a cell holds more than 1 MB"),
        "{stderr}"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn a_restore_of_a_workbook_with_a_huge_cell_is_refused_before_anything_is_made() {
    let demo = Env::demo();
    demo.ok(&["export", "-o", "all.xlsx"]);
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(demo.path("all.xlsx")).expect("the export"))
            .expect("a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("a part");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("it unpacks");
        let name = entry.name().expect("a name").into_owned();
        parts.push(Part::new(&name, bytes));
    }
    let sheet = part_of(&parts, "projects");
    let parts = swap(
        parts,
        Part::run(
            &sheet,
            &format!(
                "{SHEET_HEAD}<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>"
            ),
            HUGE,
            &format!("</t></is></c></row>{SHEET_TAIL}"),
        ),
    );
    let env = Env::new();
    let path = write(&env, "all.xlsx", &zip(&parts));
    let out = env.run(&["restore", &path]);
    let stderr = crate::common::expect_error(&["restore", &path], &out, 65);
    assert!(
        stderr
            .contains("all.xlsx, sheet \"projects\", cell B1: a cell holds more than 1 MB of text")
            && stderr.contains("nothing was imported"),
        "{stderr}"
    );
    assert!(
        !env.db.exists(),
        "a failed import leaves no database behind"
    );
}

/// The part holding the sheet `name` of a workbook spm exported (`xl/worksheets/sheetN.xml`).
fn part_of(parts: &[Part], name: &str) -> String {
    let text = |path: &str| {
        parts
            .iter()
            .find(|p| p.name == path)
            .map(|p| String::from_utf8_lossy(p.bytes()).into_owned())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    let book = text("xl/workbook.xml");
    let at = book.find(&format!("name=\"{name}\"")).expect("the sheet");
    let id = book[at..]
        .split("r:id=\"")
        .nth(1)
        .and_then(|s| s.split('"').next());
    let rels = text("xl/_rels/workbook.xml.rels");
    let link = rels
        .split("<Relationship ")
        .find(|r| id.is_some_and(|id| r.contains(&format!("Id=\"{id}\""))))
        .expect("its relationship");
    let target = link
        .split("Target=\"")
        .nth(1)
        .and_then(|s| s.split('"').next());
    format!("xl/{}", target.expect("its target"))
}

#[test]
fn a_restore_from_csv_files_refuses_a_row_of_more_than_16_mb() {
    let demo = Env::demo();
    demo.ok(&["export", "-o", "dir/"]);
    let projects = demo.path("dir/projects.csv");
    let mut text = std::fs::read_to_string(&projects).expect("projects.csv");
    let lines = text.lines().count();
    text.push_str(&format!("\"{}\n", "a".repeat(17 << 20)));
    std::fs::write(&projects, text).expect("written");
    let env = Env::new();
    let dir = demo.path("dir").to_string_lossy().into_owned();
    let out = env.run(&["restore", &dir]);
    let stderr = crate::common::expect_error(&["restore", &dir], &out, 65);
    assert!(
        stderr.contains(&format!(
            "projects.csv, line {}: a row of more than 16 MB begins here",
            lines + 1
        )),
        "{stderr}"
    );
    assert!(
        !env.db.exists(),
        "a failed import leaves no database behind"
    );
}
