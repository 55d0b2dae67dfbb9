//! `spm remind`: one command for cron that gathers everything needing someone (reviews,
//! recommendations, data-protection requests, consents, impact checks, the panel), silent
//! when nothing is due.

use clap::{Args as ClapArgs, ValueEnum};

use super::Ctx;
use super::format::FormatArg;
use crate::error::{Error, Silent};
use crate::model::Span;
use crate::model::remind::Source;
use crate::output::Format;
use crate::output::reminders::{self, Hints};
use crate::service::remind as svc;

pub const EXAMPLES: &str = "\
What it looks at: project reviews and open recommendations overdue or due within
--within; data-protection requests overdue or due within 7 days; consent expiring
within 30 days; recommendations implemented six months ago or more whose impact is
not checked; and this term, when it has begun and the panel has not met.

Examples:
  spm remind                       everything due, by source
  spm remind --within 30d --only reviews,recs
  spm remind --exit-code || echo \"something is due\"
  spm --format json remind

In a crontab (prints nothing when nothing is due, so cron sends no mail):
  MAILTO=partnerships@example.ac.uk
  0 7 * * 1-5  $HOME/.cargo/bin/spm --db $HOME/spm/spm.db remind";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// How far ahead to look for reviews and recommendations, e.g. 14d or 30d [default: 14d];
    /// overdue ones are always included
    #[arg(long, value_name = "SPAN")]
    within: Option<String>,

    /// Only these sources: reviews, recs, requests, consent, impact, panel; repeat it or give
    /// a comma list [default: all]
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "SOURCES",
        hide_possible_values = true
    )]
    only: Vec<Only>,

    /// Exit with status 1 when something is due (for schedulers that watch exit codes)
    #[arg(long)]
    exit_code: bool,
}

/// The sources `--only` chooses from, as it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Only {
    Reviews,
    Recs,
    Requests,
    Consent,
    Impact,
    Panel,
}

impl From<Only> for Source {
    fn from(only: Only) -> Source {
        match only {
            Only::Reviews => Source::Reviews,
            Only::Recs => Source::Recs,
            Only::Requests => Source::Requests,
            Only::Consent => Source::Consent,
            Only::Impact => Source::Impact,
            Only::Panel => Source::Panel,
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    // Refused before anything is read.
    if !matches!(ctx.written, FormatArg::Table | FormatArg::Json) {
        return Err(Error::Usage(format!(
            "remind writes text or json only, not {}: leave --format out, or give --format json",
            ctx.written.name()
        ))
        .into());
    }
    let today = ctx.today()?;
    let within: Span = match args.within.as_deref() {
        Some(text) => text.parse()?,
        None => Span::Days(14),
    };
    let until = within.after(today);
    let only: Vec<Source> = args.only.iter().copied().map(Source::from).collect();
    let conn = ctx.read()?;
    let all = svc::gather(&conn, &only, until, today)?;
    if ctx.format == Format::Json {
        ctx.write_out(|w| reminders::json(w, &all))?;
    } else if !all.is_empty() {
        ctx.write_out(|w| reminders::text(w, &all, Hints::Shown))?;
    }
    if args.exit_code && !all.is_empty() {
        return Err(Silent(1).into());
    }
    Ok(())
}
