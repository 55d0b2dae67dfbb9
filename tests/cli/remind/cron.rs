//! The crontab lines people copy, from `examples/crontab` and the README's cron blocks: each
//! runs as written (paths moved into a temporary folder), mail going to a real SMTP server
//! on this machine.

use std::path::Path;

use crate::common::Env;
use crate::smtp::Smtp;

/// The database path the examples give.
const DB: &str = "/home/you/.local/share/spm/spm.db";
/// The backup the examples write, with cron's escaped `%`.
const BACKUP: &str = "/home/you/backups/spm-$(date +\\%F).db";

/// The spm arguments of each command line of a crontab (not comments or variables).
fn commands(crontab: &str) -> Vec<Vec<String>> {
    crontab
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| {
            // A variable: NAME=value with no schedule before it.
            !l.split_whitespace()
                .next()
                .is_some_and(|w| w.contains('=') && !w.starts_with('"'))
        })
        .map(|line| {
            // Five schedule fields, then the command.
            let command = line
                .split_whitespace()
                .skip(5)
                .collect::<Vec<_>>()
                .join(" ");
            let words = shell_words::split(&command).expect("a command shell can split");
            let at = words
                .iter()
                .position(|w| w.ends_with("/spm"))
                .expect("the line runs spm");
            words[at + 1..].to_vec()
        })
        .collect()
}

/// Runs each line's spm command on a copy of the demo, mailing through a local server.
fn runs_as_written(crontab: &str, what: &str) {
    let smtp = Smtp::start();
    let env = Env::demo();
    smtp.configure(&env);
    env.ok(&[
        "settings",
        "set",
        "coordinator-email",
        "partnerships@example.ac.uk",
    ]);
    let crontab = crontab
        .replace(BACKUP, &env.path("backup.db").display().to_string())
        .replace(DB, &env.db.display().to_string());
    let lines = commands(&crontab);
    assert!(!lines.is_empty(), "{what} has no spm lines");
    for args in lines {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(0), "{what}: spm {args:?}: {out:?}");
    }
    assert!(env.path("backup.db").exists(), "{what} backs up");
    assert!(!smtp.messages().is_empty(), "{what} sends");
}

#[test]
fn the_example_crontab_runs_as_written() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/crontab");
    let crontab = std::fs::read_to_string(&file).expect("examples/crontab");
    let lines = commands(&crontab);
    assert!(
        lines.iter().any(|l| l.contains(&"--send".to_string())),
        "{lines:?}"
    );
    runs_as_written(&crontab, "examples/crontab");
}

#[test]
fn the_readme_cron_blocks_run_as_written() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let blocks: Vec<&str> = readme
        .split("```cron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or_default())
        .collect();
    assert!(blocks.len() >= 2, "the README shows its cron lines");
    // A block that sets SPM_DB gives no --db: the tests' SPM_DB stands in for it.
    runs_as_written(&blocks.concat(), "the cron blocks of README.md");
    assert!(readme.contains("remind --send\n"));
}
