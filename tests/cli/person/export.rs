//! `spm person export`: everything held about one person, in one file only they can read.

use serde_json::json;

use super::{amira, amira_with_everything, export, leads};
use crate::common::{TODAY, json};

/// The keys the document `person export` writes has at least, in order.
const EXPORT_KEYS: &[&str] = &[
    "exported_on",
    "person",
    "characteristics",
    "partners",
    "contributions",
    "leads",
    "data_requests",
    "change_log",
];

#[test]
fn export_holds_every_table_that_refers_to_the_person() {
    let env = amira_with_everything();
    let doc = export(&env, "Amira Hassan");
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let at: Vec<usize> = EXPORT_KEYS
        .iter()
        .map(|k| {
            keys.iter()
                .position(|x| x == k)
                .unwrap_or_else(|| panic!("{k} missing from {keys:?}"))
        })
        .collect();
    assert!(at.is_sorted(), "in this order: {keys:?}");
    assert_eq!(doc["exported_on"], TODAY);

    let p = &doc["person"][0];
    assert_eq!(doc["person"].as_array().unwrap().len(), 1);
    assert_eq!(p["id"], 1);
    assert_eq!(p["name"], "Amira Hassan");
    assert_eq!(p["email"], "a.hassan@example.ac.uk");
    assert_eq!(p["notes"], "prefers email");
    assert_eq!(p["consent_expires"], "2026-12-10");

    assert_eq!(
        doc["characteristics"],
        json!([{"category": "disability", "value": "no"}])
    );

    let partners = doc["partners"].as_array().unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(partners[0]["project"], "x");
    assert_eq!(partners[0]["role"], "student-partner");
    assert_eq!(partners[0]["from_date"], "2025-10-01");

    let contributions = doc["contributions"].as_array().unwrap();
    assert_eq!(contributions.len(), 2, "not Sam's");
    assert_eq!(contributions[0]["on_date"], "2026-11-01");
    assert_eq!(contributions[0]["minutes"], 360);
    assert_eq!(contributions[0]["paid_pence"], 9000);
    assert_eq!(contributions[0]["recognition"], "payment");
    assert_eq!(contributions[0]["note"], "workshop");
    assert_eq!(contributions[1]["recognition"], "certificate");

    assert_eq!(doc["leads"], json!([]));

    let requests = doc["data_requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["kind"], "access");
    assert_eq!(requests[0]["received"], "2026-11-20");
    assert_eq!(requests[0]["due"], "2026-12-20");
    assert_eq!(requests[0]["note"], "by email");

    let log = doc["change_log"].as_array().unwrap();
    let entries: Vec<(String, String)> = log
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        entries[..2],
        [
            ("person".to_string(), "insert".to_string()),
            ("partner".to_string(), "insert".to_string())
        ]
    );
    assert_eq!(log[0]["fields"]["email"], "a.hassan@example.ac.uk");
    assert!(log.iter().all(|c| c["actor"] == "tester"));
    assert!(
        log.iter()
            .any(|c| c["fields"]["characteristic"] == "disability")
    );
    assert!(log.iter().any(|c| c["fields"]["paid_pence"] == 9000));
    assert!(!doc.to_string().contains("sam.lee"), "{doc}");
}

#[test]
fn export_to_a_file_is_readable_by_its_owner_only() {
    let env = amira_with_everything();
    let out = env.run_ok(&["person", "export", "1", "-o", "amira.json"]);
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("wrote everything spm holds"),
        "{out:?}"
    );
    let path = env.path("amira.json");
    let doc = json(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(doc["person"][0]["email"], "a.hassan@example.ac.uk");
    assert_eq!(doc, export(&env, "1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
}

#[test]
fn export_of_a_lead_lists_the_projects_they_lead() {
    let env = leads();
    env.ok(&["project", "status", "b", "active", "--on", "2026-10-01"]);
    let doc = export(&env, "Dr A. Khan");
    assert_eq!(doc["person"][0]["kind"], "staff");
    let led = doc["leads"].as_array().unwrap();
    assert_eq!(led.len(), 2);
    assert_eq!(
        led[0],
        json!({"code": "a", "title": "Project a", "status": "proposed"})
    );
    assert_eq!(led[1]["status"], "active");
    assert_eq!(export(&env, "2")["leads"], json!([]));
}

#[test]
fn export_of_an_unknown_person_writes_no_file() {
    let env = amira();
    env.refused(
        &[
            "person",
            "export",
            "ghost@example.ac.uk",
            "-o",
            "ghost.json",
        ],
        66,
        "no person with email",
    );
    assert!(!env.path("ghost.json").exists());
    env.clap_fails(&["person", "export"], "<PERSON>");
}
