//! `spm rec unpublish ID`: a recommendation taken off the public pages.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::rec as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm rec unpublish 2

The recommendation stays as it is; only its approval for the public pages goes (the change
log keeps the words that were published).";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The recommendation's id (see spm rec list --published)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let old = svc::unpublish(&mut conn, args.id)?;
    ctx.note(&format!(
        "recommendation {} is off the public pages (it was approved on {})",
        old.recommendation_id, old.published_on
    ));
    Ok(())
}
