//! Unit tests of the review service (compiled only under #[cfg(test)], from mod.rs).

use super::next::due_date;
use super::*;
use crate::model::date::testing::day;
use crate::model::{Cadence, Form, Level, Outcome, Rating};
use crate::service::database::open_in_memory;
use crate::service::project::NewProject;

const TODAY: &str = "2026-11-23";

/// An active project started on `start`, reviewed every `months`.
fn running(conn: &mut Connection, code: &str, start: &str, months: u32) -> Result<Project> {
    let mut new = NewProject::new(code, Form::WiderExperience, Level::Partnership);
    new.code = Some(code.to_string());
    new.status = Status::Active;
    new.start_date = Some(day(start));
    new.cadence = Cadence(months);
    new.lead = Some("Dr A. Khan".into());
    Ok(project::add(conn, new, day(TODAY))?.project)
}

fn score(spec: &str) -> ScoreInput {
    spec.parse().expect("a valid score")
}

#[test]
fn month_arithmetic_is_calendar_correct() {
    let due = |base: &str, months| due_date(day(base), Cadence(months), &[]);
    assert_eq!(due("2025-01-31", 1), day("2025-02-28"));
    assert_eq!(due("2024-01-31", 1), day("2024-02-29"));
    assert_eq!(due("2024-02-29", 12), day("2025-02-28"));
    assert_eq!(due("2024-02-29", 48), day("2028-02-29"));
    assert_eq!(due("2025-08-31", 12), day("2026-08-31"));
    assert_eq!(due("2025-03-31", 6), day("2025-09-30"));
}

#[test]
fn a_pause_stops_the_clock() {
    use Status::*;
    let history = [
        (Active, day("2025-01-01")),
        (Paused, day("2025-06-01")),
        (Active, day("2025-09-01")),
    ];
    // 92 days paused push the due date on from 2026-01-01.
    assert_eq!(
        due_date(day("2025-01-01"), Cadence(12), &history),
        day("2026-04-03")
    );
    // A pause before the last review does not count; one that began after the due date
    // (the review was already overdue) does not excuse it.
    assert_eq!(
        due_date(day("2025-10-01"), Cadence(12), &history),
        day("2026-10-01")
    );
    assert_eq!(
        due_date(day("2024-01-01"), Cadence(12), &history),
        day("2025-01-01")
    );
    // Reviewed during the pause: only the part after the review counts.
    assert_eq!(
        due_date(day("2025-07-01"), Cadence(12), &history),
        day("2026-09-01")
    );
}

#[test]
fn reviews_set_the_next_due_date() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let p = running(&mut conn, "peer", "2025-10-01", 12)?;
    assert_eq!(
        next_due(&conn, &p, today)?.map(|d| d.due),
        Some(day("2026-10-01"))
    );
    assert_eq!(
        next_due(&conn, &p, today)?.map(|d| d.days_overdue),
        Some(53)
    );
    let mut new = NewReview::new(
        "peer",
        day("2026-11-01"),
        ReviewKind::Annual,
        Decision::Continue,
    );
    new.scores = vec![score("CP1=4"), score("CP2=3:minutes")];
    new.outcomes = vec!["belonging=clear".parse()?];
    let recorded = add(&mut conn, new, today)?;
    assert_eq!(recorded.completed, None);
    assert_eq!(recorded.review.scores.len(), 2);
    assert_eq!(recorded.review.outcomes[0].outcome, Outcome::Belonging);
    assert_eq!(recorded.review.outcomes[0].rating, Rating::Clear);
    assert_eq!(last_review(&conn, &p)?, Some(day("2026-11-01")));
    assert_eq!(
        next_due(&conn, &p, today)?.map(|d| d.due),
        Some(day("2027-11-01"))
    );
    let filter = DueFilter {
        until: Some(day("2027-12-31")),
        ..DueFilter::default()
    };
    assert_eq!(due(&conn, &filter, today)?.len(), 1);
    let filter = DueFilter {
        overdue: true,
        ..DueFilter::default()
    };
    assert!(due(&conn, &filter, today)?.is_empty());
    Ok(())
}

#[test]
fn a_closing_review_completes_the_project() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    running(&mut conn, "peer", "2025-10-01", 12)?;
    let new = NewReview::new(
        "peer",
        day("2026-06-30"),
        ReviewKind::Closing,
        Decision::Continue,
    );
    assert!(
        add(&mut conn, new.clone(), today).is_err(),
        "closing means close"
    );
    let new = NewReview {
        decision: Decision::Close,
        ..new
    };
    let recorded = add(&mut conn, new, today)?;
    let completed = recorded.completed.ok_or(anyhow::anyhow!("not completed"))?;
    assert_eq!(completed.status, Status::Completed);
    assert_eq!(completed.end_date, Some(day("2026-06-30")));
    assert_eq!(next_due(&conn, &completed, today)?, None);
    Ok(())
}

#[test]
fn scores_are_checked_against_the_framework() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    running(&mut conn, "peer", "2025-10-01", 12)?;
    let with = |spec: &str| {
        let mut new = NewReview::new(
            "peer",
            day("2026-06-30"),
            ReviewKind::Annual,
            Decision::Adapt,
        );
        new.scores = vec![score(spec)];
        new
    };
    let err = add(&mut conn, with("HFH1=3"), today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("belongs to framework hfh-2014"), "{err}");
    assert!(add(&mut conn, with("XX9=3"), today).is_err());
    let mut twice = with("CP1=3");
    twice.scores.push(score("cp1=4"));
    assert!(add(&mut conn, twice, today).is_err());
    crate::service::principle::retire(&mut conn, "CP3", None, day("2026-01-01"))?;
    let err = add(&mut conn, with("CP3=3"), today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("retired on 2026-01-01"), "{err}");
    // Before its retirement it could still be scored.
    let mut earlier = with("CP3=3");
    earlier.on = day("2025-12-01");
    add(&mut conn, earlier, today)?;
    assert_eq!(count(&conn)?, 1);
    Ok(())
}

#[test]
fn a_second_review_on_the_same_day_is_refused() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    running(&mut conn, "peer", "2025-10-01", 12)?;
    let new = NewReview::new(
        "peer",
        day("2026-06-30"),
        ReviewKind::Annual,
        Decision::Continue,
    );
    let first = add(&mut conn, new.clone(), today)?.review.id;
    let err = add(&mut conn, new, today).unwrap_err().to_string();
    assert!(err.contains(&format!("review {first}")), "{err}");
    Ok(())
}

#[test]
fn edits_add_replace_and_take_away_scores() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    running(&mut conn, "peer", "2025-10-01", 12)?;
    let mut new = NewReview::new(
        "peer",
        day("2026-06-30"),
        ReviewKind::Annual,
        Decision::Continue,
    );
    new.scores = vec![score("CP1=4")];
    let id = add(&mut conn, new, today)?.review.id;
    let mut student = score("CP1=2:survey");
    student.by = ScoredBy::Students;
    let patch = ReviewPatch {
        scores: vec![score("CP1=5"), student],
        went_well: Some(Some("lots".into())),
        ..ReviewPatch::default()
    };
    let review = edit(&mut conn, id, patch, today)?.review;
    let rows = side_by_side(&review);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].2.map(|s| s.score), Some(5));
    assert_eq!(rows[0].3.map(|s| s.score), Some(2));
    let patch = ReviewPatch {
        remove_scores: vec![("CP1".into(), ScoredBy::Staff)],
        went_well: Some(None),
        ..ReviewPatch::default()
    };
    let review = edit(&mut conn, id, patch, today)?.review;
    assert_eq!(review.scores.len(), 1);
    assert_eq!(review.went_well, None);
    assert_eq!(history(&conn, id)?.len(), 3);
    Ok(())
}

/// The query behind `review due`, `review remind` and `review calendar` reads the stored
/// dates from their index alone, in due order (no sort), never the projects or the reviews:
/// this is what keeps them fast on a million reviews (see benches/README.md).
#[test]
fn the_due_query_reads_the_next_review_index() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let plan = |sql: &str| -> anyhow::Result<String> {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    };
    let until = format!(
        "{} AND p.next_review_due <= '2027-01-01' ORDER BY p.next_review_due, p.code",
        due::DUE
    );
    for sql in [
        format!("{} ORDER BY p.next_review_due, p.code", due::DUE),
        until,
    ] {
        let plan = plan(&sql)?;
        assert!(
            plan.contains("SEARCH p USING COVERING INDEX projects_next_review"),
            "{plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(!plan.contains("SCAN"), "{plan}");
        assert!(!plan.contains("reviews"), "{plan}");
    }
    Ok(())
}
