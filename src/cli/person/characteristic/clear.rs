//! `spm person characteristic clear PERSON CATEGORY`: a characteristic removed, so it is "not
//! recorded" again.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person characteristic clear 5 disability";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
    /// The category
    category: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let p = svc::clear_characteristic(&mut conn, &args.person, &args.category)?;
    ctx.note(&format!(
        "{} is no longer recorded for {}",
        args.category.trim(),
        p.label()
    ));
    Ok(())
}
