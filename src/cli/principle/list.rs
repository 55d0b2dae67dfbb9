//! `spm principle list`: a framework's principles.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::output::{Doc, Rows, Value, col};
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle list
  spm principle list --framework hfh-2014
  spm principle list --all  retired principles too";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The framework's key (see "spm principle frameworks")
    #[arg(long)]
    framework: Option<String>,
    /// Include retired principles
    #[arg(long)]
    all: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let all = args.all;
    let conn = ctx.read()?;
    let (fw, principles) = svc::list(&conn, args.framework.as_deref(), all)?;
    let empty = if all {
        format!(
            "the framework {} has no principles yet; add one with spm principle add CODE TITLE --framework {}",
            fw.key, fw.key
        )
    } else {
        format!(
            "the framework {} has no principles in use (retired ones show with --all)",
            fw.key
        )
    };
    let mut columns = vec![
        col("code", "Code"),
        col("title", "Title"),
        col("statement", "Statement"),
        col("parent", "Under"),
    ];
    if all {
        columns.push(col("retired_on", "Retired"));
        columns.push(col("replaced_by", "Replaced by"));
    }
    let mut rows = Rows::new(&columns);
    for p in principles {
        let mut row = vec![
            Value::Text(p.code),
            Value::Text(p.title),
            Value::text(p.statement),
            Value::text(p.parent),
        ];
        if all {
            row.push(Value::date(p.retired_on));
            row.push(Value::text(p.replaced_by));
        }
        rows.push(row);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}
