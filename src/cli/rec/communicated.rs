//! `spm rec communicated ID`: the day the outcome was told back to the students it came from.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::rec as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm rec communicated 5 --on 2026-11-20 --channel \"students' union newsletter\"
  spm rec communicated 3  today

Only a decided recommendation can be told back, on or after the day it was decided.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The recommendation's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The day students were told, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// How they were told, e.g. "students' union newsletter"
    #[arg(long, value_name = "TEXT")]
    channel: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let rec = svc::communicated(&mut conn, args.id, on, args.channel.as_deref(), today)?;
    ctx.note(&format!(
        "recommendation {} ({}) was told back to students on {on}",
        rec.id, rec.status
    ));
    Ok(())
}
