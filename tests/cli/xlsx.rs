//! Integration tests of XLSX output and CSV for Excel.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook, open_workbook_from_rs};

use crate::common::{Env, expect_error, explain};

/// Every sheet of the workbook at `path`, by name, in order.
fn sheets(path: &Path) -> Vec<(String, Range<Data>)> {
    let mut book: Xlsx<_> =
        open_workbook(path).unwrap_or_else(|e| panic!("{} is not xlsx: {e}", path.display()));
    read_sheets(&mut book)
}

fn read_sheets<R: std::io::Read + std::io::Seek>(book: &mut Xlsx<R>) -> Vec<(String, Range<Data>)> {
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet reads");
            (name, range)
        })
        .collect()
}

/// Runs `spm --format xlsx ARGS -o NAME` and returns the sheets of the workbook it wrote.
fn workbook(env: &Env, name: &str, args: &[&str]) -> Vec<(String, Range<Data>)> {
    let mut full = vec!["--format", "xlsx", "--output", name];
    full.extend_from_slice(args);
    let out = env.run_ok(&full);
    assert!(out.stdout.is_empty(), "spm {full:?} wrote to stdout");
    sheets(&env.path(name))
}

/// The header row of a sheet.
fn header(range: &Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .expect("a header row")
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => panic!("a header cell is text, not {other:?}"),
        })
        .collect()
}

/// The data row whose column `key` holds the text `value`.
fn row_where<'a>(range: &'a Range<Data>, key: &str, value: &str) -> &'a [Data] {
    let col = column(range, key);
    range
        .rows()
        .skip(1)
        .find(|r| r[col] == Data::String(value.to_string()))
        .unwrap_or_else(|| panic!("no row with {key} = {value:?}"))
}

/// The index of column `key`.
fn column(range: &Range<Data>, key: &str) -> usize {
    header(range)
        .iter()
        .position(|h| h == key)
        .unwrap_or_else(|| panic!("no column {key:?} in {:?}", header(range)))
}

/// The header of `spm --format csv ARGS`.
fn csv_header(env: &Env, args: &[&str]) -> Vec<String> {
    let mut full = vec!["--format", "csv"];
    full.extend_from_slice(args);
    crate::common::read_csv(&env.ok(&full)).0
}

/// Checks that a workbook's header is for people: as many columns as CSV has, each header
/// what a table shows (a capital, no `_`), none twice.
fn assert_headers_for_people(range: &Range<Data>, csv: &[String]) {
    let header = header(range);
    assert_eq!(header.len(), csv.len(), "{header:?} against {csv:?}");
    for h in &header {
        let first = h.chars().next().expect("a header");
        assert!(
            !h.contains('_') && (first.is_uppercase() || !first.is_alphabetic()),
            "{h:?} is a key, not a header: {header:?}"
        );
    }
    let mut seen = header.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), header.len(), "a header twice: {header:?}");
}

/// Whether a cell holds the date `ymd` (Excel counts days from 1899-12-30).
fn is_date(cell: &Data, ymd: &str) -> bool {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
    let serial = (day(ymd) - day("1899-12-30")).num_days() as f64;
    matches!(cell, Data::DateTime(d) if d.is_datetime() && d.as_f64() == serial)
}

#[test]
fn project_list_is_a_typed_sheet_with_the_csv_columns() {
    let env = Env::demo();
    let book = workbook(&env, "projects.xlsx", &["project", "list"]);
    assert_eq!(book.len(), 1);
    let (name, range) = &book[0];
    assert_eq!(name, "projects", "the sheet is named after the file");
    assert_headers_for_people(range, &csv_header(&env, &["project", "list"]));
    assert_eq!(
        header(range)[..7],
        [
            "Code",
            "Title",
            "Summary",
            "Status",
            "Form",
            "Activity",
            "Planned level"
        ]
    );
    assert_eq!(range.height(), 1 + 15, "a header and the 15 demo projects");

    let mh = row_where(range, "Code", "mh-peer-2025");
    assert_eq!(
        mh[column(range, "Budget")],
        Data::Float(2500.0),
        "money is a number"
    );
    assert_eq!(
        mh[column(range, "Themes")],
        Data::String("mental health; wellbeing".into())
    );
    let shown = env.show("project", "mh-peer-2025");
    let start = &mh[column(range, "Start")];
    let want = shown["start_date"].as_str().expect("a start date");
    assert!(
        is_date(start, want),
        "start_date is the date {want}: {start:?}"
    );
    let reps = row_where(range, "Code", "reps-forum-2025");
    assert_eq!(
        reps[column(range, "Budget")],
        Data::Empty,
        "no budget, no cell"
    );
}

#[test]
fn text_that_looks_like_a_formula_is_the_text_in_a_string_cell() {
    let env = Env::new();
    env.ok(&[
        "project",
        "add",
        "--code",
        "inject",
        "--form",
        "educational-research",
        "--level",
        "consultation",
        "--summary=@SUM(A1)",
        "--",
        "=1+2",
    ]);
    let book = workbook(&env, "guarded.xlsx", &["project", "list"]);
    let range = &book[0].1;
    let row = row_where(range, "Code", "inject");
    // The cell holds the text itself: a string cell is never run as a formula.
    assert_eq!(row[column(range, "Title")], Data::String("=1+2".into()));
    assert_eq!(
        row[column(range, "Summary")],
        Data::String("@SUM(A1)".into())
    );
    // Nothing in the workbook is a formula.
    let mut book: Xlsx<_> = open_workbook(env.path("guarded.xlsx")).expect("the workbook");
    let formulas = book.worksheet_formula("guarded").expect("the sheet");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a text cell was written as a formula"
    );
}

#[test]
fn review_due_has_dates_and_whole_numbers() {
    let env = Env::demo();
    let book = workbook(&env, "due.xlsx", &["review", "due"]);
    let range = &book[0].1;
    assert_headers_for_people(range, &csv_header(&env, &["review", "due"]));
    assert_eq!(range.height(), 1 + 4);
    let mh = row_where(range, "Project", "mh-peer-2025");
    let due = &mh[column(range, "Due")];
    assert!(is_date(due, "2026-10-01"), "due is a date: {due:?}");
    assert_eq!(header(range)[6], "Days overdue");
    assert_eq!(mh[6], Data::Float(53.0), "days overdue is a number");
}

#[test]
fn person_list_writes_every_person() {
    let env = Env::demo();
    let people = env.list("person", &[]);
    let book = workbook(&env, "people.xlsx", &["person", "list"]);
    let range = &book[0].1;
    assert_headers_for_people(range, &csv_header(&env, &["person", "list"]));
    assert_eq!(range.height(), 1 + people.len());
}

#[test]
fn a_record_is_a_sheet_of_fields_and_a_sheet_per_section() {
    let env = Env::demo();
    let book = workbook(&env, "mh.xlsx", &["project", "show", "mh-peer-2025"]);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "mh");
    assert!(names.contains(&"Reviews"), "{names:?}");
    assert!(names.contains(&"Change history"), "{names:?}");
    let fields = &book[0].1;
    assert_eq!(header(fields), ["Field", "Value"]);
    let shown = env.show("project", "mh-peer-2025");
    let budget = row_where(fields, "Field", "Budget");
    assert_eq!(budget[1], Data::Float(2500.0));
    assert_eq!(shown["budget"], 2500.0);
    let title = row_where(fields, "Field", "Title");
    assert_eq!(title[1], Data::String("Mental health peer support".into()));
    let history = &book[names
        .iter()
        .position(|n| *n == "Change history")
        .expect("history")]
    .1;
    assert_eq!(header(history), ["When", "Who", "What", "Changes"]);
    let at = &history.rows().nth(1).expect("a change")[column(history, "When")];
    assert!(
        matches!(at, Data::DateTime(d) if d.is_datetime() && d.as_f64().fract() != 0.0),
        "a timestamp is a date and time: {at:?}"
    );
    let reviews = &book[names.iter().position(|n| *n == "Reviews").expect("reviews")].1;
    let listed = shown["reviews"].as_array().expect("reviews").len();
    assert_eq!(reviews.height(), 1 + listed);
}

#[test]
fn grouped_lists_put_the_group_first() {
    let env = Env::demo();
    let csv = csv_header(&env, &["project", "list", "--group-by", "status"]);
    let book = workbook(
        &env,
        "by.xlsx",
        &["project", "list", "--group-by", "status"],
    );
    let range = &book[0].1;
    // Each row shows its status already: the group's column is not there twice.
    assert_headers_for_people(range, &csv[1..]);
    assert_eq!(header(range)[..4], ["Code", "Title", "Summary", "Status"]);
    assert_eq!(range.height(), 1 + 15);
    let statuses: Vec<&Data> = range.rows().skip(1).map(|r| &r[3]).collect();
    assert!(statuses.is_sorted_by_key(|s| s.to_string()), "{statuses:?}");
    // Grouped by theme, the group is a column of its own.
    let book = workbook(
        &env,
        "themes.xlsx",
        &["project", "list", "--group-by", "theme"],
    );
    assert_eq!(header(&book[0].1)[..2], ["Theme", "Code"]);
}

#[test]
fn a_new_workbook_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::demo();
    workbook(&env, "private.xlsx", &["project", "list"]);
    let mode = std::fs::metadata(env.path("private.xlsx"))
        .expect("the workbook")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn xlsx_to_a_pipe_is_a_workbook() {
    let env = Env::demo();
    let out = env.run_ok(&["--format", "xlsx", "project", "list"]);
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(out.stdout)).expect("stdout holds a workbook");
    let book = read_sheets(&mut book);
    assert_eq!(book[0].0, "spm");
    assert_eq!(book[0].1.height(), 1 + 15);
}

#[test]
fn xlsx_to_a_terminal_is_refused() {
    let env = Env::demo();
    // script(1) runs spm with a terminal for stdout.
    let spm = env.std_cmd(&[]);
    let line = format!(
        "'{}' --format xlsx project list",
        spm.get_program().to_string_lossy()
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &line, "/dev/null"])
        .current_dir(env.dir.path())
        .stdin(std::process::Stdio::null());
    for (key, value) in spm.get_envs() {
        match value {
            Some(v) => script.env(key, v),
            None => script.env_remove(key),
        };
    }
    let Ok(out) = script.output() else {
        eprintln!("script(1) is missing: the terminal case is not tested");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(64), "{text}");
    assert_eq!(
        text.trim(),
        "error: xlsx is a binary file: give --output FILE.xlsx"
    );
}

#[test]
fn commands_with_their_own_documents_refuse_xlsx() {
    let env = Env::demo();
    let own: [(&[&str], &str); 3] = [
        (&["review", "remind"], "this command does not write xlsx"),
        (
            &["review", "calendar"],
            "review calendar writes ics only, not xlsx",
        ),
        (
            &["person", "export", "a.hassan@example.ac.uk"],
            "person export writes json only, not xlsx",
        ),
    ];
    for (args, needle) in own {
        // Asked for, or implied by the file's name.
        for how in [&["--format", "xlsx", "-o", "x.xlsx"][..], &["-o", "x.xlsx"]] {
            let mut full = how.to_vec();
            full.extend_from_slice(args);
            env.refused(&full, 64, needle);
            assert!(!env.path("x.xlsx").exists(), "spm {full:?} left a file");
        }
    }
}

#[test]
fn a_new_code_is_plain_text_under_xlsx() {
    let env = Env::new();
    let out = env.ok(&[
        "--format",
        "xlsx",
        "project",
        "add",
        "Plain",
        "--form",
        "educational-research",
        "--level",
        "consultation",
    ]);
    assert_eq!(out, "plain-2026\n");
}

#[test]
fn bom_begins_csv_for_excel() {
    let env = Env::demo();
    let out = env.run_ok(&["--format", "csv", "--bom", "project", "list"]);
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFcode,title,"));
    let plain = env.run_ok(&["--format", "csv", "project", "list"]);
    assert_eq!(out.stdout[3..], plain.stdout[..], "only the mark is added");

    env.ok(&["--format", "csv", "--bom", "project", "list", "-o", "p.csv"]);
    let file = std::fs::read(env.path("p.csv")).expect("the file");
    assert_eq!(file, out.stdout);

    let remind = env.run_ok(&["--format", "csv", "--bom", "review", "remind"]);
    assert!(
        remind.stdout.starts_with(b"\xEF\xBB\xBF"),
        "remind's CSV too"
    );
}

#[test]
fn bom_without_csv_is_refused() {
    let env = Env::demo();
    for format in ["json", "table", "md", "xlsx"] {
        let args = [
            "--format", format, "--bom", "project", "list", "-o", "x.out",
        ];
        let out = env.run(&args);
        let stderr = expect_error(&args, &out, 64);
        assert!(
            stderr.contains("--bom is for CSV"),
            "{}",
            explain(&args, &out, "")
        );
        assert!(!env.path("x.out").exists());
    }
    // The default format is a table, so --bom alone is refused too.
    env.refused(&["--bom", "project", "list"], 64, "add --format csv");
}

#[test]
fn report_all_writes_a_sheet_per_report() {
    let env = Env::demo();
    // An .xlsx output is a workbook whatever --format says.
    let out = env.run_ok(&[
        "report",
        "all",
        "--year",
        "2025/26",
        "--output",
        "year.xlsx",
    ]);
    assert!(out.stdout.is_empty());
    let book = sheets(&env.path("year.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Summary",
            "Principles",
            "Reviews",
            "Outcomes",
            "Recommendations",
            "Funding",
            "Participation"
        ]
    );
    for ((_, range), name) in book.iter().zip([
        "summary",
        "principles",
        "reviews",
        "outcomes",
        "recommendations",
        "funding",
        "participation",
    ]) {
        let csv = env.ok(&["--format", "csv", "report", name, "--year", "2025/26"]);
        let csv_header: Vec<String> = csv
            .lines()
            .next()
            .expect("a header")
            .split(',')
            .map(str::to_string)
            .collect();
        assert_headers_for_people(range, &csv_header);
        assert_eq!(range.rows().count(), csv.lines().count(), "{name}");
    }
    // Counts are numbers and money is money, not text.
    let summary = &book[0].1;
    let total = row_where(summary, "Measure", "total");
    assert_eq!(total[column(summary, "Value")], Data::Float(6.0));
    let recs = &book[4].1;
    assert_eq!(
        header(recs)[3..5],
        ["Median days to decision", "Median days to tell students"]
    );
    let funding = &book[5].1;
    assert!(matches!(
        funding.rows().nth(1).expect("a row")[column(funding, "Requested")],
        Data::Float(_)
    ));
    // --format xlsx works too, and a terminal's stdout or csv is refused.
    let again = workbook(&env, "again.xlsx", &["report", "all", "--dept", "History"]);
    assert_eq!(again.len(), 6, "no participation sheet with --dept");
}

// Workbooks made by hand, and the ones spm refuses to read.
pub mod book;
mod huge;
mod text;
