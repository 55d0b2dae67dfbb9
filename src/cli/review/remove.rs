//! `spm review remove ID`: a review recorded by mistake, deleted.

use clap::Args as ClapArgs;

use super::stays_completed;
use crate::cli::{Ctx, prompt};
use crate::model::ReviewKind;
use crate::service::review as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm review remove 5 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The review's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let mut conn = ctx.write()?;
    let review = svc::get(&conn, id)?;
    let question = format!(
        "Remove the {} review of {} on {} for good?",
        review.kind, review.project, review.on
    );
    if !prompt::confirm_or_refuse(args.yes, &format!("removing review {id}"), &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove(&mut conn, id)?;
    ctx.note(&format!(
        "removed review {} of {} ({} review on {})",
        removed.id, removed.project, removed.kind, removed.on
    ));
    if removed.kind == ReviewKind::Closing {
        stays_completed(ctx, &conn, &removed.project)?;
    }
    Ok(())
}
