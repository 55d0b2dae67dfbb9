//! `spm db check [--fix]`: the database's integrity, foreign keys and stored next review
//! dates, and those dates worked out again.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::error::Error;
use crate::output::{Doc, Record, Value};
use crate::service::review::StaleDue;
use crate::service::{database, project, review};

pub const EXAMPLES: &str = "\
Examples:
  spm db check
  spm db check --fix
  spm db check || echo \"restore from a backup\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Work out again every next review date that is wrong (after another program wrote
    /// to the database), when the file itself is sound
    #[arg(long)]
    fix: bool,
}

/// The most wrong next review dates named; the rest are counted.
const LISTED: usize = 10;

/// `code: next review X, should be Y; ...` for the first few projects, and how many more.
fn stale_list(stale: &[StaleDue]) -> String {
    let shown = |d: Option<&str>| d.map_or_else(|| "none".to_string(), str::to_string);
    let mut parts: Vec<String> = stale
        .iter()
        .take(LISTED)
        .map(|s| {
            let mut wrong = Vec::new();
            let pairs = [
                ("next review", &s.stored_due, s.due),
                ("last review", &s.stored_last, s.last),
            ];
            for (what, stored, should) in pairs {
                let should = should.map(|d| d.to_string());
                if *stored != should {
                    wrong.push(format!(
                        "{what} {}, should be {}",
                        shown(stored.as_deref()),
                        shown(should.as_deref())
                    ));
                }
            }
            format!("{}: {}", s.project, wrong.join(", "))
        })
        .collect();
    if stale.len() > LISTED {
        parts.push(format!("and {} more", stale.len() - LISTED));
    }
    parts.join("; ")
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let fix = args.fix;
    let path = ctx.path()?;
    let mut conn = if fix { ctx.write()? } else { ctx.read()? };
    let mut report = database::check(&conn)?;
    let mut fixed = Vec::new();
    if fix && report.is_sound() && !report.stale_due.is_empty() {
        fixed = database::fix_due_dates(&mut conn)?;
        // The file was sound a moment ago: only the dates need checking again.
        report.stale_due = review::stale(&conn, i64::MIN)?;
    }
    let mut rec = Record::default();
    rec.field("path", "Path", Value::Text(path.display().to_string()));
    rec.field(
        "schema_version",
        "Schema version",
        Value::Int(report.schema_version),
    );
    rec.field(
        "integrity",
        "Integrity",
        Value::Text(report.integrity.join("; ")),
    );
    rec.field(
        "foreign_keys",
        "Foreign keys",
        Value::Text(if report.foreign_keys.is_empty() {
            "ok".into()
        } else {
            report.foreign_keys.join("; ")
        }),
    );
    let dates = match (report.is_sound(), report.stale_due.is_empty()) {
        (false, _) => "not checked".to_string(),
        (true, true) if fixed.is_empty() => "ok".to_string(),
        (true, true) => format!("ok (worked out again: {})", stale_list(&fixed)),
        (true, false) => format!(
            "{} wrong: {}",
            report.stale_due.len(),
            stale_list(&report.stale_due)
        ),
    };
    rec.field("review_dates", "Review dates", Value::Text(dates));
    rec.field("projects", "Projects", Value::Int(project::count(&conn)?));
    rec.field("reviews", "Reviews", Value::Int(review::count(&conn)?));
    ctx.emit(&Doc::Record(rec))?;
    if !fixed.is_empty() {
        let n = fixed.len();
        ctx.note(&format!(
            "worked out the review dates of {n} project{} again",
            if n == 1 { "" } else { "s" }
        ));
    }
    if !report.is_sound() {
        return Err(Error::BadDatabase(format!(
            "{} failed its check; restore it from a backup taken before the damage",
            path.display()
        ))
        .into());
    }
    if !report.stale_due.is_empty() {
        let n = report.stale_due.len();
        return Err(Error::BadDatabase(format!(
            "{n} project{} of {} hold{} a wrong next or last review date; run \"spm db check --fix\" to work {} out again",
            if n == 1 { "" } else { "s" },
            path.display(),
            if n == 1 { "s" } else { "" },
            if n == 1 { "it" } else { "them" },
        ))
        .into());
    }
    Ok(())
}
