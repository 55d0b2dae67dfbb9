//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::service::open_in_memory;

fn day(s: &str) -> NaiveDate {
    crate::model::parse_date(s).expect("a test date")
}

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
    };
    let a = decide(&mut conn, a.id, award, today)?;
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
    };
    let err = decide(&mut conn, a.id, award(600_000), today).err();
    assert!(matches!(err, Some(Error::Invalid(m)) if m.contains("£5,000.00")));
    decide(&mut conn, a.id, award(500_000), today)?;
    Ok(())
}
