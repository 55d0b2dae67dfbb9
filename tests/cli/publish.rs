//! `spm publish -o DIR`: the public site, linked, vetted, escaped, self-contained, and
//! written whole or not at all.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{Env, set_mode, stderr_of};

/// Every file in `dir` (hidden ones too) and its text.
fn files(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .expect("the folder")
        .map(|e| {
            let e = e.expect("an entry");
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read_to_string(e.path()).expect("a text file"))
        })
        .collect()
}

/// The pages in `dir`: the `.html` files and their text.
fn pages(dir: &Path) -> BTreeMap<String, String> {
    files(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .collect()
}

/// Every `href="..."` of a page.
fn hrefs(page: &str) -> Vec<&str> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

fn publish(env: &Env, extra: &[&str]) -> BTreeMap<String, String> {
    let mut args = vec!["publish", "-o", "site/"];
    args.extend_from_slice(extra);
    let out = env.run_ok(&args);
    assert!(out.stdout.is_empty());
    let said = stderr_of(&out);
    let pages = pages(&env.path("site"));
    assert_eq!(said, format!("published {} pages to site/\n", pages.len()));
    pages
}

#[test]
fn every_page_is_written_linked_and_self_contained() {
    let env = Env::demo();
    let site = publish(&env, &["--year", "2025/26"]);
    let names: Vec<&str> = site.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "archive.html",
            "board.html",
            "gallery-2024-25.html",
            "gallery-2025-26.html",
            "index.html",
            "panel-2025-26.html",
            "priorities-2025-26.html",
        ]
    );
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">";
    for (name, page) in &site {
        assert!(page.contains(csp), "{name}");
        assert_eq!(page.matches("<h1").count(), 1, "{name}");
        for bad in ["http:", "https:", "//", "<script"] {
            assert!(!page.contains(bad), "{bad} in {name}");
        }
        // The nav links every page of the nav; every link is a page written.
        for href in hrefs(page) {
            assert!(site.contains_key(href), "{name} links {href}, not written");
        }
        for linked in [
            "index.html",
            "board.html",
            "gallery-2025-26.html",
            "archive.html",
        ] {
            assert!(
                page.contains(&format!("href=\"{linked}\"")),
                "{name}: {linked}"
            );
        }
    }
    // The earlier year is reached from the archive.
    assert!(site["archive.html"].contains("<a href=\"gallery-2024-25.html\">"));
    assert!(site["board.html"].contains("<td>Done</td>"));
    assert!(site["board.html"].contains("Last updated 10 September 2026"));
    assert!(
        site["gallery-2025-26.html"].contains("Change Makers: the commuter student experience")
    );
    assert!(
        site["panel-2025-26.html"].contains("What makes feedback arrive in time to be useful?")
    );
    // A page with nothing says so.
    assert!(
        site["priorities-2025-26.html"]
            .contains("No priority projects have been set for 2025/26 yet.")
    );
    // The same database and day give the same pages.
    assert_eq!(publish(&env, &["--year", "2025/26"]), site);
    // The current year by default.
    let now = publish(&env, &[]);
    assert!(now.contains_key("gallery-2026-27.html"));
    assert!(now.contains_key("panel-2026-27.html"));
    assert!(now["archive.html"].contains("<a href=\"gallery-2025-26.html\">"));
}

#[test]
fn nothing_unvetted_and_no_name_without_consent() {
    let env = Env::demo();
    let said = "You told us you could not tell which feedback comments mattered most.";
    let insight = "Commuter students have nowhere quiet to work between classes.";
    let site = publish(&env, &["--year", "2025/26"]);
    assert!(site.values().any(|p| p.contains(said)));
    assert!(site.values().any(|p| p.contains(insight)));
    assert!(site.values().any(|p| p.contains("Jonas Berg")));

    env.run_ok(&["rec", "unpublish", "1"]);
    let insights = env.ok(&["--format", "json", "panel", "insight", "list", "2"]);
    let id = crate::common::json(&insights)[0]["id"].to_string();
    env.run_ok(&["panel", "insight", "unpublish", &id]);
    env.run_ok(&["project", "unpublish", "cm-commuter-2025"]);
    let site = publish(&env, &["--year", "2025/26"]);
    for (name, page) in &site {
        for gone in [
            said,
            insight,
            "the commuter student experience",
            "Jonas Berg",
        ] {
            assert!(!page.contains(gone), "{gone} in {name}");
        }
        // Students who have not consented to be named never are.
        for student in [
            "Priya Nair",
            "Tom Evans",
            "Grace Mensah",
            "Li Wei",
            "Sam Okafor",
        ] {
            assert!(!page.contains(student), "{student} in {name}");
        }
    }
    assert!(
        site["gallery-2025-26.html"]
            .contains("No Change Makers projects of 2025/26 have been published yet.")
    );
}

#[test]
fn every_text_is_escaped() {
    let env = Env::demo();
    env.run_ok(&[
        "rec",
        "publish",
        "5",
        "--said",
        "<script>alert(1)</script>",
        "--did",
        "\"><img src=x onerror=alert(1)>",
    ]);
    let site = publish(&env, &["--only", "board"]);
    let board = &site["board.html"];
    assert!(
        board.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{board}"
    );
    assert!(board.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!board.contains("<script") && !board.contains("<img"));
}

#[test]
fn only_narrows_the_site_and_the_index_lists_what_was_written() {
    let env = Env::demo();
    let site = publish(&env, &["--only", "board"]);
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        ["board.html", "index.html"]
    );
    assert!(!site["index.html"].contains("gallery-"));
    let site = publish(&env, &["--only", "panel,priorities", "--year", "2025/26"]);
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        [
            "index.html",
            "panel-2025-26.html",
            "priorities-2025-26.html"
        ]
    );
    // The board of the earlier publish is gone: the marker listed it.
    assert!(!env.path("site/board.html").exists());
    assert!(env.path("site/.spm-site").is_file());
}

#[test]
fn a_foreign_folder_is_refused_unless_forced() {
    let env = Env::demo();
    fs::create_dir(env.path("site")).expect("a folder");
    fs::write(env.path("site/notes.txt"), "mine").expect("a file");
    let before = files(&env.path("site"));
    let err = env.fails(&["publish", "-o", "site/"], 65);
    assert!(
        err.contains("holds other files") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(files(&env.path("site")), before);
    // No temporary folder is left beside it.
    let beside: Vec<_> = fs::read_dir(env.dir.path())
        .expect("the folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".spm-site"))
        .collect();
    assert!(beside.is_empty());

    let out = env.run_ok(&["publish", "-o", "site/", "--force", "--only", "board"]);
    assert_eq!(stderr_of(&out), "published 2 pages to site/\n");
    let after = files(&env.path("site"));
    assert_eq!(after["notes.txt"], "mine");
    assert!(after.contains_key("board.html") && after.contains_key(".spm-site"));
    // Made by spm now: publishing again needs no --force, and keeps the other file.
    env.run_ok(&["publish", "-o", "site/"]);
    assert_eq!(
        fs::read_to_string(env.path("site/notes.txt")).expect("kept"),
        "mine"
    );

    // A file where the folder should be.
    fs::write(env.path("page"), "x").expect("a file");
    env.fails(&["publish", "-o", "page"], 73);
}

#[test]
fn an_unwritable_folder_is_refused_and_nothing_is_half_written() {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        // File permissions do not stop root.
        return;
    }
    let env = Env::demo();
    let parent = env.path("closed");
    fs::create_dir(&parent).expect("a folder");
    set_mode(&parent, 0o500);
    let out = env.run(&["publish", "-o", "closed/site"]);
    set_mode(&parent, 0o700);
    let err = crate::common::expect_error(&["publish"], &out, 73);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(fs::read_dir(&parent).expect("the folder").next().is_none());

    // A site of its own that can no longer be written: left as it was.
    env.run_ok(&["publish", "-o", "closed/site", "--only", "board"]);
    let before = files(&env.path("closed/site"));
    set_mode(&env.path("closed/site"), 0o500);
    let out = env.run(&["publish", "-o", "closed/site"]);
    set_mode(&env.path("closed/site"), 0o700);
    crate::common::expect_error(&["publish"], &out, 73);
    assert_eq!(files(&env.path("closed/site")), before);
    let left: Vec<_> = fs::read_dir(&parent)
        .expect("the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["site"]);
}

/// As root, where file permissions stop no one, the same refusal for someone else: spm runs
/// as `nobody` (see readonly.rs) on a database it may read and write, into a folder of its
/// own it cannot write.
#[test]
fn an_unwritable_folder_is_refused_for_someone_else() {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        // The test above runs as ourselves.
        return;
    }
    let env = Env::new();
    let reader = crate::readonly::Reader::new(&env);
    let db = crate::readonly::shared_demo(&env);
    for entry in fs::read_dir(env.path("shared")).expect("the folder") {
        let path = entry.expect("an entry").path();
        reader.give(&path, 0o644);
    }
    reader.give(&env.path("shared"), 0o755);
    let parent = env.path("closed");
    fs::create_dir(&parent).expect("a folder");
    reader.give(&parent, 0o500);
    let target = parent.join("site");
    let target = target.to_str().expect("a UTF-8 path");
    let out = reader.run(&db, &["publish", "-o", target]);
    let err = crate::common::expect_error(&["publish"], &out, 73);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(fs::read_dir(&parent).expect("the folder").next().is_none());
    // The reader can publish where it may write.
    reader.give(&parent, 0o700);
    let out = reader.run(&db, &["publish", "-o", target, "--only", "board"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(parent.join("site/board.html").exists());
}

#[test]
fn publish_needs_a_folder() {
    let env = Env::demo();
    let err = env.fails(&["publish"], 64);
    assert!(err.contains("-o"), "{err}");
    env.fails(&["--format", "csv", "publish", "-o", "site/"], 64);
}

#[test]
fn the_board_of_the_demo() {
    let env = Env::demo();
    let site = publish(&env, &["--only", "board"]);
    let board = &site["board.html"];
    // The style sheet is the page module's; the rest a line a tag, to read in a diff.
    let body = &board[board.find("</head>").expect("a head")..];
    insta::assert_snapshot!("publish_board", body.replace("><", ">\n<"));
}

/// The board says whether a done recommendation worked (`rec impact`), in words, and never
/// the impact's evidence, which is free text no one approved for the public.
#[test]
fn the_board_says_whether_it_worked_but_not_the_evidence() {
    let env = Env::demo();
    let site = publish(&env, &["--only", "board"]);
    let board = &site["board.html"];
    assert!(
        board.contains("<th scope=\"col\">Did it work?</th>"),
        "{board}"
    );
    assert!(board.contains("<td>Yes</td>"), "{board}");
    assert!(!board.contains("41% to 68%"), "{board}");
    // Checked again, the board follows.
    env.ok(&[
        "rec",
        "impact",
        "1",
        "--worked",
        "partly",
        "--on",
        "2026-08-01",
        "--evidence",
        "Fewer than hoped: 41% to 52%.",
    ]);
    let site = publish(&env, &["--only", "board"]);
    let board = &site["board.html"];
    assert!(board.contains("<td>Partly</td>"), "{board}");
    assert!(!board.contains("41% to 52%"), "{board}");
}
