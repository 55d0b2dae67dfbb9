//! Several spm processes writing at once (DESIGN.md §5): four writers and cron's reminder run
//! together and every write lands, none refused as busy or locked; and the busy timeout makes a
//! write wait out another program's short lock instead of failing at once.

use std::process::Output;
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};

use crate::common::{Env, explain};

/// Writes per writer.
const EACH: usize = 15;

/// How many rows the tables the writers add to hold.
fn counts(env: &Env) -> [i64; 4] {
    let conn = env.conn();
    ["projects", "reviews", "people", "recommendations"].map(|t| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .expect("a count")
    })
}

/// Whether spm said anything about the database being busy or locked.
fn said_busy(out: &Output) -> bool {
    let text = String::from_utf8_lossy(&out.stderr).to_lowercase();
    text.contains("busy") || text.contains("locked")
}

/// The commands of the four writers: projects, reviews, people, recommendations.
fn writers() -> Vec<Vec<Vec<String>>> {
    let words = |s: &[&str]| s.iter().map(|w| (*w).to_string()).collect::<Vec<String>>();
    let first_review = NaiveDate::from_ymd_opt(2025, 10, 2).expect("a date");
    (0..4)
        .map(|w| {
            (0..EACH)
                .map(|i| match w {
                    0 => words(&[
                        "project",
                        "add",
                        &format!("Written alongside others {i}"),
                        "--form",
                        "educational-research",
                        "--level",
                        "partnership",
                    ]),
                    1 => {
                        let on = first_review + Days::new(i as u64 * 3);
                        words(&[
                            "review",
                            "add",
                            "mh-peer-2025",
                            "--on",
                            &on.to_string(),
                            "--decision",
                            "continue",
                        ])
                    }
                    2 => words(&[
                        "person",
                        "add",
                        &format!("Concurrent Partner {i}"),
                        "--kind",
                        "student",
                    ]),
                    _ => words(&[
                        "rec",
                        "add",
                        "--finding",
                        &format!("finding {i}"),
                        "--recommendation",
                        "act on it",
                        "--to",
                        "Estates",
                    ]),
                })
                .collect()
        })
        .collect()
}

#[test]
fn four_writers_and_the_reminder_at_once_lose_nothing_and_never_say_busy() {
    let env = Env::demo();
    let before = counts(&env);
    let start = Barrier::new(5);
    let writing = AtomicBool::new(true);
    let (results, reminders) = thread::scope(|s| {
        let reminder = s.spawn(|| {
            start.wait();
            let mut runs = vec![
                env.std_cmd(&["review", "remind"])
                    .output()
                    .expect("spm runs"),
            ];
            while writing.load(Ordering::SeqCst) {
                runs.push(
                    env.std_cmd(&["review", "remind"])
                        .output()
                        .expect("spm runs"),
                );
            }
            runs
        });
        let threads: Vec<_> = writers()
            .into_iter()
            .map(|cmds| {
                let (env, start) = (&env, &start);
                s.spawn(move || {
                    start.wait();
                    cmds.iter()
                        .map(|args| {
                            let args: Vec<&str> = args.iter().map(String::as_str).collect();
                            (
                                args.join(" "),
                                env.std_cmd(&args).output().expect("spm runs"),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let results: Vec<(String, Output)> = threads
            .into_iter()
            .flat_map(|t| t.join().expect("a writer"))
            .collect();
        writing.store(false, Ordering::SeqCst);
        (results, reminder.join().expect("the reminder"))
    });

    for (shown, out) in &results {
        if !out.status.success() || said_busy(out) {
            panic!(
                "{}",
                explain(
                    &[shown.as_str()],
                    out,
                    "to succeed beside three other writers"
                )
            );
        }
    }
    assert!(!reminders.is_empty());
    for out in &reminders {
        if !out.status.success() || said_busy(out) {
            panic!(
                "{}",
                explain(&["review", "remind"], out, "to succeed during the writes")
            );
        }
    }
    let after = counts(&env);
    let added: Vec<i64> = after.iter().zip(before).map(|(a, b)| a - b).collect();
    assert_eq!(
        added, [EACH as i64; 4],
        "projects, reviews, people, recommendations added"
    );
    eprintln!(
        "{} reminders ran during {} writes",
        reminders.len(),
        results.len()
    );
    env.ok(&["db", "check"]);
}

/// A connection holding the write lock, with an uncommitted write, as another spm would.
fn hold_lock(env: &Env) -> rusqlite::Connection {
    let conn = env.conn();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO projects (code, title, form, level_planned, academic_year)
         VALUES ('held', 'Not saved', 'educational-research', 'partnership', '2026/27');",
    )
    .expect("the lock is taken");
    conn
}

#[test]
fn a_write_waits_out_a_lock_shorter_than_the_busy_timeout() {
    let env = Env::demo();
    let file = env.path("two.csv");
    std::fs::write(
        &file,
        "code,title,form,level,year\n\
         waited-1,Waited one,educational-research,partnership,2026/27\n\
         waited-2,Waited two,educational-research,partnership,2026/27\n",
    )
    .expect("the CSV is written");
    let file_arg = file.display().to_string();
    let held = Duration::from_millis(1500);
    for args in [
        vec![
            "project",
            "add",
            "Waited for the lock",
            "--form",
            "educational-research",
            "--level",
            "partnership",
        ],
        vec!["project", "import", file_arg.as_str()],
        vec!["project", "edit", "mh-peer-2025", "--department", "Law"],
        vec![
            "review",
            "add",
            "mh-peer-2025",
            "--on",
            "2026-11-01",
            "--decision",
            "adapt",
        ],
    ] {
        let lock = hold_lock(&env);
        let mut cmd = env.std_cmd(&args);
        let started = Instant::now();
        let run = thread::spawn(move || cmd.output().expect("spm runs"));
        thread::sleep(held);
        lock.execute_batch("ROLLBACK")
            .expect("the lock is released");
        drop(lock);
        let out = run.join().expect("the spm thread");
        if !out.status.success() {
            panic!(
                "{}",
                explain(&args, &out, "to wait for the lock and succeed")
            );
        }
        assert!(
            started.elapsed() >= held,
            "spm {args:?} finished before the lock was released"
        );
    }
    let codes = env.codes("project", &[]);
    for code in ["waited-1", "waited-2"] {
        assert!(codes.contains(&code.to_string()), "{codes:?}");
    }
    assert!(!codes.contains(&"held".to_string()));
}
