//! `spm panel insight remove ID`: an insight recorded by mistake, deleted (the session's
//! history keeps its text).

use clap::Args as ClapArgs;

use crate::cli::{Ctx, prompt};
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight remove 4 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The insight's id (see spm panel insight list SESSION)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let mut conn = ctx.write()?;
    let insight = svc::get_insight(&conn, id)?;
    let question = format!(
        "Remove insight {id} of panel session {} for good?",
        insight.session_id
    );
    if !prompt::confirm_or_refuse(args.yes, &format!("removing insight {id}"), &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove_insight(&mut conn, id)?;
    ctx.note(&format!(
        "removed insight {id} of panel session {}",
        removed.session_id
    ));
    Ok(())
}
