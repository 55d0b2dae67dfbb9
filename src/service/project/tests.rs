//! Unit tests of the project service (compiled only under #[cfg(test)], from mod.rs).

use super::*;
use crate::service::open_in_memory;

fn day(s: &str) -> NaiveDate {
    crate::model::parse_date(s).expect("a valid test date")
}

#[test]
fn codes_come_from_the_title_and_year() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day("2025-10-01");
    let new = NewProject::new(
        "Mental health peer support",
        Form::WiderExperience,
        Level::Partnership,
    );
    assert_eq!(
        add(&mut conn, new.clone(), today)?.code,
        "mental-health-2025"
    );
    assert_eq!(add(&mut conn, new, today)?.code, "mental-health-2025-2");
    Ok(())
}

#[test]
fn filters_combine() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day("2025-10-01");
    let mut a = NewProject::new("Alpha 100%", Form::WiderExperience, Level::Partnership);
    a.themes = vec!["wellbeing".into()];
    a.department = Some("Student Services".into());
    add(&mut conn, a, today)?;
    add(
        &mut conn,
        NewProject::new("Beta", Form::WiderExperience, Level::StudentLed),
        today,
    )?;
    let f = ProjectFilter {
        theme: Some("WELLBEING".into()),
        department: Some("student services".into()),
        ..Default::default()
    };
    assert_eq!(list(&conn, &f)?.len(), 1);
    let f = ProjectFilter {
        search: Some("100%".into()),
        form: Some(Form::WiderExperience),
        ..Default::default()
    };
    assert_eq!(list(&conn, &f)?.len(), 1);
    let f = ProjectFilter {
        search: Some("%".into()),
        level: Some(Level::StudentLed),
        ..Default::default()
    };
    assert_eq!(list(&conn, &f)?.len(), 0);
    Ok(())
}
