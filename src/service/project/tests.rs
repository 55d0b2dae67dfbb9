//! Unit tests of the project service (compiled only under #[cfg(test)], from mod.rs).

use super::*;
use crate::model::code::slug;
use crate::model::date::testing::day;
use crate::service::database::open_in_memory;

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
        add(&mut conn, new.clone(), today)?.project.code,
        "mental-health-2025"
    );
    // The same title in the same year is most likely the same project again: refused,
    // naming the code it has, unless asked for.
    let again = add(&mut conn, new.clone(), today)
        .err()
        .map(|e| e.to_string());
    assert!(
        again
            .as_deref()
            .is_some_and(|e| e.contains("mental-health-2025") && e.contains("--same-title")),
        "{again:?}"
    );
    let mut like = new.clone();
    like.title = "MENTAL-HEALTH peer support!".into();
    assert!(add(&mut conn, like.clone(), today).is_err());
    like.academic_year = Some(AcademicYear(2024));
    assert_eq!(
        add(&mut conn, like, today)?.project.code,
        "mental-health-2024"
    );
    let mut another = new;
    another.same_title = true;
    assert_eq!(
        add(&mut conn, another, today)?.project.code,
        "mental-health-2025-2"
    );
    Ok(())
}

#[test]
fn generated_codes_count_on_past_any_number_and_step_over_typed_ones() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day("2025-10-01");
    let title = "Mental health peer support";
    let new = || {
        let mut p = NewProject::new(title, Form::WiderExperience, Level::Partnership);
        p.same_title = true;
        p
    };
    let typed = |code: &str| {
        let mut p = NewProject::new("Typed by hand", Form::WiderExperience, Level::Partnership);
        p.code = Some(code.into());
        p.same_title = true;
        p
    };
    // Numbers past the old limit of 9,999, a suffix that is not a number, and another year.
    for code in [
        "mental-health-2025",
        "mental-health-2025-12345",
        "mental-health-2025-2b",
        "mental-health-2024-99999",
    ] {
        add(&mut conn, typed(code), today)?;
    }
    assert_eq!(
        add(&mut conn, new(), today)?.project.code,
        "mental-health-2025-12346"
    );
    // In a batch, the number is counted on; a code typed meanwhile is stepped over.
    let tx = begin_write(&mut conn)?;
    let mut codes = Codes::default();
    let mut made = Vec::new();
    for i in 0..3 {
        if i == 1 {
            insert(&tx, typed("mental-health-2025-12348"), today)?;
        }
        made.push(insert_logged(&tx, new(), today, Json::Null, &mut codes)?.code);
    }
    tx.commit()?;
    assert_eq!(
        made,
        [
            "mental-health-2025-12347",
            "mental-health-2025-12349",
            "mental-health-2025-12350"
        ]
    );
    Ok(())
}

#[test]
fn a_long_title_keeps_codes_within_the_limit_as_numbers_grow() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day("2025-10-01");
    let title = "Supercalifragilisticexpialidocious extraordinarily";
    let mut long = NewProject::new("Typed", Form::WiderExperience, Level::Partnership);
    long.code = Some(format!("{}-2025-99999", &slug(title)[..28]));
    add(&mut conn, long, today)?;
    let mut first = NewProject::new(title, Form::WiderExperience, Level::Partnership);
    first.same_title = true;
    let code = add(&mut conn, first.clone(), today)?.project.code;
    assert_eq!(code, format!("{}-2025", slug(title)));
    // The stem is shortened for six digits, and the number found under that shorter stem.
    let code = add(&mut conn, first, today)?.project.code;
    assert!(code.len() <= crate::model::code::MAX_CODE, "{code}");
    assert!(code.ends_with("-2025-100000"), "{code}");
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

#[test]
fn titles_of_only_punctuation_are_not_near_duplicates_of_each_other() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day("2025-10-01");
    for title in ["'", "''", "..."] {
        add(
            &mut conn,
            NewProject::new(title, Form::WiderExperience, Level::Partnership),
            today,
        )?;
    }
    // A real near-duplicate is still caught.
    let new = |t: &str| NewProject::new(t, Form::WiderExperience, Level::Partnership);
    add(&mut conn, new("Peer mentoring"), today)?;
    assert!(matches!(
        add(&mut conn, new("peer-mentoring!"), today),
        Err(Error::Conflict(_))
    ));
    Ok(())
}
