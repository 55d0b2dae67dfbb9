//! `spm project add`: the generated code, every flag, and what it refuses.

use serde_json::Value as Json;

use super::{add, one_project};
use crate::common::project_add_args as add_args;
use crate::common::{Env, FORM, LEVEL, TODAY};

/// Adds one project per case with `flag` set to the case's text, and checks that `show` gives
/// the case's value under `key`.
fn add_reads<T: Copy + std::fmt::Debug>(flag: &str, key: &str, cases: &[(&str, T)])
where
    Json: PartialEq<T>,
{
    let env = Env::new();
    let name = flag.trim_start_matches('-');
    for (i, (text, expected)) in cases.iter().enumerate() {
        let code = add(
            &env,
            name,
            &["--code", &format!("{name}-{i}"), flag, text, "--same-title"],
        );
        assert_eq!(env.show("project", &code)[key], *expected, "{flag} {text}");
    }
}

/// Expects `spm project add X --form FORM --level LEVEL` plus each case's flags to be refused
/// with exit 65 and the case's message, leaving the database as it was.
fn add_refuses(cases: &[(&[&str], &str)]) {
    let (env, _) = one_project();
    for (extra, message) in cases {
        env.refused(&add_args("X", extra), 65, message);
    }
}

#[test]
fn add_prints_only_the_generated_code() {
    let env = Env::new();
    let out = env.run_ok(&add_args("Mental health peer support", &[]));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "mental-health-2026\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("created project mental-health-2026"),
        "{stderr}"
    );
}

#[test]
fn add_the_same_title_again_gets_a_numbered_suffix() {
    let (env, first) = one_project();
    let second = add(&env, "Mental health peer support", &["--same-title"]);
    let third = add(&env, "Mental health peer support", &["--same-title"]);
    assert_eq!(first, "mental-health-2026");
    assert_eq!(second, "mental-health-2026-2");
    assert_eq!(third, "mental-health-2026-3");
    assert_eq!(
        env.show("project", &second)["title"],
        "Mental health peer support"
    );
}

#[test]
fn add_generated_code_uses_the_given_year_and_skips_stop_words() {
    let env = Env::new();
    assert_eq!(
        add(
            &env,
            "The Co-creation of Reading Lists",
            &["--year", "2025/26"]
        ),
        "co-creation-2025"
    );
    assert_eq!(add(&env, "The", &[]), "project-2026");
}

#[test]
fn add_generated_codes_stay_valid_for_long_titles_used_many_times() {
    // The stem is cut to 32 characters, so "-2026-100" takes the code past the 40 allowed.
    let env = Env::new();
    let title = "Supercalifragilisticexpialidocious Antidisestablishmentarianism";
    for _ in 0..99 {
        add(&env, title, &["--same-title"]);
    }
    let out = env.run_ok(&add_args(title, &["--same-title"]));
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        !code.is_empty() && code.len() <= 40,
        "generated code {code:?} is not 1 to 40 characters"
    );
    assert_eq!(env.show("project", &code)["title"], title);
}

#[test]
fn add_defaults_to_proposed_in_the_current_year_with_a_yearly_review() {
    let (env, code) = one_project();
    let p = env.show("project", &code);
    assert_eq!(p["status"], "proposed");
    assert_eq!(p["academic_year"], "2026/27");
    assert_eq!(p["review_cadence"], "12m");
    assert_eq!(p["form"], FORM);
    assert_eq!(p["level_planned"], LEVEL);
    for key in [
        "summary",
        "activity",
        "level_achieved",
        "department",
        "start_date",
        "end_date",
        "lead",
        "budget",
    ] {
        assert!(p[key].is_null(), "{key} should be empty: {p}");
    }
    assert_eq!(p["themes"], serde_json::json!([]));
    assert_eq!(p["status_history"], serde_json::json!([]));
    let history = p["history"].as_array().expect("a history array");
    assert_eq!(history.len(), 1, "{p}");
    assert_eq!(history[0]["action"], "insert");
    assert_eq!(history[0]["actor"], "tester");
}

#[test]
fn add_every_flag_round_trips_through_json_show() {
    let env = Env::new();
    let code = add(
        &env,
        "Co-creating reading lists",
        &[
            "--code",
            "reading-lists",
            "--summary",
            "Students and lecturers curate reading lists together.",
            "--activity",
            "curriculum-design",
            "--achieved",
            "involvement",
            "--status",
            "active",
            "--dept",
            "Sociology",
            "--year",
            "2025/26",
            "--start",
            "2025-09-15",
            "--end",
            "2026-06-30",
            "--lead",
            "Prof. J. Osei",
            "--theme",
            "inclusion,decolonising",
            "--theme",
            "wellbeing",
            "--budget",
            "2500",
            "--cadence",
            "6m",
        ],
    );
    assert_eq!(code, "reading-lists");
    let p = env.show("project", &code);
    let expected = [
        ("code", Json::from("reading-lists")),
        ("title", Json::from("Co-creating reading lists")),
        (
            "summary",
            Json::from("Students and lecturers curate reading lists together."),
        ),
        ("status", Json::from("active")),
        ("form", Json::from(FORM)),
        ("activity", Json::from("curriculum-design")),
        ("level_planned", Json::from(LEVEL)),
        ("level_achieved", Json::from("involvement")),
        ("department", Json::from("Sociology")),
        ("academic_year", Json::from("2025/26")),
        ("start_date", Json::from("2025-09-15")),
        ("end_date", Json::from("2026-06-30")),
        ("lead", Json::from("Prof. J. Osei")),
        (
            "themes",
            serde_json::json!(["decolonising", "inclusion", "wellbeing"]),
        ),
        ("budget", Json::from(2500.0)),
        ("review_cadence", Json::from("6m")),
    ];
    for (key, value) in expected {
        assert_eq!(p[key], value, "{key} in {p}");
    }
    // Registered as active: its status history starts on the start date.
    assert_eq!(p["status_history"][0]["status"], "active");
    assert_eq!(p["status_history"][0]["on"], "2025-09-15");
}

#[test]
fn add_the_department_alias_sets_the_department() {
    let env = Env::new();
    let code = add(&env, "Alias", &["--department", "Law"]);
    assert_eq!(env.show("project", &code)["department"], "Law");
}

#[test]
fn add_budget_accepts_the_ways_people_write_money() {
    add_reads(
        "--budget",
        "budget",
        &[
            ("2500", 2500.0),
            ("2,500.00", 2500.0),
            ("£2,500", 2500.0),
            ("2500.5", 2500.5),
            ("0", 0.0),
        ],
    );
}

#[test]
fn add_cadence_is_read_in_months_or_years() {
    add_reads(
        "--cadence",
        "review_cadence",
        &[("6m", "6m"), ("1y", "12m"), ("18", "18m"), ("2Y", "24m")],
    );
}

#[test]
fn add_enum_names_are_case_insensitive() {
    let env = Env::new();
    let code = env
        .ok(&[
            "project",
            "add",
            "Shouting",
            "--form",
            "WIDER-Student-Experience",
            "--level",
            "Student_Led",
            "--activity",
            "Change-Makers",
            "--achieved",
            "PARTNERSHIP",
            "--status",
            "Paused",
            "--start",
            "2026-10-01",
        ])
        .trim()
        .to_string();
    let p = env.show("project", &code);
    assert_eq!(p["form"], "wider-student-experience");
    assert_eq!(p["level_planned"], "student-led");
    assert_eq!(p["activity"], "change-makers");
    assert_eq!(p["level_achieved"], "partnership");
    assert_eq!(p["status"], "paused");
}

#[test]
fn add_themes_are_trimmed_deduplicated_and_sorted() {
    let env = Env::new();
    let code = add(
        &env,
        "Themes",
        &[
            "--theme",
            " wellbeing , Belonging",
            "--theme",
            "WELLBEING",
            "--theme",
            "",
            "--theme",
            "access",
        ],
    );
    assert_eq!(
        env.show("project", &code)["themes"],
        serde_json::json!(["access", "Belonging", "wellbeing"])
    );
}

#[test]
fn add_code_is_lower_cased() {
    let env = Env::new();
    assert_eq!(add(&env, "Upper", &["--code", "MH-X-2026"]), "mh-x-2026");
    assert_eq!(env.show("project", "mh-x-2026")["title"], "Upper");
}

#[test]
fn add_registered_as_active_without_a_start_date_starts_the_day_it_became_active() {
    // `spm project status CODE active` fills a missing start date; registering a project as
    // active should do the same, or its status history and start date disagree.
    let env = Env::new();
    let code = add(&env, "Already running", &["--status", "active"]);
    let p = env.show("project", &code);
    assert_eq!(p["status_history"][0]["on"], TODAY, "{p}");
    assert_eq!(p["start_date"], TODAY, "{p}");
}

#[test]
fn add_bad_enum_values_suggest_the_closest_name() {
    let (env, _) = one_project();
    let with_form = |form| vec!["project", "add", "X", "--form", form, "--level", LEVEL];
    let with_level = |level| vec!["project", "add", "X", "--form", FORM, "--level", level];
    for (args, message) in [
        (
            with_form("widr"),
            r#"unknown form "widr"; did you mean "wider-student-experience"?"#,
        ),
        (
            with_level("partnershp"),
            r#"unknown engagement level "partnershp"; did you mean "partnership"?"#,
        ),
        (
            with_level("zzz"),
            "expected one of: consultation, involvement, partnership, student-led",
        ),
    ] {
        env.refused(&args, 65, message);
    }
    add_refuses(&[
        (
            &["--activity", "chnge-makers"],
            r#"unknown activity "chnge-makers"; did you mean "change-makers"?"#,
        ),
        (
            &["--achieved", "involvment"],
            r#"did you mean "involvement"?"#,
        ),
        (
            &["--status", "activ"],
            r#"unknown status "activ"; did you mean "active"?"#,
        ),
    ]);
}

#[test]
fn add_bad_dates_and_an_end_before_the_start_are_refused() {
    let not_a_day = r#"date "2024-02-30" is not a day of the calendar"#;
    let not_iso = r#"date "1/2/03" is not written YYYY-MM-DD"#;
    add_refuses(&[
        (&["--start", "2024-02-30"], not_a_day),
        (&["--start", "1/2/03"], not_iso),
        (&["--end", "2024-02-30"], not_a_day),
        (&["--end", "1/2/03"], not_iso),
        (
            &["--start", "2026-01-02", "--end", "2026-01-01"],
            "the end date 2026-01-01 is before the start date 2026-01-02",
        ),
    ]);
}

#[test]
fn add_an_academic_year_that_does_not_follow_is_refused() {
    add_refuses(&[
        (
            &["--year", "2025/27"],
            r#"academic year "2025/27" does not span two consecutive years; did you mean "2025/26"?"#,
        ),
        (&["--year", "2025"], "is not of the form 2025/26"),
    ]);
}

#[test]
fn add_bad_budgets_are_refused() {
    add_refuses(&[
        (&["--budget", "-5"], r#"amount "-5" is negative"#),
        (
            &["--budget", "2.555"],
            r#"amount "2.555" has more than two decimal places"#,
        ),
        (
            &["--budget", "abc"],
            r#"amount "abc" is not an amount of money"#,
        ),
        (
            &["--budget", "2,50"],
            r#"amount "2,50" is not an amount of money"#,
        ),
    ]);
}

#[test]
fn add_a_taken_code_is_refused() {
    add_refuses(&[
        (
            &["--code", "mental-health-2026"],
            r#"a project with code "mental-health-2026" already exists; choose another --code"#,
        ),
        // Codes are case-insensitive, so the upper-case spelling is taken too.
        (&["--code", "MENTAL-HEALTH-2026"], "already exists"),
    ]);
}

#[test]
fn add_a_malformed_code_is_refused() {
    let long = format!("--code={}", "x".repeat(41));
    let malformed = "is not valid: use 1 to 40 letters, digits and hyphens";
    add_refuses(&[
        (&["--code=bad code"], malformed),
        (&["--code=a_b"], malformed),
        (&["--code=-x"], malformed),
        (&["--code="], malformed),
        (&[long.as_str()], malformed),
    ]);
}

#[test]
fn add_a_bad_cadence_is_refused() {
    add_refuses(&[
        (&["--cadence", "0m"], r#"review cadence "0m" is not valid"#),
        (
            &["--cadence", "121m"],
            r#"review cadence "121m" is not valid"#,
        ),
        (
            &["--cadence", "often"],
            r#"review cadence "often" is not valid"#,
        ),
    ]);
}

#[test]
fn add_a_blank_or_multi_line_title_is_refused() {
    let (env, _) = one_project();
    env.refused(&add_args("  ", &[]), 65, "a project needs a title");
    env.refused(
        &add_args("Line\ntwo", &[]),
        65,
        "a project title is one line",
    );
}

#[test]
fn add_control_characters_in_text_are_refused() {
    add_refuses(&[(
        &["--lead", "Dr\u{7} X"],
        "the staff lead contains control characters",
    )]);
}

#[test]
fn add_checks_every_flag_before_creating_the_database() {
    let env = Env::new();
    let err = env.fails(&["project", "add", "--budget", "abc"], 65);
    assert!(err.contains("abc"), "{err}");
    assert!(
        !env.db.exists(),
        "a refused add must not create the database"
    );
}

#[test]
fn add_themes_differing_only_in_case_are_one_theme_in_any_script() {
    let env = Env::new();
    let code = add(
        &env,
        "Apples",
        &["--theme", "Äpfel", "--theme", "äpfel,ÄPFEL"],
    );
    assert_eq!(
        env.show("project", &code)["themes"],
        serde_json::json!(["Äpfel"])
    );
    env.ok(&["project", "edit", &code, "--remove-theme", "ÄPFEL"]);
    assert_eq!(env.show("project", &code)["themes"], serde_json::json!([]));
}

#[test]
fn the_database_refuses_an_academic_year_that_does_not_follow() {
    let (env, code) = one_project();
    let conn = env.conn();
    for year in ["2025/27", "1899/00", "3000/01"] {
        let changed = conn.execute(
            "UPDATE projects SET academic_year = ?1 WHERE code = ?2",
            [year, code.as_str()],
        );
        assert!(changed.is_err(), "{year} should break the CHECK constraint");
    }
}

#[test]
fn ten_thousand_projects_without_codes_sharing_their_first_words_all_get_codes() {
    let env = Env::fresh();
    let mut csv = String::from("title,form,level_planned,academic_year\n");
    for i in 0..10_001 {
        csv.push_str(&format!(
            "Mental health peer support {i},wider-student-experience,partnership,2025/26\n"
        ));
    }
    std::fs::write(env.path("many.csv"), csv).expect("the file");
    env.ok(&["project", "import", "many.csv", "-q"]);
    let codes = env.codes("project", &["--year", "2025/26"]);
    assert_eq!(codes.len(), 10_001);
    let distinct: std::collections::HashSet<&String> = codes.iter().collect();
    assert_eq!(distinct.len(), 10_001);
    assert!(codes.contains(&"mental-health-2025-10001".to_string()));
    // Past 9,999, project add still makes a code.
    let out = env.ok(&[
        "project",
        "add",
        "Mental health once more",
        "--form",
        "wider-student-experience",
        "--level",
        "partnership",
        "--year",
        "2025/26",
    ]);
    assert_eq!(out.trim(), "mental-health-2025-10002");
}
