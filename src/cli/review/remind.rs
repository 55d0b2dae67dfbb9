//! `spm review remind`: each staff lead reminded of the reviews due; built for cron, silent
//! when nothing is due.

use clap::Args as ClapArgs;

use super::{add_command, add_prefix, horizon};
use crate::cli::Ctx;
use crate::error::Silent;
use crate::model::Span;
use crate::output::Format;
use crate::output::remind::{self as text, LeadBlock, Reminder};
use crate::service::review as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm review remind  reviews overdue or due in the next 30 days
  spm review remind --within 14d --exit-code || echo \"reviews are due\"
  spm --format json review remind

In a crontab (prints nothing when nothing is due, so cron sends no mail):
  MAILTO=partnerships@example.ac.uk
  0 8 * * 1  $HOME/.cargo/bin/spm --db $HOME/spm/spm.db review remind";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// How far ahead to look, e.g. 14d or 30d [default: 30d]; overdue reviews are always included
    #[arg(long, value_name = "SPAN")]
    within: Option<String>,
    /// Exit with status 1 when something is due (for schedulers that watch exit codes)
    #[arg(long)]
    exit_code: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    // Refused now, not only when something is due.
    ctx.document_format()?;
    let today = ctx.today()?;
    let until = horizon(args.within.as_deref(), Span::Days(30), today)?;
    let conn = ctx.read()?;
    let groups = svc::remind(&conn, until, today)?;
    let prefix = add_prefix(ctx);
    let blocks: Vec<LeadBlock> = groups
        .into_iter()
        .map(|g| LeadBlock {
            lead: g.lead,
            email: g.email,
            reviews: g
                .items
                .into_iter()
                .map(|d| Reminder {
                    command: add_command(&prefix, &d.project),
                    project: d.project,
                    title: d.title,
                    status: d.status.to_string(),
                    last_review: d.last_review,
                    due: d.due,
                    days_overdue: d.days_overdue,
                })
                .collect(),
        })
        .collect();
    let any = !blocks.is_empty();
    if any || ctx.format == Format::Json {
        ctx.write_out(|w| text::render(w, ctx.format, &blocks, until))?;
    }
    if any && args.exit_code {
        return Err(Silent(1).into());
    }
    Ok(())
}
