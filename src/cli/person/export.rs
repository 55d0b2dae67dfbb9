//! `spm person export PERSON`: everything spm holds about a person, as JSON (a subject
//! access request).

use clap::Args as ClapArgs;

use crate::cli::{Ctx, FormatArg};
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person export a.hassan@example.ac.uk -o amira-hassan.json
  spm person export 5 -o priya-nair.json

Every record that refers to them: their own, characteristics, roles and contributions, the
projects they lead, the reviews naming them as a reviewer, the recommendations they own,
their requests; every text that names them (\"mentions\"); and the change log of all of these.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    ctx.only(
        FormatArg::Json,
        "person export",
        "give -o FILE.json, or leave --format out",
    )?;
    let today = ctx.today()?;
    let conn = ctx.read()?;
    let doc = svc::export(&conn, &args.person, today)?;
    ctx.write_out(|w| {
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        writeln!(w)
    })?;
    if let Some(path) = &ctx.output {
        ctx.note(&format!(
            "wrote everything spm holds about this person to {}",
            path.display()
        ));
    }
    Ok(())
}
