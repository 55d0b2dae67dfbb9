//! `spm report summary`: the year at a glance.

use serde_json::{Value as Json, json};

use super::{RAW_WARNING, Seed, rows_of};
use crate::common::Env;

/// The summary's value of `measure` in `section`.
fn summary_value(rows: &[Json], section: &str, measure: &str) -> Json {
    rows.iter()
        .find(|r| r["section"] == section && r["measure"] == measure)
        .map(|r| r["value"].clone())
        .unwrap_or_else(|| panic!("no {section}/{measure} in {rows:?}"))
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
    assert_eq!(v("recommendations", "raised"), json!(6));
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
