//! `spm init [--demo]`: make the database now rather than on first use, with demo data.

use clap::Args as ClapArgs;

use super::Ctx;
use crate::db;
use crate::service::demo;

pub const EXAMPLES: &str = "\
Examples:
  spm init
  spm init --demo
  spm --db try.db init --demo && spm --db try.db project list";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Fill a new database with a small, realistic demo programme
    #[arg(long)]
    demo: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let path = ctx.path()?;
    let today = ctx.today()?;
    let existed = path.exists();
    // An empty file named by --db becomes a database here, and only here.
    let opened = crate::service::database::open_or_make(&path, ctx.make_folder()?, &ctx.actor)?;
    let mut conn = opened.conn;
    let loaded = if args.demo {
        match demo::load(&mut conn, today) {
            Ok(loaded) => Some(loaded),
            Err(e) => {
                drop(conn);
                if !existed {
                    // A half-made database would stop the next "spm init --demo".
                    db::remove(&path);
                }
                return Err(e.into());
            }
        }
    } else {
        None
    };
    if opened.created {
        ctx.note(&format!("created a new database at {}", path.display()));
    }
    if let Some(loaded) = loaded {
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
