//! Unit tests of the person service (compiled only under #[cfg(test)], from mod.rs).

use chrono::NaiveDate;

use super::*;
use crate::service::open_in_memory;

fn day(s: &str) -> NaiveDate {
    crate::model::parse_date(s).expect("a valid test date")
}

const TODAY: &str = "2026-11-23";

fn student(name: &str, email: Option<&str>) -> NewPerson {
    let mut new = NewPerson::new(name, PersonKind::Student);
    new.email = email.map(str::to_string);
    new
}

#[test]
fn people_are_found_by_id_email_or_unique_name() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let a = add(
        &mut conn,
        student("Amira Hassan", Some("A.Hassan@example.ac.uk")),
        today,
    )?;
    assert_eq!(resolve(&conn, &a.id.to_string())?.id, a.id);
    assert_eq!(resolve(&conn, &format!("#{}", a.id))?.id, a.id);
    assert_eq!(resolve(&conn, "a.hassan@EXAMPLE.ac.uk")?.id, a.id);
    assert_eq!(resolve(&conn, "  amira hassan ")?.id, a.id);
    add(
        &mut conn,
        student("Sam Lee", Some("s.lee1@example.ac.uk")),
        today,
    )?;
    add(
        &mut conn,
        student("Sam Lee", Some("s.lee2@example.ac.uk")),
        today,
    )?;
    let err = resolve(&conn, "sam lee").unwrap_err().to_string();
    assert!(err.contains("s.lee1@") && err.contains("s.lee2@"), "{err}");
    assert!(matches!(
        resolve(&conn, "Nobody"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(resolve(&conn, "99"), Err(Error::NotFound { .. })));
    Ok(())
}

#[test]
fn the_same_person_twice_is_refused() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    add(
        &mut conn,
        student("Amira Hassan", Some("a.hassan@example.ac.uk")),
        today,
    )?;
    let err = add(
        &mut conn,
        student("Someone", Some("A.HASSAN@example.ac.uk")),
        today,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("already belongs to Amira Hassan"), "{err}");
    assert!(add(&mut conn, student("amira hassan", None), today).is_err());
    // A member of staff of the same name is someone else.
    add(
        &mut conn,
        NewPerson::new("Amira Hassan", PersonKind::Staff),
        today,
    )?;
    assert_eq!(count(&conn)?, 2);
    Ok(())
}

#[test]
fn consent_dates_are_checked() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let mut new = student("A", None);
    new.consent_given = Some(day("2026-12-01"));
    assert!(
        add(&mut conn, new.clone(), today).is_err(),
        "consent in the future"
    );
    new.consent_given = Some(day("2025-10-01"));
    new.consent_expires = Some(day("2025-09-01"));
    assert!(
        add(&mut conn, new.clone(), today).is_err(),
        "expires before given"
    );
    new.consent_expires = Some(day("2026-12-01"));
    let p = add(&mut conn, new, today)?;
    assert!(p.consents_on(today));
    assert!(!p.consents_on(day("2026-12-02")));
    let filter = PersonFilter {
        consent_expiring_by: Some(day("2026-12-23")),
        ..PersonFilter::default()
    };
    assert_eq!(list(&conn, &filter, today)?.len(), 1);
    Ok(())
}

#[test]
fn forgetting_removes_the_name_from_the_change_log() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let mut new = student("Amira Hassan", Some("a.hassan@example.ac.uk"));
    new.notes = Some("prefers evenings".into());
    let p = add(&mut conn, new, today)?;
    let patch = PersonPatch {
        name: Some("Amira K. Hassan".into()),
        ..PersonPatch::default()
    };
    edit(&mut conn, "a.hassan@example.ac.uk", patch, today)?;
    let gone = forget(&mut conn, &p.id.to_string(), today)?.person;
    assert_eq!(gone.name, format!("former participant #{}", p.id));
    assert_eq!((gone.email, gone.notes), (None, None));
    let log: String = conn.query_row("SELECT group_concat(fields, ' ') FROM changes", [], |r| {
        r.get(0)
    })?;
    for secret in ["Amira", "a.hassan@", "evenings"] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
    assert!(
        forget(&mut conn, &p.id.to_string(), today).is_err(),
        "twice"
    );
    // The log is append-only again afterwards.
    assert!(conn.execute("DELETE FROM changes", []).is_err());
    Ok(())
}
