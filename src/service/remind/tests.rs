//! Unit tests of cutting reminders into letters.

use chrono::NaiveDate;

use super::*;
use crate::model::Due;
use crate::model::Status;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap_or_default()
}

fn who(name: &str, email: Option<&str>) -> Recipient {
    Recipient {
        name: name.into(),
        email: email.map(str::to_string),
    }
}

fn review(code: &str) -> Due {
    Due {
        project_id: 1,
        project: code.into(),
        title: "A project".into(),
        lead: None,
        lead_id: None,
        lead_email: None,
        status: Status::Active,
        last_review: None,
        due: day("2026-11-01"),
        days_overdue: 22,
    }
}

fn rec(id: i64) -> RecDue {
    RecDue {
        id,
        recommendation: "Publish marking criteria".into(),
        addressed_to: "Faculty".into(),
        status: RecStatus::Accepted,
        due: day("2026-11-30"),
        days_overdue: -7,
    }
}

#[test]
fn each_person_gets_their_own_and_the_coordinator_the_rest() {
    let mut all = Reminders::none(day("2026-11-23"), day("2026-12-07"));
    all.reviews = vec![
        ReviewGroup {
            lead: Some(who("Ann Lead", Some("ann@example.ac.uk"))),
            reviews: vec![review("A-1")],
        },
        ReviewGroup {
            lead: Some(who("Bo Noemail", None)),
            reviews: vec![review("B-1"), review("B-2")],
        },
        ReviewGroup {
            lead: None,
            reviews: vec![review("C-1")],
        },
    ];
    all.recommendations = vec![
        RecGroup {
            owner: Some(who("Ann Lead", Some("ANN@example.ac.uk"))),
            recommendations: vec![rec(4)],
        },
        RecGroup {
            owner: Some(who("Cy Owner", Some("cy@example.ac.uk"))),
            recommendations: vec![rec(5)],
        },
        RecGroup {
            owner: None,
            recommendations: vec![rec(6)],
        },
    ];
    all.panel = Some(PanelDue {
        academic_year: "2026/27".into(),
        term: "autumn".into(),
    });
    let letters = letters(&all);
    let to: Vec<Option<&str>> = letters
        .iter()
        .map(|l| l.to.as_ref().map(|t| t.name.as_str()))
        .collect();
    assert_eq!(to, [Some("Ann Lead"), Some("Cy Owner"), None]);
    // Ann: her review and her recommendation, one letter (the email in any case).
    assert_eq!(letters[0].reminders.count(), 2);
    assert_eq!(
        letters[0].reminders.recommendations[0].recommendations[0].id,
        4
    );
    assert!(letters[0].without_email.is_empty());
    assert_eq!(letters[1].reminders.count(), 1);
    let coordinator = &letters[2];
    assert_eq!(coordinator.reminders.reviews.len(), 2);
    assert_eq!(coordinator.reminders.recommendations.len(), 1);
    assert!(coordinator.reminders.panel.is_some());
    assert_eq!(
        coordinator.without_email,
        [
            "Bo Noemail has no email address, so their 2 reviews are below.",
            "1 project due a review has no staff lead, so it is below.",
            "1 recommendation due has no owner, so it is below.",
        ]
    );
    assert_eq!(
        letters.iter().map(|l| l.reminders.count()).sum::<usize>(),
        all.count()
    );
}

#[test]
fn nothing_due_is_no_letter() {
    let all = Reminders::none(day("2026-11-23"), day("2026-12-07"));
    assert!(letters(&all).is_empty());
}
