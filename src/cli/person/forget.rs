//! `spm person forget PERSON`: a person forgotten: name, email and notes removed everywhere;
//! counts of participation kept.

use clap::Args as ClapArgs;

use super::warn_unfinished;
use crate::cli::{Ctx, prompt};
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person forget a.hassan@example.ac.uk --yes
  spm person forget 6 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on. The person becomes \"former participant #6\": their name, email and notes
go from every table and from the change log; their roles, hours and payments stay, so counts
stay right. Freed space in the file is overwritten and the write-ahead log emptied. Should
that clean-up fail (a full disk, another program reading), the person stays forgotten and a
warning says so: run forget again on the same person to finish the clean-up. Backups taken
before keep the old data: delete or re-take them.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    yes: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let mut conn = ctx.write()?;
    let person = svc::resolve(&conn, &args.person)?;
    // Someone forgotten already has nothing left to lose: forget only finishes the clean-up.
    if person.erased_on.is_none() {
        let question = format!(
            "Forget {} for good? Their name, email and notes go from every record; this cannot be undone.",
            person.label()
        );
        let what = format!("forgetting {}", person.name);
        if !prompt::confirm_or_refuse(args.yes, &what, &question)? {
            ctx.note("nothing was forgotten");
            return Ok(());
        }
    }
    let forgotten = svc::forget(&mut conn, &person.id.to_string(), today)?;
    let now = &forgotten.person;
    if forgotten.forgotten_now {
        ctx.note(&format!("forgot {}: now {}", person.label(), now.name));
    } else {
        ctx.note(&format!(
            "{} was forgotten already, on {}; finished the clean-up: freed space in the database file is overwritten and its write-ahead log emptied",
            now.name,
            now.erased_on.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    if !forgotten.open_leads.is_empty() {
        ctx.note(&format!(
            "warning: they led {}, still open; give each a new lead with \"spm project edit CODE --lead NAME\"",
            forgotten.open_leads.join(", ")
        ));
    }
    warn_unfinished(ctx, &forgotten.cleanup, now.id);
    if forgotten.forgotten_now {
        ctx.note("backups taken before today still hold the old record: delete or re-take them");
    }
    Ok(())
}
