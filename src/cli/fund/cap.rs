//! `spm fund cap [AMOUNT]`: the cap on one application or award, shown or set.

use clap::Args as ClapArgs;

use crate::cli::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm fund cap        the cap now (GBP 10,000 unless set)
  spm fund cap 12000  a new cap, for requests and awards from now on";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The new cap in pounds, e.g. 12000 or £12,000
    #[arg(allow_hyphen_values = true)]
    amount: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let amount = args
        .amount
        .as_deref()
        .map(str::parse::<crate::model::Money>)
        .transpose()?;
    let mut conn = ctx.write()?;
    if let Some(cap) = amount {
        crate::service::settings::set_fund_cap(&mut conn, cap)?;
        ctx.note(&format!(
            "the fund's cap is now {cap} for one request or award"
        ));
    }
    let cap = crate::service::settings::fund_cap(&conn)?;
    ctx.emit_line(&cap.plain())
}
