//! `spm fund show ID`: one application whole, with its spend and history.

use clap::Args as ClapArgs;

use super::money;
use crate::cli::Ctx;
use crate::model::Application;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::fund as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm fund show 3
  spm --format json fund show 3";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The application's id (see spm fund list)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

fn spend_rows(a: &Application) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("on", "On"),
        col("amount", "Amount"),
        col("note", "Note"),
    ]);
    for s in &a.spend {
        rows.push(vec![
            Value::Int(s.id),
            Value::Date(s.on.to_string()),
            Value::Money(s.amount),
            Value::Text(s.note.clone()),
        ]);
    }
    rows
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let a = svc::get(&conn, args.id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(a.id));
    rec.field("project", "Project", Value::Text(a.project.clone()));
    rec.field("title", "Title", Value::Text(a.project_title.clone()));
    rec.field("theme", "Theme", Value::Text(a.theme.clone()));
    rec.field("requested", "Requested", Value::Money(a.requested));
    rec.field(
        "applied_on",
        "Applied",
        Value::Date(a.applied_on.to_string()),
    );
    rec.field("decision", "Decision", Value::Text(a.decision.to_string()));
    rec.field("awarded", "Awarded", money(a.awarded));
    rec.field("decided_on", "Decided", Value::date(a.decided_on));
    rec.field(
        "decision_note",
        "Decision note",
        Value::text(a.decision_note.clone()),
    );
    rec.field("spent", "Spent", Value::Money(a.spent));
    rec.field("remaining", "Remaining", money(a.remaining()));
    rec.section("spend", "Spend", spend_rows(&a));
    let log = crate::cli::changes::rows(ctx.format, svc::history(&conn, a.id)?, "applied");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}
