//! `spm rec add`, `update` and `communicated`.

use clap::Args as ClapArgs;

use super::statuses;
use crate::cli::Ctx;
use crate::cli::args::{Date, clearable_text, parse_opt};
use crate::error::Error;
use crate::model::RecStatus;
use crate::service::rec::{self as svc, NewRec, Source, StatusUpdate};

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The project it came from (its code)
    #[arg(long = "from", value_name = "PROJECT", conflicts_with = "panel")]
    from: Option<String>,
    /// The Student Education Panel session it came from (its id, see spm panel list)
    #[arg(long, value_name = "SESSION", value_parser = clap::value_parser!(i64).range(1..))]
    panel: Option<i64>,
    /// What students found: "you said"
    #[arg(long, value_name = "TEXT")]
    finding: String,
    /// What they recommend
    #[arg(long, value_name = "TEXT")]
    recommendation: String,
    /// The part of the institution it is addressed to, e.g. "Library Services"
    #[arg(long, value_name = "TEXT")]
    to: String,
    /// Who owns the answer: a person's id, email or name
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// When an answer is due, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    /// A theme to group it by on the board, e.g. "study space"
    #[arg(long, value_name = "THEME")]
    theme: Option<String>,
    /// The day it was raised, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct UpdateArgs {
    /// The recommendation's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The new status
    #[arg(long, value_parser = statuses())]
    status: Option<String>,
    /// What was done, "we did" (the reason when not adopted; "" clears it)
    #[arg(long, value_name = "TEXT")]
    response: Option<String>,
    /// The day of the change of status, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct CommunicatedArgs {
    /// The recommendation's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The day students were told, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// How they were told, e.g. "students' union newsletter"
    #[arg(long, value_name = "TEXT")]
    channel: Option<String>,
}

pub(super) fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let raised_on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let source = match (args.from, args.panel) {
        (Some(code), _) => Source::Project(code),
        (None, Some(id)) => Source::Panel(id),
        (None, None) => Source::Elsewhere,
    };
    let mut new = NewRec::new(
        source,
        args.finding,
        args.recommendation,
        args.to,
        raised_on,
    );
    new.owner = args.owner;
    new.due = parse_opt::<Date>(args.due.as_deref())?.map(|d| d.0);
    new.theme = args.theme;
    let mut conn = ctx.write()?;
    let rec = svc::add(&mut conn, new, today)?;
    ctx.note(&format!(
        "recorded recommendation {} from {} to {} (proposed, raised on {})",
        rec.id,
        rec.source(),
        rec.addressed_to,
        rec.raised_on
    ));
    ctx.emit_line(&rec.id.to_string())
}

pub(super) fn update(ctx: &Ctx, args: UpdateArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let change = StatusUpdate {
        status: parse_opt::<RecStatus>(args.status.as_deref())?,
        response: clearable_text(args.response),
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
    };
    if change.status.is_none() && change.response.is_none() && change.on.is_none() {
        return Err(Error::Usage(
            "nothing to change: give --status, --response or both (see spm rec update --help)"
                .into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let rec = svc::update(&mut conn, args.id, change.clone(), today)?;
    let Some(status) = change.status else {
        ctx.note(&format!(
            "changed the response to recommendation {}",
            rec.id
        ));
        return Ok(());
    };
    let on = change.on.unwrap_or(today);
    ctx.note(&format!("recommendation {} is {status} from {on}", rec.id));
    // Students told of an earlier outcome have not heard of this one.
    if rec.communicated_on.is_none_or(|told| told < on) {
        ctx.note(&format!(
            "once students are told, record it with \"spm rec communicated {} --on DATE\"",
            rec.id
        ));
    }
    Ok(())
}

pub(super) fn communicated(ctx: &Ctx, args: CommunicatedArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let mut conn = ctx.write()?;
    let rec = svc::communicated(&mut conn, args.id, on, args.channel.as_deref(), today)?;
    ctx.note(&format!(
        "recommendation {} ({}) was told back to students on {on}",
        rec.id, rec.status
    ));
    Ok(())
}
