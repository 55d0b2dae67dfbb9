//! `spm project edit`: every field, themes, renaming, and what it refuses.

use serde_json::Value as Json;

use super::{add, edit, one_project};
use crate::common::Env;

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

/// Naming a lead nobody is yet registers them, and add and edit say so, once: naming them
/// again finds them.
#[test]
fn a_lead_registered_by_add_or_edit_is_told() {
    let env = Env::new();
    let told = |args: &[&str]| -> Vec<String> {
        let out = env.run_ok(args);
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("registered "))
            .map(String::from)
            .collect()
    };
    let mut args = crate::common::project_add_args("Peer mentors", &["--lead", "  Dr J. Okafor "]);
    assert_eq!(
        told(&args),
        ["registered Dr J. Okafor as a member of staff (see \"spm person list\")"]
    );
    args = crate::common::project_add_args("Study skills", &["--lead", "dr j. okafor"]);
    assert!(told(&args).is_empty());
    assert_eq!(
        told(&[
            "project",
            "edit",
            "peer-mentors-2026",
            "--lead",
            "Dr P. Ruiz"
        ]),
        ["registered Dr P. Ruiz as a member of staff (see \"spm person list\")"]
    );
    assert!(
        told(&[
            "project",
            "edit",
            "study-skills-2026",
            "--lead",
            "Dr P. Ruiz"
        ])
        .is_empty()
    );
    assert_eq!(env.list("person", &[]).len(), 2);
}
