//! `spm panel insight publish ID`: an insight approved for the public pages.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::panel as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm panel insight publish 5
  spm panel insight publish 2 --on 2025-12-01

Nothing reaches a public page (spm publish) unless approved here. An insight is published as
the panellists wrote it, with its session's topic and question.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The insight's id (see spm panel insight list SESSION)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The day it was approved, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0);
    let mut conn = ctx.write()?;
    let (published, before) = svc::publish_insight(&mut conn, args.id, on, today)?;
    let (id, on) = (published.insight_id, published.published_on);
    ctx.note(&if before {
        format!("insight {id} is published, approved again on {on}")
    } else {
        format!("insight {id} is approved for the public pages from {on}")
    });
    Ok(())
}
