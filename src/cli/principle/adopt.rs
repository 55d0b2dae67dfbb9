//! `spm principle adopt KEY`: the framework reviews score against.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::principle as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm principle adopt spa
  spm principle adopt hfh-2014";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The framework's key
    framework: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let (fw, already) = svc::adopt(&mut conn, &args.framework)?;
    if already {
        ctx.note(&format!("{} ({}) was already adopted", fw.key, fw.name));
    } else {
        ctx.note(&format!(
            "reviews now score against {} ({})",
            fw.key, fw.name
        ));
    }
    Ok(())
}
