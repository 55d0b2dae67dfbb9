//! `spm report participation`: who takes part, grouped, in counts safe to publish (HESA
//! rounding and suppression) unless `--raw` asks for exact figures.
//!
//! People and their places on projects are written straight into the database, so these
//! tests do not depend on the people commands.

use rusqlite::{Connection, params};
use serde_json::{Value as Json, json};

use crate::common::{Env, read_csv};

/// What `--raw` says on stderr.
const RAW_WARNING: &str = "warning: --raw shows exact counts that can identify people in small groups; do not publish them";

// ---------------------------------------------------------------------------------------------
// helpers

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

/// The (group, people) cells of a report printed in `format`, read back from the text.
fn people_cells(format: &str, text: &str) -> Vec<(String, String)> {
    let pair = |cells: Vec<String>| (cells[0].clone(), cells[1].clone());
    match format {
        "json" => match crate::common::json(text) {
            Json::Array(items) => items
                .iter()
                .map(|r| (r["group"].to_string(), r["people"].to_string()))
                .collect(),
            other => panic!("expected a JSON list, got {other}"),
        },
        "csv" => {
            let (header, records) = read_csv(text);
            assert_eq!(header[..2], ["group", "people"]);
            records.into_iter().map(pair).collect()
        }
        "md" => text
            .lines()
            .skip(2)
            .map(|line| {
                pair(
                    line.trim_matches('|')
                        .split('|')
                        .map(|c| c.trim().to_string())
                        .collect(),
                )
            })
            .collect(),
        "table" => text
            .lines()
            .filter(|line| line.starts_with('│') && !line.contains("People"))
            .map(|line| {
                pair(
                    line.trim_matches('│')
                        .split(['│', '┆'])
                        .map(|c| c.trim().to_string())
                        .collect(),
                )
            })
            .collect(),
        other => panic!("no reader for {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// HESA rounding and suppression

/// 13 students who gave an hour each, 8 staff who gave half an hour, 2 externals: 23 people.
fn twenty_three() -> Env {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    seed.crowd(13, p, "student", None, "student-partner", 60);
    seed.crowd(8, p, "staff", None, "staff-partner", 30);
    seed.crowd(2, p, "external", None, "panellist", 0);
    env
}

#[test]
fn counts_are_rounded_to_the_nearest_five() {
    let env = twenty_three();
    assert_eq!(
        report(&env, &[]),
        vec![
            // A group shown as 0 has no percentage (it would say the group is not empty);
            // percentages are of the rounded counts, in whole numbers; the total's average
            // is withheld with a group's, or differencing would give that group's hours away.
            ("external".into(), json!(0), json!(".."), json!("..")),
            ("staff".into(), json!(10), json!(40.0), json!(0.5)),
            ("student".into(), json!(15), json!(60.0), json!(1.0)),
            ("Total".into(), json!(25), json!(100.0), json!("..")),
        ]
    );
    // --by kind is the default.
    assert_eq!(counts(&env, &["--by", "kind"]), counts(&env, &[]));
    let table = env.ok(&["report", "participation"]);
    assert!(table.contains("% of all"), "{table}");
    assert!(table.contains(".."), "{table}");
}

#[test]
fn percentages_need_23_people_and_averages_8() {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    seed.crowd(22, p, "student", None, "student-partner", 60);
    // 22 people: every percentage is suppressed; 22 students' average is not.
    assert_eq!(
        report(&env, &[]),
        vec![
            ("external".into(), json!(0), json!(".."), json!("..")),
            ("staff".into(), json!(0), json!(".."), json!("..")),
            ("student".into(), json!(20), json!(".."), json!(1.0)),
            ("Total".into(), json!(20), json!(".."), json!("..")),
        ]
    );
    // The 23rd person: percentages appear, of the rounded counts, but not beside a 0.
    seed.crowd(1, p, "staff", None, "lead", 120);
    let rows = report(&env, &[]);
    assert_eq!(
        rows[1],
        ("staff".into(), json!(0), json!(".."), json!(".."))
    );
    assert_eq!(rows[2].2, json!(80.0));
    // Seven staff: their average is still suppressed; the eighth shows it.
    seed.crowd(6, p, "staff", None, "lead", 120);
    assert_eq!(report(&env, &[])[1].3, json!(".."));
    seed.crowd(1, p, "staff", None, "lead", 120);
    assert_eq!(report(&env, &[])[1].3, json!(2.0));
}

#[test]
fn suppressed_cells_print_as_two_dots_in_every_format() {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    seed.crowd(3, p, "student", None, "student-partner", 60);
    let csv = env.ok(&["--format", "csv", "report", "participation"]);
    let (header, records) = read_csv(&csv);
    assert_eq!(header, ["group", "people", "percent", "average_hours"]);
    assert_eq!(records[2], ["student", "5", "..", ".."]);
    let md = env.ok(&["--format", "md", "report", "participation"]);
    assert!(md.contains("| student | 5 | .. | .. |"), "{md}");
    let table = env.ok(&["report", "participation"]);
    let student = table
        .lines()
        .find(|l| l.contains("student"))
        .expect("a student row");
    assert_eq!(
        student.split(['│', '┆']).map(str::trim).collect::<Vec<_>>(),
        ["", "student", "5", "..", "..", ""]
    );
}

#[test]
fn an_empty_database_reports_nobody() {
    let env = Env::fresh();
    assert_eq!(
        report(&env, &[]).last(),
        Some(&("Total".into(), json!(0), json!(".."), json!("..")))
    );
}

/// Groups of distinctive sizes: no count that leaves spm may be one of them, in any format.
#[test]
fn no_exact_count_leaks_in_any_format() {
    const SIZES: [usize; 10] = [1, 2, 3, 4, 6, 7, 9, 11, 13, 17];
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    let depts: Vec<String> = (0..SIZES.len()).map(|i| format!("Dept {i}")).collect();
    for (n, dept) in SIZES.iter().zip(&depts) {
        seed.crowd(*n, p, "student", Some(dept), "student-partner", 30);
    }
    let total: usize = SIZES.iter().sum();
    let exact: Vec<String> = SIZES
        .iter()
        .chain([&total])
        .filter(|n| *n % 5 != 0)
        .map(|n| n.to_string())
        .collect();

    assert_eq!(
        counts(&env, &["--by", "dept"]),
        rows(&[
            ("Dept 0", 0),
            ("Dept 1", 0),
            ("Dept 2", 5),
            ("Dept 3", 5),
            ("Dept 4", 5),
            ("Dept 5", 5),
            ("Dept 6", 10),
            ("Dept 7", 10),
            ("Dept 8", 15),
            ("Dept 9", 15),
            ("not recorded", 0),
            ("Total", 75),
        ])
    );
    for by in ["dept", "kind", "level", "role"] {
        for format in ["table", "csv", "json", "md"] {
            let text = env.ok(&["--format", format, "report", "participation", "--by", by]);
            let cells = people_cells(format, &text);
            assert!(cells.len() >= 2, "--by {by} --format {format}: {text}");
            for (group, people) in cells {
                let n: u64 = people
                    .parse()
                    .unwrap_or_else(|_| panic!("--format {format}: count {people:?} in {text}"));
                assert_eq!(n % 5, 0, "--by {by} --format {format}: {group} {n}\n{text}");
                assert!(
                    !exact.contains(&people),
                    "--by {by} --format {format}: exact count {people} of {group}\n{text}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// --raw

#[test]
fn raw_gives_exact_figures_and_warns() {
    let env = twenty_three();
    let out = env.run_ok(&["--format", "json", "report", "participation", "--raw"]);
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_eq!(stderr.trim_end(), RAW_WARNING);
    assert_eq!(
        raw(&env, &[]),
        rows(&[
            ("external", 2),
            ("staff", 8),
            ("student", 13),
            ("Total", 23)
        ])
    );
    // Exact figures are never suppressed: two externals' average is shown.
    let rows = report(&env, &["--raw"]);
    assert_eq!(
        rows[0],
        ("external".into(), json!(2), json!(8.7), json!(0.0))
    );
    // Without --raw, nothing is said on stderr.
    let out = env.run_ok(&["report", "participation"]);
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// grouping

/// Four people on two projects, and a fifth on record who takes part in nothing:
/// Ann (student, ug, History) a student partner and an intern, Bob (student, pgt, "history")
/// a student partner, Cat (staff, Physics) a lead, Dan (student, nothing recorded) a change
/// maker, and Eve (staff, Zoology) with no place.
fn four_people() -> (Env, [i64; 5]) {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    let q = seed.project("q", "2025/26", None, None);
    let ann = seed.person("student", Some("ug"), Some("History"));
    let bob = seed.person("student", Some("pgt"), Some("history"));
    let cat = seed.person("staff", None, Some("Physics"));
    let dan = seed.person("student", None, None);
    let eve = seed.person("staff", None, Some("Zoology"));
    seed.place(p, ann, "student-partner", None, None);
    seed.place(q, ann, "intern", None, None);
    seed.place(p, bob, "student-partner", None, None);
    seed.place(p, cat, "lead", None, None);
    seed.place(q, dan, "change-maker", None, None);
    (env, [ann, bob, cat, dan, eve])
}

#[test]
fn groups_by_kind_level_dept_and_role() {
    let (env, _) = four_people();
    assert_eq!(
        raw(&env, &["--by", "kind"]),
        rows(&[("external", 0), ("staff", 1), ("student", 3), ("Total", 4)])
    );
    assert_eq!(
        raw(&env, &["--by", "level"]),
        rows(&[
            ("pgr", 0),
            ("pgt", 1),
            ("ug", 1),
            ("not recorded", 2),
            ("Total", 4)
        ])
    );
    // Departments differing only in case are one; every department on record is listed.
    assert_eq!(
        raw(&env, &["--by", "dept"]),
        rows(&[
            ("History", 2),
            ("Physics", 1),
            ("Zoology", 0),
            ("not recorded", 1),
            ("Total", 4)
        ])
    );
    // Ann has two roles and counts once in each; the Total counts her once.
    assert_eq!(
        raw(&env, &["--by", "ROLE"]),
        rows(&[
            ("academic-rep", 0),
            ("change-maker", 1),
            ("external-partner", 0),
            ("intern", 1),
            ("lead", 1),
            ("panellist", 0),
            ("staff-partner", 0),
            ("student-partner", 2),
            ("Total", 4)
        ])
    );
}

#[test]
fn groups_by_a_characteristic() {
    let (env, [ann, bob, _, dan, _]) = four_people();
    let seed = Seed::new(&env);
    seed.characteristic(ann, "disability", "yes");
    seed.characteristic(bob, "disability", "prefer not to say");
    seed.characteristic(dan, "disability", "no");
    // An erased person still counts, but what they declared is gone (even a row left over).
    let p = seed.project("r", "2025/26", None, None);
    let fay = seed.person("student", None, None);
    seed.place(p, fay, "panellist", None, None);
    seed.characteristic(fay, "disability", "yes");
    seed.conn
        .execute(
            "UPDATE people SET erased_on = '2026-01-01', name = 'former participant' WHERE id = ?1",
            [fay],
        )
        .expect("erasure");
    // "prefer not to say" is its own group; no row at all is "not recorded".
    assert_eq!(
        raw(&env, &["--by", "Disability"]),
        rows(&[
            ("no", 1),
            ("prefer not to say", 1),
            ("yes", 1),
            ("not recorded", 2),
            ("Total", 5)
        ])
    );
    assert_eq!(
        counts(&env, &["--by", "disability"]),
        rows(&[
            ("no", 0),
            ("prefer not to say", 0),
            ("yes", 0),
            ("not recorded", 0),
            ("Total", 5)
        ])
    );
}

#[test]
fn a_year_counts_the_places_that_overlap_it() {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    // Dated by the place, by the project, or only by the project's academic year.
    let dated = seed.project("dated", "2024/25", Some("2024-10-01"), Some("2025-06-30"));
    let open = seed.project("open", "2024/25", Some("2024-10-01"), None);
    let undated = seed.project("undated", "2026/27", None, None);
    let early = seed.person("student", None, None);
    let lasting = seed.person("staff", None, None);
    let joined = seed.person("external", None, None);
    let later = seed.person("student", None, None);
    seed.place(dated, early, "student-partner", None, None);
    let lead = seed.place(open, lasting, "lead", None, None);
    seed.place(
        dated,
        joined,
        "panellist",
        Some("2025-08-31"),
        Some("2025-09-01"),
    );
    seed.place(undated, later, "intern", None, None);
    seed.contribution(lead, "2025-08-31", 60);
    seed.contribution(lead, "2025-09-01", 120);

    let kinds = |year: &str| raw(&env, &["--year", year]);
    assert_eq!(
        kinds("2023/24"),
        rows(&[("external", 0), ("staff", 0), ("student", 0), ("Total", 0)])
    );
    assert_eq!(
        kinds("2024/25"),
        rows(&[("external", 1), ("staff", 1), ("student", 1), ("Total", 3)])
    );
    // The place that ends on 1 September overlaps 2025/26 by a day.
    assert_eq!(
        kinds("2025-26"),
        rows(&[("external", 1), ("staff", 1), ("student", 0), ("Total", 2)])
    );
    assert_eq!(
        kinds("2026/2027"),
        rows(&[("external", 0), ("staff", 1), ("student", 1), ("Total", 2)])
    );
    assert_eq!(
        raw(&env, &[]),
        rows(&[("external", 1), ("staff", 1), ("student", 2), ("Total", 4)])
    );
    // Only the hours given in the year count towards it.
    let staff = |year: &str| report(&env, &["--raw", "--year", year])[1].3.clone();
    assert_eq!(staff("2024/25"), json!(1.0));
    assert_eq!(staff("2025/26"), json!(2.0));
}

// ---------------------------------------------------------------------------------------------
// bad input

#[test]
fn an_unknown_grouping_is_refused() {
    let (env, [ann, ..]) = four_people();
    let stderr = env.refused(
        &["report", "participation", "--by", "colour"],
        65,
        "cannot group by \"colour\"",
    );
    assert!(stderr.contains("kind, level, dept or role"), "{stderr}");
    env.refused(
        &["report", "participation", "--by", " "],
        65,
        "--by is empty",
    );
    Seed::new(&env).characteristic(ann, "ethnicity", "prefer not to say");
    env.refused(
        &["report", "participation", "--by", "colour", "--raw"],
        65,
        "a recorded characteristic (ethnicity)",
    );
}

#[test]
fn a_bad_year_is_refused() {
    let (env, _) = four_people();
    for year in ["2025/27", "2025", "next", ""] {
        env.refused(
            &["report", "participation", "--year", year],
            65,
            "academic year",
        );
    }
}

// ---------------------------------------------------------------------------------------------
// the other reports: summary, principles, reviews, outcomes, recommendations, funding

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

/// The summary's value of `measure` in `section`.
fn summary_value(rows: &[Json], section: &str, measure: &str) -> Json {
    rows.iter()
        .find(|r| r["section"] == section && r["measure"] == measure)
        .map(|r| r["value"].clone())
        .unwrap_or_else(|| panic!("no {section}/{measure} in {rows:?}"))
}

/// The rows whose `key` is `value`.
fn where_is<'a>(rows: &'a [Json], key: &str, value: &str) -> Vec<&'a Json> {
    rows.iter().filter(|r| r[key] == value).collect()
}

#[test]
fn summary_gives_the_demo_year_at_a_glance() {
    let env = Env::demo();
    let rows = rows_of(&env, "summary", &[]);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["section", "measure", "value"]);
    let v = |s: &str, m: &str| summary_value(&rows, s, m);
    assert_eq!(v("projects", "total"), json!(15));
    assert_eq!(v("projects by status", "active"), json!(6));
    assert_eq!(v("projects by status", "proposed"), json!(2));
    assert_eq!(v("projects by form", "educational-research"), json!(4));
    assert_eq!(v("engagement planned", "partnership"), json!(7));
    assert_eq!(v("engagement achieved", "partnership"), json!(5));
    assert_eq!(v("engagement achieved", "below planned"), json!(3));
    assert_eq!(v("reviews", "done"), json!(5));
    // Three active projects never reviewed are past their first due date.
    assert_eq!(v("reviews", "overdue"), json!(3));
    assert_eq!(v("recommendations", "raised"), json!(5));
    assert_eq!(v("recommendations", "not-adopted"), json!(1));
    assert_eq!(v("fund", "awarded"), json!(6000.0));
    assert_eq!(v("fund", "spent"), json!(2150.0));
    assert_eq!(v("partners", "hours"), json!(52.0));
    // Counts of people are rounded to the nearest 5.
    for kind in ["people", "student", "staff", "external"] {
        let n = v("partners", kind).as_i64().expect("a count");
        assert_eq!(n % 5, 0, "{kind}: {n}");
    }
}

#[test]
fn summary_keeps_to_the_year_and_department() {
    let env = Env::demo();
    let rows = rows_of(
        &env,
        "summary",
        &["--year", "2025/26", "--dept", "SOCIOLOGY"],
    );
    let v = |s: &str, m: &str| summary_value(&rows, s, m);
    assert_eq!(v("projects", "total"), json!(1));
    assert_eq!(v("engagement achieved", "below planned"), json!(1));
    assert_eq!(v("reviews", "done"), json!(1));
    assert_eq!(v("fund", "requested"), json!(2500.0));
    assert_eq!(v("fund", "awarded"), json!(0.0));
    // Panel recommendations have no department.
    assert_eq!(v("recommendations", "raised"), json!(0));
    let rows = rows_of(&env, "summary", &["--year", "2021/22"]);
    assert_eq!(summary_value(&rows, "projects", "total"), json!(3));
    assert_eq!(summary_value(&rows, "reviews", "done"), json!(0));
}

#[test]
fn summary_rounds_people_unless_raw() {
    let env = Env::fresh();
    let seed = Seed::new(&env);
    let p = seed.project("p", "2025/26", None, None);
    seed.crowd(7, p, "student", None, "student-partner", 30);
    let rows = rows_of(&env, "summary", &[]);
    assert_eq!(summary_value(&rows, "partners", "people"), json!(5));
    assert_eq!(summary_value(&rows, "partners", "student"), json!(5));
    assert_eq!(summary_value(&rows, "partners", "hours"), json!(3.5));
    let out = env.run_ok(&["-q", "--format", "json", "report", "summary", "--raw"]);
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_eq!(stderr.trim_end(), RAW_WARNING);
    let rows = match crate::common::json(&String::from_utf8_lossy(&out.stdout)) {
        Json::Array(rows) => rows,
        other => panic!("not a list: {other}"),
    };
    assert_eq!(summary_value(&rows, "partners", "people"), json!(7));
    let out = env.run_ok(&["report", "summary"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A project in `dept`, with `status`, started `start`, reviewed on each of `reviews`.
fn reviewed(env: &Env, code: &str, dept: &str, status: &str, start: &str, reviews: &[&str]) {
    let conn = env.conn();
    conn.execute(
        "INSERT INTO projects (code, title, form, level_planned, status, department,
             academic_year, start_date)
         VALUES (?1, ?1, 'educational-research', 'partnership', ?2, ?3, '2023/24', ?4)",
        params![code, status, dept, start],
    )
    .expect("a project");
    let id = conn.last_insert_rowid();
    for on in reviews {
        conn.execute(
            "INSERT INTO reviews (project_id, framework_id, on_date, kind, decision)
             VALUES (?1, (SELECT min(id) FROM frameworks), ?2, 'annual', 'continue')",
            params![id, on],
        )
        .expect("a review");
    }
    // Rows written straight into the file, as another program would write them, get their
    // stored next review date from `db check --fix`.
    env.ok(&["db", "check", "--fix"]);
}

#[test]
fn reviews_counts_compliance_by_department() {
    let env = Env::demo();
    let rows = rows_of(&env, "reviews", &[]);
    let total = rows.last().expect("a total row");
    assert_eq!(
        *total,
        json!({"department": "Total", "projects": 13, "on_time": 4, "late": 0,
               "overdue": 3, "never_reviewed": 6})
    );
    assert_eq!(
        *where_is(&rows, "department", "Student Services")[0],
        json!({"department": "Student Services", "projects": 3, "on_time": 0, "late": 0,
               "overdue": 1, "never_reviewed": 2})
    );

    // Reviewed a year and a day after starting: late; then within a year of that: on time,
    // but only the last review counts.
    let env = Env::fresh();
    reviewed(
        &env,
        "late",
        "History",
        "completed",
        "2024-01-10",
        &["2025-01-11"],
    );
    reviewed(
        &env,
        "fine",
        "history",
        "completed",
        "2024-01-10",
        &["2025-01-10"],
    );
    reviewed(
        &env,
        "mended",
        "Physics",
        "completed",
        "2023-01-10",
        &["2024-06-01", "2025-05-01"],
    );
    reviewed(&env, "never", "Physics", "completed", "2024-01-10", &[]);
    reviewed(
        &env,
        "due",
        "Physics",
        "active",
        "2024-01-10",
        &["2025-01-10"],
    );
    reviewed(&env, "ok", "Physics", "active", "2026-01-10", &[]);
    let rows = rows_of(&env, "reviews", &[]);
    let cells = |r: &Json| {
        (
            r["department"].as_str().unwrap_or_default().to_string(),
            [
                &r["projects"],
                &r["on_time"],
                &r["late"],
                &r["overdue"],
                &r["never_reviewed"],
            ]
            .map(|v| v.as_i64().unwrap_or(-1)),
        )
    };
    assert_eq!(
        rows.iter().map(cells).collect::<Vec<_>>(),
        [
            ("History".to_string(), [2, 1, 1, 0, 0]),
            ("Physics".to_string(), [4, 1, 0, 1, 2]),
            ("Total".to_string(), [6, 2, 1, 1, 2]),
        ]
    );
    let physics = rows_of(&env, "reviews", &["--dept", "physics"]);
    assert_eq!(physics.len(), 2);
    assert_eq!(physics[1]["projects"], json!(4));
}

#[test]
fn principles_compares_staff_and_student_scores_per_wording() {
    let env = Env::demo();
    let rows = rows_of(&env, "principles", &[]);
    assert_eq!(rows.len(), 10, "{rows:?}");
    let cp2 = where_is(&rows, "principle", "CP2");
    assert_eq!(cp2.len(), 1);
    assert_eq!(cp2[0]["projects"], json!(1));
    assert_eq!(cp2[0]["staff_scores"], json!(2));
    assert_eq!(cp2[0]["staff_average"], json!(3.5));
    assert_eq!(cp2[0]["student_average"], json!(3.0));
    assert_eq!(cp2[0]["gap"], json!(-0.5));
    assert_eq!(cp2[0]["least_evidenced"], json!(false));
    // CP1 was scored on four projects; CP3 to CP10 less; CP8 and CP10 never.
    assert_eq!(where_is(&rows, "principle", "CP1")[0]["projects"], json!(4));
    let least: Vec<&str> = rows
        .iter()
        .filter(|r| r["least_evidenced"] == true)
        .filter_map(|r| r["principle"].as_str())
        .collect();
    assert_eq!(least, ["CP8", "CP10"]);
    assert_eq!(
        where_is(&rows, "principle", "CP8")[0]["staff_average"],
        Json::Null
    );

    // A score given against other words is its own row.
    env.conn()
        .execute(
            "UPDATE review_scores SET wording = 'Co-created activity (2022 words)'
             WHERE principle_id = (SELECT id FROM principles WHERE code = 'CP2')
               AND review_id = (SELECT min(id) FROM reviews)",
            [],
        )
        .expect("old words");
    let rows = rows_of(&env, "principles", &[]);
    let cp2 = where_is(&rows, "principle", "CP2");
    assert_eq!(cp2.len(), 2);
    assert_eq!(cp2[1]["wording"], json!("Co-created activity (2022 words)"));
    assert_eq!(
        [
            &cp2[0]["staff_average"],
            &cp2[0]["student_average"],
            &cp2[1]["gap"]
        ],
        [&json!(4.0), &json!(4.0), &json!(-1.0)]
    );

    let economics = rows_of(
        &env,
        "principles",
        &["--dept", "economics", "--year", "2024/25"],
    );
    assert_eq!(
        where_is(&economics, "principle", "CP9")[0]["student_average"],
        json!(2.0)
    );
    assert_eq!(
        where_is(&economics, "principle", "CP1")[0]["projects"],
        json!(1)
    );
}

#[test]
fn outcomes_counts_ratings_by_year() {
    let env = Env::demo();
    let rows = rows_of(&env, "outcomes", &[]);
    // Reviews held in 2024/25 and 2025/26: eleven outcomes each.
    assert_eq!(rows.len(), 22);
    let teaching = rows
        .iter()
        .find(|r| r["year"] == "2024/25" && r["outcome"] == "teaching-materials")
        .expect("a row");
    assert_eq!(
        *teaching,
        json!({"year": "2024/25", "group": "staff", "outcome": "teaching-materials",
               "description": "new or better teaching/curriculum materials",
               "not_seen": 0, "emerging": 0, "clear": 2, "rated": 2})
    );
    let later = rows_of(&env, "outcomes", &["--year", "2026/27"]);
    assert_eq!(later.len(), 11);
    assert!(later.iter().all(|r| r["rated"] == 0));
    let history = rows_of(&env, "outcomes", &["--dept", "History"]);
    let seen: Vec<&str> = history
        .iter()
        .filter(|r| r["clear"] != 0)
        .filter_map(|r| r["outcome"].as_str())
        .collect();
    assert_eq!(seen, ["motivation", "relationships"]);
}

#[test]
fn recommendations_gives_medians_and_stalled_themes() {
    let env = Env::demo();
    let rows = rows_of(&env, "recommendations", &[]);
    let feedback = where_is(&rows, "theme", "feedback");
    assert_eq!(
        *feedback[2],
        json!({"theme": "feedback", "status": "all", "recommendations": 2,
               "median_days_to_decision": 31.5, "median_days_to_communication": 102.0,
               "waiting_terms": 0, "stalled": false})
    );
    let last = rows.last().expect("a row");
    assert_eq!(
        [&last["theme"], &last["status"], &last["recommendations"]],
        [&json!("all themes"), &json!("all"), &json!(5)]
    );
    assert_eq!(last["waiting_terms"], Json::Null);
    // Raised again in another term and still not acted on: stalled.
    env.conn()
        .execute(
            "INSERT INTO recommendations (finding, recommendation, addressed_to, theme, raised_on)
             VALUES ('No space to eat', 'A common room', 'Estates', 'BELONGING', '2026-10-01')",
            [],
        )
        .expect("a recommendation");
    let rows = rows_of(&env, "recommendations", &[]);
    let belonging = where_is(&rows, "theme", "belonging");
    assert_eq!(belonging.len(), 2, "{rows:?}");
    assert_eq!(belonging[1]["recommendations"], json!(2));
    assert_eq!(belonging[1]["waiting_terms"], json!(2));
    assert_eq!(belonging[1]["stalled"], json!(true));
    // Only this year's: one term, not stalled; a department leaves the rest out.
    let rows = rows_of(&env, "recommendations", &["--year", "2025/26"]);
    assert_eq!(
        where_is(&rows, "theme", "belonging")[0]["stalled"],
        json!(false)
    );
    let rows = rows_of(&env, "recommendations", &["--dept", "eden centre"]);
    assert_eq!(
        rows.last().map(|r| r["recommendations"].clone()),
        Some(json!(4))
    );
}

#[test]
fn funding_totals_each_year_and_theme_against_the_cap() {
    let env = Env::demo();
    let rows = rows_of(&env, "funding", &[]);
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert_eq!(
        rows[1],
        json!({"year": "2025/26", "theme": "student voices, partnership and academic support",
               "applications": 1, "awards": 1, "requested": 8000.0, "awarded": 6000.0,
               "spent": 2150.0, "largest_award": 6000.0, "cap": 10000.0,
               "budget": null, "remaining": null})
    );
    // Each year's themes, then the year.
    assert_eq!(rows[2]["theme"], json!("All themes"));
    assert_eq!(rows[2]["requested"], json!(10500.0));
    assert_eq!(rows[5]["year"], Json::Null);
    assert_eq!(rows[5]["theme"], json!("Total"));
    assert_eq!(rows[5]["requested"], json!(14500.0));
    let law = rows_of(&env, "funding", &["--dept", "law", "--year", "2026/27"]);
    assert_eq!(
        law,
        [
            json!({"year": "2026/27", "theme": "Total", "applications": 0, "awards": 0,
                "requested": 0.0, "awarded": 0.0, "spent": 0.0, "largest_award": null,
                "cap": 10000.0, "budget": null, "remaining": null})
        ]
    );
}

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

/// Every report `report all` holds, with its sheet name.
const ALL: &[(&str, &str)] = &[
    ("summary", "Summary"),
    ("principles", "Principles"),
    ("reviews", "Reviews"),
    ("outcomes", "Outcomes"),
    ("recommendations", "Recommendations"),
    ("funding", "Funding"),
    ("participation", "Participation"),
];

#[test]
fn all_as_json_holds_each_report_as_its_own_command_gives_it() {
    let env = Env::demo();
    let all =
        crate::common::json(&env.ok(&["--format", "json", "report", "all", "--year", "2025/26"]));
    let keys: Vec<&str> = all
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ALL.iter().map(|(k, _)| *k).collect::<Vec<_>>());
    for (name, _) in ALL {
        let own = rows_of(&env, name, &["--year", "2025/26"]);
        assert_eq!(all[*name], Json::Array(own), "{name}");
    }
}

#[test]
fn all_as_markdown_and_tables_gives_a_heading_per_report() {
    let env = Env::demo();
    let md = env.ok(&["--format", "md", "report", "all"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    let expected: Vec<String> = ALL.iter().map(|(_, t)| format!("## {t}")).collect();
    assert_eq!(headings, expected, "{md}");
    let own = env.ok(&["--format", "md", "report", "funding"]);
    assert!(md.contains(&format!("## Funding\n\n{own}")), "{md}");
    let table = env.ok(&["report", "all"]);
    for (_, title) in ALL {
        assert!(table.lines().any(|l| l == *title), "{title}: {table}");
    }
}

#[test]
fn all_with_a_department_leaves_participation_out() {
    let env = Env::demo();
    let all =
        crate::common::json(&env.ok(&["--format", "json", "report", "all", "--dept", "History"]));
    assert!(all.get("participation").is_none(), "{all}");
    assert_eq!(
        all["reviews"],
        Json::Array(rows_of(&env, "reviews", &["--dept", "History"]))
    );
}

#[test]
fn all_refuses_csv_a_bad_year_and_an_unknown_department() {
    let env = Env::demo();
    env.refused(
        &["--format", "csv", "report", "all"],
        64,
        "a CSV file holds one table",
    );
    env.refused(&["report", "all", "--year", "2025/27"], 65, "academic year");
    env.refused(
        &["report", "all", "--dept", "Histroy"],
        66,
        "no project in department \"Histroy\"",
    );
    let help = env.ok(&["report", "all", "--help"]);
    assert!(
        help.contains("Examples:") && help.contains("year.xlsx"),
        "{help}"
    );
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
