//! `spm panel insight add SESSION TEXT`: an insight added to a session.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel insight add 2 \"$(cat insight.txt)\"

An insight can become a recommendation: spm rec add --panel 1 ...";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The session's id (see spm panel list)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    session: i64,
    /// What the panellists said
    text: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let session = args.session;
    let mut conn = ctx.write()?;
    let insight = svc::add_insight(&mut conn, session, &args.text)?;
    ctx.note(&format!(
        "added insight {} to panel session {session}",
        insight.id
    ));
    ctx.emit_line(&insight.id.to_string())
}
