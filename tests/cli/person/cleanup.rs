//! The clean-up after `person forget` (VACUUM, then emptying the write-ahead log) meeting real
//! faults: a reader holding the log, a damaged index. The person stays forgotten, and a
//! warning says so; running forget again finishes the clean-up.

use super::{files_of, holds};
use crate::common::{Env, add_person, person, stderr_of};

/// A fresh database with Yara Vex (#1, staff), named in project x's summary.
fn yara() -> Env {
    let env = Env::fresh();
    add_person(
        &env,
        "Yara Vex",
        "staff",
        &["--email", "yara.vex@erasure-test.example"],
    );
    super::add_project(&env, "x", &["--summary", "run with Yara Vex"]);
    env
}

/// Whether any of the database's files holds `text`.
fn in_files(env: &Env, text: &str) -> bool {
    files_of(&env.db)
        .iter()
        .any(|(_, bytes)| holds(bytes, text))
}

/// The warning a saved forget with an unfinished clean-up gives, naming the fix.
const UNFINISHED: &str = "warning: forgetting is saved, but the clean-up after it did not finish";
const FINISH: &str = "run \"spm person forget 1\" again to finish it";
const FINISHED: &str =
    "former participant #1 was forgotten already, on 2026-11-23; finished the clean-up";

#[test]
fn forget_while_another_program_reads_saves_the_erasure_and_forget_again_finishes_the_clean_up() {
    let env = yara();
    // Another program in the middle of reading: the log cannot be emptied under it.
    let reader = env.conn();
    reader.execute_batch("BEGIN").expect("a read transaction");
    let n: i64 = reader
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .expect("a read");
    assert_eq!(n, 1);

    let out = env.run_ok(&["person", "forget", "1", "--yes"]);
    assert!(out.stdout.is_empty());
    let stderr = stderr_of(&out);
    assert!(stderr.contains("forgot Yara Vex"), "{stderr}");
    assert!(stderr.contains(UNFINISHED), "{stderr}");
    assert!(
        stderr.contains("another program is reading the database"),
        "{stderr}"
    );
    assert!(stderr.contains(FINISH), "{stderr}");
    // Forgetting is saved; the old text is still in the file until the clean-up runs.
    assert_eq!(person(&env, "1")["name"], "former participant #1");
    assert!(in_files(&env, "Yara"));

    // The reader is done but still connected, so nothing but forget empties the log.
    reader.execute_batch("COMMIT").expect("the read ends");
    let out = env.run_ok(&["person", "forget", "1"]);
    let stderr = stderr_of(&out);
    assert!(stderr.contains(FINISHED), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    for (file, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "Yara"), "the name is still in {file}");
    }
    drop(reader);
}

/// Damages the root page of an index that forget never reads but VACUUM copies (the
/// principles of each framework); returns the page's place in the file and its bytes.
fn damage_an_index(env: &Env) -> (std::ops::Range<usize>, Vec<u8>) {
    let range = {
        let conn = env.conn();
        let page: i64 = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'principles_framework'",
                [],
                |r| r.get(0),
            )
            .expect("the index");
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("the page size");
        let (page, size) = (page as usize, size as usize);
        (page - 1) * size..page * size
    };
    let mut bytes = std::fs::read(&env.db).expect("the database file");
    let good = bytes[range.clone()].to_vec();
    bytes[range.clone()].fill(0xff);
    std::fs::write(&env.db, &bytes).expect("the damage is written");
    (range, good)
}

/// Puts a damaged page back as it was.
fn repair(env: &Env, range: std::ops::Range<usize>, good: &[u8]) {
    let mut bytes = std::fs::read(&env.db).expect("the database file");
    bytes[range].copy_from_slice(good);
    std::fs::write(&env.db, &bytes).expect("the repair is written");
}

#[test]
fn forget_on_a_damaged_index_saves_the_erasure_and_forget_again_finishes_once_it_is_repaired() {
    let env = yara();
    let (range, good) = damage_an_index(&env);

    let out = env.run_ok(&["person", "forget", "1", "--yes"]);
    assert!(out.stdout.is_empty());
    let stderr = stderr_of(&out);
    assert!(stderr.contains("forgot Yara Vex"), "{stderr}");
    assert!(
        stderr.contains(&format!("{UNFINISHED}: the database file is damaged")),
        "{stderr}"
    );
    assert!(stderr.contains(FINISH), "{stderr}");
    assert_eq!(person(&env, "1")["name"], "former participant #1");
    assert_eq!(
        env.show("project", "x")["summary"],
        "run with former participant #1"
    );

    // Still damaged: forget says the clean-up cannot finish, and changes nothing.
    env.refused(
        &["person", "forget", "1"],
        65,
        "error: former participant #1 was forgotten already, on 2026-11-23, but the clean-up after it still cannot finish: the database file is damaged",
    );

    repair(&env, range, &good);
    let out = env.run_ok(&["person", "forget", "1"]);
    assert!(stderr_of(&out).contains(FINISHED), "{out:?}");
    let check: String = env
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("an integrity check");
    assert_eq!(check, "ok");
    for (file, bytes) in files_of(&env.db) {
        assert!(!holds(&bytes, "Yara"), "the name is still in {file}");
    }
}

#[test]
fn retention_on_a_damaged_index_saves_the_erasure_and_names_the_command_that_finishes() {
    let env = super::retention_env();
    let (range, good) = damage_an_index(&env);
    let out = env.run_ok(&["person", "retention", "--yes"]);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("forgot 4 people"), "{stderr}");
    assert!(stderr.contains(UNFINISHED), "{stderr}");
    // The first forgotten (the longest gone) names the command; any of them would do.
    assert!(
        stderr.contains("run \"spm person forget 4\" again to finish it"),
        "{stderr}"
    );
    assert_eq!(person(&env, "2")["name"], "former participant #2");
    repair(&env, range, &good);
    let out = env.run_ok(&["person", "forget", "4"]);
    assert!(
        stderr_of(&out).contains("former participant #4 was forgotten already"),
        "{out:?}"
    );
    assert!(!in_files(&env, "Old Student"));
}
