//! What every report shares: every format, an empty database, bad filters, help with examples.

use serde_json::Value as Json;

use super::{REPORTS, rows_of};
use crate::common::{Env, read_csv};

#[test]
fn every_report_writes_every_format() {
    let env = Env::demo();
    for name in REPORTS {
        let rows = rows_of(&env, name, &[]);
        assert!(!rows.is_empty(), "{name}");
        let keys: Vec<String> = rows[0]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        let csv = env.ok(&["--format", "csv", "report", name]);
        let (header, records) = read_csv(&csv);
        assert_eq!(header, keys, "{name}");
        assert_eq!(records.len(), rows.len(), "{name}");
        let md = env.ok(&["--format", "md", "report", name]);
        assert_eq!(md.lines().count(), rows.len() + 2, "{name}: {md}");
        assert!(
            md.lines().nth(1).is_some_and(|l| l.starts_with("|")),
            "{name}: {md}"
        );
        let table = env.ok(&["report", name]);
        assert!(table.contains('│'), "{name}: {table}");
        // Nothing on stderr without --raw.
        let out = env.run_ok(&["report", name]);
        assert!(out.stderr.is_empty(), "{name}");
    }
}

#[test]
fn every_report_works_on_an_empty_database() {
    let env = Env::fresh();
    for name in REPORTS {
        env.ok(&["--format", "json", "report", name]);
    }
    assert_eq!(rows_of(&env, "outcomes", &[]), Vec::<Json>::new());
    assert_eq!(rows_of(&env, "reviews", &[]).len(), 1);
}

#[test]
fn every_report_refuses_a_bad_year_or_department() {
    let env = Env::demo();
    for name in REPORTS {
        for year in ["2025/27", "2025", "next"] {
            env.refused(&["report", name, "--year", year], 65, "academic year");
        }
        let stderr = env.refused(
            &["report", name, "--dept", "Histroy"],
            66,
            "no project in department \"Histroy\"",
        );
        assert!(stderr.contains("History, Law"), "{stderr}");
        env.refused(&["report", name, "--dept", " "], 65, "--dept is empty");
    }
    // --raw is only for reports with counts of people.
    env.clap_fails(&["report", "funding", "--raw"], "--raw");
}

#[test]
fn every_report_has_help_with_examples() {
    let env = Env::new();
    for name in REPORTS {
        let help = env.ok(&["report", name, "--help"]);
        assert!(help.contains("Examples:"), "{name}: {help}");
        assert!(help.contains("--year") && help.contains("--dept"), "{name}");
    }
}
