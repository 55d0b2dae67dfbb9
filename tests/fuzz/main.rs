//! Fuzz tests of every reader of outside files: `spm project import` and `spm person import`
//! (CSV and xlsx) and the whole-database restore `spm restore FILE.xlsx|DIR`, on the stable
//! toolchain, inside `cargo test`. See `tests/fuzz/README.md`.
//!
//! Each target replays its seed corpus (`tests/fuzz/corpus/<target>/`, real exports of the
//! demo database) and its regressions (`tests/fuzz/regressions/<target>/`), then mutates them
//! for `SPM_FUZZ_SECONDS` seconds (2 by default). The rules each case is held to are in
//! `oracle.rs`: no panic; an error is one clean message and leaves the database exactly as it
//! was; a success leaves a database that passes `integrity_check` and `foreign_key_check`.

mod dictionary;
mod engine;
mod guard;
mod import;
mod input;
mod known;
mod mutate;
mod oracle;
mod restore;
mod sheets;

use engine::{Target, fuzz};
use import::{Form, Import, Kind};
use input::{Input, inputs_in};
use restore::Restore;

#[test]
fn project_import_csv() {
    fuzz(&mut Import::new(Kind::Projects, Form::Csv));
}

#[test]
fn project_import_xlsx() {
    fuzz(&mut Import::new(Kind::Projects, Form::Xlsx));
}

#[test]
fn person_import_csv() {
    fuzz(&mut Import::new(Kind::People, Form::Csv));
}

#[test]
fn person_import_xlsx() {
    fuzz(&mut Import::new(Kind::People, Form::Xlsx));
}

#[test]
fn restore_workbook() {
    fuzz(&mut Restore::new(restore::Form::Workbook));
}

#[test]
fn restore_folder() {
    fuzz(&mut Restore::new(restore::Form::Folder));
}

/// The seeds that are whole exports (`demo*`, `init*`) import cleanly into an empty database:
/// the fuzzer starts from inputs that reach every check, not from ones refused at the door.
#[test]
fn the_exports_in_the_corpus_import_whole() {
    let (empty, demo) = (0, 1);
    for (kind, form) in [
        (Kind::Projects, Form::Csv),
        (Kind::Projects, Form::Xlsx),
        (Kind::People, Form::Csv),
        (Kind::People, Form::Xlsx),
    ] {
        let mut target = Import::new(kind, form);
        let exports = exports(target.name());
        for (name, input) in exports {
            let (_, opts) = import::options(0);
            let s = target
                .import(input.bytes(), empty, &opts)
                .unwrap_or_else(|e| panic!("{} {name}: {e}", target.name()));
            assert!(s.added >= 10, "{} {name}: {s:?}", target.name());
            // The same file again into the database it came from: everything is there already.
            let s = target
                .import(input.bytes(), demo, &opts)
                .unwrap_or_else(|e| panic!("{} {name} again: {e}", target.name()));
            assert_eq!(
                (s.added, s.kept),
                (0, s.rows),
                "{} {name}: {s:?}",
                target.name()
            );
        }
    }
    for form in [restore::Form::Workbook, restore::Form::Folder] {
        let mut target = Restore::new(form);
        for (name, input) in exports(target.name()) {
            let r = target
                .restore(&input, false)
                .unwrap_or_else(|e| panic!("{} {name}: {e}", target.name()));
            assert_eq!(r.tables, 30, "{} {name}", target.name());
            if name.starts_with("demo") {
                assert!(r.rows > 250, "{} {name}: {r:?}", target.name());
            }
        }
    }
}

fn exports(target: &str) -> Vec<(String, Input)> {
    let found: Vec<(String, Input)> = inputs_in("corpus", target)
        .into_iter()
        .filter(|(name, _)| name.starts_with("demo") || name.starts_with("init"))
        .collect();
    assert!(
        !found.is_empty(),
        "tests/fuzz/corpus/{target} has no export"
    );
    found
}

/// Runs the real binary on an input kept under `tests/fuzz/regressions/` that once made spm
/// abort (which would take this test process with it), with its memory capped at 2 GiB: it
/// must refuse the file with exit 65 and one error line.
fn refused_by_the_binary(noun: &str, target: &str, file: &str) {
    let path = input::repo_dir("regressions", target).join(file);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_spm"))
        .args(["--db", &dir.path().join("spm.db").display().to_string()])
        .args([noun, "import", &path.display().to_string()])
        .env("SPM_TODAY", "2026-11-23")
        .output()
        .expect("spm runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(65)
            && stderr.starts_with("error: ")
            && stderr.lines().count() == 1,
        "spm {noun} import {}: {}\n{stderr}",
        path.display(),
        out.status
    );
}

/// A cell reference such as ZZZZZZ1 made the reader allocate a row of 321 million cells.
#[test]
fn a_cell_beyond_the_last_column_is_refused_not_allocated() {
    refused_by_the_binary("project", "project-xlsx", "wide-column.xlsx");
    refused_by_the_binary("person", "person-xlsx", "wide-column.xlsx");
}

/// calamine reserved room for uniqueCount="1221474836480" shared strings up front.
#[test]
fn a_shared_string_count_no_workbook_holds_is_refused() {
    refused_by_the_binary("project", "project-xlsx", "unique-count.xlsx");
}

/// calamine 0.38 overflows u32 on r="AAAAAAAAA2" or ref="B2:A1" (a panic in debug builds, a
/// wrong column in release): such references are refused before calamine reads them.
#[test]
fn cell_references_calamine_would_overflow_on_are_refused() {
    refused_by_the_binary("project", "project-xlsx", "calamine-overflow.xlsx");
}

/// calamine reads a sheet whatever its root element, and attributes by their exact name: a
/// reversed `<dimension ref="J16:A1">` in a sheet whose root was not `<worksheet>` (behind an
/// `x:ref` that was in order) overflowed its arithmetic (found by the fuzzer in CI).
#[test]
fn a_reversed_dimension_in_a_sheet_of_any_root_is_refused() {
    refused_by_the_binary("person", "person-xlsx", "reversed-dimension-any-root.xlsx");
}
