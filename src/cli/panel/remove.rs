//! `spm panel remove ID`: a session recorded by mistake, deleted with its insights.

use clap::Args as ClapArgs;

use crate::cli::{Ctx, prompt};
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel remove 2 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on. A session that recommendations were raised from cannot be removed.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The session's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let id = args.id;
    let mut conn = ctx.write()?;
    let s = svc::get(&conn, id)?;
    // Refuse a session with recommendations before asking, not after.
    svc::check_removable(&conn, id)?;
    let n = svc::insights(&conn, id)?.len();
    let question = format!(
        "Remove panel session {id} ({} {} on {}, {n} insight{}) for good?",
        s.term,
        s.year,
        s.on,
        if n == 1 { "" } else { "s" }
    );
    let what = format!("removing panel session {id}");
    if !prompt::confirm_or_refuse(args.yes, &what, &question)? {
        ctx.note("nothing was removed");
        return Ok(());
    }
    let removed = svc::remove(&mut conn, id)?;
    ctx.note(&format!(
        "removed panel session {id} ({} {} on {}) and its {} insight{}",
        removed.session.term,
        removed.session.year,
        removed.session.on,
        removed.insights.len(),
        if removed.insights.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}
