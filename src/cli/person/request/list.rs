//! `spm person request list`: requests, soonest due first, with how long is left or how
//! overdue they are.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::output::remind::lateness;
use crate::output::{Doc, Rows, Value, col};
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person request list --open
  spm person request list -o requests.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only requests not yet closed
    #[arg(long)]
    open: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let open = args.open;
    let conn = ctx.read()?;
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("person", "Person"),
        col("kind", "Kind"),
        col("received", "Received"),
        col("due", "Due"),
        col("closed_on", "Closed"),
        col("state", "State"),
    ]);
    for r in svc::requests(&conn, open)? {
        let state = match r.closed_on {
            Some(_) => "closed".to_string(),
            None => lateness((today - r.due).num_days()),
        };
        rows.push(vec![
            Value::Int(r.id),
            Value::Text(r.person),
            Value::Text(r.kind.to_string()),
            Value::Date(r.received.to_string()),
            Value::Date(r.due.to_string()),
            Value::date(r.closed_on),
            Value::Text(state),
        ]);
    }
    let empty = if open {
        "no data-protection requests are open"
    } else {
        "no data-protection requests yet; record one with spm person request add PERSON KIND"
    };
    ctx.emit_or(&Doc::Rows(rows), empty)
}
