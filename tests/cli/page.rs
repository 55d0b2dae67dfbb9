//! Pages (`--format html`, `-o FILE.html`): every list, record and report as one
//! self-contained HTML file; the leadership page of `report all`, pinned as a snapshot; and
//! whatever a coordinator typed, escaped on every page.

use std::fs;

use crate::common::Env;

/// Text that would run as a script, or break out of an attribute, if a page did not escape it.
const SCRIPT: &str = "<script>alert(1)</script>";
const ATTRIBUTE: &str = "\"><img src=x onerror=alert(1)>";

/// Every report, as `spm report NAME` runs it.
const REPORTS: [&str; 8] = [
    "summary",
    "principles",
    "reviews",
    "outcomes",
    "recommendations",
    "funding",
    "participation",
    "all",
];

/// The lists and records of the demo, a page each.
const LISTS: &[&[&str]] = &[
    &["project", "list"],
    &["project", "show", "mh-peer-2025"],
    &["person", "list"],
    &["review", "list"],
    &["review", "due"],
    &["rec", "list"],
    &["rec", "board"],
    &["panel", "list"],
    &["fund", "list"],
    &["priority", "list"],
    &["principle", "list"],
    &["principle", "frameworks"],
    &["settings", "show"],
];

/// `spm --format html ARGS`, checked to be a page as every page must be.
fn page(env: &Env, args: &[&str]) -> String {
    let mut full = vec!["--format", "html"];
    full.extend_from_slice(args);
    let text = env.ok(&full);
    assert_page(&text, &full);
    text
}

/// What every page is: whole, with its policy and landmarks, one h1 and headings in order,
/// tables with header cells and captions, charts named and described, and nothing from
/// elsewhere.
fn assert_page(page: &str, args: &[&str]) {
    let at = format!("spm {}", args.join(" "));
    assert!(
        page.starts_with("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"),
        "{at}: {page}"
    );
    assert!(page.ends_with("</body></html>\n"), "{at}");
    assert!(
        page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
        ),
        "{at}: no policy"
    );
    assert!(
        page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert_eq!(page.matches("<title>").count(), 1, "{at}");
    assert_eq!(page.matches("<h1").count(), 1, "{at}: one h1");
    for landmark in ["<header>", "<main>", "<footer>"] {
        assert_eq!(page.matches(landmark).count(), 1, "{at}: {landmark}");
    }
    for outside in [
        "http:",
        "https:",
        "//",
        "<script",
        "<link",
        "<iframe",
        " src=\"http",
    ] {
        assert!(!page.contains(outside), "{at}: {outside} in the page");
    }
    // Headings in order: none skips a level below the one before it.
    let mut last = 1;
    for (i, _) in page.match_indices("<h").skip(1) {
        let Some(level) = page[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "{at}: h{level} after h{last}");
        last = level;
    }
    let tables: Vec<&str> = page.split("<table>").skip(1).collect();
    for table in &tables {
        let table = table.split("</table>").next().unwrap_or_default();
        assert!(
            table.starts_with("<caption"),
            "{at}: a table without a caption"
        );
        assert!(
            table.contains("<th scope=\"col\"") || table.contains("<th scope=\"row\""),
            "{at}: a table without header cells"
        );
    }
    let charts: Vec<&str> = page.split("<svg ").skip(1).collect();
    for chart in &charts {
        let chart = chart.split("</svg>").next().unwrap_or_default();
        assert!(chart.starts_with("class=\"chart\" role=\"img\" aria-labelledby=\""));
        let ids: Vec<&str> = chart
            .split('"')
            .nth(5)
            .unwrap_or_default()
            .split(' ')
            .collect();
        assert_eq!(ids.len(), 2, "{at}: {chart}");
        assert!(
            chart.contains(&format!("<title id=\"{}\">", ids[0])),
            "{at}"
        );
        assert!(chart.contains(&format!("<desc id=\"{}\">", ids[1])), "{at}");
    }
    // Ids are unique on the page.
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "{at}: an id twice");
}

/// The page with a line break before each element that starts a block, so a snapshot's
/// changes read line by line.
fn lines(page: &str) -> String {
    let mut out = page.to_string();
    for tag in [
        "<head", "<style", "<body", "<header", "<nav", "<main", "<footer", "<section", "<h1",
        "<h2", "<h3", "<p", "<dl", "<div", "<figure", "<svg", "<rect", "<line", "<text", "<g ",
        "<table", "<caption", "<thead", "<tbody", "<tr", "<li",
    ] {
        out = out.replace(tag, &format!("\n{tag}"));
    }
    out
}

#[test]
fn the_leadership_page_of_the_demo_is_pinned() {
    let env = Env::demo();
    let text = page(&env, &["report", "all", "--year", "2025/26"]);
    // The sections leadership asked for, each a chart and its table.
    for (id, chart) in [
        ("summary", false),
        ("recommendations", true),
        ("principles", true),
        ("reviews", true),
        ("engagement", true),
        ("funding", true),
        ("participation", true),
        ("outcomes", false),
        ("figures", false),
    ] {
        let section = text
            .split(&format!("<section id=\"{id}\""))
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or_else(|| panic!("no section {id}"));
        assert_eq!(section.contains("<svg "), chart, "{id}");
        if chart {
            assert!(section.contains("<table>"), "{id}: its data table");
        }
    }
    assert!(
        text.contains("<dt>People taking part</dt><dd>5</dd>"),
        "{text}"
    );
    assert!(text.contains("1 project achieved less than it planned"));
    insta::assert_snapshot!("leadership_2025_26", lines(&text));
}

#[test]
fn an_html_file_is_the_same_page_and_its_name_picks_the_format() {
    let env = Env::demo();
    let out = env.path("year.html");
    let said = env.run_ok(&["report", "all", "--year", "2025/26", "-o", "year.html"]);
    assert!(said.stdout.is_empty());
    let file = fs::read_to_string(&out).expect("the page");
    assert_eq!(file, page(&env, &["report", "all", "--year", "2025/26"]));
    env.ok(&["project", "list", "-o", "Projects.HTM"]);
    let list = fs::read_to_string(env.path("Projects.HTM")).expect("the page");
    assert_page(&list, &["project", "list"]);
    assert!(list.contains("<h1>Project list</h1>"));
    // A format the file's name contradicts is refused.
    env.refused(
        &["--format", "html", "report", "all", "-o", "year.md"],
        64,
        "--format html does not match the output file",
    );
}

#[test]
fn every_page_of_the_demo_is_whole_and_safe() {
    let env = Env::demo();
    for report in REPORTS {
        let text = page(&env, &["report", report]);
        assert!(text.contains("figures as of 2026-11-23"), "{report}");
        assert!(text.contains("rounded to the nearest 5"), "{report}");
    }
    for args in LISTS {
        let text = page(&env, args);
        assert!(
            text.contains("<p class=\"subtitle\">As of 2026-11-23</p>"),
            "{args:?}"
        );
    }
    let show = page(&env, &["project", "show", "mh-peer-2025"]);
    assert!(
        show.contains("<th scope=\"row\">Code</th><td>mh-peer-2025</td>"),
        "{show}"
    );
    assert!(show.contains("<h2 id=\"body-1-heading\">"));
}

#[test]
fn charts_carry_the_rounded_counts_the_tables_show() {
    let env = Env::demo();
    let text = page(&env, &["report", "participation", "--year", "2025/26"]);
    // Five students: the bar says 5; the percentages are withheld, as the table says.
    assert!(text.contains(">5</text>"), "{text}");
    assert!(text.contains("<td class=\"num\">..</td>"));
    let raw = page(&env, &["report", "participation", "--raw"]);
    assert!(raw.contains("not for publication"));
    assert!(!raw.contains("rounded to the nearest 5 (0, 1 and 2"));
}

#[test]
fn what_a_coordinator_typed_is_escaped_on_every_page() {
    let env = Env::fresh();
    let code = env.ok(&[
        "project",
        "add",
        SCRIPT,
        "--form",
        "wider-student-experience",
        "--level",
        "partnership",
        "--theme",
        ATTRIBUTE,
        "--dept",
        ATTRIBUTE,
        "--summary",
        SCRIPT,
    ]);
    let code = code.trim();
    env.ok(&["project", "status", code, "active", "--on", "2026-10-01"]);
    env.ok(&[
        "rec",
        "add",
        "--from",
        code,
        "--finding",
        SCRIPT,
        "--recommendation",
        ATTRIBUTE,
        "--to",
        SCRIPT,
        "--theme",
        ATTRIBUTE,
        "--on",
        "2026-10-02",
    ]);
    env.ok(&["settings", "set", "institution", SCRIPT]);
    let mut pages: Vec<(Vec<&str>, String)> = Vec::new();
    for report in REPORTS {
        let args = vec!["report", report];
        let text = page(&env, &args);
        pages.push((args, text));
    }
    for args in [
        vec!["project", "list"],
        vec!["project", "show", code],
        vec!["rec", "list"],
        vec!["rec", "show", "1"],
        vec!["settings", "show"],
    ] {
        let text = page(&env, &args);
        pages.push((args, text));
    }
    for (args, text) in &pages {
        for raw in [SCRIPT, ATTRIBUTE, "<img", "onerror=alert(1)>"] {
            assert!(!text.contains(raw), "spm {args:?}: {raw} unescaped");
        }
        // The institution's name, escaped, heads every page.
        assert!(
            text.contains("<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>"),
            "spm {args:?}"
        );
    }
    let escaped_attribute = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    let has = |args: &[&str], needle: &str| {
        pages
            .iter()
            .find(|(a, _)| a == args)
            .is_some_and(|(_, t)| t.contains(needle))
    };
    assert!(has(
        &["project", "list"],
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    ));
    assert!(has(&["project", "list"], escaped_attribute));
    assert!(has(&["report", "recommendations"], escaped_attribute));
    assert!(has(&["report", "all"], escaped_attribute));
    // In the reviews chart, the department is a label: escaped there too.
    assert!(has(
        &["report", "reviews"],
        &format!(">{escaped_attribute}</text>")
    ));
}

#[test]
fn a_command_that_writes_its_own_document_refuses_html() {
    let env = Env::demo();
    env.refused(
        &["--format", "html", "review", "remind"],
        64,
        "this command does not write html",
    );
    env.refused(
        &["review", "calendar", "-o", "reviews.html"],
        64,
        "review calendar writes ics only",
    );
}
