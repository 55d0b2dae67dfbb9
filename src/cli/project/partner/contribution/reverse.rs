//! `spm project partner contribution reverse ID`: an entry logged by mistake stays in the
//! log, and counts for nothing.

use clap::Args as ClapArgs;

use super::{amounts, when};
use crate::cli::Ctx;
use crate::service::partner as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project partner contribution reverse 2 \\
      --reason \"logged against the wrong student\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The entry's number (see "spm project partner contribution list")
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// Why it is reversed
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let mut conn = ctx.write()?;
    let (old, new) = svc::reverse(&mut conn, id, args.reason.as_deref())?;
    ctx.note(&format!(
        "entry {} reverses entry {id} ({} on {}, {}: {})",
        new.contribution.id,
        old.person,
        old.project,
        when(&old.contribution),
        amounts(&old.contribution)
    ));
    Ok(())
}
