use super::*;
use crate::model::RecStatus;
use crate::output::html::tests::assert_well_formed;

const XSS: &str = "<script>alert(1)</script>";

fn site() -> Site {
    Site {
        look: Look::default(),
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day"),
        entries: vec![
            Entry {
                file: INDEX.into(),
                label: "Home".into(),
                about: String::new(),
            },
            Entry {
                file: BOARD.into(),
                label: "You said, we did".into(),
                about: "what became of it".into(),
            },
        ],
    }
}

fn text(page: &Page) -> String {
    page.markup().into_string()
}

#[test]
fn every_page_links_the_others_and_marks_itself() {
    let page = text(&site().index());
    assert_well_formed(&page);
    assert!(page.contains("<nav class=\"site\" aria-label=\"Pages\"><ul><li><a href=\"index.html\" aria-current=\"page\">Home</a></li><li><a href=\"board.html\">You said, we did</a></li></ul></nav>"), "{page}");
    assert!(
        page.contains("<li><a href=\"board.html\">You said, we did</a>: what became of it</li>")
    );
}

#[test]
fn an_empty_page_says_so() {
    let year: AcademicYear = "2026/27".parse().expect("a year");
    let board = Board {
        year: None,
        themes: Vec::new(),
        last_updated: None,
    };
    let pages = [
        (
            text(&site().board(&board)),
            "No recommendations have been published yet.",
        ),
        (
            text(&site().gallery(&Gallery {
                year,
                themes: Vec::new(),
            })),
            "No Change Makers projects of 2026/27 have been published yet.",
        ),
        (
            text(&site().archive(&[])),
            "There are no earlier years to show yet.",
        ),
        (
            text(&site().panel(&PanelPage {
                year,
                sessions: Vec::new(),
            })),
            "No insights of the panel&#39;s sessions in 2026/27 have been published yet.",
        ),
        (
            text(&site().priorities(year, &[])),
            "No priority projects have been set for 2026/27 yet.",
        ),
    ];
    for (page, says) in pages {
        assert_well_formed(&page);
        assert!(
            page.contains(says) || page.contains(&says.replace("&#39;", "'")),
            "{says}: {page}"
        );
    }
}

#[test]
fn the_board_says_status_in_words_and_escapes_every_text() {
    let day1 = NaiveDate::from_ymd_opt(2025, 10, 20).expect("a day");
    let rec = PublicRec {
        id: 1,
        said: XSS.into(),
        did: None,
        status: RecStatus::InProgress,
        status_words: "In progress",
        status_since: day1,
        unit: "Library Services".into(),
        source: PublicSource::Elsewhere,
        theme: Some("feedback".into()),
        raised_on: day1,
        decided_on: Some(day1),
        closed_on: None,
        communicated_on: None,
        published_on: day1,
        worked: None,
    };
    let board = Board {
        year: None,
        themes: vec![Themed {
            theme: Some("feedback".into()),
            items: vec![rec],
        }],
        last_updated: Some(day1),
    };
    let page = text(&site().board(&board));
    assert_well_formed(&page);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<p class=\"subtitle\">Last updated 20 October 2025</p>"));
    assert!(page.contains("<h2 id=\"theme-1-heading\">Feedback</h2>"));
    assert!(page.contains("<td>In progress</td>"), "{page}");
    assert!(page.contains("We are working on this."));
    assert!(page.contains("<td>Not yet</td>"));
    assert!(page.contains("Made with spm, the Student Partnership Manager, on 23 November 2026."));
}

#[test]
fn students_are_named_only_as_given_and_others_counted() {
    let mut p = GalleryProject {
        code: "cm".into(),
        title: "T".into(),
        summary: "S".into(),
        published_on: NaiveDate::from_ymd_opt(2025, 10, 20).expect("a day"),
        status: crate::model::Status::Active,
        department: None,
        start_date: None,
        end_date: None,
        themes: Vec::new(),
        named_students: Vec::new(),
        other_students: 0,
        recommendations: Vec::new(),
    };
    assert_eq!(students(&p), None);
    p.other_students = 5;
    assert_eq!(students(&p).as_deref(), Some("About 5 students took part."));
    p.named_students = vec!["Amira Hassan".into(), "Jonas Berg".into()];
    assert_eq!(
        students(&p).as_deref(),
        Some("Students: Amira Hassan, Jonas Berg, and about 5 others.")
    );
    assert_eq!(
        gallery_file("2025/26".parse().expect("a year")),
        "gallery-2025-26.html"
    );
}
