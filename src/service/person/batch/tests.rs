//! Unit tests of the batch writer (compiled only under #[cfg(test)], from batch.rs).

use super::*;
use crate::model::date::testing::day;
use crate::model::{Person, StudyLevel};
use crate::service::database::open_in_memory;
use crate::service::person::register::Day;
use crate::service::person::{PersonPatch, apply_patch, insert};

const TODAY: &str = "2026-11-23";

fn person(name: &str, kind: PersonKind, email: Option<&str>) -> NewPerson {
    let mut new = NewPerson::new(name, kind);
    new.email = email.map(str::to_string);
    new
}

/// Registers `new` as `spm person add` would, then withdraws consent as `spm person edit`
/// would: what the import did a row at a time before it wrote through a batch.
fn one_at_a_time(
    tx: &Connection,
    new: NewPerson,
    withdrawn: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Person> {
    let p = insert(tx, new, today)?;
    match withdrawn {
        Some(w) => {
            let patch = PersonPatch {
                consent_withdrawn: Some(Some(w)),
                ..PersonPatch::default()
            };
            Ok(apply_patch(tx, p, patch, today)?.0)
        }
        None => Ok(p),
    }
}

/// People registered before (`before`) and people written ahead in the same file (`ahead`):
/// a registered student and a member of staff without an email, then one waiting with an
/// email and one waiting without.
fn before() -> Vec<NewPerson> {
    vec![
        person(
            "Reg Istered",
            PersonKind::Student,
            Some("reg@example.ac.uk"),
        ),
        person("No Email", PersonKind::Staff, None),
    ]
}

fn ahead() -> Vec<NewPerson> {
    vec![
        person("Wait Ing", PersonKind::Student, Some("w@example.ac.uk")),
        person("Quiet One", PersonKind::Student, None),
    ]
}

/// Every way a new person can be refused, with the consent they withdrew.
fn refused() -> Vec<(NewPerson, Option<NaiveDate>)> {
    let student = |name: &str, email: Option<&str>| person(name, PersonKind::Student, email);
    let consented = |given: &str| {
        let mut p = student("Con Sent", Some("c@example.ac.uk"));
        p.consent_given = Some(day(given));
        p
    };
    let mut out = vec![
        (student("  ", None), None),
        (student("a@example.ac.uk", None), None),
        (student("#12", None), None),
        (student("Bad Mail", Some("not an email")), None),
        (student(&"x".repeat(201), None), None),
    ];
    let mut p = student("Bell", None);
    p.notes = Some("ring\u{7}".into());
    out.push((p, None));
    out.push((consented("2026-11-24"), None));
    let mut p = consented("2026-01-01");
    p.consent_expires = Some(day("2025-01-01"));
    out.push((p, None));
    let mut p = student("No Given", None);
    p.consent_expires = Some(day("2027-01-01"));
    out.push((p, None));
    out.push((consented("2026-01-01"), Some(day("2025-12-31"))));
    out.push((consented("2026-01-01"), Some(day("2026-11-24"))));
    out.push((student("Other", Some("REG@example.ac.uk")), None));
    out.push((student("Other", Some("w@EXAMPLE.ac.uk")), None));
    out.push((student("quiet one", Some("q@example.ac.uk")), None));
    out.push((student("WAIT ING", None), None));
    out.push((person("no email", PersonKind::Staff, None), None));
    // Withdrawn before given and an email taken: the email is named, as it was.
    let mut p = consented("2026-01-01");
    p.email = Some("w@example.ac.uk".into());
    out.push((p, Some(day("2025-01-01"))));
    out
}

#[test]
fn the_batch_refuses_what_the_service_refuses() -> anyhow::Result<()> {
    let today = day(TODAY);
    // Pushed straight away, and pushed after a look-up (as the import does).
    for (i, (bad, withdrawn, look)) in refused()
        .into_iter()
        .flat_map(|(p, w)| [(p.clone(), w, false), (p, w, true)])
        .enumerate()
    {
        let mut slow = open_in_memory()?;
        let tx = slow.transaction()?;
        for p in before().into_iter().chain(ahead()) {
            insert(&tx, p, today)?;
        }
        let a = one_at_a_time(&tx, bad.clone(), withdrawn, today);
        let mut fast = open_in_memory()?;
        let tx = fast.transaction()?;
        for p in before() {
            insert(&tx, p, today)?;
        }
        let mut batch = Batch::new();
        for (j, p) in ahead().into_iter().enumerate() {
            batch.push(&tx, p, None, today, format!("{{\"line\": {j}}}"))?;
        }
        assert_eq!(
            batch.ready.len(),
            2,
            "sample {i}: the people ahead are waiting"
        );
        let found = if look {
            batch.find(&tx, bad.name.trim(), bad.kind, bad.email.as_deref())?
        } else {
            None
        };
        let b = batch.push(&tx, bad, withdrawn, today, "{}".into());
        let (a, b) = (
            a.err().map(|e| e.to_string()),
            b.err().map(|e| e.to_string()),
        );
        assert!(a.is_some(), "sample {i} should be refused");
        assert_eq!(a, b, "sample {i} (found {found:?})");
    }
    Ok(())
}

#[test]
fn a_look_up_is_trusted_only_until_something_is_written() -> anyhow::Result<()> {
    let today = day(TODAY);
    let mut conn = open_in_memory()?;
    let tx = conn.transaction()?;
    let mut batch = Batch::new();
    let email = Some("a.hassan@example.ac.uk");
    assert_eq!(
        batch.find(&tx, "Amira Hassan", PersonKind::Student, email)?,
        None
    );
    // Written by someone else between the look-up and the push.
    insert(
        &tx,
        person("Amira Hassan", PersonKind::Student, email),
        today,
    )?;
    let err = batch
        .push(
            &tx,
            person("Amira Hassan", PersonKind::Student, email),
            None,
            today,
            "{}".into(),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("already belongs to Amira Hassan"), "{err}");
    Ok(())
}

#[test]
fn people_waiting_are_found_and_numbered_as_if_written_one_by_one() -> anyhow::Result<()> {
    let today = day(TODAY);
    let mut conn = open_in_memory()?;
    let tx = conn.transaction()?;
    insert(&tx, person("Before", PersonKind::Staff, None), today)?;
    let mut batch = Batch::new();
    for i in 0..70 {
        let mut p = person(&format!("P {i}"), PersonKind::Student, None);
        p.level = Some(StudyLevel::Ug);
        if i % 2 == 0 {
            p.email = Some(format!("p{i}@example.ac.uk"));
        }
        batch.push(&tx, p, None, today, format!("{{\"line\": {}}}", i + 2))?;
    }
    // 64 written, 6 waiting: each is found, by email or by name, as one this batch added.
    assert_eq!(batch.ready.len(), 6);
    let f = batch.find(&tx, "x", PersonKind::Student, Some("P68@example.ac.uk"))?;
    assert_eq!(
        f,
        Some(Found {
            id: 70,
            by_email: true,
            added: true
        })
    );
    let f = batch.find(&tx, "p 69", PersonKind::Student, None)?;
    assert_eq!(
        f,
        Some(Found {
            id: 71,
            by_email: false,
            added: true
        })
    );
    let f = batch.find(&tx, "before", PersonKind::Staff, None)?;
    assert_eq!(
        f,
        Some(Found {
            id: 1,
            by_email: false,
            added: false
        })
    );
    batch.flush(&tx)?;
    let logged: Vec<(i64, String)> = tx
        .prepare("SELECT entity_id, fields FROM changes WHERE entity = 'person' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    assert_eq!(logged.len(), 71);
    for (i, (id, fields)) in logged.iter().skip(1).enumerate() {
        assert_eq!(*id, i as i64 + 2);
        assert_eq!(fields, &format!("{{\"line\": {}}}", i + 2));
    }
    Ok(())
}

#[test]
fn looking_people_up_does_not_prepare_the_statement_again() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let mut batch = Batch::new();
    for i in 0..5 {
        let email = format!("p{i}@example.ac.uk");
        let name = format!("P {i}");
        assert_eq!(
            batch.find(&conn, &name, PersonKind::Student, Some(&email))?,
            None
        );
    }
    for i in 0..5 {
        let name = format!("P {i}");
        conn.prepare_cached(WHO_BY_NAME)?
            .query_row(rusqlite::params![name, "student", None::<String>], |_| {
                Ok(())
            })
            .optional()?;
    }
    for sql in [WHO, WHO_BY_NAME] {
        let stmt = conn.prepare_cached(sql)?;
        assert_eq!(
            stmt.get_status(rusqlite::StatementStatus::RePrepare),
            0,
            "{sql}"
        );
    }
    Ok(())
}

#[test]
fn dates_are_written_as_rusqlite_writes_them() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let first = NaiveDate::from_ymd_opt(-3, 1, 1).expect("a date");
    let mut days: Vec<Option<NaiveDate>> = vec![None, NaiveDate::from_ymd_opt(10_000, 3, 1)];
    days.extend(
        (0..4_000_000)
            .step_by(997)
            .map(|n| Some(first + chrono::Days::new(n))),
    );
    for d in days {
        let (a, b): (Option<String>, Option<String>) =
            conn.query_row("SELECT ?1, ?2", rusqlite::params![Day(d), d], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        assert_eq!(a, b, "{d:?}");
    }
    Ok(())
}

#[test]
fn people_without_an_email_are_looked_up_by_name_when_there_are_many() -> anyhow::Result<()> {
    let today = day(TODAY);
    let mut conn = open_in_memory()?;
    let tx = conn.transaction()?;
    insert(
        &tx,
        person("Sam Lee", PersonKind::Student, Some("s@example.ac.uk")),
        today,
    )?;
    insert(&tx, person("Sam Lee", PersonKind::Staff, None), today)?;
    let mut batch = Batch::new();
    let looked_up = |batch: &mut Batch| -> anyhow::Result<Vec<Option<Found>>> {
        let mut out = Vec::new();
        for (name, kind, email) in [
            ("sam lee", PersonKind::Staff, None),
            ("Sam Lee", PersonKind::Student, None),
            ("Nobody", PersonKind::Staff, Some("S@example.ac.uk")),
            ("Sam Lee", PersonKind::Staff, Some("new@example.ac.uk")),
            ("P 3", PersonKind::External, None),
            ("p 3", PersonKind::External, Some("p3@example.ac.uk")),
        ] {
            out.push(batch.find(&tx, name, kind, email)?);
        }
        Ok(out)
    };
    let few = looked_up(&mut batch)?;
    assert_eq!(batch.without_email, Some(1));
    for i in 0..FEW_WITHOUT_EMAIL + 1 {
        let p = person(&format!("P {i}"), PersonKind::External, None);
        batch.push(&tx, p, None, today, "{}".into())?;
    }
    batch.flush(&tx)?;
    assert_eq!(batch.without_email, Some(FEW_WITHOUT_EMAIL + 2));
    let many = looked_up(&mut batch)?;
    let id = |n: i64| {
        Some(Found {
            id: n,
            by_email: false,
            added: false,
        })
    };
    assert_eq!(
        few[..4],
        [
            id(2),
            None,
            Some(Found {
                id: 1,
                by_email: true,
                added: false
            }),
            id(2)
        ]
    );
    assert_eq!(few[..4], many[..4]);
    assert_eq!(few[4..], [None, None]);
    let p3 = Some(Found {
        id: 6,
        by_email: false,
        added: true,
    });
    assert_eq!(many[4..], [p3, p3]);
    // Each statement goes where it says.
    for (sql, index) in [
        (WHO, "sqlite_autoindex_people_1"),
        (WHO_BY_NAME, "people_name"),
    ] {
        let plan: Vec<String> = tx
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?
            .query_map(rusqlite::params!["x", "staff", None::<String>], |r| {
                r.get(3)
            })?
            .collect::<rusqlite::Result<_>>()?;
        assert!(plan.iter().any(|p| p.contains(index)), "{sql}: {plan:?}");
    }
    Ok(())
}
