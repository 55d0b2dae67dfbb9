//! `spm panel terms [NAMES]`: the names of the academic year's terms, shown or set (in order).

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm panel terms                         the terms now
  spm panel terms michaelmas,lent,summer  new names, in order

The terms are autumn, winter and spring unless set.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The new names, in order, separated by commas, e.g. michaelmas,lent,summer
    #[arg(value_delimiter = ',')]
    names: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let names = args.names;
    // Without names it only shows the terms.
    let mut conn = if names.is_empty() {
        ctx.read()?
    } else {
        ctx.write()?
    };
    if !names.is_empty() {
        let terms = settings::set_terms(&mut conn, &names)?;
        ctx.note(&format!("the terms are now {}", terms.join(", ")));
    }
    ctx.emit_line(&settings::terms(&conn)?.join("\n"))
}
