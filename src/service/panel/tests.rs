//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use serde_json::json;

use super::*;
use crate::model::date::testing::day;
use crate::service::database::open_in_memory;

const TODAY: &str = "2026-11-23";

fn new(year: i32, term: &str, on: &str) -> NewSession {
    NewSession {
        year: AcademicYear(year),
        term: term.to_string(),
        on: day(on),
        topic: "Assessment feedback".to_string(),
        question: None,
        panellists: Some(12),
    }
}

fn rows(conn: &Connection, table: &str) -> anyhow::Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

#[test]
fn add_saves_normalises_and_logs() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let mut n = new(2025, " Autumn ", "2025-10-14");
    n.topic = "  Feedback on assessment  ".into();
    n.question = Some("   ".into());
    let saved = add(&mut conn, n, day(TODAY))?;
    let s = &saved.session;
    assert_eq!(
        (s.term.as_str(), s.topic.as_str(), s.question.clone()),
        ("autumn", "Feedback on assessment", None)
    );
    assert_eq!(
        (s.year, s.on, s.panellists),
        (AcademicYear(2025), day("2025-10-14"), Some(12))
    );
    assert!(saved.same_term.is_empty());
    assert_eq!(get(&conn, s.id)?, *s);
    assert_eq!(count(&conn)?, 1);
    let log = history(&conn, s.id)?;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "insert");
    assert_eq!(log[0].fields["term"], "autumn");
    assert_eq!(log[0].fields["topic"], "Feedback on assessment");
    Ok(())
}

#[test]
fn a_second_session_in_a_term_is_kept_and_reported() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let first = add(&mut conn, new(2025, "autumn", "2025-10-14"), day(TODAY))?;
    let second = add(&mut conn, new(2025, "autumn", "2025-12-01"), day(TODAY))?;
    assert!(first.same_term.is_empty());
    assert_eq!(second.same_term, vec![first.session.clone()]);
    assert_eq!(count(&conn)?, 2);
    assert_eq!(get(&conn, first.session.id)?, first.session);
    assert_eq!(get(&conn, second.session.id)?, second.session);
    Ok(())
}

#[test]
fn refuses_bad_sessions_and_writes_nothing() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let logged = rows(&conn, "changes")?;
    let cases: Vec<(NewSession, &str)> = vec![
        (new(2025, "summer", "2025-10-14"), "autumn, winter, spring"),
        (
            new(2025, "autumn", "2025-08-31"),
            "not in academic year 2025/26",
        ),
        (
            new(2025, "autumn", "2026-09-01"),
            "2025-09-01 to 2026-08-31",
        ),
        (new(2027, "autumn", "2027-11-24"), "more than a year ahead"),
        (
            NewSession {
                topic: " \t ".into(),
                ..new(2025, "autumn", "2025-10-14")
            },
            "needs a topic",
        ),
        (
            NewSession {
                panellists: Some(MAX_PANELLISTS + 1),
                ..new(2025, "autumn", "2025-10-14")
            },
            "check --panellists",
        ),
        (
            NewSession {
                question: Some("why\u{7}".into()),
                ..new(2025, "autumn", "2025-10-14")
            },
            "control characters",
        ),
    ];
    for (n, needle) in cases {
        let err = add(&mut conn, n, day(TODAY)).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert_eq!(count(&conn)?, 0);
    assert_eq!(rows(&conn, "changes")?, logged);
    Ok(())
}

#[test]
fn a_session_a_year_ahead_is_allowed() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let saved = add(&mut conn, new(2027, "autumn", "2027-11-23"), day(TODAY))?;
    let s = &saved.session;
    assert_eq!((s.year, s.on), (AcademicYear(2027), day("2027-11-23")));
    assert_eq!(get(&conn, s.id)?, *s);
    assert_eq!(count(&conn)?, 1);
    assert_eq!(history(&conn, s.id)?.len(), 1);
    Ok(())
}

#[test]
fn gaps_follow_the_configured_terms() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    add(&mut conn, new(2025, "autumn", "2025-10-14"), day(TODAY))?;
    add(&mut conn, new(2025, "spring", "2026-05-05"), day(TODAY))?;
    let g = gaps(&conn, AcademicYear(2025), day(TODAY))?;
    assert_eq!(g.missing, vec!["winter"]);
    assert!(g.upcoming.is_empty() && g.stray.is_empty());
    // On 23 November 2026 the autumn term of 2026/27 has begun; winter and spring have not.
    let g = gaps(&conn, AcademicYear(2026), day(TODAY))?;
    assert_eq!(g.missing, vec!["autumn"]);
    assert_eq!(g.upcoming, vec!["winter", "spring"]);
    let g = gaps(&conn, AcademicYear(2026), day("2027-08-31"))?;
    assert_eq!(g.missing, vec!["autumn", "winter", "spring"]);
    let g = gaps(&conn, AcademicYear(2027), day(TODAY))?;
    assert!(g.missing.is_empty());
    assert_eq!(g.upcoming, vec!["autumn", "winter", "spring"]);
    settings::set(&conn, settings::TERMS, "Michaelmas, lent ,summer")?;
    let g = gaps(&conn, AcademicYear(2025), day(TODAY))?;
    assert_eq!(g.missing, vec!["michaelmas", "lent", "summer"]);
    assert_eq!(
        g.stray.iter().map(|s| s.term.as_str()).collect::<Vec<_>>(),
        vec!["autumn", "spring"]
    );
    // The old names still filter the list; unknown ones are refused.
    let filter = |term: &str| SessionFilter {
        year: None,
        term: Some(term.to_string()),
    };
    assert_eq!(list(&conn, &filter("Autumn"))?.len(), 1);
    assert_eq!(list(&conn, &filter("lent"))?.len(), 0);
    assert!(list(&conn, &filter("winter")).is_err());
    Ok(())
}

#[test]
fn a_term_setting_the_database_cannot_hold_is_reported() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    settings::set(&conn, settings::TERMS, "first term,second term")?;
    let logged = rows(&conn, "changes")?;
    let err = add(&mut conn, new(2025, "first term", "2025-10-14"), day(TODAY)).unwrap_err();
    assert!(matches!(err, Error::BadDatabase(_)), "{err}");
    assert_eq!(count(&conn)?, 0);
    assert_eq!(rows(&conn, "changes")?, logged);
    Ok(())
}

#[test]
fn insights_are_added_listed_removed_and_logged() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let s = add(&mut conn, new(2025, "autumn", "2025-10-14"), day(TODAY))?.session;
    let a = add_insight(&mut conn, s.id, "  Feedback comes too late.  ")?;
    let b = add_insight(&mut conn, s.id, "Rubrics help.")?;
    assert_eq!(a.text, "Feedback comes too late.");
    assert_eq!((a.session_id, b.session_id), (s.id, s.id));
    assert_eq!(list_insights(&conn, s.id)?, vec![a.clone(), b.clone()]);
    assert_eq!(get_insight(&conn, b.id)?, b);
    assert!(matches!(
        add_insight(&mut conn, s.id, " \n "),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        add_insight(&mut conn, 99, "x"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        list_insights(&conn, 99),
        Err(Error::NotFound { .. })
    ));
    // The refusals wrote nothing.
    assert_eq!(rows(&conn, "panel_insights")?, 2);
    assert_eq!(history(&conn, s.id)?.len(), 3);
    assert_eq!(remove_insight(&mut conn, a.id)?, a);
    assert_eq!(insights(&conn, s.id)?, vec![b.clone()]);
    assert!(matches!(
        get_insight(&conn, a.id),
        Err(Error::NotFound { .. })
    ));
    let log = history(&conn, s.id)?;
    assert_eq!(log.len(), 4);
    assert_eq!(log[1].fields["insight_added"], a.id);
    assert_eq!(log[2].fields["insight_added"], b.id);
    assert_eq!(log[3].fields["insight_removed"], a.id);
    assert_eq!(log[3].fields["text"], "Feedback comes too late.");
    Ok(())
}

#[test]
fn edit_checks_the_new_values_and_logs_the_difference() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let s = add(&mut conn, new(2025, "autumn", "2025-10-14"), day(TODAY))?.session;
    let other = add(&mut conn, new(2025, "winter", "2026-01-20"), day(TODAY))?.session;
    // Moving the year without the date leaves the date outside it.
    let patch = SessionPatch {
        year: Some(AcademicYear(2024)),
        ..SessionPatch::default()
    };
    let err = edit(&mut conn, s.id, patch, day(TODAY)).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(get(&conn, s.id)?, s);
    assert_eq!(history(&conn, s.id)?.len(), 1);
    let patch = SessionPatch {
        term: Some("Winter".into()),
        question: Some(Some("What helps?".into())),
        panellists: Some(None),
        ..SessionPatch::default()
    };
    let saved = edit(&mut conn, s.id, patch, day(TODAY))?;
    assert_eq!(saved.session.term, "winter");
    assert_eq!(saved.session.question.as_deref(), Some("What helps?"));
    assert_eq!(saved.session.panellists, None);
    assert_eq!(
        (saved.session.topic.as_str(), saved.session.on),
        (s.topic.as_str(), s.on)
    );
    assert_eq!(saved.same_term, vec![other]);
    assert_eq!(get(&conn, s.id)?, saved.session);
    let log = history(&conn, s.id)?;
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].action, "update");
    assert_eq!(log[1].fields["term"], json!(["autumn", "winter"]));
    assert_eq!(log[1].fields["question"], json!([null, "What helps?"]));
    // The same values again change nothing and log nothing.
    let patch = SessionPatch {
        term: Some("winter".into()),
        ..SessionPatch::default()
    };
    let again = edit(&mut conn, s.id, patch, day(TODAY))?;
    assert_eq!(again.session, saved.session);
    assert_eq!(get(&conn, s.id)?, saved.session);
    assert_eq!(history(&conn, s.id)?.len(), 2);
    Ok(())
}

#[test]
fn remove_takes_the_insights_but_not_a_session_with_recommendations() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let s = add(&mut conn, new(2025, "autumn", "2025-10-14"), day(TODAY))?.session;
    let t = add(&mut conn, new(2025, "winter", "2026-01-20"), day(TODAY))?.session;
    add_insight(&mut conn, s.id, "Feedback comes too late.")?;
    conn.execute(
        "INSERT INTO recommendations (session_id, finding, recommendation, addressed_to,
            raised_on) VALUES (?1, 'late feedback', 'return work in 3 weeks', 'Registry',
            '2025-10-20')",
        [t.id],
    )?;
    let raised = recommendations(&conn, t.id)?;
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].status, RecStatus::Proposed);
    let err = remove(&mut conn, t.id).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert_eq!(get(&conn, t.id)?, t);
    assert_eq!(count(&conn)?, 2);
    assert_eq!(history(&conn, t.id)?.len(), 1);
    let removed = remove(&mut conn, s.id)?;
    assert_eq!(removed.session, s);
    assert_eq!(removed.insights.len(), 1);
    assert_eq!(removed.insights[0].text, "Feedback comes too late.");
    assert_eq!(rows(&conn, "panel_insights")?, 0);
    assert!(matches!(get(&conn, s.id), Err(Error::NotFound { .. })));
    assert_eq!(count(&conn)?, 1);
    assert_eq!(recommendations(&conn, t.id)?.len(), 1);
    let log = history(&conn, s.id)?;
    assert_eq!(log.last().map(|c| c.action.as_str()), Some("delete"));
    assert_eq!(
        log.last().map(|c| c.fields["insights"][0]["text"].clone()),
        Some(json!("Feedback comes too late."))
    );
    Ok(())
}
