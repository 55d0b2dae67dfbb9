//! `spm rec publish ID`: a decided recommendation approved for the public pages, in the words
//! to publish.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, clearable_text, parse_opt};
use crate::service::rec::{self as svc, PublishRec};

pub const EXAMPLES: &str = "\
Examples:
  spm rec publish 5  the finding and the response, approved today
  spm rec publish 5 --on 2026-11-20 \\
      --said \"You said you were unsure when AI is allowed in assessed work\"
  spm rec publish 3 --did \"Piloted in three departments; all of them next\"

Nothing reaches a public page (spm publish) unless approved here. Only a decided
recommendation is published. The first time, --said is the finding and --did the response;
publishing again changes only what is given (--did \"\" publishes no \"we did\" yet).";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The recommendation's id (see spm rec list --unpublished)
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// What students said, as it is to be published [default: the finding]
    #[arg(long, value_name = "TEXT")]
    said: Option<String>,
    /// What was done, as it is to be published [default: the response]
    #[arg(long, value_name = "TEXT")]
    did: Option<String>,
    /// The day it was approved, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let what = PublishRec {
        said: args.said,
        did: clearable_text(args.did),
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
    };
    let mut conn = ctx.write()?;
    let (published, before) = svc::publish(&mut conn, args.id, what, today)?;
    let id = published.recommendation_id;
    let on = published.published_on;
    ctx.note(&if before {
        format!("updated the publication of recommendation {id}, approved again on {on}")
    } else {
        format!("recommendation {id} is approved for the public pages from {on}")
    });
    if published.did.is_none() {
        ctx.note(&format!(
            "it shows no \"we did\" yet; add one with \"spm rec publish {id} --did TEXT\""
        ));
    }
    Ok(())
}
