//! Using spm as a library: register a project in a throwaway database, move it through its
//! life, print the adopted framework's principles, and show who the change log says did it.
//!
//! Run with `cargo run --example library`.

use spm::model::{Form, Level, Status, parse_date};
use spm::service::{changes, principle, project};

fn main() -> anyhow::Result<()> {
    let mut conn = spm::service::database::open_in_memory()?;
    // Who the change log names for every change made on this connection (the cli gives
    // SPM_USER or the login; a program gives its own).
    changes::set_actor(&conn, "reading-list-sync")?;
    let today = parse_date("2026-11-23")?;

    let mut new = project::NewProject::new(
        "Co-creating reading lists",
        Form::CurriculumCoCreation,
        Level::Partnership,
    );
    new.department = Some("Sociology".into());
    new.themes = vec!["inclusion".into()];
    new.budget = Some("£1,200".parse()?);
    let p = project::add(&mut conn, new, today)?.project;
    println!("registered {} ({})", p.code, p.academic_year);

    let p = project::set_status(
        &mut conn,
        &p.code,
        Status::Active,
        today,
        Some("kick-off"),
        today,
    )?;
    println!("{} is {} since {:?}", p.code, p.status, p.start_date);

    let (framework, principles) = principle::list(&conn, None, false)?;
    println!("\n{} ({}):", framework.name, framework.source());
    for pr in principles {
        println!("  {:5} {}", pr.code, pr.title);
    }

    let history = project::history(&conn, &p)?;
    if let Some(first) = history.first() {
        println!("\nregistered by {}", first.actor);
    }
    Ok(())
}
