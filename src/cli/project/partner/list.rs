//! `spm project partner list PROJECT`: a project's partners with their hours and payments.

use clap::Args as ClapArgs;

use super::partner_rows;
use crate::cli::Ctx;
use crate::output::Doc;
use crate::service::partner as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project partner list mh-peer-2025
  spm --format csv project partner list mh-peer-2025 -o partners.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    project: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let project = args.project;
    let conn = ctx.read()?;
    let (p, partners) = svc::list(&conn, &project)?;
    ctx.emit_or(
        &Doc::Rows(partner_rows(&partners)),
        &format!(
            "{} has no partners yet; add one with spm project partner add {} PERSON --role ROLE",
            p.code, p.code
        ),
    )
}
