//! `spm person list` (and `ls`): the keys, the formats and the filters.

use std::collections::BTreeSet;

use super::{LIST_KEYS, amira, names, names_of};
use crate::common::{Env, TODAY, add_person, json, read_csv, student};

/// The staff leads of the demo projects, by name.
const DEMO_LEADS: &[&str] = &[
    "Dr A. Khan",
    "Dr E. Novak",
    "Dr M. Rossi",
    "Dr P. Murphy",
    "Dr S. Chen",
    "L. Halls",
    "Prof. J. Osei",
    "Prof. R. Adeyemi",
];

#[test]
fn list_the_demo_people_by_name_with_every_key_and_every_lead_among_them() {
    let env = Env::demo();
    let people = env.list("person", &[]);
    let listed = names_of(&people);
    let mut sorted = listed.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(listed, sorted, "by name, any case");
    for p in &people {
        let keys: Vec<&str> = p
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, LIST_KEYS);
    }
    let ids: BTreeSet<i64> = people.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (1..=people.len() as i64).collect());
    // Every project's staff lead is a member of staff on the list.
    let staff = names(&env, &["--kind", "staff"]);
    for project in env.list("project", &[]) {
        if let Some(lead) = project["lead"].as_str() {
            assert!(staff.iter().any(|s| s == lead), "{lead} is not staff");
        }
    }
    for lead in DEMO_LEADS {
        assert!(staff.iter().any(|s| s == lead), "{lead} missing");
    }
}

#[test]
fn list_is_empty_on_a_fresh_database_and_csv_has_the_header() {
    let env = Env::fresh();
    assert!(env.list("person", &[]).is_empty());
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert!(rows.is_empty());
}

#[test]
fn list_as_csv() {
    let env = amira();
    let (header, rows) = read_csv(&env.ok(&["--format", "csv", "person", "list"]));
    assert_eq!(header, LIST_KEYS);
    assert_eq!(
        rows,
        [[
            "1",
            "Amira Hassan",
            "a.hassan@example.ac.uk",
            "student",
            "Economics",
            "ug",
            "2025-10-01",
            "2026-12-10",
            "",
            ""
        ]]
    );
}

#[test]
fn list_filters_by_kind_department_and_search() {
    let env = amira();
    add_person(&env, "Dr A. Khan", "staff", &["--dept", "Economics"]);
    add_person(
        &env,
        "Bea Smith",
        "external",
        &["--email", "bea@charity.example"],
    );
    student(&env, "Sam Lee", "sam.lee@example.ac.uk");
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &["Amira Hassan", "Bea Smith", "Dr A. Khan", "Sam Lee"]),
        (&["--kind", "student"], &["Amira Hassan", "Sam Lee"]),
        (&["--kind", "staff"], &["Dr A. Khan"]),
        (&["--kind", "external"], &["Bea Smith"]),
        (&["--dept", "economics"], &["Amira Hassan", "Dr A. Khan"]),
        (&["--department", "Econ"], &[]),
        (&["--dept", "Economics", "--kind", "staff"], &["Dr A. Khan"]),
        (&["--search", "charity"], &["Bea Smith"]),
        (&["--search", "LEE"], &["Sam Lee"]),
        (&["--search", "econ"], &["Amira Hassan", "Dr A. Khan"]),
        (&["--search", "example.ac.uk"], &["Amira Hassan", "Sam Lee"]),
        (&["--search", "%"], &[]),
        (&["--search", "_"], &[]),
    ];
    for (args, expected) in cases {
        assert_eq!(names(&env, args), *expected, "{args:?}");
    }
}

#[test]
fn list_consent_expiring_within_a_span_and_expired() {
    let env = Env::fresh();
    // Expiring in 17 days, in 40 days, yesterday and today; withdrawn; never recorded.
    let dated = |name: &str, expires: &str| {
        add_person(
            &env,
            name,
            "student",
            &["--consent", "2025-10-01", "--consent-expires", expires],
        )
    };
    dated("Soon", "2026-12-10");
    dated("Later", "2027-01-02");
    dated("Gone", "2026-11-22");
    dated("Today", TODAY);
    let withdrawn = dated("Withdrawn", "2026-12-01");
    env.ok(&[
        "person",
        "edit",
        &withdrawn,
        "--consent-withdrawn",
        "2026-11-01",
    ]);
    add_person(&env, "Never", "student", &[]);
    let cases: &[(&[&str], &[&str])] = &[
        (&["--consent-expiring", "30d"], &["Soon", "Today"]),
        (&["--consent-expiring", "17d"], &["Soon", "Today"]),
        (&["--consent-expiring", "16d"], &["Today"]),
        (&["--consent-expiring", "6w"], &["Later", "Soon", "Today"]),
        (&["--consent-expiring", "1y"], &["Later", "Soon", "Today"]),
        (&["--consent-expired"], &["Gone", "Withdrawn"]),
        (&["--consent-expired", "--search", "gone"], &["Gone"]),
    ];
    for (args, expected) in cases {
        assert_eq!(names(&env, args), *expected, "{args:?}");
    }
}

#[test]
fn list_bad_filters_are_refused() {
    let env = amira();
    env.clap_fails(
        &[
            "person",
            "list",
            "--consent-expiring",
            "30d",
            "--consent-expired",
        ],
        "cannot be used with",
    );
    for span in ["3x", "30", "11y", "soon"] {
        env.refused(&["person", "list", "--consent-expiring", span], 65, "span");
    }
    env.clap_fails(&["person", "list", "--consent-expiring", "-3d"], "");
    env.refused(
        &["person", "list", "--kind", "teacher"],
        65,
        "unknown person kind",
    );
}

#[test]
fn ls_is_an_alias_of_list() {
    let env = amira();
    assert_eq!(names(&env, &[]), ["Amira Hassan"]);
    let out = env.ok(&["--format", "json", "person", "ls"]);
    assert_eq!(names_of(json(&out).as_array().unwrap()), ["Amira Hassan"]);
}
