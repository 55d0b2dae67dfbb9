//! `spm person retention`: people kept longer than the retention period after their
//! involvement ended, listed, and forgotten once confirmed.

use clap::Args as ClapArgs;

use super::warn_unfinished;
use crate::cli::{Ctx, prompt};
use crate::output::{Doc, Rows, Value, col};
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person retention --dry-run            kept longer than the period
  spm person retention --yes                forget them
  spm person retention --years 7 --dry-run  a new period, saved; look again";

/// What needs confirmation, as a refusal names it.
const FORGETTING: &str = "forgetting people past retention";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only list who would be forgotten
    #[arg(long)]
    dry_run: bool,
    /// Forget them without asking for confirmation
    #[arg(long, short = 'y', conflicts_with = "dry_run")]
    yes: bool,
    /// Set the retention period in years (saved for next time) before looking
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    years: Option<u32>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Without a terminal, forgetting needs --yes: refuse before anything is printed or saved.
    if !args.dry_run && !args.yes {
        prompt::refuse_unattended(FORGETTING, Some("look first with --dry-run"))?;
    }
    // A dry run that sets no period only reads.
    let mut conn = if args.dry_run && args.years.is_none() {
        ctx.read()?
    } else {
        ctx.write()?
    };
    if let Some(years) = args.years {
        svc::set_retention(&mut conn, years)?;
        ctx.note(&format!("the retention period is now {years} years"));
    }
    let years = svc::retention(&conn)?;
    let candidates = svc::retention_candidates(&conn, today)?;
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("name", "Name"),
        col("kind", "Kind"),
        col("ended", "Involvement ended"),
    ]);
    for c in &candidates {
        rows.push(vec![
            Value::Int(c.person.id),
            Value::Text(c.person.name.clone()),
            Value::Text(c.person.kind.to_string()),
            Value::Date(c.ended.to_string()),
        ]);
    }
    let nobody =
        format!("nobody has been kept more than {years} years after their involvement ended");
    ctx.emit_or(&Doc::Rows(rows), &nobody)?;
    if candidates.is_empty() {
        // On a terminal, said in place of the empty table already.
        if !ctx.says_empty() {
            ctx.note(&nobody);
        }
        return Ok(());
    }
    if args.dry_run {
        ctx.note(&format!(
            "{} kept more than {years} years after their involvement ended; run without --dry-run to forget them",
            if candidates.len() == 1 {
                "1 person is".to_string()
            } else {
                format!("{} people are", candidates.len())
            }
        ));
        return Ok(());
    }
    let question = format!(
        "Forget these {} people for good? This cannot be undone.",
        candidates.len()
    );
    if !prompt::confirm_or_refuse(args.yes, FORGETTING, &question)? {
        ctx.note("nothing was forgotten");
        return Ok(());
    }
    let ids: Vec<i64> = candidates.iter().map(|c| c.person.id).collect();
    let (forgotten, cleanup) = svc::forget_all(&mut conn, &ids, today)?;
    ctx.note(&format!(
        "forgot {} people kept more than {years} years",
        forgotten.len()
    ));
    if let Some(first) = forgotten.first() {
        warn_unfinished(ctx, &cleanup, first.id);
    }
    Ok(())
}
