//! `spm principle adopt`: the framework `list` shows.

use super::{SPA_CODES, add_args, cp_codes};
use crate::common::{Env, json};

#[test]
fn adopt_changes_the_framework_that_list_shows() {
    let env = Env::fresh();
    let out = env.run_ok(&["principle", "adopt", "spa"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("reviews now score against spa"), "{stderr}");
    assert_eq!(env.codes("principle", &[]), SPA_CODES);
    let fws = env.json_list(&["principle", "frameworks"]);
    let adopted: Vec<&str> = fws
        .iter()
        .filter(|f| f["adopted"] == true)
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(adopted, ["spa"]);
    let logged: String = env
        .conn()
        .query_row(
            "SELECT fields FROM changes WHERE entity = 'setting' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a logged setting");
    let logged = json(&logged);
    assert_eq!(logged.as_object().unwrap().len(), 1);
    let pair = logged.as_object().unwrap().values().next().unwrap();
    assert_eq!(pair[0], "lse-principles");
    assert_eq!(pair[1], "spa");
    // Adopting it again changes nothing and says so.
    let before = env.dump();
    let out = env.run_ok(&["principle", "adopt", "SPA"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already adopted"));
    assert_eq!(before, env.dump());
    // And back.
    env.ok(&["principle", "adopt", "lse-principles"]);
    assert_eq!(env.codes("principle", &[]), cp_codes());
}

#[test]
fn adopt_refuses_an_unknown_framework() {
    let env = Env::fresh();
    env.refused(&["principle", "adopt", "nope"], 66, "no framework \"nope\"");
    env.clap_fails(&["principle", "adopt"], "error:");
    env.clap_fails(&["principle", "adopt", "spa", "hfh-2014"], "error:");
}

#[test]
fn adopt_refuses_a_framework_with_no_principle_in_use() {
    let env = Env::fresh();
    env.ok(&add_args("OWN1", "Only one", &["--framework", "ours"]));
    env.ok(&["principle", "retire", "OWN1"]);
    env.refused(&["principle", "adopt", "ours"], 65, "no principle in use");
    assert_eq!(env.codes("principle", &[]), cp_codes());
    // With a principle in use it can be adopted.
    env.ok(&add_args("OWN2", "Another", &["--framework", "ours"]));
    env.ok(&["principle", "adopt", "ours"]);
    assert_eq!(env.codes("principle", &[]), ["OWN2"]);
    assert_eq!(env.codes("principle", &["--all"]), ["OWN1", "OWN2"]);
}
