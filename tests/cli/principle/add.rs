//! `spm principle add`: into the adopted, another or a new framework, and what it refuses.

use super::{add_args, cp_codes, find, principle_changes, principle_id, with_own_framework};
use crate::common::{Env, json};

#[test]
fn add_puts_a_principle_at_the_end_of_the_adopted_framework() {
    let env = with_own_framework();
    env.ok(&["principle", "adopt", "ours"]);
    let before = principle_changes(&env).len();
    let out = env.run_ok(&add_args(
        "OWN2",
        "Shared evaluation",
        &["--statement", "  Evaluate the partnership together.  "],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OWN2\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("added principle OWN2 to ours"), "{stderr}");
    assert!(!stderr.contains("created framework"), "{stderr}");
    assert_eq!(env.codes("principle", &[]), ["OWN1", "OWN2"]);
    let p = env.show("principle", "own2");
    assert_eq!(p["framework"], "ours");
    assert_eq!(p["framework_name"], "Our values");
    assert_eq!(p["title"], "Shared evaluation");
    assert_eq!(p["statement"], "Evaluate the partnership together.");
    assert_eq!(p["position"], 2);
    assert!(p["parent"].is_null());
    // The built-in frameworks are untouched.
    assert_eq!(
        env.codes("principle", &["--framework", "lse-principles"]),
        cp_codes()
    );
    // The change log has the insert.
    let changes = principle_changes(&env);
    assert_eq!(changes.len(), before + 1);
    let (id, action, actor, fields) = changes.last().unwrap();
    assert_eq!(*id, principle_id(&env, "OWN2"));
    assert_eq!(action, "insert");
    assert_eq!(actor, "tester");
    let fields = json(fields);
    assert_eq!(fields["code"], "OWN2");
    assert_eq!(fields["title"], "Shared evaluation");
    assert_eq!(fields["framework"], "ours");
}

#[test]
fn add_refuses_the_builtin_frameworks() {
    let env = Env::fresh();
    // The adopted framework, by default, is built in.
    let err = env.refused(
        &add_args("CP11", "Shared evaluation", &[]),
        65,
        "framework \"lse-principles\" is built in",
    );
    assert!(err.contains("--framework KEY"), "{err}");
    env.refused(
        &add_args("HFH9", "Joy", &["--framework", "HFH-2014"]),
        65,
        "\"hfh-2014\" is built in",
    );
    env.fails_unchanged(
        &add_args(
            "SPA1.4",
            "Listening",
            &["--framework", "spa", "--parent", "SPA1"],
        ),
        65,
    );
    env.ok(&["principle", "adopt", "spa"]);
    env.refused(&add_args("SPA6", "More", &[]), 65, "\"spa\" is built in");
}

#[test]
fn add_to_another_existing_framework() {
    let env = with_own_framework();
    // lse-principles stays adopted; --framework picks ours (in any case).
    assert_eq!(
        env.ok(&add_args("OWN2", "Joy", &["--framework", "ours"])),
        "OWN2\n"
    );
    env.ok(&add_args("OWN3", "Play", &["--framework", "OURS"]));
    assert_eq!(
        env.codes("principle", &["--framework", "ours"]),
        ["OWN1", "OWN2", "OWN3"]
    );
    assert_eq!(env.show("principle", "OWN3")["framework"], "ours");
    assert_eq!(
        env.codes("principle", &[]),
        cp_codes(),
        "the adopted list is untouched"
    );
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws.len(), 4, "no framework was created");
    assert_eq!(fws[3]["principles"], 3);
}

#[test]
fn add_with_a_new_key_creates_the_framework() {
    let env = Env::fresh();
    let out = env.run_ok(&add_args(
        "OWN1",
        "Students lead",
        &[
            "--framework",
            "our-values",
            "--framework-name",
            "Our values",
            "--institution",
            "Example University",
            "--document",
            "Partnership charter",
            "--year",
            "2026",
        ],
    ));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "OWN1\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("created framework our-values"), "{stderr}");
    assert!(
        stderr.contains("added principle OWN1 to our-values"),
        "{stderr}"
    );
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws.len(), 4);
    let own = &fws[3];
    assert_eq!(own["key"], "our-values");
    assert_eq!(own["name"], "Our values");
    assert_eq!(
        own["source"],
        "Example University, Partnership charter, 2026"
    );
    assert_eq!(own["principles"], 1);
    assert_eq!(own["builtin"], false);
    assert_eq!(own["adopted"], false);
    let table = env.ok(&["principle", "frameworks"]);
    assert!(table.contains("our-values") && table.contains("Example University"));
    assert_eq!(
        env.codes("principle", &["--framework", "our-values"]),
        ["OWN1"]
    );
    let p = env.show("principle", "OWN1");
    assert_eq!(p["framework_name"], "Our values");
    assert_eq!(p["source"], "Example University, Partnership charter, 2026");
    assert_eq!(p["position"], 1);
    // The change log has the framework as well as the principle.
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'framework' AND action = 'insert'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let logged = json(&logged);
    assert_eq!(logged["key"], "our-values");
    assert_eq!(logged["institution"], "Example University");
    assert_eq!(principle_changes(&env).len(), 1);
}

#[test]
fn add_with_a_new_key_and_no_details_names_the_framework_by_its_key() {
    let env = Env::fresh();
    env.ok(&add_args("X1", "Something", &["--framework", "Bare-Key"]));
    let fws = env.json_list(&["principle", "frameworks"]);
    assert_eq!(fws[3]["key"], "bare-key");
    assert_eq!(fws[3]["name"], "bare-key");
    assert_eq!(fws[3]["source"], "");
    assert_eq!(fws[3]["builtin"], false);
}

#[test]
fn add_under_a_value_places_it_after_the_values_principles() {
    let env = with_own_framework();
    env.ok(&add_args("OWN2", "Second value", &["--framework", "ours"]));
    env.ok(&["principle", "adopt", "ours"]);
    // --parent without --framework: the adopted framework.
    env.ok(&add_args("OWN1.1", "Student chairs", &["--parent", "OWN1"]));
    env.ok(&add_args("OWN2.1", "Under two", &["--parent", "own2"]));
    env.ok(&add_args(
        "OWN1.2",
        "Student budgets",
        &["--parent", "OWN1", "--framework", "ours"],
    ));
    assert_eq!(
        env.codes("principle", &[]),
        ["OWN1", "OWN1.1", "OWN1.2", "OWN2", "OWN2.1"]
    );
    let list = env.list("principle", &[]);
    assert_eq!(find(&list, "OWN1.2")["parent"], "OWN1");
    assert_eq!(find(&list, "OWN2.1")["parent"], "OWN2");
    let p = env.show("principle", "OWN1.2");
    assert_eq!(p["parent"], "OWN1");
    assert_eq!(p["position"], 2);
    let children: Vec<String> = env.show("principle", "OWN1")["principles"]
        .as_array()
        .expect("a principles section")
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(children, ["OWN1.1", "OWN1.2"]);
    // A new value after them comes last.
    env.ok(&add_args("OWN3", "Third value", &[]));
    assert_eq!(env.show("principle", "OWN3")["position"], 3);
    assert_eq!(env.codes("principle", &[]).last().unwrap(), "OWN3");
}

#[test]
fn add_refuses_bad_parents() {
    let env = with_own_framework();
    env.ok(&add_args(
        "OWN1.1",
        "Child",
        &["--framework", "ours", "--parent", "OWN1"],
    ));
    let add = |parent| add_args("OWN9", "T", &["--framework", "ours", "--parent", parent]);
    env.refused(&add("NOPE"), 66, "no principle with code \"NOPE\"");
    env.refused(
        &add("CP1"),
        65,
        "\"CP1\" belongs to framework \"lse-principles\", not \"ours\"",
    );
    env.refused(&add("OWN1.1"), 65, "one level deep");
    // A new framework is not created when its first principle's parent is refused.
    env.refused(
        &add_args(
            "NEW1",
            "T",
            &["--framework", "brand-new", "--parent", "OWN1"],
        ),
        65,
        "belongs to framework \"ours\"",
    );
    // A retired value cannot take new principles.
    env.ok(&add_args("OWN2", "Old value", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "OWN2"]);
    env.refused(&add("OWN2"), 65, "\"OWN2\" is retired");
    env.clap_fails(&add_args("OWN9", "T", &["--parent"]), "error:");
}

#[test]
fn add_refuses_a_code_in_use_in_any_framework_and_any_case() {
    let env = with_own_framework();
    env.refused(
        &add_args("CP9", "Again", &["--framework", "ours"]),
        65,
        "\"CP9\" is already used in framework \"lse-principles\"",
    );
    env.refused(
        &add_args("cp9", "Again", &["--framework", "ours"]),
        65,
        "already used",
    );
    env.refused(
        &add_args("own1", "Again", &["--framework", "ours"]),
        65,
        "already used in framework \"ours\"",
    );
    // Nor may a new framework be made around a used code.
    env.fails_unchanged(&add_args("SPA1.1", "Again", &["--framework", "theirs"]), 65);
    // A retired principle keeps its code.
    env.ok(&["principle", "retire", "CP3"]);
    env.fails_unchanged(&add_args("CP3", "Again", &["--framework", "ours"]), 65);
}

#[test]
fn add_refuses_bad_codes_titles_and_statements() {
    let env = with_own_framework();
    for bad in ["a b", "", ".CP", "CP/1", "ABCDEFGHIJKLMNOPQRSTU"] {
        let err = env.refused(
            &add_args(bad, "Title", &["--framework", "ours"]),
            65,
            "principle code",
        );
        assert!(err.contains("is not valid"), "{bad}: {err}");
    }
    env.refused(
        &add_args("OWN2", "   ", &["--framework", "ours"]),
        65,
        "title",
    );
    env.refused(
        &add_args(
            "OWN2",
            "Title",
            &["--framework", "ours", "--statement", "bell\u{7}"],
        ),
        65,
        "control characters",
    );
    env.clap_fails(&["principle", "add", "OWN2"], "error:");
    env.clap_fails(&["principle", "add"], "error:");
    env.clap_fails(&add_args("OWN2", "T", &["--statement"]), "error:");
    env.clap_fails(&add_args("OWN2", "T", &["--framework"]), "error:");
}

#[test]
fn add_refuses_framework_details_for_an_existing_framework() {
    let env = with_own_framework();
    for key in ["spa", "ours"] {
        for (flag, value) in [
            ("--framework-name", "Renamed"),
            ("--institution", "Elsewhere"),
            ("--document", "Another"),
            ("--year", "2020"),
        ] {
            env.refused(
                &add_args("NEW9", "T", &["--framework", key, flag, value]),
                65,
                &format!("framework \"{key}\" already exists"),
            );
        }
    }
    // Also for the adopted framework, reached by default.
    env.refused(
        &add_args("NEW9", "T", &["--year", "2020"]),
        65,
        "already exists",
    );
    env.clap_fails(&add_args("NEW9", "T", &["--year"]), "error:");
}

#[test]
fn add_refuses_a_bad_new_framework_key() {
    let env = Env::fresh();
    let long = "k".repeat(41);
    for bad in [
        "our values",
        "our_values",
        "-leading",
        "ours!",
        "ünï",
        long.as_str(),
    ] {
        let flag = format!("--framework={bad}");
        let err = env.refused(
            &add_args("OWN1", "T", &[&flag, "--framework-name", "Ours"]),
            65,
            "framework key",
        );
        assert!(err.contains("is not valid"), "{bad}: {err}");
    }
    env.refused(
        &add_args(
            "OWN1",
            "T",
            &["--framework", "ours", "--institution", "bell\u{7}"],
        ),
        65,
        "institution",
    );
}
