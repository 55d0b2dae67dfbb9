//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use chrono::NaiveDate;

use super::*;
use crate::model::{Form, Level};
use crate::service::database::open_in_memory;
use crate::service::project::{self, NewProject};
use crate::service::review;

use crate::cli::prompt::script::Answer::{Confirm, Long, Multi, Select, Text};
use crate::cli::prompt::script::{Answer, Script};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 14).unwrap_or_default()
}

/// A project and the adopted framework (lse-principles, CP1..CP10) of a new database.
fn setup() -> anyhow::Result<(Project, Framework, Vec<Principle>)> {
    let mut conn = open_in_memory()?;
    let new = NewProject::new("Peer mentors", Form::WiderExperience, Level::Partnership);
    let project = project::add(&mut conn, new, day())?.project;
    let (framework, principles) = review::principles(&conn)?;
    assert_eq!(framework.key, "lse-principles");
    assert_eq!(principles.len(), 10);
    Ok((project, framework, principles))
}

fn blank(project: &Project) -> NewReview {
    NewReview::new(&project.code, day(), ReviewKind::Annual, Decision::Continue)
}

/// Blank (skipped) scores for `n` principles.
fn skips(n: usize) -> impl Iterator<Item = Answer> {
    (0..n).map(|_| Text(""))
}

#[test]
fn a_full_walk_builds_the_review() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    let mut answers = vec![
        Select(0),              // kind: annual
        Text(" Ada ;; Grace "), // reviewers
        Select(1),              // scored by students
        Text("4"),              // CP1
        Text("minutes of the workshop"),
        Text("7"), // CP2: refused, asked again
        Text(" 3 "),
        Text(""), // no evidence
    ];
    answers.extend(skips(7)); // CP3..CP9
    answers.extend([
        Text("5"), // CP10
        Text(""),
        Multi(vec![1, 4]), // confidence, belonging
        Select(1),         // confidence: emerging
        Text(""),
        Select(2), // belonging: clear
        Text("focus group quotes"),
        Long(Some("Good turnout")),
        Long(None),
        Long(Some("Book rooms early")),
        Select(1), // adapt
        Confirm(true),
    ]);
    let mut script = Script::new(answers);
    let review = fill(
        &mut script,
        &project,
        &framework,
        &principles,
        blank(&project),
    )?;
    script.finished();
    let Some(review) = review else {
        panic!("the review was not saved")
    };
    assert_eq!(review.reviewers, ["Ada", "Grace"]);
    let score = |code: &str, score, evidence: Option<&str>| ScoreInput {
        principle: code.to_string(),
        score,
        by: ScoredBy::Students,
        evidence: evidence.map(str::to_string),
    };
    assert_eq!(
        review.scores,
        [
            score("CP1", 4, Some("minutes of the workshop")),
            score("CP2", 3, None),
            score("CP10", 5, None),
        ]
    );
    assert_eq!(
        review.outcomes,
        [
            OutcomeInput {
                outcome: Outcome::Confidence,
                rating: Rating::Emerging,
                evidence: None
            },
            OutcomeInput {
                outcome: Outcome::Belonging,
                rating: Rating::Clear,
                evidence: Some("focus group quotes".into())
            },
        ]
    );
    assert_eq!(review.went_well.as_deref(), Some("Good turnout"));
    assert_eq!(review.to_change, None);
    assert_eq!(review.lessons.as_deref(), Some("Book rooms early"));
    assert_eq!(
        (review.kind, review.decision),
        (ReviewKind::Annual, Decision::Adapt)
    );
    assert_eq!(
        (review.project.as_str(), review.on),
        (project.code.as_str(), day())
    );

    // The bad score was explained and asked again.
    assert!(
        script
            .said
            .iter()
            .any(|l| l.contains("\"7\" is not a score"))
    );
    let cp2 = script
        .asked
        .iter()
        .filter(|p| p.starts_with("Score CP2 "))
        .count();
    assert_eq!(cp2, 2);
    // The summary shows what will be saved.
    let said = script.said.join("\n");
    for shown in [
        format!("Project:    {} Peer mentors", project.code),
        "Date:       2025-03-14".to_string(),
        "Decision:   adapt".to_string(),
        "Reviewers:  Ada; Grace".to_string(),
        "Scores:     CP1 4 (students) minutes of the workshop".to_string(),
        "            CP10 5 (students)".to_string(),
        "Outcomes:   confidence=emerging, belonging=clear".to_string(),
        "To change:  -".to_string(),
    ] {
        assert!(said.contains(&shown), "{shown:?} is not in:\n{said}");
    }
    Ok(())
}

#[test]
fn declining_at_the_summary_saves_nothing() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    let mut answers = vec![Select(0), Text(""), Select(0)];
    answers.extend(skips(10));
    answers.extend([
        Multi(vec![]),
        Long(None),
        Long(None),
        Long(None),
        Select(0),
        Confirm(false),
    ]);
    let mut script = Script::new(answers);
    let review = fill(
        &mut script,
        &project,
        &framework,
        &principles,
        blank(&project),
    )?;
    script.finished();
    assert!(review.is_none());
    assert_eq!(
        script.asked.last().map(String::as_str),
        Some("Save this review?")
    );
    assert!(script.said.iter().any(|l| l == "Scores:     none"));
    Ok(())
}

#[test]
fn values_from_flags_are_not_asked_again() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    let mut given = blank(&project);
    given.reviewers = vec!["Ada".into()];
    given.went_well = Some("Good turnout".into());
    given.to_change = Some("Smaller groups".into());
    given.lessons = Some("Book rooms early".into());
    given.scores = vec!["CP1=4".parse()?];
    given.outcomes = vec!["belonging=clear".parse()?];
    let mut script = Script::new([Select(1), Select(0), Confirm(true)]);
    let review = fill(&mut script, &project, &framework, &principles, given)?;
    script.finished();
    assert_eq!(
        script.asked,
        ["Kind of review", "Decision", "Save this review?"]
    );
    let Some(review) = review else {
        panic!("the review was not saved")
    };
    assert_eq!(review.kind, ReviewKind::Interim);
    assert_eq!(review.reviewers, ["Ada"]);
    assert_eq!(review.scores.len(), 1);
    assert_eq!(review.lessons.as_deref(), Some("Book rooms early"));
    Ok(())
}

/// The answers of a walk that skips everything up to the decision.
fn skip_to_decision(kind: usize) -> Vec<Answer> {
    let mut answers = vec![Select(kind), Text(""), Select(0)];
    answers.extend(skips(10));
    answers.extend([Multi(vec![]), Long(None), Long(None), Long(None)]);
    answers
}

#[test]
fn closing_an_annual_review_can_make_it_the_closing_review() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    for (closing, kind) in [(true, ReviewKind::Closing), (false, ReviewKind::Annual)] {
        let mut answers = skip_to_decision(0);
        answers.extend([Select(2), Confirm(closing), Confirm(true)]);
        let mut script = Script::new(answers);
        let review = fill(
            &mut script,
            &project,
            &framework,
            &principles,
            blank(&project),
        )?;
        script.finished();
        let Some(review) = review else {
            panic!("the review was not saved")
        };
        assert_eq!((review.kind, review.decision), (kind, Decision::Close));
    }
    Ok(())
}

#[test]
fn a_closing_review_is_closed_without_asking() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    let mut answers = skip_to_decision(2);
    answers.push(Confirm(true));
    let mut script = Script::new(answers);
    let review = fill(
        &mut script,
        &project,
        &framework,
        &principles,
        blank(&project),
    )?;
    script.finished();
    assert!(!script.asked.iter().any(|p| p == "Decision"));
    assert!(
        script
            .said
            .iter()
            .any(|l| l.contains("so the decision is close"))
    );
    let Some(review) = review else {
        panic!("the review was not saved")
    };
    assert_eq!(
        (review.kind, review.decision),
        (ReviewKind::Closing, Decision::Close)
    );
    Ok(())
}

#[test]
fn each_principle_is_shown_with_its_statement() -> anyhow::Result<()> {
    let (project, framework, principles) = setup()?;
    let mut answers = skip_to_decision(0);
    answers.extend([Select(0), Confirm(false)]);
    let mut script = Script::new(answers);
    fill(
        &mut script,
        &project,
        &framework,
        &principles,
        blank(&project),
    )?;
    for p in &principles {
        let heading = format!("{} {}", p.code, p.title);
        let at = script.said.iter().position(|l| *l == heading);
        let Some(at) = at else {
            panic!("{heading:?} was not shown: {:#?}", script.said)
        };
        let statement = p.statement.as_deref().unwrap_or_default();
        assert!(!statement.is_empty(), "{} has no statement", p.code);
        assert_eq!(
            script.said.get(at + 1).map(|l| l.trim()),
            Some(statement.trim())
        );
    }
    Ok(())
}

#[test]
fn scores_are_read_strictly() {
    assert_eq!(read_score(" "), Ok(None));
    assert_eq!(read_score(" 5 "), Ok(Some(5)));
    for bad in ["0", "6", "7", "4.5", "-1", "four"] {
        assert!(read_score(bad).is_err(), "{bad}");
    }
}

#[test]
fn summaries_shorten_long_text() {
    assert_eq!(shorten("a\n  b", 60), "a b");
    let long = "word ".repeat(30);
    let short = shorten(&long, 60);
    assert!(
        short.ends_with('…') && short.chars().count() <= 60,
        "{short}"
    );
}
