//! `spm project partner contribution list PROJECT [PERSON]`: the log's entries, with what
//! became of each.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, parse_opt};
use crate::model::{Money, Role};
use crate::output::{Doc, Rows, Value, col};
use crate::service::partner::{self as svc, Entry};

pub const EXAMPLES: &str = "\
Status says what became of each entry: \"counts\", \"corrected by N\" or \"reversed by N\" (then
entry N replaces it), or \"reverses N\". Only entries that count are in totals and reports.

Examples:
  spm project partner contribution list mh-peer-2025
  spm project partner contribution list mh-peer-2025 a.hassan@example.ac.uk
  spm project partner contribution list mh-peer-2025 -o hours.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: Option<String>,
    /// Only the entries of this role, when the person has several on the project
    #[arg(long, value_parser = Choices(Role::NAMES), requires = "person")]
    role: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let role = parse_opt::<Role>(args.role.as_deref())?;
    let conn = ctx.read()?;
    let entries = svc::entries(&conn, &args.project, args.person.as_deref(), role)?;
    ctx.emit(&Doc::Rows(entry_rows(&entries)))
}

/// A project's entries as rows.
fn entry_rows(entries: &[Entry]) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Entry"),
        col("person", "Person"),
        col("role", "Role"),
        col("on", "On"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
        col("note", "Note"),
        col("replaces", "Replaces"),
        col("status", "Status"),
        col("reason", "Reason"),
    ]);
    for e in entries {
        let c = &e.contribution;
        rows.push(vec![
            Value::Int(c.id),
            Value::Text(e.person.clone()),
            Value::Text(e.role.to_string()),
            Value::Date(c.on.to_string()),
            Value::date(c.to),
            Value::Float(c.minutes as f64 / 60.0),
            Value::Money(Money(c.paid_pence)),
            Value::text(c.recognition.map(|r| r.to_string())),
            Value::text(c.note.clone()),
            c.replaces.map_or(Value::Null, Value::Int),
            Value::Text(e.status()),
            Value::text(c.reason.clone()),
        ]);
    }
    rows
}
