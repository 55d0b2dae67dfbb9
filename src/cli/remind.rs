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
use crate::service::mail::{self, Mailer};
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

With --send, each person is mailed their own items (see \"spm settings\" for the way
mail leaves); --send --dry-run prints the messages instead.

In a crontab (prints nothing when nothing is due, so cron sends no mail):
  MAILTO=partnerships@example.ac.uk
  0 7 * * 1-5  $HOME/.cargo/bin/spm --db $HOME/spm/spm.db remind
  0 7 * * 1-5  $HOME/.cargo/bin/spm -q --db $HOME/spm/spm.db remind --send";

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

    /// Mail each person their own items (a staff lead their reviews, an owner their
    /// recommendations) and the coordinator the rest, as "spm settings" says
    #[arg(long)]
    send: bool,

    /// With --send, print each message instead of sending it
    #[arg(long, requires = "send")]
    dry_run: bool,
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
    if args.send && ctx.format == Format::Json {
        return Err(
            Error::Usage("remind --send writes mail, not json: leave --format out".into()).into(),
        );
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
    if args.send {
        let letters = svc::letters(&all);
        if letters.is_empty() {
            return Ok(());
        }
        // The mail settings are read (and refused) only when there is something to send.
        let mailer = Mailer::from_settings(&conn)?;
        let coordinator = mail::coordinator(&conn)?;
        return send(
            ctx,
            &mailer,
            coordinator,
            &letters,
            args.dry_run,
            args.exit_code,
        );
    }
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

/// Mails (or with `dry_run` prints) one letter per person; says on stderr whom each went to
/// and which could not be sent.
///
/// Errors: `Undelivered` when a letter could not be sent (the others are sent all the same);
/// `Invalid` when the mail settings are missing or wrong (nothing is sent).
fn send(
    ctx: &Ctx,
    mailer: &Mailer,
    coordinator: Option<String>,
    letters: &[crate::model::remind::Letter],
    dry_run: bool,
    exit_code: bool,
) -> anyhow::Result<()> {
    // The letters that can go somewhere, and why the others cannot.
    let mut failed: Vec<String> = Vec::new();
    let mut outgoing: Vec<(String, mail::Letter)> = Vec::new();
    for letter in letters {
        let mut body = Vec::new();
        reminders::letter(&mut body, letter)?;
        let (name, address, shown) = match &letter.to {
            Some(to) => (
                Some(to.name.clone()),
                to.email.clone(),
                format!("{} <{}>", to.name, to.email.as_deref().unwrap_or("")),
            ),
            None => match &coordinator {
                Some(email) => (
                    None,
                    Some(email.clone()),
                    format!("the coordinator <{email}>"),
                ),
                // A dry run shows the letter all the same, and where it cannot go.
                None if dry_run => (
                    None,
                    Some(String::new()),
                    "the coordinator (no address is set: \"spm settings set coordinator-email ADDRESS\")".to_string(),
                ),
                None => {
                    failed.push(format!(
                        "the coordinator's reminders ({}) were not sent: no address is set for the coordinator; set one with \"spm settings set coordinator-email ADDRESS\"",
                        reminders::summary(&letter.reminders)
                    ));
                    continue;
                }
            },
        };
        let Some(address) = address else { continue };
        outgoing.push((
            shown,
            mail::Letter {
                to_name: name,
                to: address,
                subject: reminders::subject(letter),
                body: String::from_utf8_lossy(&body).into_owned(),
            },
        ));
    }
    if dry_run {
        let from = mailer.sender();
        ctx.write_plain(|w| {
            for (i, (shown, letter)) in outgoing.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                reminders::message(w, &from, shown, &letter.subject, &letter.body)?;
            }
            Ok(())
        })?;
    } else {
        let letters: Vec<mail::Letter> = outgoing.iter().map(|(_, l)| l.clone()).collect();
        let outcomes = mailer.send(&letters);
        let mut sent = Vec::new();
        for ((shown, _), outcome) in outgoing.iter().zip(outcomes) {
            match outcome {
                Ok(()) => sent.push(shown.clone()),
                Err(why) => failed.push(format!("not sent to {shown}: {why}")),
            }
        }
        if !sent.is_empty() {
            ctx.note(&format!(
                "sent {} by {}: {}",
                crate::output::remind::plural(sent.len(), "reminder"),
                mailer.describe(),
                sent.join(", ")
            ));
        }
    }
    if !failed.is_empty() {
        let n = failed.len();
        for line in &failed {
            eprintln!("error: {line}");
        }
        return Err(Error::Undelivered(format!(
            "{} of {} not sent",
            crate::output::remind::plural(n, "reminder"),
            letters.len()
        ))
        .into());
    }
    if exit_code {
        return Err(Silent(1).into());
    }
    Ok(())
}
