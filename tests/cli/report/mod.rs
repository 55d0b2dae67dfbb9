//! `spm report ...`: participation (who takes part, grouped, in counts safe to publish: HESA
//! rounding and suppression, unless `--raw` asks for exact figures) and the other reports, a
//! file each; every report of the demo is pinned here as a snapshot.
//!
//! People and their places on projects are written straight into the database, so these
//! tests do not depend on the people commands.

mod all;
mod every;
mod funding;
mod outcomes;
mod participation;
mod principles;
mod recommendations;
mod reviews;
mod series;
mod summary;

use rusqlite::{Connection, params};
use serde_json::Value as Json;

use crate::common::Env;

/// What `--raw` says on stderr.
const RAW_WARNING: &str = "warning: --raw shows exact counts that can identify people in small groups; do not publish them";

/// Writes projects, people and their places straight into a test database.
struct Seed {
    conn: Connection,
}

impl Seed {
    fn new(env: &Env) -> Seed {
        Seed { conn: env.conn() }
    }

    /// A project in academic year `year` (e.g. "2025/26") running from `start` to `end`.
    fn project(&self, code: &str, year: &str, start: Option<&str>, end: Option<&str>) -> i64 {
        self.conn
            .execute(
                "INSERT INTO projects (code, title, form, level_planned, status, academic_year,
                     start_date, end_date)
                 VALUES (?1, ?1, 'wider-student-experience', 'partnership', 'active', ?2, ?3, ?4)",
                params![code, year, start, end],
            )
            .expect("a project");
        self.conn.last_insert_rowid()
    }

    /// A person of `kind` ("student", "staff", "external"), with a level and department.
    fn person(&self, kind: &str, level: Option<&str>, dept: Option<&str>) -> i64 {
        self.conn
            .execute(
                "INSERT INTO people (name, kind, level, department) VALUES ('Someone', ?1, ?2, ?3)",
                params![kind, level, dept],
            )
            .expect("a person");
        self.conn.last_insert_rowid()
    }

    /// `person`'s place on `project` as `role`, from `from` to `to`; returns its id.
    fn place(
        &self,
        project: i64,
        person: i64,
        role: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> i64 {
        self.conn
            .execute(
                "INSERT INTO project_partners (project_id, person_id, role, from_date, to_date)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![project, person, role, from, to],
            )
            .expect("a place on a project");
        self.conn.last_insert_rowid()
    }

    /// `minutes` given on `on` in the place `partner`.
    fn contribution(&self, partner: i64, on: &str, minutes: i64) {
        self.conn
            .execute(
                "INSERT INTO contributions (partner_id, on_date, minutes) VALUES (?1, ?2, ?3)",
                params![partner, on, minutes],
            )
            .expect("a contribution");
    }

    /// `person` declares `value` for `category`.
    fn characteristic(&self, person: i64, category: &str, value: &str) {
        self.conn
            .execute(
                "INSERT INTO person_characteristics (person_id, category, value) VALUES (?1, ?2, ?3)",
                params![person, category, value],
            )
            .expect("a characteristic");
    }

    /// `n` people of `kind` in `dept`, each a `role` on `project` who gave `minutes` on
    /// 2025-10-01.
    fn crowd(
        &self,
        n: usize,
        project: i64,
        kind: &str,
        dept: Option<&str>,
        role: &str,
        minutes: i64,
    ) {
        for _ in 0..n {
            let id = self.person(kind, None, dept);
            let place = self.place(project, id, role, None, None);
            if minutes > 0 {
                self.contribution(place, "2025-10-01", minutes);
            }
        }
    }
}

/// `spm --format json report participation ARGS`: (group, people, percent, average hours).
fn report(env: &Env, args: &[&str]) -> Vec<(String, Json, Json, Json)> {
    let mut full = vec!["report", "participation"];
    full.extend_from_slice(args);
    env.json_list(&full)
        .into_iter()
        .map(|row| {
            let keys: Vec<&str> = row
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            assert_eq!(keys, ["group", "people", "percent", "average_hours"]);
            (
                row["group"].as_str().expect("a group").to_string(),
                row["people"].clone(),
                row["percent"].clone(),
                row["average_hours"].clone(),
            )
        })
        .collect()
}

/// The (group, people) of each row of the report.
fn counts(env: &Env, args: &[&str]) -> Vec<(String, i64)> {
    report(env, args)
        .into_iter()
        .map(|(group, people, _, _)| (group, people.as_i64().expect("a whole number")))
        .collect()
}

/// Exact (group, people) of each row: `counts` with `--raw`.
fn raw(env: &Env, args: &[&str]) -> Vec<(String, i64)> {
    let mut full = args.to_vec();
    full.push("--raw");
    counts(env, &full)
}

/// Turns `[("a", 1), ...]` into owned rows, to compare with `counts`.
fn rows(expected: &[(&str, i64)]) -> Vec<(String, i64)> {
    expected.iter().map(|(g, n)| (g.to_string(), *n)).collect()
}

/// Every report of the family, but participation (tested above).
const REPORTS: [&str; 6] = [
    "summary",
    "principles",
    "reviews",
    "outcomes",
    "recommendations",
    "funding",
];

/// `spm --format json report NAME ARGS`: one object per row.
fn rows_of(env: &Env, name: &str, args: &[&str]) -> Vec<Json> {
    let mut full = vec!["report", name];
    full.extend_from_slice(args);
    env.json_list(&full)
}

/// The rows whose `key` is `value`.
fn where_is<'a>(rows: &'a [Json], key: &str, value: &str) -> Vec<&'a Json> {
    rows.iter().filter(|r| r[key] == value).collect()
}

/// Each report of the demo programme, pinned as Markdown: a change to any figure shows here.
#[test]
fn each_report_of_the_demo_is_pinned() {
    let env = Env::demo();
    for name in REPORTS.iter().chain(["participation"].iter()) {
        let md = env.ok(&["--format", "md", "report", name]);
        insta::assert_snapshot!(format!("demo_{name}"), md);
    }
    let md = env.ok(&["--format", "md", "report", "summary", "--year", "2025/26"]);
    insta::assert_snapshot!("demo_summary_2025_26", md);
}
