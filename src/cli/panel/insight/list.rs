//! `spm panel insight list SESSION`: a session's insights in the order they were added.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::panel::insight_rows;
use crate::output::Doc;
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight list 1
  spm --format md panel insight list 1 > insights.md";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The session's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    session: i64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let session = args.session;
    let conn = ctx.read()?;
    let rows = insight_rows(svc::list_insights(&conn, session)?);
    ctx.emit_or(
        &Doc::Rows(rows),
        &format!(
            "panel session {session} has no insights yet; add one with spm panel insight add {session} TEXT"
        ),
    )
}
