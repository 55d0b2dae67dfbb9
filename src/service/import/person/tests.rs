//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::model::date::testing::day;
use crate::service::database::open_in_memory;
use crate::service::import::{ImportOptions, people};

const TODAY: &str = "2026-11-23";

/// Every row of every table, timestamps left out, in a fixed order; the change log apart.
fn every_table(conn: &Connection) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut out, mut log) = (Vec::new(), Vec::new());
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?
            .into_iter()
            .filter(|c| !matches!(c.as_str(), "created_at" | "updated_at" | "at"))
            .collect();
        let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT {} FROM \"{table}\" ORDER BY {}",
            columns.join(", "),
            order.join(", ")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cells: Vec<String> = (0..columns.len())
                .map(|i| {
                    r.get_ref(i).map(|v| match v {
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                })
                .collect::<rusqlite::Result<_>>()?;
            let line = format!("{table}: {}", cells.join(" | "));
            if table == "changes" {
                log.push(line);
            } else {
                out.push(line);
            }
        }
    }
    Ok((out, log))
}

/// A person of the file, with the day they withdrew consent.
struct Sample {
    new: NewPerson,
    withdrawn: Option<NaiveDate>,
}

/// 150 people: more than two chunks; names shared by people with different emails; people
/// without an email; every kind; consent given, expiring and withdrawn; notes over two
/// lines, with text that JSON and CSV escape.
fn many() -> Vec<Sample> {
    let kinds = [PersonKind::Student, PersonKind::Staff, PersonKind::External];
    (0..150)
        .map(|i| {
            let kind = kinds[i % 3];
            // Sam Lee, several times, each with an email to tell them apart.
            let name = if i % 5 == 0 && i % 7 != 3 {
                "Sam Lee".to_string()
            } else {
                format!("Person \"{i}\" – café")
            };
            let mut new = NewPerson::new(name, kind);
            if i % 7 != 3 {
                new.email = Some(format!("P.{i}@Example.ac.uk"));
            }
            if i % 2 == 0 {
                new.department = Some(format!("Dept {}", i % 4));
            }
            if kind == PersonKind::Student {
                new.level = Some(StudyLevel::Pgt);
                new.consent_given = Some(day("2025-10-01"));
                new.consent_expires = (i % 4 == 0).then(|| day("2028-09-30"));
            }
            if i % 8 == 0 {
                new.notes = Some(format!("line one\nline \"two\", \\ {i}"));
            }
            let withdrawn = (kind == PersonKind::Student && i % 9 == 0).then(|| day("2026-02-01"));
            Sample { new, withdrawn }
        })
        .collect()
}

/// The samples as the CSV file `spm person list` writes, and the line each starts on.
fn csv_file(dir: &std::path::Path, samples: &[Sample]) -> anyhow::Result<(PathBuf, Vec<u64>)> {
    let path = dir.join("people.csv");
    let mut out = csv::Writer::from_path(&path)?;
    out.write_record([
        "name",
        "email",
        "kind",
        "department",
        "level",
        "consent_given",
        "consent_expires",
        "consent_withdrawn",
        "notes",
    ])?;
    let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut lines = Vec::new();
    let mut line = 2;
    for s in samples {
        let p = &s.new;
        out.write_record([
            p.name.clone(),
            p.email.clone().unwrap_or_default(),
            p.kind.to_string(),
            p.department.clone().unwrap_or_default(),
            p.level.map(|l| l.to_string()).unwrap_or_default(),
            show(p.consent_given),
            show(p.consent_expires),
            show(s.withdrawn),
            p.notes.clone().unwrap_or_default(),
        ])?;
        lines.push(line);
        line += 1 + p
            .notes
            .as_deref()
            .map_or(0, |n| n.matches('\n').count() as u64);
    }
    out.flush()?;
    Ok((path, lines))
}

fn import(conn: &mut Connection, path: &std::path::Path) -> Result<Summary> {
    people(
        conn,
        path,
        &ImportOptions::default(),
        day(TODAY),
        &mut |_, _| {},
    )
}

use std::path::PathBuf;

#[test]
fn an_import_writes_what_the_service_writes() -> anyhow::Result<()> {
    let today = day(TODAY);
    let mut slow = open_in_memory()?;
    {
        let tx = slow.transaction()?;
        for s in many() {
            let p = svc::insert(&tx, s.new, today)?;
            if let Some(w) = s.withdrawn {
                let patch = PersonPatch {
                    consent_withdrawn: Some(Some(w)),
                    ..PersonPatch::default()
                };
                svc::apply_patch(&tx, p, patch, today)?;
            }
        }
        tx.commit()?;
    }
    let dir = tempfile::tempdir()?;
    let (path, lines) = csv_file(dir.path(), &many())?;
    let mut fast = open_in_memory()?;
    let summary = import(&mut fast, &path)?;
    assert_eq!(summary.added, 150);
    let (a, _) = every_table(&slow)?;
    let (b, log) = every_table(&fast)?;
    assert!(a.len() > 150, "{} rows", a.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
    // The change log names the file and line of each person, and nothing of theirs.
    let people: Vec<&String> = log.iter().filter(|l| l.contains("\"person\"")).collect();
    assert_eq!(people.len(), 150);
    for (i, (entry, line)) in people.iter().zip(&lines).enumerate() {
        let fields = changes::origin_fields("people.csv", *line).to_string();
        assert_eq!(
            **entry,
            format!(
                "changes: Integer({}) | {:?} | \"person\" | Integer({}) | \"insert\" | {:?}",
                i + 1 + (log.len() - 150),
                changes::UNKNOWN_ACTOR,
                i + 1,
                fields
            )
        );
    }
    Ok(())
}

/// The error of importing `body` as people.csv into a database holding `registered`.
fn refusal(registered: &[NewPerson], body: &str) -> anyhow::Result<String> {
    let today = day(TODAY);
    let mut conn = open_in_memory()?;
    {
        let tx = conn.transaction()?;
        for p in registered {
            svc::insert(&tx, p.clone(), today)?;
        }
        tx.commit()?;
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("people.csv");
    std::fs::write(&path, body)?;
    let before: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?;
    let err = import(&mut conn, &path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let after: i64 = conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?;
    assert_eq!(before, after, "nothing is written");
    Ok(err)
}

#[test]
fn a_person_on_two_rows_is_found_through_the_database() -> anyhow::Result<()> {
    let mut body = String::from("name,email,kind\n");
    // Lines 2-7: a person later repeated in another chunk (written by then), one without an
    // email, one refused for their kind, one registered before, one repeated in the same
    // chunk (still waiting).
    body.push_str("Amira Hassan,a.hassan@example.ac.uk,student\n");
    body.push_str("Dr A. Khan,,staff\n");
    body.push_str("Carl,c@example.ac.uk,wizard\n");
    body.push_str("Reg,reg@example.ac.uk,student\n");
    body.push_str("Dee,d@example.ac.uk,student\n");
    body.push_str("Dee Again,D@example.ac.uk,student\n");
    for i in 8..200 {
        body.push_str(&format!("P {i},p{i}@example.ac.uk,student\n"));
    }
    body.push_str("Amira H.,A.HASSAN@example.ac.uk,student\n");
    body.push_str("dr a. khan,,staff\n");
    body.push_str("Carl,c@example.ac.uk,student\n");
    body.push_str("Reg,reg@example.ac.uk,student\n");
    let mut reg = NewPerson::new("Reg", PersonKind::Student);
    reg.email = Some("reg@example.ac.uk".into());
    let err = refusal(&[reg], &body)?;
    for needle in [
        "people.csv has 6 errors",
        "line 4, column C (kind): unknown person kind \"wizard\"",
        "line 7, column B (email): D@example.ac.uk is on line 6 already; give each person one row",
        "line 200, column B (email): A.HASSAN@example.ac.uk is on line 2 already",
        "line 201, column A (name): \"dr a. khan\" (staff, no email) is on line 3 already",
        "line 202, column B (email): c@example.ac.uk is on line 4 already",
        "line 203, column B (email): reg@example.ac.uk is on line 5 already",
    ] {
        assert!(err.contains(needle), "{needle:?} in:\n{err}");
    }
    Ok(())
}

#[test]
fn two_rows_about_one_person_found_by_name_are_refused() -> anyhow::Result<()> {
    // The second row gives an email the first did not: both are about the same person.
    let body = "name,email,kind\nSam Lee,,student\nSam Lee,s.lee@example.ac.uk,student\n";
    let err = refusal(&[], body)?;
    assert!(
        err.contains(
            "line 3, column A (name): \"Sam Lee\" (student, no email) is on line 2 already; give each person one row"
        ),
        "{err}"
    );
    Ok(())
}

#[test]
fn rows_refused_are_remembered_only_up_to_a_limit() {
    let mut importer = People::new(false, day(TODAY), "people.csv");
    for i in 0..MAX_REFUSED + 10 {
        importer.remember(None, Some(format!("p{i}@example.ac.uk")), i as u64 + 2);
    }
    assert_eq!(importer.refused.len(), MAX_REFUSED);
    importer.remember(
        Some(Found {
            id: 7,
            by_email: true,
            added: false,
        }),
        None,
        3,
    );
    importer.remember(
        Some(Found {
            id: 7,
            by_email: true,
            added: false,
        }),
        None,
        9,
    );
    assert_eq!(importer.matched.get(&7), Some(&3), "the first row is kept");
}

#[test]
fn the_change_log_text_is_what_origin_fields_writes() {
    for file in ["people.csv", "my \"odd\" file.csv", "café\\tab\t.csv", ""] {
        let origin = changes::Origin::new(file);
        for line in [0, 2, 12, u64::MAX] {
            assert_eq!(
                origin.fields(line),
                changes::origin_fields(file, line).to_string()
            );
        }
    }
}
