//! `spm principle show CODE`: one principle whole, with its framework and source.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::model::Principle;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle show CP9
  spm principle show spa1.2";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The principle's code, e.g. CP9 or SPA1.2
    code: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let p = svc::get(&conn, &args.code)?;
    let fw = svc::framework(&conn, &p.framework)?;
    let children = svc::children(&conn, &p)?;
    let mut rec = Record::default();
    rec.field("code", "Code", Value::Text(p.code.clone()));
    rec.field("title", "Title", Value::Text(p.title.clone()));
    rec.field("statement", "Statement", Value::text(p.statement.clone()));
    rec.field("framework", "Framework", Value::Text(fw.key.clone()));
    rec.field(
        "framework_name",
        "Framework name",
        Value::Text(fw.name.clone()),
    );
    rec.field("source", "Source", Value::Text(fw.source()));
    rec.field("parent", "Under", Value::text(p.parent.clone()));
    rec.field("position", "Position", Value::Int(p.position));
    rec.field(
        "status",
        "Status",
        Value::Text(
            if p.retired_on.is_some() {
                "retired"
            } else {
                "in use"
            }
            .into(),
        ),
    );
    rec.field("retired_on", "Retired on", Value::date(p.retired_on));
    rec.field(
        "replaced_by",
        "Replaced by",
        Value::text(p.replaced_by.clone()),
    );
    if !children.is_empty() {
        rec.section(
            "principles",
            "Underlying principles",
            principle_rows(&children),
        );
    }
    ctx.emit(&Doc::Record(rec))
}

fn principle_rows(principles: &[Principle]) -> Rows {
    let mut rows = Rows::new(&[
        col("code", "Code"),
        col("title", "Title"),
        col("statement", "Statement"),
        col("retired_on", "Retired"),
    ]);
    for p in principles {
        rows.push(vec![
            Value::Text(p.code.clone()),
            Value::Text(p.title.clone()),
            Value::text(p.statement.clone()),
            Value::date(p.retired_on),
        ]);
    }
    rows
}
