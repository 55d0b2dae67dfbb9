//! `spm person characteristic set PERSON CATEGORY VALUE`: a self-declared characteristic
//! recorded.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person characteristic set 4 disability \"prefer not to say\"
  spm person characteristic set a.hassan@example.ac.uk first-generation yes";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
    /// The category, a short kebab-case word, e.g. disability or first-generation
    category: String,
    /// The value they declared
    value: String,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    let (p, category, value) =
        svc::set_characteristic(&mut conn, &args.person, &args.category, &args.value)?;
    ctx.note(&format!(
        "recorded {category} = {value:?} for {}",
        p.label()
    ));
    Ok(())
}
