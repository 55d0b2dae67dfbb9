//! `spm init [--demo]`: make the database now rather than on first use, with demo data.

use clap::Args as ClapArgs;

use super::Ctx;
use crate::db;
use crate::service::demo;

pub const EXAMPLES: &str = "\
Examples:
  spm init
  spm init --demo
  spm --db /tmp/try.db init --demo && spm --db /tmp/try.db project list";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Fill a new database with a small, realistic demo programme
    #[arg(long)]
    demo: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let path = ctx.path()?;
    let today = ctx.today()?;
    let mut conn = ctx.open()?;
    if args.demo {
        let loaded = demo::load(&mut conn, today)?;
        ctx.note(&format!(
            "loaded the demo: {} projects, {} reviews, {} people in {} project roles, \
             {} priority projects, {} panel sessions, {} recommendations, {} fund applications",
            loaded.projects,
            loaded.reviews,
            loaded.people,
            loaded.partners,
            loaded.priorities,
            loaded.panel_sessions,
            loaded.recommendations,
            loaded.fund_applications
        ));
    }
    ctx.note(&format!(
        "the database at {} is ready (schema version {})",
        path.display(),
        db::VERSION
    ));
    Ok(())
}
