//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::model::AcademicYear;
use crate::model::date::testing::day;
use crate::service::database::open_in_memory;

fn with_project() -> anyhow::Result<Connection> {
    let conn = open_in_memory()?;
    conn.execute(
        "INSERT INTO projects (code, title, form, level_planned, academic_year)
         VALUES ('p', 'Project p', 'wider-student-experience', 'partnership', '2025/26')",
        [],
    )?;
    Ok(conn)
}

fn application(amount: i64, on: &str) -> NewApplication {
    NewApplication {
        project: "P".into(),
        theme: "student voice".into(),
        amount: Money(amount),
        on: day(on),
    }
}

#[test]
fn an_award_is_spent_down_to_nothing_and_no_further() -> anyhow::Result<()> {
    let mut conn = with_project()?;
    let today = day("2026-11-23");
    let a = apply(&mut conn, application(800_000, "2026-10-01"), today)?;
    assert_eq!(a.decision, Standing::Pending);
    assert_eq!(a.remaining(), None);
    let award = NewDecision {
        verdict: Verdict::Award(Money(600_000)),
        on: Some(day("2026-10-15")),
        note: None,
        correct: false,
        over_budget: false,
    };
    let a = decide(&mut conn, a.id, award, today)?.application;
    assert_eq!(a.remaining(), Some(Money(600_000)));
    let spend_of = |pence| NewSpend {
        amount: Money(pence),
        on: day("2026-11-01"),
        note: "room hire".into(),
    };
    let a = spend(&mut conn, a.id, spend_of(450_000), today)?;
    let a = spend(&mut conn, a.id, spend_of(150_000), today)?;
    assert_eq!(a.remaining(), Some(Money(0)));
    assert_eq!(a.spend.len(), 2);
    let err = spend(&mut conn, a.id, spend_of(1), today).err();
    assert!(matches!(err, Some(Error::Invalid(m)) if m.contains("£0.00 remains")));
    assert_eq!(history(&conn, a.id)?.len(), 4);
    Ok(())
}

#[test]
fn the_cap_holds_for_requests_and_awards() -> anyhow::Result<()> {
    let mut conn = with_project()?;
    let today = day("2026-11-23");
    assert!(apply(&mut conn, application(1_000_001, "2026-10-01"), today).is_err());
    let a = apply(&mut conn, application(1_000_000, "2026-10-01"), today)?;
    settings::set(&conn, settings::FUND_CAP, "500000")?;
    let award = |pence| NewDecision {
        verdict: Verdict::Award(Money(pence)),
        on: Some(today),
        note: None,
        correct: false,
        over_budget: false,
    };
    let err = decide(&mut conn, a.id, award(600_000), today).err();
    assert!(matches!(err, Some(Error::Invalid(m)) if m.contains("£5,000.00")));
    decide(&mut conn, a.id, award(500_000), today)?;
    Ok(())
}

/// An award of `pence`, decided on 2026-11-01.
fn award(pence: i64, over_budget: bool) -> NewDecision {
    NewDecision {
        verdict: Verdict::Award(Money(pence)),
        on: Some(day("2026-11-01")),
        note: None,
        correct: false,
        over_budget,
    }
}

#[test]
fn a_years_awards_keep_within_its_budget_unless_insisted() -> anyhow::Result<()> {
    let mut conn = with_project()?;
    let today = day("2026-11-23");
    let year: AcademicYear = "2026/27".parse()?;
    set_budget(&mut conn, year, Some(Money(1_000_000)))?;
    let a = apply(&mut conn, application(800_000, "2026-10-01"), today)?;
    let b = apply(&mut conn, application(500_000, "2026-10-02"), today)?;
    // The year before has its own budget (none): an award there is not counted.
    let old = apply(&mut conn, application(900_000, "2026-08-31"), today)?;
    decide(&mut conn, old.id, award(900_000, false), today)?;
    let first = decide(&mut conn, a.id, award(700_000, false), today)?;
    // Two awards to one project in a year pass the cap together: a warning, not a refusal.
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let err = decide(&mut conn, b.id, award(400_000, false), today).err();
    assert!(
        matches!(&err, Some(Error::Conflict(m)) if m.contains("£3,000.00 remains") && m.contains("--over-budget")),
        "{err:?}"
    );
    let decided = decide(&mut conn, b.id, award(400_000, true), today)?;
    assert_eq!(decided.warnings.len(), 2, "{:?}", decided.warnings);
    assert!(decided.warnings[0].contains("£1,000.00 over its budget"));
    assert!(decided.warnings[1].contains("now come to £11,000.00, more than the fund's cap"));
    let log = history(&conn, b.id)?;
    assert!(
        log.iter()
            .any(|c| c.fields.to_string().contains("over_budget"))
    );
    let y = year_budget(&conn, year)?;
    assert_eq!(
        (y.awarded, y.awards, y.remaining()),
        (Money(1_100_000), 2, Some(Money(-100_000)))
    );
    // A correction counts the award it replaces once.
    let fixed = NewDecision {
        correct: true,
        ..award(300_000, false)
    };
    let decided = decide(&mut conn, b.id, fixed, today)?;
    assert_eq!(year_budget(&conn, year)?.remaining(), Some(Money(0)));
    assert!(decided.warnings.is_empty(), "{:?}", decided.warnings);
    Ok(())
}

#[test]
fn a_budget_is_set_changed_and_removed_with_the_log_keeping_each() -> anyhow::Result<()> {
    let mut conn = with_project()?;
    let today = day("2026-11-23");
    let year: AcademicYear = "2026/27".parse()?;
    assert!(set_budget(&mut conn, year, Some(Money(0))).is_err());
    // Removing a budget never set is no change, and not logged.
    assert_eq!(set_budget(&mut conn, year, None)?.0.budget, None);
    set_budget(&mut conn, year, Some(Money(1_000_000)))?;
    let a = apply(&mut conn, application(800_000, "2026-10-01"), today)?;
    decide(&mut conn, a.id, award(800_000, false), today)?;
    let (y, warning) = set_budget(&mut conn, year, Some(Money(500_000)))?;
    assert_eq!(y.remaining(), Some(Money(-300_000)));
    assert!(warning.is_some_and(|w| w.contains("£3,000.00 more than this budget")));
    assert_eq!(budgets(&conn)?.len(), 1);
    set_budget(&mut conn, year, None)?;
    assert!(budgets(&conn)?.is_empty());
    let logged = crate::service::changes::history(&conn, BUDGET_ENTITY, 2026)?;
    assert_eq!(logged.len(), 3);
    Ok(())
}
