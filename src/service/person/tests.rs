//! Unit tests of the person service (compiled only under #[cfg(test)], from mod.rs).

use super::*;
use crate::model::RequestKind;
use crate::model::date::testing::day;
use crate::service::archive::Affinity;
use crate::service::database::open_in_memory;

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
    assert_eq!((&gone.email, &gone.notes), (&None, &None));
    let log: String = conn.query_row("SELECT group_concat(fields, ' ') FROM changes", [], |r| {
        r.get(0)
    })?;
    for secret in ["Amira", "a.hassan@", "evenings"] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
    // A second time only runs the clean-up again.
    let again = forget(&mut conn, &p.id.to_string(), today)?;
    assert!(!again.forgotten_now);
    assert!(matches!(again.cleanup, Cleanup::Done), "{again:?}");
    assert_eq!(again.person, gone);
    // The log is append-only again afterwards.
    assert!(conn.execute("DELETE FROM changes", []).is_err());
    Ok(())
}

#[test]
fn forgetting_closes_only_their_open_erasure_requests() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let p = add(
        &mut conn,
        student("Amira Hassan", Some("a.hassan@example.ac.uk")),
        today,
    )?;
    let other = add(&mut conn, student("Nia Obi", None), today)?;
    let key = p.id.to_string();
    let received = day("2026-11-02");
    let erasure = request(&mut conn, &key, RequestKind::Erasure, received, None, today)?;
    let answered = request(&mut conn, &key, RequestKind::Erasure, received, None, today)?;
    close_request(&mut conn, answered.id, day("2026-11-10"), today)?;
    let access = request(&mut conn, &key, RequestKind::Access, received, None, today)?;
    let others = request(
        &mut conn,
        "Nia Obi",
        RequestKind::Erasure,
        received,
        None,
        today,
    )?;
    forget(&mut conn, &key, today)?;
    let closed = |id: i64| -> anyhow::Result<Option<NaiveDate>> {
        Ok(requests(&conn, false)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| anyhow::anyhow!("no request {id}"))?
            .closed_on)
    };
    assert_eq!(closed(erasure.id)?, Some(today));
    assert_eq!(closed(answered.id)?, Some(day("2026-11-10")));
    assert_eq!(closed(access.id)?, None);
    assert_eq!(closed(others.id)?, None);
    assert_eq!(others.person_id, other.id);
    Ok(())
}

/// What a person's name or email looks like to a CHECK: whole, one word of it, a code made
/// of it. A column whose own CHECK refuses all of these (a date, a word of a fixed list, an
/// academic year) cannot hold them.
const NAME_FORMS: [&str; 5] = ["Zed Quux", "zq@example.ac.uk", "Quux", "quux", "zed-quux"];

/// Whether `table.column`'s own CHECK refuses a name in every form of [`NAME_FORMS`], tried on
/// a copy of the column by SQLite itself (`db::drift::accepted`).
fn refuses_names(conn: &Connection, table: &str, sql: &str, column: &str) -> anyhow::Result<bool> {
    let checks = crate::db::drift::column_checks(sql, column);
    if checks.is_empty() {
        return Ok(false);
    }
    let all = checks.join(") AND (");
    let forms: Vec<String> = NAME_FORMS.iter().map(|s| s.to_string()).collect();
    Ok(crate::db::drift::accepted(conn, table, column, &format!("({all})"), &forms)?.is_empty())
}

/// The timestamp spm stamps a row with; a column named `at` or `..._at` with this default
/// holds only what spm writes there.
const STAMP: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// The person's own text, which forgetting takes with the record rather than scrubbing names
/// from it: `Anonymise` clears the name, email and notes of their row of `people`, and
/// `Delete` removes their characteristics, values included.
const WITH_THE_RECORD: &[(&str, &str)] = &[
    ("people", "name"),
    ("people", "email"),
    ("people", "notes"),
    ("person_characteristics", "value"),
];

/// Text columns that forgetting leaves as they are and the export does not search, each with
/// why it never holds personal data. Every other text column must be a place in `PLACES`,
/// be taken with the person's record ([`WITH_THE_RECORD`]), be a timestamp spm writes
/// ([`STAMP`]), or have a CHECK that refuses a name ([`refuses_names`]).
const LEFT_ALONE: &[(&str, &str)] = &[
    // The login that ran spm, and the kind of record an entry is about: written by spm. A
    // publication's approver is that login too, as the change log names it.
    ("changes", "actor"),
    ("changes", "entity"),
    ("recommendation_publications", "published_by"),
    ("insight_publications", "published_by"),
    ("project_publications", "published_by"),
    // Published frameworks and their principles' wording (copied into each score).
    ("frameworks", "name"),
    ("frameworks", "institution"),
    ("frameworks", "document"),
    ("frameworks", "year"),
    ("principles", "title"),
    ("principles", "statement"),
    ("principles", "retired_on"),
    ("review_scores", "wording"),
    // The start-of-project checklist's points: the institution's wording, like a principle's.
    ("checklist_points", "words"),
    // Codes and keys (lower-case letters, digits and hyphens, checked by the schema) that
    // name records: a project, a framework, a principle, a category of characteristic, a
    // term. Identifiers the coordinator chooses, not text about anyone; forgetting cannot change
    // them without breaking every reference.
    ("projects", "code"),
    ("frameworks", "key"),
    ("principles", "code"),
    ("person_characteristics", "category"),
    ("panel_sessions", "term"),
    ("checklist_points", "key"),
    ("project_checklist", "key"),
    // Themes: short tags that group records, not sentences about anyone.
    ("project_themes", "theme"),
    ("recommendations", "theme"),
    ("fund_applications", "theme"),
    // Dates spm works out itself from a project's reviews and status (no CHECK, for the
    // import's speed): never text anyone typed.
    ("projects", "next_review_due"),
    ("projects", "last_review_on"),
    // Departments stay when a person is forgotten, so counts by department stay right.
    ("people", "department"),
    ("projects", "department"),
    // The coordinator's settings.
    ("settings", "key"),
    ("settings", "value"),
];

/// The tables of the schema, each with its SQL, its text columns (TEXT affinity, or no type,
/// which holds text as it is) and its foreign keys (column, table referred to).
type Table = (String, String, Vec<String>, Vec<(String, String)>);

fn schema_tables(conn: &Connection) -> anyhow::Result<Vec<Table>> {
    let mut out = Vec::new();
    for (name, sql) in crate::db::drift::tables(conn)? {
        let text = conn
            .prepare("SELECT name, type FROM pragma_table_info(?1)")?
            .query_map([&name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, kind)| matches!(Affinity::of(kind), Affinity::Text | Affinity::Blob))
            .map(|(column, _)| column)
            .collect();
        let fks = conn
            .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")?
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        out.push((name, sql, text, fks));
    }
    Ok(out)
}

/// Whether `table.column` is a timestamp spm writes: named `at` or `..._at`, with [`STAMP`]
/// as its default.
fn stamp(conn: &Connection, table: &str, column: &str) -> anyhow::Result<bool> {
    let default: Option<String> = conn.query_row(
        "SELECT dflt_value FROM pragma_table_info(?1) WHERE name = ?2",
        [table, column],
        |r| r.get(0),
    )?;
    let named = column == "at" || column.ends_with("_at");
    Ok(named && default.as_deref() == Some(STAMP))
}

fn place_at(table: &str, column: &str) -> Option<&'static Place> {
    PLACES
        .iter()
        .find(|p| p.table == table && p.column == column)
}

#[test]
fn every_column_that_can_refer_to_a_person_is_a_place() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let tables = schema_tables(&conn)?;
    let own: Vec<&str> = PLACES
        .iter()
        .filter(|p| p.by == By::Own)
        .map(|p| p.table)
        .collect();
    let mut missing = Vec::new();
    for (table, sql, text, fks) in &tables {
        for (column, target) in fks {
            let place = place_at(table, column);
            if target == "people" {
                if !place.is_some_and(|p| matches!(p.by, By::Own | By::Link)) {
                    missing.push(format!("{table}.{column} holds a person's id"));
                }
            } else if own.contains(&target.as_str())
                && !place.is_some_and(|p| matches!(p.by, By::Via(parent) if parent == target))
            {
                missing.push(format!("{table}.{column} points at a row of {target}"));
            }
        }
        for column in text {
            let at = (table.as_str(), column.as_str());
            let covered = place_at(table, column).is_some_and(Place::by_name)
                || WITH_THE_RECORD.contains(&at)
                || LEFT_ALONE.contains(&at)
                || stamp(&conn, table, column)?
                || refuses_names(&conn, table, sql, column)?;
            if !covered {
                missing.push(format!("{table}.{column} is free text"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to PLACES (or, with a reason, to LEFT_ALONE): {missing:#?}"
    );
    // Each list names text columns that are there, each once, and on one list only.
    let mut listed = std::collections::BTreeSet::new();
    for &(table, column) in WITH_THE_RECORD.iter().chain(LEFT_ALONE) {
        let found = tables.iter().find(|t| t.0 == table);
        assert!(
            found.is_some_and(|t| t.2.iter().any(|c| c == column)),
            "{table}.{column} is listed but is no text column"
        );
        assert!(
            listed.insert((table, column)),
            "{table}.{column} is listed twice"
        );
        assert!(
            place_at(table, column).is_none(),
            "{table}.{column} is also a place"
        );
    }
    // The person's own text goes with their record.
    let record = |table: &str| {
        PLACES
            .iter()
            .find(|p| p.table == table)
            .map(|p| p.on_forget)
    };
    assert_eq!(record("people"), Some(OnForget::Anonymise));
    assert_eq!(record("person_characteristics"), Some(OnForget::Delete));
    Ok(())
}

#[test]
fn every_place_is_in_the_schema_and_the_list_is_well_formed() -> anyhow::Result<()> {
    let conn = open_in_memory()?;
    let tables = schema_tables(&conn)?;
    for place in PLACES {
        let Some((_, _, text, _)) = tables.iter().find(|t| t.0 == place.table) else {
            panic!("no table {}", place.table);
        };
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")?
            .query_map([place.table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for c in [place.column, place.key] {
            assert!(columns.iter().any(|x| x == c), "no {}.{c}", place.table);
        }
        if place.by_name() {
            assert!(
                text.iter().any(|c| c == place.column),
                "{}.{} is not text",
                place.table,
                place.column
            );
            assert_eq!(place.on_forget, OnForget::Scrub, "{place:?}");
        }
        if let By::Via(parent) = place.by {
            assert!(
                PLACES.iter().any(|p| p.table == parent && p.by == By::Own),
                "{place:?} goes through {parent}, which is not the person's"
            );
        }
        // Every section of its own is read with SQL that SQLite accepts.
        if !place.rows.is_empty() {
            conn.prepare(place.rows)?;
        }
        for (table, _) in LEFT_ALONE.iter().filter(|(_, c)| *c == place.column) {
            assert_ne!(*table, place.table, "{place:?} is also left alone");
        }
    }
    let logs = PLACES.iter().filter(|p| p.by == By::Log).count();
    let records = PLACES.iter().filter(|p| p.by == By::Record).count();
    assert_eq!((logs, records), (1, 1));
    Ok(())
}

#[test]
fn export_and_forget_agree_on_what_names_the_person() -> anyhow::Result<()> {
    let mut conn = open_in_memory()?;
    let today = day(TODAY);
    let p = add(
        &mut conn,
        student("Zed Quux", Some("zq@example.ac.uk")),
        today,
    )?;
    add(&mut conn, student("Zed Quuxley", None), today)?;
    let doc = export(&conn, &p.id.to_string(), today)?;
    // Their own insert names them; Zed Quuxley's does not.
    let log = doc["change_log"].as_array().map(Vec::len);
    assert_eq!(log, Some(1), "{doc}");
    forget(&mut conn, &p.id.to_string(), today)?;
    let left: String =
        conn.query_row("SELECT group_concat(fields, ' ') FROM changes", [], |r| {
            r.get(0)
        })?;
    assert!(left.contains("Zed Quuxley"), "{left}");
    assert!(!left.contains("zq@"), "{left}");
    Ok(())
}
