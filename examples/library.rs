//! Using spm as a library: register a project in a throwaway database, move it through its
//! life, and print the adopted framework's principles.
//!
//! Run with `cargo run --example library`.

use spm::model::{Form, Level, Status, parse_date};
use spm::service::{principle, project};

fn main() -> anyhow::Result<()> {
    let mut conn = spm::service::database::open_in_memory()?;
    let today = parse_date("2026-11-23")?;

    let mut new = project::NewProject::new(
        "Co-creating reading lists",
        Form::CurriculumCoCreation,
        Level::Partnership,
    );
    new.department = Some("Sociology".into());
    new.themes = vec!["inclusion".into()];
    new.budget = Some("£1,200".parse()?);
    let p = project::add(&mut conn, new, today)?;
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
    Ok(())
}
