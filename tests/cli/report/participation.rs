//! `spm report participation`: HESA rounding and suppression, `--raw`, grouping, and bad input.

use serde_json::{Value as Json, json};

use super::{RAW_WARNING, Seed, counts, raw, report, rows};
use crate::common::{Env, read_csv};

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
    // A forgotten person still counts, but what they declared is gone (even a row left over).
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
