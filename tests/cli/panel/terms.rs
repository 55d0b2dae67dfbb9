//! `spm panel terms`: the names of the terms, shown and set.

use super::session;
use crate::common::{Env, stderr_of};

#[test]
fn terms_are_shown_and_set_in_order() {
    let env = Env::fresh();
    assert_eq!(env.ok(&["panel", "terms"]), "autumn\nwinter\nspring\n");
    let out = env.run_ok(&["panel", "terms", "Michaelmas,Lent,summer"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "michaelmas\nlent\nsummer\n"
    );
    assert!(stderr_of(&out).contains("the terms are now michaelmas, lent, summer"));
    // The new names are the ones sessions and gaps use.
    env.refused(
        &[
            "panel",
            "add",
            "--year",
            "2025/26",
            "--term",
            "autumn",
            "--on",
            "2025-10-01",
            "--topic",
            "x",
        ],
        65,
        "michaelmas",
    );
    session(&env, "lent", "2026-02-01");
    for bad in ["a b", "x,x", ",", "Winter!"] {
        env.refused(&["panel", "terms", bad], 65, "term");
    }
}
