//! `spm export` and `spm restore`: the whole database out and back.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use rusqlite::types::Value;

use crate::common::{Env, expect_error};

/// Every row of every table (SQLite's id counters too), typed, in stored order: rowid order,
/// or primary-key order for a table without rowid.
fn contents(db: &Path) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = rusqlite::Connection::open(db).expect("the database opens");
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the table names");
    names
        .into_iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
                .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{t}\"")))
                .expect("a select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Vec<Value>>>>())
                .expect("the rows");
            (t, rows)
        })
        .collect()
}

/// How many tables of spm's (not SQLite's own) `db` has, and how many rows they hold.
fn counts(db: &Path) -> (usize, usize) {
    let ours: Vec<usize> = contents(db)
        .into_iter()
        .filter(|(t, _)| !t.starts_with("sqlite_"))
        .map(|(_, rows)| rows.len())
        .collect();
    (ours.len(), ours.iter().sum())
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The demo database exported to `name` under the test's folder.
fn exported(name: &str) -> (Env, PathBuf) {
    let env = Env::demo();
    let out = env.path(name);
    env.ok(&["export", "-o", s(&out)]);
    (env, out)
}

/// Checks that `db` holds exactly what `env`'s database holds, and real data.
fn assert_same(env: &Env, db: &Path) {
    let (want, got) = (contents(&env.db), contents(db));
    assert_eq!(want.len(), got.len());
    for ((t, a), (u, b)) in want.iter().zip(&got) {
        assert_eq!(t, u);
        assert_eq!(a, b, "the table {t} differs after the round trip");
    }
    let projects = got
        .iter()
        .find(|(t, _)| t == "projects")
        .map(|(_, r)| r.len());
    assert_eq!(projects, Some(15), "the demo's projects are there");
}

/// Rewrites one CSV file of an export folder, changing the field `column` of data row `row`
/// (1 is the first row after the header), or dropping the row when `value` is None.
fn edit_csv(dir: &Path, table: &str, row: usize, column: &str, value: Option<&str>) {
    let path = dir.join(format!("{table}.csv"));
    let mut reader = csv::Reader::from_path(&path).expect("the CSV file");
    let header = reader.headers().expect("a header").clone();
    let at = header.iter().position(|h| h == column).expect("the column");
    let mut writer = csv::Writer::from_path(dir.join("edited.tmp")).expect("a CSV writer");
    writer.write_record(&header).expect("the header");
    for (i, record) in reader.records().enumerate() {
        let mut fields: Vec<String> = record
            .expect("a record")
            .iter()
            .map(str::to_string)
            .collect();
        if i + 1 == row {
            match value {
                Some(v) => fields[at] = v.to_string(),
                None => continue,
            }
        }
        writer.write_record(&fields).expect("a record");
    }
    writer.flush().expect("written");
    drop(writer);
    std::fs::rename(dir.join("edited.tmp"), &path).expect("replaced");
}

/// Copies the workbook `from` to `to` cell by cell, as a spreadsheet program would save it,
/// with `edit` choosing a new value for any cell (sheet, row, column from 0) and sheets
/// named in `skip` left out.
fn rewrite_workbook(
    from: &Path,
    to: &Path,
    skip: &[&str],
    edit: impl Fn(&str, u32, u32, &Data) -> Option<Data>,
) {
    let mut book: Xlsx<_> = open_workbook(from).expect("the workbook");
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        if skip.contains(&name.as_str()) {
            continue;
        }
        let range = book.worksheet_range(&name).expect("a sheet");
        let sheet = out.add_worksheet();
        sheet.set_name(&name).expect("a sheet name");
        for (r, c, cell) in range.used_cells() {
            let (r, c) = (r as u32, c as u32);
            let cell = edit(&name, r, c, cell).unwrap_or_else(|| cell.clone());
            let col = c as u16;
            match cell {
                Data::String(t) => sheet.write_string(r, col, t),
                Data::Float(x) => sheet.write_number(r, col, x),
                Data::Int(i) => sheet.write_number(r, col, i as f64),
                Data::Bool(b) => sheet.write_boolean(r, col, b),
                _ => continue,
            }
            .expect("a cell");
        }
    }
    out.save(to).expect("the workbook is saved");
}

#[test]
fn an_xlsx_export_imports_into_a_new_database_row_for_row() {
    let (env, out) = exported("everything.xlsx");
    let new = env.path("new.db");
    let stderr = String::from_utf8(env.run_ok(&["--db", s(&new), "restore", s(&out)]).stderr)
        .expect("UTF-8");
    let (tables, rows) = counts(&env.db);
    assert!(
        stderr.contains(&format!("restored {rows} rows in {tables} tables")),
        "{stderr}"
    );
    assert_same(&env, &new);
    // The change log is append-only again after the import.
    let conn = rusqlite::Connection::open(&new).expect("opens");
    assert!(conn.execute("DELETE FROM changes", []).is_err());
}

#[test]
fn a_csv_folder_export_imports_row_for_row() {
    let (env, out) = exported("archive/");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 31, "{files:?}");
    assert!(files.contains(&"_spm.csv".to_string()) && files.contains(&"reviews.csv".to_string()));
    let new = env.path("new.db");
    env.ok(&["--db", s(&new), "restore", s(&out)]);
    assert_same(&env, &new);
    // --format csv makes a folder without the trailing slash, and its manifest names it too.
    let other = env.path("other");
    env.ok(&["--format", "csv", "export", "-o", s(&other)]);
    let again = env.path("again.db");
    env.ok(&["--db", s(&again), "restore", s(&other.join("_spm.csv"))]);
    assert_same(&env, &again);
}

#[test]
fn a_database_made_by_init_takes_the_import() {
    let (demo, out) = exported("everything.xlsx");
    let target = Env::fresh();
    target.ok(&["restore", s(&out)]);
    assert_same(&demo, &target.db);
}

#[test]
fn the_old_name_import_still_restores() {
    let (env, out) = exported("everything.xlsx");
    let new = env.path("new.db");
    let stderr =
        String::from_utf8(env.run_ok(&["--db", s(&new), "import", s(&out)]).stderr).expect("UTF-8");
    let (tables, rows) = counts(&env.db);
    assert!(
        stderr.contains(&format!("restored {rows} rows in {tables} tables")),
        "{stderr}"
    );
    assert_same(&env, &new);
}

#[test]
fn help_lists_restore_and_not_its_old_name() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("  ")?.split_whitespace().next())
        .collect();
    assert!(commands.contains(&"restore"), "{help}");
    assert!(commands.contains(&"export"), "{help}");
    assert!(!commands.contains(&"import"), "{help}");
    assert!(!help.contains("spm import"), "{help}");
    let export = env.ok(&["export", "--help"]);
    assert!(export.contains("\"spm restore\""), "{export}");
    assert!(!export.contains("spm import"), "{export}");
}

#[test]
fn the_workbook_reads_back_in_a_spreadsheet() {
    let (_env, out) = exported("everything.xlsx");
    let mut book: Xlsx<_> = open_workbook(&out).expect("the workbook opens");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("_spm"));
    assert_eq!(names.len(), 31, "{names:?}");
    for table in [
        "settings",
        "frameworks",
        "principles",
        "changes",
        "projects",
        "people",
    ] {
        assert!(names.iter().any(|n| n == table), "{table} in {names:?}");
    }
    let manifest = book.worksheet_range("_spm").expect("the manifest");
    let rows: Vec<&[Data]> = manifest.rows().collect();
    assert_eq!(
        rows[0][..3],
        [
            Data::String("entry".into()),
            Data::String("name".into()),
            Data::String("value".into())
        ]
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == Data::String("schema_version".into())
                && r[2] == Data::Float(crate::common::SCHEMA as f64))
    );
    let projects = book.worksheet_range("projects").expect("the projects");
    let header: Vec<String> = projects
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], ["id", "code", "title", "summary"]);
    let col = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let first = projects.rows().nth(1).expect("a project");
    assert_eq!(first[col("id")], Data::Float(1.0), "ids are numbers");
    assert!(matches!(&first[col("code")], Data::String(c) if !c.is_empty()));
    assert!(matches!(
        first[col("review_cadence_months")],
        Data::Float(_)
    ));
    // NULL is an empty cell: some project has no end date.
    let end = col("end_date");
    assert!(
        projects
            .rows()
            .skip(1)
            .any(|r| r.get(end).is_none_or(|c| *c == Data::Empty))
    );
}

#[cfg(unix)]
#[test]
fn exports_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    let (env, out) = exported("everything.xlsx");
    assert_eq!(mode(&out), 0o600);
    let dir = env.path("archive");
    env.ok(&["export", "-o", &format!("{}/", s(&dir))]);
    assert_eq!(mode(&dir), 0o700);
    for name in ["_spm.csv", "people.csv", "changes.csv"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
}

#[test]
fn export_needs_somewhere_to_write() {
    let env = Env::demo();
    let err = env.fails_unchanged(&["export"], 64);
    assert!(
        err.contains("-o FILE.xlsx") && err.contains("-o DIR/"),
        "{err}"
    );
    env.refused(
        &["export", "-o", "all.txt"],
        64,
        "cannot tell what to write",
    );
    env.refused(
        &["--format", "json", "export", "-o", "x/"],
        64,
        "not --format json",
    );
    assert!(!env.path("all.txt").exists() && !env.path("x").exists());
}

#[test]
fn export_will_not_write_into_a_folder_of_other_files() {
    let env = Env::demo();
    let dir = env.path("documents");
    std::fs::create_dir(&dir).expect("a folder");
    std::fs::write(dir.join("projects.csv"), "mine").expect("a file");
    env.refused(
        &["export", "-o", s(&dir)],
        65,
        "holds files but no earlier export",
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("projects.csv")).expect("kept"),
        "mine"
    );
    // An earlier export in the folder is replaced.
    let archive = env.path("archive");
    env.ok(&["export", "-o", &format!("{}/", s(&archive))]);
    env.ok(&["export", "-o", s(&archive)]);
}

#[test]
fn import_into_a_database_with_data_is_refused() {
    let (env, out) = exported("everything.xlsx");
    let err = env.refused(&["restore", s(&out)], 65, "already holds data");
    assert!(err.contains("--db new.db"), "{err}");
}

#[test]
fn an_export_from_a_newer_spm_is_refused() {
    let (env, out) = exported("archive/");
    let manifest = out.join("_spm.csv");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    std::fs::write(
        &manifest,
        text.replace(
            &format!("schema_version,,{},", crate::common::SCHEMA),
            "schema_version,,99,",
        ),
    )
    .expect("edited");
    let target = Env::fresh();
    target.refused(
        &["restore", s(&out)],
        65,
        "exported by a newer spm (schema version 99",
    );
    // Nothing is made at a new path either.
    let new = env.path("new.db");
    expect_error(&[], &env.run(&["--db", s(&new), "restore", s(&out)]), 65);
    assert!(!new.exists());
}

#[test]
fn a_csv_row_with_a_broken_foreign_key_is_refused_where_it_is() {
    let (_env, out) = exported("archive/");
    edit_csv(&out, "reviews", 2, "project_id", Some("9999"));
    let target = Env::fresh();
    let err = target.refused(
        &["restore", s(&out)],
        65,
        "reviews.csv, line 3, column project_id",
    );
    assert!(err.contains("9999"), "{err}");
}

#[test]
fn a_csv_value_of_the_wrong_type_is_refused_where_it_is() {
    let (_env, out) = exported("archive/");
    edit_csv(&out, "projects", 4, "budget_pence", Some("lots"));
    let target = Env::fresh();
    target.refused(
        &["restore", s(&out)],
        65,
        "projects.csv, line 5, column budget_pence: \"lots\" is not a number",
    );
}

#[test]
fn a_csv_row_that_breaks_a_rule_of_the_schema_is_refused() {
    let (_env, out) = exported("archive/");
    edit_csv(&out, "review_scores", 1, "score", Some("9"));
    let target = Env::fresh();
    target.refused(
        &["restore", s(&out)],
        65,
        "review_scores.csv, line 2: CHECK constraint failed",
    );
}

#[test]
fn a_missing_row_is_caught_by_the_manifest() {
    let (_env, out) = exported("archive/");
    edit_csv(&out, "reviews", 5, "id", None);
    let target = Env::fresh();
    target.refused(
        &["restore", s(&out)],
        65,
        "reviews.csv holds 4 rows but the manifest says 5",
    );
}

#[test]
fn a_tampered_workbook_is_refused_where_it_is() {
    let (env, out) = exported("everything.xlsx");
    let target = Env::fresh();
    // A review pointing at no project (row 3 of the sheet: the second review).
    let bad_key = env.path("bad-key.xlsx");
    rewrite_workbook(&out, &bad_key, &[], |sheet, r, c, _| {
        (sheet == "reviews" && r == 2 && c == 1).then_some(Data::Float(9999.0))
    });
    target.refused(
        &["restore", s(&bad_key)],
        65,
        "sheet reviews, row 3, column project_id",
    );
    // Text where an id belongs.
    let bad_type = env.path("bad-type.xlsx");
    rewrite_workbook(&out, &bad_type, &[], |sheet, r, c, _| {
        (sheet == "projects" && r == 1 && c == 0).then(|| Data::String("one".into()))
    });
    target.refused(
        &["restore", s(&bad_type)],
        65,
        "sheet projects, row 2, column id: \"one\" is not a number",
    );
    // The copy itself, untouched, imports: the checks are of the values, not the file.
    let copy = env.path("copy.xlsx");
    rewrite_workbook(&out, &copy, &[], |_, _, _, _| None);
    target.ok(&["restore", s(&copy), "--dry-run"]);
}

#[test]
fn an_export_without_its_manifest_is_refused() {
    let (env, out) = exported("archive/");
    std::fs::remove_file(out.join("_spm.csv")).expect("removed");
    let target = Env::fresh();
    target.refused(
        &["restore", s(&out)],
        65,
        "is not an spm export: it has no _spm.csv",
    );
    let book = env.path("everything.xlsx");
    env.ok(&["export", "-o", s(&book)]);
    let bare = env.path("bare.xlsx");
    rewrite_workbook(&book, &bare, &["_spm"], |_, _, _, _| None);
    target.refused(
        &["restore", s(&bare)],
        65,
        "is not an spm export: it has no sheet _spm",
    );
    let text = env.path("notes.txt");
    std::fs::write(&text, "hello").expect("written");
    target.refused(
        &["restore", s(&text)],
        65,
        "neither an xlsx workbook nor a folder",
    );
    target.refused(
        &["restore", s(&env.path("nowhere.xlsx"))],
        66,
        "no export at",
    );
}

#[test]
fn a_dry_run_or_a_failed_import_leaves_no_new_database() {
    let (env, out) = exported("everything.xlsx");
    let new = env.path("new.db");
    let stderr = String::from_utf8(
        env.run_ok(&["--db", s(&new), "restore", s(&out), "--dry-run"])
            .stderr,
    )
    .expect("UTF-8");
    let (_, rows) = counts(&env.db);
    assert!(
        stderr.contains(&format!("would restore {rows} rows")),
        "{stderr}"
    );
    assert!(!new.exists(), "a dry run makes no database");
    let bad = env.path("bad.xlsx");
    rewrite_workbook(&out, &bad, &[], |sheet, r, c, _| {
        (sheet == "people" && r == 1 && c == 0).then_some(Data::Float(9.5))
    });
    let err = expect_error(&[], &env.run(&["--db", s(&new), "restore", s(&bad)]), 65);
    assert!(
        err.contains("sheet people, row 2, column id: not a whole number"),
        "{err}"
    );
    assert!(!new.exists(), "a failed import leaves no database behind");
}

/// An export made by the spm of schema version 7 (the start of this series of steps, kept
/// as tests/fixtures/archive-schema-7.xlsx) restores into today's schema: what later steps
/// added is left empty, every row it holds comes back, and the database checks clean.
#[test]
fn an_export_of_an_older_schema_restores_into_todays() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/archive-schema-7.xlsx");
    let env = Env::fresh();
    let out = env.run_ok(&["restore", s(&fixture)]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("restored 294 rows in 24 tables"), "{said}");
    assert_eq!(env.list("project", &[]).len(), 15);
    let check = env.ok(&["--format", "json", "db", "check"]);
    let check = crate::common::json(&check);
    assert_eq!(check["schema_version"], crate::common::SCHEMA);
    assert_eq!(check["integrity"], "ok");
    // A table of a later step is there, empty; a later column is empty.
    let conn = env.conn();
    let published: i64 = conn
        .query_row(
            "SELECT count(*) FROM recommendation_publications",
            [],
            |r| r.get(0),
        )
        .expect("the table");
    assert_eq!(published, 0);
    let named: i64 = conn
        .query_row(
            "SELECT count(*) FROM people WHERE consent_to_name IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("the column");
    assert_eq!(named, 0);
    // The restored database works as any other: a review recorded on a restored project.
    env.ok(&[
        "review",
        "add",
        "mh-peer-2025",
        "--on",
        "2026-11-20",
        "--score",
        "CP1=4",
        "--decision",
        "continue",
    ]);
}

/// An export older than the oldest this spm restores is refused, and nothing is made.
#[test]
fn an_export_older_than_the_oldest_restorable_is_refused() {
    let (env, out) = exported("archive/");
    let manifest = out.join("_spm.csv");
    let text = std::fs::read_to_string(&manifest).expect("the manifest");
    std::fs::write(
        &manifest,
        text.replace(
            &format!("schema_version,,{},", crate::common::SCHEMA),
            "schema_version,,6,",
        ),
    )
    .expect("edited");
    let new = env.path("new.db");
    let err = expect_error(&[], &env.run(&["--db", s(&new), "restore", s(&out)]), 65);
    assert!(
        err.contains("exported by an older spm (schema version 6; this spm restores exports of version 7 and later)"),
        "{err}"
    );
    assert!(!new.exists());
}
