//! `spm project publish CODE`: a project's title and summary approved for the public pages
//! (the Change Makers gallery).

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::model::Activity;
use crate::service::project::{self as svc, PublishProject};

pub const EXAMPLES: &str = "\
Examples:
  spm project publish mh-peer-2025  its title and summary, approved today
  spm project publish cm-commuter-2025 --on 2026-11-20 \\
      --summary \"Commuter students researched belonging and timetabling.\"

Nothing reaches a public page (spm publish) unless approved here; the Change Makers gallery
shows Change Makers projects with an approved summary. The first time, --title and --summary
are the project's own; publishing again changes only what is given.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    code: String,
    /// The summary as it is to be published [default: the project's summary]
    #[arg(long, value_name = "TEXT")]
    summary: Option<String>,
    /// The title as it is to be published [default: the project's title]
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// The day it was approved, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let what = PublishProject {
        title: args.title,
        summary: args.summary,
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
    };
    let mut conn = ctx.write()?;
    let (project, published, before) = svc::publish(&mut conn, &args.code, what, today)?;
    let (code, on) = (&project.code, published.published_on);
    ctx.note(&if before {
        format!("updated the publication of {code}, approved again on {on}")
    } else {
        format!("{code}'s title and summary are approved for the public pages from {on}")
    });
    if project.activity != Some(Activity::ChangeMakers) {
        ctx.note(&format!(
            "{code} is not a Change Makers project, so the gallery does not show it"
        ));
    }
    Ok(())
}
