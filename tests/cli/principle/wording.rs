//! The built-in statements are worded exactly as the seed documents.

use crate::common::Env;

/// Text with runs of white space folded to one space.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn builtin_statements_are_worded_exactly_as_the_seed_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let seeds: Vec<String> = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .map(|e| e.expect("a seed").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| folded(&std::fs::read_to_string(p).expect("a seed text")))
        .collect();
    assert!(seeds.len() >= 2, "the seeds are missing from {dir:?}");
    let env = Env::fresh();
    let mut checked = 0;
    for key in ["lse-principles", "spa"] {
        for p in env.list("principle", &["--framework", key, "--all"]) {
            if let Some(statement) = p["statement"].as_str() {
                let statement = folded(statement);
                assert!(
                    seeds.iter().any(|s| s.contains(&statement)),
                    "{} is not worded as in the seeds: {statement}",
                    p["code"]
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 10 + 11);
    // The SPA's five values are headings in its seed; the HFH values are named in seed 000.
    for p in env.list("principle", &["--framework", "spa"]) {
        if p["parent"].is_null() {
            let title = p["title"].as_str().unwrap();
            assert!(seeds.iter().any(|s| s.contains(title)), "{title}");
        }
    }
    for p in env.list("principle", &["--framework", "hfh-2014"]) {
        let title = p["title"].as_str().unwrap().to_lowercase();
        assert!(
            seeds.iter().any(|s| s.to_lowercase().contains(&title)),
            "{title}"
        );
    }
}
