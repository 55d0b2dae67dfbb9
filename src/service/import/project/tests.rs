//! Unit tests (compiled only under #[cfg(test)], from the module's mod.rs).

use super::*;
use crate::model::date::testing::day;
use crate::model::{Activity, Form, Level};
use crate::service::database::open_in_memory;

/// Every row of the tables a new project touches, without timestamps.
fn rows(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for sql in [
        "SELECT code, title, summary, form, activity, level_planned, level_achieved, status,
            department, academic_year, start_date, end_date, lead_id, budget_pence,
            review_cadence_months, id FROM projects ORDER BY id",
        "SELECT project_id, theme FROM project_themes ORDER BY project_id, theme",
        "SELECT project_id, status, on_date, note FROM project_status_history ORDER BY id",
        "SELECT id, name, email, kind FROM people ORDER BY id",
        "SELECT actor, entity, entity_id, action, fields FROM changes ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql)?;
        let n = stmt.column_count();
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let cells: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{:?}",
                        r.get_ref(i).map(|v| v
                            .as_str()
                            .ok()
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("{:?}", v)))
                    )
                })
                .collect();
            out.push(cells.join(" | "));
        }
    }
    Ok(out)
}

fn samples() -> Vec<NewProject> {
    let mut out = Vec::new();
    let base = |t: &str| NewProject::new(t, Form::EducationalResearch, Level::Partnership);
    out.push(base("Plain"));
    let mut p = base("  Full  ");
    p.summary = Some("What it does\nover two lines".into());
    p.activity = Some(Activity::ChangeMakers);
    p.level_achieved = Some(Level::Involvement);
    p.status = Status::Active;
    p.department = Some(" Economics ".into());
    p.academic_year = Some("2024/25".parse().expect("a year"));
    p.start_date = Some(day("2024-10-01"));
    p.lead = Some("Dr A. Khan".into());
    p.themes = vec![
        "Zeta".into(),
        "alpha".into(),
        "ALPHA".into(),
        " ".into(),
        "Beta".into(),
        "éclair".into(),
        "Émile".into(),
    ];
    p.budget = Some(Money(250_050));
    p.cadence = Cadence(6);
    out.push(p);
    let mut p = base("Active, no start");
    p.status = Status::Active;
    p.lead = Some("dr a. khan".into());
    out.push(p);
    let mut p = base("Completed");
    p.status = Status::Completed;
    p.start_date = Some(day("2023-01-01"));
    out.push(p);
    let mut p = base("Withdrawn before start");
    p.status = Status::Withdrawn;
    p.start_date = Some(day("2027-01-01"));
    out.push(p);
    let mut p = base("Paused");
    p.status = Status::Paused;
    out.push(p);
    out
}

/// A row with a code, as the import writes it: its lead found (or registered) first.
fn fast_insert(
    importer: &mut Projects,
    tx: &Connection,
    code: String,
    new: NewProject,
    line: u32,
) -> Result<()> {
    let lead = importer.lead(tx, new.lead.as_deref(), None)?;
    importer.insert_fast(tx, code, new, lead, line)
}

#[test]
fn the_fast_path_writes_what_the_service_writes() -> anyhow::Result<()> {
    let today = day("2026-11-23");
    let mut slow = open_in_memory()?;
    let mut fast = open_in_memory()?;
    {
        let tx = slow.transaction()?;
        for (i, mut new) in samples().into_iter().enumerate() {
            new.code = Some(format!("p-{i}"));
            let logged = changes::origin_fields("x.csv", i as u64 + 2);
            svc::insert_logged(&tx, new, today, logged, &mut svc::Codes::default())?;
        }
        tx.commit()?;
    }
    {
        let tx = fast.transaction()?;
        let mut importer = Projects::new(false, today, "x.csv");
        for (i, new) in samples().into_iter().enumerate() {
            fast_insert(&mut importer, &tx, format!("p-{i}"), new, i as u32 + 2)?;
        }
        importer.finish(&tx)?;
        assert_eq!(importer.summary.new_leads, vec!["Dr A. Khan".to_string()]);
        tx.commit()?;
    }
    assert_eq!(rows(&slow)?, rows(&fast)?);
    Ok(())
}

/// Every row of every table, timestamps left out, in a fixed order.
fn every_table(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
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
            out.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    Ok(out)
}

/// 150 projects: more than two chunks, new leads met in the middle of a chunk, rows
/// without a code (written by the service), every status, text that JSON escapes.
fn many() -> Vec<NewProject> {
    let statuses = [
        Status::Proposed,
        Status::Active,
        Status::Paused,
        Status::Completed,
        Status::Withdrawn,
    ];
    (0..150)
        .map(|i| {
            let mut p = NewProject::new(
                format!("Project \"{i}\" – café"),
                Form::EducationalResearch,
                Level::Partnership,
            );
            p.code = (i % 37 != 5).then(|| format!("p-{i}"));
            p.status = statuses[i % statuses.len()];
            if i % 4 == 0 {
                p.summary = Some(format!("line one\nline two, \\ {i}"));
            }
            if i % 3 == 0 {
                p.lead = Some(format!("Dr Lead {}", i / 20));
            }
            if i % 2 == 0 {
                p.themes = vec!["Zeta".into(), format!("theme {}", i % 5), "alpha".into()];
            }
            if i % 6 == 0 {
                p.start_date = Some(day("2025-01-15"));
            }
            if i % 10 == 0 {
                p.budget = Some(Money(i as i64 * 1234));
            }
            p.academic_year = Some("2025/26".parse().expect("a year"));
            p.cadence = Cadence(1 + (i % 12) as u32);
            p
        })
        .collect()
}

/// `p` as a row of the CSV file `spm project list` writes.
fn csv_row(p: &NewProject) -> Vec<String> {
    let show = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        p.code.clone().unwrap_or_default(),
        p.title.clone(),
        p.summary.clone().unwrap_or_default(),
        p.status.to_string(),
        p.form.to_string(),
        p.level_planned.to_string(),
        p.academic_year.map(|y| y.to_string()).unwrap_or_default(),
        show(p.start_date),
        p.lead.clone().unwrap_or_default(),
        p.themes.join("; "),
        p.budget.map(|b| b.plain()).unwrap_or_default(),
        p.cadence.to_string(),
    ]
}

#[test]
fn an_import_writes_what_the_service_writes() -> anyhow::Result<()> {
    let today = day("2026-11-23");
    let mut slow = open_in_memory()?;
    {
        let tx = slow.transaction()?;
        // Rows start on line 2, and a summary over two lines takes two.
        let mut line = 2;
        for new in many() {
            let logged = changes::origin_fields("projects.csv", line);
            line += 1 + new
                .summary
                .as_deref()
                .map_or(0, |s| s.matches('\n').count() as u64);
            svc::insert_logged(&tx, new, today, logged, &mut svc::Codes::default())?;
        }
        tx.commit()?;
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("projects.csv");
    let mut out = csv::Writer::from_path(&path)?;
    out.write_record([
        "code",
        "title",
        "summary",
        "status",
        "form",
        "level_planned",
        "academic_year",
        "start_date",
        "lead",
        "themes",
        "budget",
        "review_cadence",
    ])?;
    for p in many() {
        out.write_record(csv_row(&p))?;
    }
    out.flush()?;
    drop(out);
    let mut fast = open_in_memory()?;
    let summary = super::super::projects(
        &mut fast,
        &path,
        &super::super::ImportOptions::default(),
        today,
        &mut |_, _| {},
    )?;
    assert_eq!(summary.added, 150);
    assert_eq!(summary.new_leads.len(), 8);
    let (a, b) = (every_table(&slow)?, every_table(&fast)?);
    assert!(a.len() > 700, "{} rows", a.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
    Ok(())
}

#[test]
fn an_added_project_is_logged_by_its_file_and_line() -> anyhow::Result<()> {
    let text = origin("my \"odd\" file.csv", 12);
    let fields: Json = serde_json::from_str(&text)?;
    assert_eq!(fields, changes::origin_fields("my \"odd\" file.csv", 12));
    assert_eq!(
        changes::origin(&fields).as_deref(),
        Some("imported from my \"odd\" file.csv, line 12")
    );
    // A project's own values are not copied into the log.
    assert!(!text.contains("title"), "{text}");
    Ok(())
}

#[test]
fn a_project_reads_back_as_the_service_reads_it() -> anyhow::Result<()> {
    let today = day("2026-11-23");
    let mut conn = open_in_memory()?;
    let tx = conn.transaction()?;
    for (i, mut new) in samples().into_iter().enumerate() {
        new.code = Some(format!("r-{i}"));
        let p = svc::insert(&tx, new, today)?;
        assert_eq!(by_id(&tx, p.id)?, svc::get(&tx, &p.code)?);
        assert_eq!(by_id(&tx, p.id)?, p);
    }
    Ok(())
}

#[test]
fn the_fast_path_refuses_what_the_service_refuses() -> anyhow::Result<()> {
    let today = day("2026-11-23");
    let base = || NewProject::new("T", Form::EducationalResearch, Level::Partnership);
    let mut bad = Vec::new();
    let mut p = base();
    p.title = " ".into();
    bad.push(p);
    let mut p = base();
    p.title = "two\nlines".into();
    bad.push(p);
    let mut p = base();
    p.themes = vec!["x".repeat(61)];
    bad.push(p);
    let mut p = base();
    p.start_date = Some(day("2025-01-02"));
    p.end_date = Some(day("2025-01-01"));
    bad.push(p);
    let mut p = base();
    p.summary = Some("bell\u{7}".into());
    bad.push(p);
    let mut conn = open_in_memory()?;
    let tx = conn.transaction()?;
    let mut importer = Projects::new(false, today, "x.csv");
    for (i, new) in bad.into_iter().enumerate() {
        let mut slow = new.clone();
        slow.code = Some(format!("s-{i}"));
        let a = svc::insert(&tx, slow, today).err().map(|e| e.to_string());
        let b = fast_insert(&mut importer, &tx, format!("f-{i}"), new, 2)
            .err()
            .map(|e| e.to_string());
        assert!(a.is_some(), "sample {i} should be refused");
        assert_eq!(a, b, "sample {i}");
    }
    Ok(())
}
