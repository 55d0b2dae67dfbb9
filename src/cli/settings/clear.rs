//! `spm settings clear KEY`: a setting back to its default.

use clap::Args as ClapArgs;

use super::{Key, Target};
use crate::cli::Ctx;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm settings clear logo         pages without a logo
  spm settings clear institution  pages without the institution's name
  spm settings clear accent       pages in the default dark blue
  spm settings clear smtp-port    SMTP on port 587 again
  spm settings clear smtp-user    SMTP without logging in";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// What to clear: a key that spm settings set takes, e.g. logo or smtp-host
    #[arg(value_enum, hide_possible_values = true)]
    key: Key,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let what = args.key.words();
    let cleared = match args.key.target() {
        Target::Mail(key) => settings::clear_mail(&mut conn, key)?,
        Target::Look(key) => settings::clear_look(&mut conn, key)?,
    };
    if cleared {
        ctx.note(&format!("cleared {what}"));
    } else {
        ctx.note(&format!("{what} was not set"));
    }
    Ok(())
}
