//! `spm person request close ID`: a request closed once it is answered.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person request close 1  answered today
  spm person request close 1 --on 2026-11-20";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The request's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The day it was answered [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let r = svc::close_request(&mut conn, args.id, on, today)?;
    ctx.note(&format!(
        "closed request {} ({} for {}) on {on}",
        r.id, r.kind, r.person
    ));
    Ok(())
}
