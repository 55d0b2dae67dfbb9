//! `spm dev generate`: an empty database filled with realistic data, for benchmarks.

use std::time::Instant;

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::service::generate::{self as svc, Sizes};

pub const EXAMPLES: &str = "\
Projects span the academic years 2015/16 to 2026/27 (most older ones completed), with
themes, staff leads, status histories, reviews (some scored against the adopted framework),
partners and their hours, and a few recommendations and fund applications. One person in
ten is staff. The same --seed makes the same data. The database must hold no projects or
people yet; everything is written in one transaction, so a failure leaves it as it was.

Examples:
  spm --db /tmp/big.db dev generate --projects 100000 --reviews 1000000 --people 50000
  spm --db /tmp/small.db dev generate --projects 200 --reviews 1000 --people 100 --seed 7
  spm --db /tmp/bench.db dev generate --projects 20000

Without --reviews and --people: 10 reviews a project, and 1 person for every 2 projects.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// How many projects to make (at most 10,000,000)
    #[arg(long, value_name = "N")]
    projects: u64,
    /// How many reviews to share out over the projects [default: 10 a project]
    #[arg(long, value_name = "N")]
    reviews: Option<u64>,
    /// How many people to make [default: one for every two projects]
    #[arg(long, value_name = "N")]
    people: Option<u64>,
    /// The seed of the random choices: the same seed makes the same data
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let sizes = Sizes {
        projects: args.projects,
        reviews: args
            .reviews
            .unwrap_or_else(|| args.projects.saturating_mul(10)),
        people: args.people.unwrap_or(args.projects / 2),
        seed: args.seed,
    };
    let started = Instant::now();
    // SQLite allocates and frees memory for every row it writes (before schema 5, a small
    // temporary b-tree for each IN-list CHECK). At the top of a heap that keeps growing,
    // glibc hands each freed block back to the kernel (trim threshold 128 KiB) only to ask
    // for it again for the next row, a large part of the time (see benches/README.md).
    // Freeing one 16 MiB block makes glibc raise its thresholds (it adapts them to the
    // largest block freed); other allocators ignore it.
    drop(std::hint::black_box(vec![0u8; 16 << 20]));
    // Sizes are checked before the database is opened, so a mistake creates no file.
    let checked = svc::check(sizes, today)?;
    let mut conn = ctx.write()?;
    let made = svc::generate(&mut conn, &checked)?;
    ctx.note(&format!(
        "generated {} projects, {} reviews ({} scores), {} people ({} places on projects, {} contributions), {} recommendations and {} fund applications in {:.1}s",
        made.projects,
        made.reviews,
        made.scores,
        made.people,
        made.partners,
        made.contributions,
        made.recommendations,
        made.applications,
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
