//! `spm rec update ID`: a recommendation's status (kept with its date), its response, or both.

use clap::Args as ClapArgs;

use super::statuses;
use crate::cli::Ctx;
use crate::cli::args::{Date, clearable_text, parse_opt};
use crate::error::Error;
use crate::model::RecStatus;
use crate::service::rec::{self as svc, StatusUpdate};

pub const EXAMPLES: &str = "\
Examples:
  spm rec update 4 --status accepted --on 2026-11-20
  spm rec update 3 --status implemented \\
      --response \"first-year timetables have no single-class days\"
  spm rec update 4 --status not-adopted \\
      --response \"no room is free this year; revisit in 2027\"
  spm rec update 3 --response \"piloted in five departments for 2026/27\"

Statuses: accepted, in-progress, implemented, partly-implemented, not-adopted (needs a reason
in --response), beyond-control. Each change is kept with its day (--on, default today), which
may not be before the last one.";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
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
    if change.response.is_some() {
        // The public pages keep the words approved for them, not the response as it is now.
        if let Some(public) =
            svc::publication(&conn, rec.id)?.filter(|p| p.did.is_some() && p.did != rec.response)
        {
            ctx.note(&format!(
                "recommendation {id} is on the public pages with what was done as approved on {on}; they keep those words until you approve new ones with \"spm rec publish {id} --did TEXT\"",
                id = rec.id,
                on = public.published_on
            ));
        }
    }
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
