//! Crash safety (DESIGN.md §5, STYLE.md "Tests"): an import killed with SIGKILL at random
//! moments, as a power cut or the OOM killer would end it, leaves a database that passes
//! SQLite's integrity check and holds either none of the file's projects or all of them; the
//! next spm recovers the hot write-ahead log the killed one left, and a final import works.
//!
//! `SPM_KILLS` sets how many kills (20 by default), `SPM_KILL_SEED` the random seed.

use std::path::Path;
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::Env;

/// splitmix64, seeded: the same kill times for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A fraction in [0, 1).
    fn fraction(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

/// Writes a CSV of `rows` projects with codes, leads and themes.
fn write_projects(path: &Path, rows: usize) {
    let mut text = String::from("code,title,form,level,year,department,lead,themes\n");
    for i in 0..rows {
        text.push_str(&format!(
            "crash-{i},Project written when the power went {i},educational-research,partnership,2026/27,Dept {},Dr Lead {},belonging; theme {}\n",
            i % 7,
            i % 13,
            i % 5
        ));
    }
    std::fs::write(path, text).expect("the CSV is written");
}

/// What a database holds, checked: `integrity_check` must say ok and every project must have
/// the change-log entry its transaction wrote. Returns the number of projects.
fn checked_projects(db: &Path) -> i64 {
    // Opening recovers the write-ahead log a killed writer left, as the next spm would.
    let conn = rusqlite::Connection::open(db).expect("the database opens after the kill");
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("integrity_check runs");
    assert_eq!(integrity, ["ok"], "the database is damaged after a kill");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check runs");
    assert_eq!(broken, 0, "foreign keys broken after a kill");
    let (projects, logged): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM projects),
                    (SELECT count(*) FROM changes WHERE entity = 'project' AND action = 'insert')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the counts");
    assert_eq!(projects, logged, "projects without their change-log entry");
    projects
}

/// Copies the database at `from` (no write-ahead log: it was closed cleanly) over `to`.
fn reset(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", to.display());
        let _ = std::fs::remove_file(side);
    }
    std::fs::copy(from, to).expect("the database is reset");
}

#[test]
fn an_import_killed_at_random_moments_keeps_all_or_nothing() {
    let env = Env::fresh();
    let pristine = env.path("pristine.db");
    std::fs::copy(&env.db, &pristine).expect("a copy of the empty database");
    let before = checked_projects(&env.db);
    let file = env.path("big.csv");
    let file_arg = file.display().to_string();

    // A file big enough that the import takes most of a second: a dry run does all the work
    // of an import but the commit, so it times one.
    let mut rows = 8_000;
    let took = loop {
        write_projects(&file, rows);
        let started = Instant::now();
        env.ok(&["project", "import", &file_arg, "--dry-run"]);
        let took = started.elapsed();
        if took >= Duration::from_millis(700) || rows >= 128_000 {
            break took;
        }
        rows *= 2;
    };
    let all = before + rows as i64;

    let kills = env_number("SPM_KILLS", 20);
    let seed = env_number("SPM_KILL_SEED", 20_261_123);
    let mut rng = Rng(seed);
    let (mut during, mut finished, mut alone) = (0, 0, 0);
    for k in 0..kills {
        // Half the kills anywhere in the import, half around its end, where it commits.
        let at = if k % 2 == 0 {
            took.mul_f64(rng.fraction() * 1.1)
        } else {
            took.mul_f64(0.85 + rng.fraction() * 0.3)
        };
        let mut child = env
            .std_cmd(&["project", "import", &file_arg])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spm starts");
        thread::sleep(at);
        let ended_alone = child.try_wait().expect("the import's status").is_some();
        if ended_alone {
            alone += 1;
        } else {
            child.kill().expect("SIGKILL is sent");
        }
        let status = child.wait().expect("the import ends");
        let projects = checked_projects(&env.db);
        assert!(
            projects == before || projects == all,
            "kill {k} (seed {seed}) after {at:?} ({status}): {projects} projects, expected {before} or {all}"
        );
        if projects == all {
            finished += 1;
            // Start again from the empty database, so the next import writes again.
            reset(&pristine, &env.db);
        } else {
            during += 1;
        }
    }
    eprintln!(
        "{kills} kills (seed {seed}) of an import of {rows} rows taking {took:?}: {during} left nothing, {finished} had committed ({alone} of them had ended before the kill)"
    );
    assert!(
        during > 0,
        "no kill landed inside an import: the import is too quick to test"
    );

    // The next import, on whatever the last kill left, brings in the whole file.
    let out = env.run_ok(&["project", "import", &file_arg]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("({rows} rows): added {rows} projects")),
        "the final import: {said}"
    );
    assert_eq!(checked_projects(&env.db), all);
    env.ok(&["db", "check"]);
}
