//! `spm settings clear KEY`: back to the default look.

use clap::Args as ClapArgs;

use super::Key;
use crate::cli::Ctx;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm settings clear logo         pages without a logo
  spm settings clear institution  pages without the institution's name
  spm settings clear accent       pages in the default dark blue";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// What to clear: institution, accent or logo
    #[arg(value_enum, hide_possible_values = true)]
    key: Key,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let what = args.key.words();
    if settings::clear_look(&mut conn, args.key.setting())? {
        ctx.note(&format!("cleared {what}"));
    } else {
        ctx.note(&format!("{what} was not set"));
    }
    Ok(())
}
