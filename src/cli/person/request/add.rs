//! `spm person request add PERSON KIND`: a data-protection request received; due a month
//! later.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::model::RequestKind;
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person request add a.hassan@example.ac.uk access --received 2026-11-20
  spm person request add 6 erasure --received 2026-11-02 \\
      --note \"by email to the data protection officer\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
    /// access or erasure
    #[arg(value_parser = Choices(RequestKind::NAMES))]
    kind: String,
    /// The day the request arrived, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    received: Option<String>,
    /// A note (how it arrived, who handles it)
    #[arg(long)]
    note: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let kind: RequestKind = args.kind.parse()?;
    let received = parse_opt::<Date>(args.received.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let r = svc::request(
        &mut conn,
        &args.person,
        kind,
        received,
        args.note.as_deref(),
        today,
    )?;
    ctx.note(&format!(
        "recorded request {}: {} for {}, received {}, due {}",
        r.id, r.kind, r.person, r.received, r.due
    ));
    ctx.emit_line(&r.id.to_string())
}
