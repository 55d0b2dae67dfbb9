//! The fund's year: `spm fund budget [YEAR [AMOUNT]]`, awards beyond the year's budget
//! refused unless `--over-budget`, a warning when one project's awards in a year pass the cap,
//! and what remains of the budget in `fund list` and `report funding`.

use serde_json::{Value as Json, json};

use crate::common::{Env, add_project, read_csv};

const THEME: &str = "student voices";

/// A fresh database with projects `mh` and `voice`.
fn env() -> Env {
    let env = Env::fresh();
    add_project(&env, "mh", &[]);
    add_project(&env, "voice", &[]);
    env
}

/// Applies for `amount` for `project` on `on`; returns the id.
fn apply(env: &Env, project: &str, amount: &str, on: &str) -> String {
    env.ok(&[
        "fund", "apply", project, "--amount", amount, "--theme", THEME, "--on", on,
    ])
    .trim_end()
    .to_string()
}

/// `spm fund budget REST...`.
fn budget_args<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["fund", "budget"];
    args.extend_from_slice(rest);
    args
}

/// `spm fund decide ID --award AMOUNT --on 2026-11-01` and then `extra`; returns stderr.
fn award(env: &Env, id: &str, amount: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "fund",
        "decide",
        id,
        "--award",
        amount,
        "--on",
        "2026-11-01",
    ];
    args.extend_from_slice(extra);
    String::from_utf8_lossy(&env.run_ok(&args).stderr).into_owned()
}

// ---------------------------------------------------------------------------------------------
// fund budget

#[test]
fn budget_is_set_shown_listed_and_removed() {
    let env = env();
    assert!(env.json_list(&budget_args(&[])).is_empty());
    // A year with none: shown, empty.
    assert_eq!(
        env.json_list(&budget_args(&["2026/27"])),
        [
            json!({"year": "2026/27", "budget": null, "awards": 0, "awarded": 0.0, "remaining": null})
        ]
    );
    let id = apply(&env, "mh", "8000", "2026-10-01");
    award(&env, &id, "6000", &[]);
    let out = env.run_ok(&budget_args(&["2026/27", "£50,000"]));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "the fund's budget for 2026/27 is now £50,000.00: £6,000.00 awarded, £44,000.00 remains\n"
    );
    let row = json!({"year": "2026/27", "budget": 50000.0, "awards": 1, "awarded": 6000.0,
                     "remaining": 44000.0});
    assert_eq!(env.json_list(&budget_args(&[])), std::slice::from_ref(&row));
    assert_eq!(env.json_list(&budget_args(&["2026/27"])), [row]);
    env.ok(&budget_args(&["2025/26", "20000"]));
    let years: Vec<Json> = env
        .json_list(&budget_args(&[]))
        .iter()
        .map(|r| r["year"].clone())
        .collect();
    assert_eq!(years, [json!("2025/26"), json!("2026/27")]);
    // A cut below what was awarded stands, with a warning.
    let out = env.run_ok(&budget_args(&["2026/27", "5000"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: the awards for 2026/27 already come to £6,000.00, £1,000.00 more than this budget"),
        "{stderr}"
    );
    assert_eq!(
        env.json_list(&budget_args(&["2026/27"]))[0]["remaining"],
        json!(-1000.0)
    );
    // Removed.
    let out = env.run_ok(&budget_args(&["2026/27", "--clear"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no budget for 2026/27"));
    assert_eq!(env.json_list(&budget_args(&[])).len(), 1);
    // Every change is in the change log.
    let logged: i64 = env
        .conn()
        .query_row(
            "SELECT count(*) FROM changes WHERE entity = 'fund_budget'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 4);
    // A table and CSV.
    let table = env.ok(&budget_args(&[]));
    assert!(
        table.contains("Remaining") && table.contains("£20,000.00"),
        "{table}"
    );
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "fund", "budget"]));
    assert_eq!(header, ["year", "budget", "awards", "awarded", "remaining"]);
    assert_eq!(rows.len(), 1);
}

#[test]
fn budget_bad_input_is_refused() {
    let env = env();
    env.refused(&budget_args(&["2026/28", "5000"]), 65, "2026/28");
    env.refused(&budget_args(&["next year"]), 65, "next year");
    env.refused(
        &budget_args(&["2026/27", "0"]),
        65,
        "the fund's budget must be more than £0.00",
    );
    env.refused(&budget_args(&["2026/27", "-5"]), 65, "amount");
    env.refused(
        &budget_args(&["2026/27", "lots"]),
        65,
        "is not an amount of money",
    );
    // Removing a budget never set is no change.
    let before = env.dump();
    let out = env.run_ok(&budget_args(&["2026/27", "--clear"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no budget for 2026/27"));
    assert_eq!(env.dump(), before);
    env.clap_fails(&budget_args(&["--clear"]), "");
    env.clap_fails(&budget_args(&["2026/27", "5000", "--clear"]), "");
    env.clap_fails(&budget_args(&["2026/27", "5000", "extra"]), "");
}

// ---------------------------------------------------------------------------------------------
// awards against the budget and the cap

#[test]
fn an_award_beyond_the_budget_is_refused_unless_insisted_on() {
    let env = env();
    env.ok(&budget_args(&["2026/27", "10000"]));
    let a = apply(&env, "mh", "8000", "2026-10-01");
    let b = apply(&env, "voice", "5000", "2026-10-02");
    // An application of the year before counts against that year, which has no budget.
    let old = apply(&env, "voice", "9000", "2026-08-31");
    award(&env, &old, "9000", &[]);
    award(&env, &a, "7000", &[]);
    let refused = env.refused(
        &["fund", "decide", &b, "--award", "4000", "--on", "2026-11-01"],
        65,
        "awarding £4,000.00 would take the fund's awards for 2026/27 to £11,000.00, over its budget of £10,000.00 (£3,000.00 remains); award at most £3,000.00, or add --over-budget to award it anyway",
    );
    assert!(!refused.contains("warning"));
    // Within what remains, no word; beyond it with --over-budget, a warning.
    let stderr = award(
        &env,
        &b,
        "4000",
        &["--over-budget", "--note", "approved by the PVC"],
    );
    assert!(
        stderr.contains("warning: the fund's awards for 2026/27 now come to £11,000.00, £1,000.00 over its budget of £10,000.00"),
        "{stderr}"
    );
    // The history says it was deliberate.
    let history = env.show("fund", &b)["history"].to_string();
    assert!(history.contains("over_budget"), "{history}");
    // A correction counts the award it replaces once.
    let stderr = String::from_utf8_lossy(
        &env.run_ok(&["fund", "decide", &b, "--award", "3000", "--correct"])
            .stderr,
    )
    .into_owned();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_eq!(
        env.json_list(&budget_args(&["2026/27"]))[0]["remaining"],
        json!(0.0)
    );
    // --over-budget without a budget changes nothing.
    let c = apply(&env, "mh", "100", "2025-10-01");
    award(&env, &c, "100", &["--over-budget"]);
}

#[test]
fn a_projects_awards_in_a_year_past_the_cap_are_warned_of() {
    let env = env();
    let a = apply(&env, "mh", "8000", "2026-10-01");
    let b = apply(&env, "mh", "5000", "2026-11-01");
    let other_year = apply(&env, "mh", "9000", "2026-06-01");
    award(&env, &other_year, "9000", &[]);
    let stderr = award(&env, &a, "6000", &[]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let stderr = award(&env, &b, "5000", &[]);
    assert!(stderr.contains("awarded £5,000.00"), "{stderr}");
    assert!(
        stderr.contains("warning: mh's awards for 2026/27 now come to £11,000.00, more than the fund's cap of £10,000.00 for one application"),
        "{stderr}"
    );
    assert_eq!(env.list("fund", &["--project", "mh"]).len(), 3);
}

// ---------------------------------------------------------------------------------------------
// fund list and report funding

#[test]
fn fund_list_says_what_remains_of_each_years_budget() {
    let env = env();
    let a = apply(&env, "mh", "8000", "2026-10-01");
    apply(&env, "voice", "2000", "2025-10-01");
    award(&env, &a, "6000", &[]);
    // No budget: nothing said.
    let out = env.run_ok(&["fund", "list"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.ok(&budget_args(&["2026/27", "50000"]));
    env.ok(&budget_args(&["2027/28", "1000"]));
    let out = env.run_ok(&["fund", "list"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "2026/27: £44,000.00 remains of the fund's budget of £50,000.00 (£6,000.00 awarded)\n"
    );
    // The year asked for, even with no applications.
    let out = env.run_ok(&["fund", "list", "--year", "2027/28"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "2027/28: £1,000.00 remains of the fund's budget of £1,000.00 (£0.00 awarded)\n"
    );
    // Overspent.
    env.ok(&budget_args(&["2026/27", "5000"]));
    let out = env.run_ok(&["fund", "list", "--year", "2026/27"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("2026/27: the fund's budget of £5,000.00 is overspent by £1,000.00"),
    );
    // Data stays data: CSV and JSON hold the applications only, and -q says nothing.
    let out = env.run_ok(&["-q", "--format", "json", "fund", "list"]);
    assert!(out.stderr.is_empty());
    assert_eq!(
        crate::common::json(&String::from_utf8_lossy(&out.stdout))
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn the_funding_report_shows_each_years_budget_and_what_remains() {
    let env = env();
    let a = apply(&env, "mh", "8000", "2026-10-01");
    award(&env, &a, "6000", &[]);
    env.ok(&budget_args(&["2026/27", "50000"]));
    env.ok(&budget_args(&["2027/28", "1000"]));
    let rows = env.json_list(&["report", "funding"]);
    let row = |i: usize, key: &str| rows[i][key].clone();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        (row(0, "theme"), row(0, "budget")),
        (json!(THEME), Json::Null)
    );
    assert_eq!(
        (
            row(1, "year"),
            row(1, "theme"),
            row(1, "budget"),
            row(1, "remaining")
        ),
        (
            json!("2026/27"),
            json!("All themes"),
            json!(50000.0),
            json!(44000.0)
        )
    );
    assert_eq!(
        (row(2, "year"), row(2, "applications"), row(2, "remaining")),
        (json!("2027/28"), json!(0), json!(1000.0))
    );
    assert_eq!(
        (row(3, "theme"), row(3, "budget")),
        (json!("Total"), Json::Null)
    );
    let year = env.json_list(&["report", "funding", "--year", "2026/27"]);
    let total = year.last().expect("the total");
    assert_eq!(
        (&total["budget"], &total["remaining"]),
        (&json!(50000.0), &json!(44000.0))
    );
    // A department's awards are not the fund's.
    env.ok(&["project", "edit", "mh", "--dept", "Law"]);
    let law = env.json_list(&["report", "funding", "--year", "2026/27", "--dept", "Law"]);
    assert!(law.iter().all(|r| r["budget"].is_null()), "{law:?}");
}
