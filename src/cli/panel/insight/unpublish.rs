//! `spm panel insight unpublish ID`: an insight taken off the public pages.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight unpublish 4

The insight stays as it is; only its approval for the public pages goes.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The insight's id (see spm panel insight list SESSION)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let old = svc::unpublish_insight(&mut conn, args.id)?;
    ctx.note(&format!(
        "insight {} is off the public pages (it was approved on {})",
        old.insight_id, old.published_on
    ));
    Ok(())
}
