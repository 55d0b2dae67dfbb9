//! `spm principle retire CODE`: a principle leaves the list but is never deleted.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle retire CP3
  spm principle retire CP4 --replaced-by CP2 --on 2026-09-01";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The principle's code
    code: String,
    /// The principle of the same framework that replaces it
    #[arg(long, value_name = "CODE")]
    replaced_by: Option<String>,
    /// The day it was retired, YYYY-MM-DD [default: today]
    #[arg(long)]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let on = match parse_opt::<Date>(args.on.as_deref())? {
        Some(d) => d.0,
        None => ctx.today()?,
    };
    let mut conn = ctx.write()?;
    let p = svc::retire(&mut conn, &args.code, args.replaced_by.as_deref(), on)?;
    match &p.replaced_by {
        Some(r) => ctx.note(&format!(
            "retired principle {} on {on}, replaced by {r}",
            p.code
        )),
        None => ctx.note(&format!("retired principle {} on {on}", p.code)),
    }
    Ok(())
}
