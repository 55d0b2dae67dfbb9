//! `spm fund spend ID`: money spent from an award (never more than what remains of it).

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::Date;
use crate::service::fund::{self as svc, NewSpend};

pub const EXAMPLES: &str = "\
Examples:
  spm fund spend 1 --amount 1200 --on 2026-11-02 --note \"launch catering\"
  spm fund spend 1 --amount 450.50 --on 2026-11-20 --note \"partner payments\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The application's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The amount spent in pounds, e.g. 1200 or £1,200.00
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// The day it was spent, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    on: String,
    /// What the money went on
    #[arg(long, value_name = "TEXT")]
    note: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let spend = NewSpend {
        amount: args.amount.parse()?,
        on: args.on.parse::<Date>()?.0,
        note: args.note,
    };
    let amount = spend.amount;
    let mut conn = ctx.write()?;
    let a = svc::spend(&mut conn, args.id, spend, today)?;
    ctx.note(&format!(
        "spent {amount} from application {} ({}); {} of the award of {} remains",
        a.id,
        a.project,
        a.remaining().unwrap_or_default(),
        a.awarded.unwrap_or_default()
    ));
    Ok(())
}
