//! Unit tests of the public pages' data: only what was approved, names only with consent,
//! counts rounded, a fixed order.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::model::date::testing::day;
use crate::model::{AcademicYear, Activity, Form, Level, PersonKind, RecStatus, Role};
use crate::service::database::open_in_memory;
use crate::service::panel::{self, NewSession};
use crate::service::partner::{self, NewPartner};
use crate::service::person::{self, NewPerson, PersonPatch};
use crate::service::project::{self, NewProject, PublishProject};
use crate::service::rec::{self, NewRec, PublishRec, Source, StatusUpdate};

const TODAY: &str = "2026-11-23";
const YEAR: AcademicYear = AcademicYear(2025);

fn today() -> NaiveDate {
    day(TODAY)
}

/// A Change Makers project of `year` with `themes` and a summary.
fn cm(
    conn: &mut Connection,
    code: &str,
    year: AcademicYear,
    themes: &[&str],
) -> anyhow::Result<()> {
    let mut p = NewProject::new(
        format!("Project {code}"),
        Form::EducationalResearch,
        Level::StudentLed,
    );
    p.code = Some(code.into());
    p.activity = Some(Activity::ChangeMakers);
    p.academic_year = Some(year);
    p.summary = Some(format!("SUMMARY-OF-{code}"));
    p.themes = themes.iter().map(|t| t.to_string()).collect();
    project::add(conn, p, today())?;
    Ok(())
}

fn publish_project(conn: &mut Connection, code: &str, summary: Option<&str>) -> anyhow::Result<()> {
    let what = PublishProject {
        summary: summary.map(str::to_string),
        on: Some(day("2026-11-01")),
        ..PublishProject::default()
    };
    project::publish(conn, code, what, today())?;
    Ok(())
}

/// A student with consent to take part from 2025-09-01, and consent to be named from `named`.
fn student(conn: &mut Connection, name: &str, named: Option<&str>) -> anyhow::Result<i64> {
    let mut new = NewPerson::new(name, PersonKind::Student);
    new.email = Some(format!(
        "{}@example.ac.uk",
        name.to_lowercase().replace(' ', ".")
    ));
    new.consent_given = Some(day("2025-09-01"));
    let p = person::add(conn, new, today())?;
    if let Some(d) = named {
        let patch = PersonPatch {
            consent_to_name: Some(Some(day(d))),
            ..PersonPatch::default()
        };
        person::edit(conn, &p.id.to_string(), patch, today())?;
    }
    Ok(p.id)
}

fn join(conn: &mut Connection, code: &str, person: i64) -> anyhow::Result<()> {
    let new = NewPartner {
        project: code.into(),
        person: person.to_string(),
        role: Role::ChangeMaker,
        from: None,
        to: None,
        skills: None,
        require_consent: false,
    };
    partner::add(conn, new, today())?;
    Ok(())
}

/// A recommendation from `source` raised on 2026-01-10, moved to `status` on 2026-02-01
/// (left proposed for `Proposed`) with `response`.
fn recommend(
    conn: &mut Connection,
    source: Source,
    finding: &str,
    theme: Option<&str>,
    status: RecStatus,
    response: Option<&str>,
) -> anyhow::Result<i64> {
    let mut new = NewRec::new(
        source,
        finding,
        "do something",
        "Estates",
        day("2026-01-10"),
    );
    new.theme = theme.map(str::to_string);
    let id = rec::add(conn, new, today())?.id;
    if status != RecStatus::Proposed {
        let change = StatusUpdate {
            status: Some(status),
            response: response.map(|r| Some(r.to_string())),
            on: Some(day("2026-02-01")),
        };
        rec::update(conn, id, change, today())?;
    }
    Ok(id)
}

fn publish_rec(conn: &mut Connection, id: i64, said: Option<&str>, on: &str) -> anyhow::Result<()> {
    let what = PublishRec {
        said: said.map(str::to_string),
        on: Some(day(on)),
        ..PublishRec::default()
    };
    rec::publish(conn, id, what, today())?;
    Ok(())
}

/// What the fixture holds, by name.
struct Fixture {
    conn: Connection,
    /// Published, with its own wording.
    reworded: i64,
    /// Decided, never published.
    unpublished: i64,
    /// From a panel session, published.
    from_panel: i64,
    /// Published, then taken off again.
    withdrawn: i64,
    /// Panel insights: approved, and not.
    insight_shown: i64,
    insight_hidden: i64,
}

/// Change Makers projects of 2025/26 (cm-a: "Belonging" and "feedback", published; cm-b:
/// "belonging", published with its own summary; cm-c unpublished), one of 2024/25 (published)
/// and a published project that is no Change Makers one; students named and not; panel
/// sessions with insights approved and not; recommendations published, reworded, withdrawn
/// and never published.
fn fixture() -> anyhow::Result<Fixture> {
    let mut conn = open_in_memory()?;
    let c = &mut conn;
    cm(c, "cm-a", YEAR, &["Belonging", "feedback"])?;
    cm(c, "cm-b", YEAR, &["belonging"])?;
    cm(c, "cm-c", YEAR, &["feedback"])?;
    cm(c, "cm-old", AcademicYear(2024), &[])?;
    let mut other = NewProject::new("Other work", Form::WiderExperience, Level::Partnership);
    other.code = Some("other".into());
    other.activity = Some(Activity::ProblemSolving);
    other.academic_year = Some(YEAR);
    other.summary = Some("SUMMARY-OF-other".into());
    project::add(c, other, today())?;
    publish_project(c, "cm-a", None)?;
    publish_project(c, "cm-b", Some("An approved summary of cm-b"))?;
    publish_project(c, "cm-old", None)?;
    publish_project(c, "other", None)?;

    // cm-a: one student who may be named, one who withdrew consent to take part, one who
    // never consented to be named. cm-b: six students, none named.
    let named = student(c, "Nia Named", Some("2026-10-01"))?;
    let withdrew = student(c, "Wes Withdrew", Some("2026-10-01"))?;
    let patch = PersonPatch {
        consent_withdrawn: Some(Some(day("2026-11-01"))),
        ..PersonPatch::default()
    };
    person::edit(c, &withdrew.to_string(), patch, today())?;
    let silent = student(c, "Sol Silent", None)?;
    for id in [named, withdrew, silent] {
        join(c, "cm-a", id)?;
    }
    for i in 0..6 {
        let id = student(c, &format!("Quiet Student{i}"), None)?;
        join(c, "cm-b", id)?;
    }

    let session = |on: &str, topic: &str| NewSession {
        year: YEAR,
        term: "autumn".into(),
        on: day(on),
        topic: topic.into(),
        question: Some(format!("QUESTION-OF-{topic}")),
        panellists: Some(12),
    };
    let held = panel::add(c, session("2025-11-19", "Feedback"), today())?
        .session
        .id;
    let quiet = panel::add(c, session("2026-03-11", "SILENT-TOPIC"), today())?
        .session
        .id;
    let insight_shown = panel::add_insight(c, held, "An approved insight")?.id;
    let insight_hidden = panel::add_insight(c, held, "HIDDEN-INSIGHT")?.id;
    panel::add_insight(c, quiet, "HIDDEN-INSIGHT-2")?;
    panel::publish_insight(c, insight_shown, Some(day("2025-12-01")), today())?;

    let a = || Source::Project("cm-a".into());
    let reworded = recommend(
        c,
        a(),
        "RAW-FINDING",
        Some("Study space"),
        RecStatus::InProgress,
        Some("RAW-RESPONSE"),
    )?;
    publish_rec(
        c,
        reworded,
        Some("You said there was nowhere to study"),
        "2026-03-01",
    )?;
    let unpublished = recommend(
        c,
        a(),
        "UNPUBLISHED-FINDING",
        Some("study space"),
        RecStatus::Implemented,
        Some("UNPUBLISHED-RESPONSE"),
    )?;
    let from_panel = recommend(
        c,
        Source::Panel(held),
        "Feedback comes late",
        None,
        RecStatus::Accepted,
        None,
    )?;
    publish_rec(c, from_panel, None, "2026-02-15")?;
    let withdrawn = recommend(
        c,
        Source::Elsewhere,
        "WITHDRAWN-FINDING",
        Some("Belonging"),
        RecStatus::NotAdopted,
        Some("WITHDRAWN-RESPONSE"),
    )?;
    publish_rec(c, withdrawn, None, "2026-02-02")?;
    rec::unpublish(c, withdrawn)?;
    recommend(c, a(), "PROPOSED-FINDING", None, RecStatus::Proposed, None)?;
    Ok(Fixture {
        conn,
        reworded,
        unpublished,
        from_panel,
        withdrawn,
        insight_shown,
        insight_hidden,
    })
}

/// Everything a page could show of `value`, as text to search.
fn text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[test]
fn the_board_shows_only_approved_recommendations_in_approved_words() -> anyhow::Result<()> {
    let f = fixture()?;
    let board = board(&f.conn, None, today())?;
    let ids: Vec<i64> = board
        .themes
        .iter()
        .flat_map(|t| t.items.iter().map(|r| r.id))
        .collect();
    // Themes alphabetical in any case, none last; the unpublished and withdrawn are not there.
    assert_eq!(ids, [f.reworded, f.from_panel]);
    assert_eq!(
        board
            .themes
            .iter()
            .map(|t| t.theme.clone())
            .collect::<Vec<_>>(),
        [Some("Study space".to_string()), None]
    );
    let all = text(&board);
    for hidden in [
        "RAW-FINDING",
        "UNPUBLISHED-FINDING",
        "UNPUBLISHED-RESPONSE",
        "WITHDRAWN-FINDING",
        "PROPOSED-FINDING",
    ] {
        assert!(!all.contains(hidden), "{hidden} is on the board: {all}");
    }
    assert!(!ids.contains(&f.unpublished) && !ids.contains(&f.withdrawn));
    let first = &board.themes[0].items[0];
    assert_eq!(first.said, "You said there was nowhere to study");
    // The response at the time of approval is what was approved.
    assert_eq!(first.did.as_deref(), Some("RAW-RESPONSE"));
    assert_eq!(first.status_words, "In progress");
    assert_eq!(first.decided_on, Some(day("2026-02-01")));
    assert_eq!(
        first.source,
        PublicSource::Project {
            code: "cm-a".into(),
            title: Some("Project cm-a".into()),
            activity: Some(Activity::ChangeMakers),
        }
    );
    let panel_rec = &board.themes[1].items[0];
    assert!(matches!(&panel_rec.source, PublicSource::Panel { topic, .. } if topic == "Feedback"));
    assert_eq!(panel_rec.did, None);
    // The latest approval or change of status.
    assert_eq!(board.last_updated, Some(day("2026-03-01")));
    assert_eq!(board.len(), 2);
    // Raised in 2025/26; none in 2024/25.
    assert_eq!(super::board(&f.conn, Some(YEAR), today())?.len(), 2);
    assert!(super::board(&f.conn, Some(AcademicYear(2024)), today())?.is_empty());
    Ok(())
}

#[test]
fn a_project_not_approved_is_named_by_no_title() -> anyhow::Result<()> {
    let mut f = fixture()?;
    project::unpublish(&mut f.conn, "cm-a")?;
    let board = board(&f.conn, None, today())?;
    let first = &board.themes[0].items[0];
    assert!(matches!(
        &first.source,
        PublicSource::Project { title: None, .. }
    ));
    assert!(!text(&board).contains("Project cm-a"));
    Ok(())
}

#[test]
fn the_gallery_shows_approved_change_makers_projects_by_theme() -> anyhow::Result<()> {
    let f = fixture()?;
    let g = gallery(&f.conn, YEAR, today())?;
    let layout: Vec<(Option<String>, Vec<&str>)> = g
        .themes
        .iter()
        .map(|t| {
            (
                t.theme.clone(),
                t.items.iter().map(|p| p.code.as_str()).collect(),
            )
        })
        .collect();
    // "Belonging" and "belonging" are one theme, spelled as first in alphabetical order;
    // cm-a is under each of its themes; cm-c (no approval) and "other" (no Change Makers
    // project) are not there.
    assert_eq!(
        layout,
        [
            (Some("Belonging".to_string()), vec!["cm-a", "cm-b"]),
            (Some("feedback".to_string()), vec!["cm-a"]),
        ]
    );
    let all = text(&g);
    for hidden in [
        "SUMMARY-OF-cm-b",
        "SUMMARY-OF-cm-c",
        "SUMMARY-OF-other",
        "UNPUBLISHED-FINDING",
    ] {
        assert!(!all.contains(hidden), "{hidden} is in the gallery");
    }
    let b = &g.themes[0].items[1];
    assert_eq!(b.summary, "An approved summary of cm-b");
    let a = &g.themes[0].items[0];
    assert_eq!(a.summary, "SUMMARY-OF-cm-a");
    assert_eq!(
        a.recommendations.iter().map(|r| r.id).collect::<Vec<_>>(),
        [f.reworded]
    );
    assert_eq!(g.projects().len(), 2);
    // Earlier years make the archive; this year's and later are not in it.
    assert_eq!(archive_years(&f.conn, YEAR)?, [AcademicYear(2024)]);
    let old = archive(&f.conn, YEAR, today())?;
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].themes[0].theme, None);
    assert_eq!(old[0].themes[0].items[0].code, "cm-old");
    assert!(gallery(&f.conn, AcademicYear(2026), today())?.is_empty());
    Ok(())
}

#[test]
fn students_are_named_only_with_consent_and_others_counted_rounded() -> anyhow::Result<()> {
    let f = fixture()?;
    let g = gallery(&f.conn, YEAR, today())?;
    let a = &g.themes[0].items[0];
    assert_eq!(a.named_students, ["Nia Named"]);
    // Two others (one withdrew consent to take part, one never consented to be named): two
    // rounds to 0. Six round to 5.
    assert_eq!(a.other_students, 0);
    assert_eq!(g.themes[0].items[1].other_students, 5);
    let all = text(&g);
    for hidden in ["Wes Withdrew", "Sol Silent", "Quiet Student"] {
        assert!(!all.contains(hidden), "{hidden} is named in the gallery");
    }
    // Before the day of consent to be named, nobody is named.
    let earlier = gallery(&f.conn, YEAR, day("2026-09-30"))?;
    assert!(earlier.themes[0].items[0].named_students.is_empty());
    assert!(!text(&earlier).contains("Nia Named"));
    // Withdrawn by clearing it.
    let mut conn = f.conn;
    let patch = PersonPatch {
        consent_to_name: Some(None),
        ..PersonPatch::default()
    };
    person::edit(&mut conn, "Nia Named", patch, today())?;
    let after = gallery(&conn, YEAR, today())?;
    assert!(!text(&after).contains("Nia Named"));
    Ok(())
}

#[test]
fn the_panel_page_shows_only_approved_insights() -> anyhow::Result<()> {
    let f = fixture()?;
    let page = panel(&f.conn, YEAR)?;
    assert_eq!(page.sessions.len(), 1, "{page:?}");
    let s = &page.sessions[0];
    assert_eq!(s.topic, "Feedback");
    assert_eq!(s.question.as_deref(), Some("QUESTION-OF-Feedback"));
    assert_eq!(s.panellists, Some(10), "12 panellists round to 10");
    assert_eq!(
        s.insights.iter().map(|i| i.id).collect::<Vec<_>>(),
        [f.insight_shown]
    );
    let all = text(&page);
    assert!(
        !all.contains("HIDDEN-INSIGHT") && !all.contains("SILENT-TOPIC"),
        "{all}"
    );
    assert!(!s.insights.iter().any(|i| i.id == f.insight_hidden));
    Ok(())
}

#[test]
fn the_same_database_gives_the_same_pages() -> anyhow::Result<()> {
    let f = fixture()?;
    let once = (
        text(&board(&f.conn, None, today())?),
        text(&gallery(&f.conn, YEAR, today())?),
        text(&panel(&f.conn, YEAR)?),
        text(&priorities(&f.conn, YEAR)?),
    );
    let again = (
        text(&board(&f.conn, None, today())?),
        text(&gallery(&f.conn, YEAR, today())?),
        text(&panel(&f.conn, YEAR)?),
        text(&priorities(&f.conn, YEAR)?),
    );
    assert_eq!(once, again);
    Ok(())
}

#[test]
fn themes_group_in_any_case_in_alphabetical_order_with_none_last() {
    let grouped = by_theme([
        (Some("b".to_string()), 1),
        (None, 2),
        (Some("A".to_string()), 3),
        (Some("B".to_string()), 4),
        (Some("a".to_string()), 5),
    ]);
    let got: Vec<(Option<String>, Vec<i32>)> =
        grouped.into_iter().map(|t| (t.theme, t.items)).collect();
    assert_eq!(
        got,
        [
            (Some("A".to_string()), vec![3, 5]),
            (Some("B".to_string()), vec![1, 4]),
            (None, vec![2]),
        ]
    );
}

#[test]
fn priorities_are_the_years_own() -> anyhow::Result<()> {
    let mut f = fixture()?;
    crate::service::priority::set(
        &mut f.conn,
        YEAR,
        "cm-a",
        &["an objective".to_string()],
        today(),
    )?;
    let shown = priorities(&f.conn, YEAR)?;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].objectives, ["an objective"]);
    assert!(priorities(&f.conn, AcademicYear(2024))?.is_empty());
    Ok(())
}
