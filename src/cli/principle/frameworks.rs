//! `spm principle frameworks`: the frameworks, their sources and which one is adopted.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::output::{Doc, Rows, Value, col};
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle frameworks
  spm --format json principle frameworks";

#[derive(Debug, ClapArgs)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let mut rows = Rows::new(&[
        col("key", "Key"),
        col("name", "Name"),
        col("source", "Source"),
        col("principles", "Principles"),
        col("retired", "Retired"),
        col("builtin", "Built in"),
        col("adopted", "Adopted"),
    ]);
    for s in svc::frameworks(&conn)? {
        rows.push(vec![
            Value::Text(s.framework.key.clone()),
            Value::Text(s.framework.name.clone()),
            Value::Text(s.framework.source()),
            Value::Int(s.active),
            Value::Int(s.retired),
            Value::Bool(s.framework.builtin),
            Value::Bool(s.adopted),
        ]);
    }
    ctx.emit(&Doc::Rows(rows))
}
