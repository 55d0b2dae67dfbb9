//! `spm project checklist CODE`: the start-of-project checklist, a point ticked or unticked;
//! `--add-point KEY --words TEXT` adds the institution's own point.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::error::Error;
use crate::output::{Doc, Rows, Value, col};
use crate::service::project::checklist as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm project checklist mh-peer-2025
  spm project checklist mh-peer-2025 --tick voluntary --note \"agreed\"
  spm project checklist mh-peer-2025 --tick roles-agreed --on 2026-10-05
  spm project checklist --add-point paid \"Students are paid for their time\"

The points are practical tips for starting a partnership (start small, be patient, make
participation voluntary, ...) and what the adopted principles ask for at the start (common
goals, roles agreed, outcomes agreed and realistic, barriers to participation considered).
--untick KEY takes back a point ticked by mistake.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's code
    #[arg(required_unless_present = "add_point")]
    code: Option<String>,
    /// Tick a point (its key, as the list shows it)
    #[arg(long, value_name = "KEY", conflicts_with_all = ["untick", "add_point"])]
    tick: Option<String>,
    /// Untick a point ticked by mistake
    #[arg(long, value_name = "KEY", conflicts_with_all = ["add_point", "note", "on"])]
    untick: Option<String>,
    /// With --tick: what was done, in a sentence
    #[arg(long, value_name = "TEXT", requires = "tick")]
    note: Option<String>,
    /// With --tick: the day it was done, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE", requires = "tick")]
    on: Option<String>,
    /// Add the institution's own point: its key (lower-case letters, digits, hyphens) and words
    #[arg(long, num_args = 2, value_names = ["KEY", "WORDS"], conflicts_with = "code")]
    add_point: Option<Vec<String>>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    if let Some(point) = args.add_point {
        let [key, words] = point.as_slice() else {
            return Err(Error::Usage("--add-point takes a key and its words".into()).into());
        };
        let mut conn = ctx.write()?;
        let p = svc::add_point(&mut conn, key, words)?;
        ctx.note(&format!("added {:?} to the checklist: {}", p.key, p.words));
        return Ok(());
    }
    let Some(code) = args.code else {
        return Err(Error::Usage("give a project's code".into()).into());
    };
    if let Some(key) = args.tick {
        let today = ctx.today()?;
        let on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
        let mut conn = ctx.write()?;
        let (project, point) = svc::tick(&mut conn, &code, &key, on, args.note.as_deref(), today)?;
        ctx.note(&format!(
            "ticked {:?} for {} on {on}",
            point.key, project.code
        ));
        return Ok(());
    }
    if let Some(key) = args.untick {
        let mut conn = ctx.write()?;
        let (project, point) = svc::untick(&mut conn, &code, &key)?;
        ctx.note(&format!("unticked {:?} for {}", point.key, project.code));
        return Ok(());
    }
    let conn = ctx.read()?;
    let (_, items) = svc::checklist(&conn, &code)?;
    let mut rows = Rows::new(&[
        col("key", "Key"),
        col("point", "Point"),
        col("ticked_on", "Ticked"),
        col("note", "Note"),
    ]);
    for item in items {
        rows.push(vec![
            Value::Text(item.point.key),
            Value::Text(item.point.words),
            Value::date(item.ticked_on),
            Value::text(item.note),
        ]);
    }
    ctx.emit(&Doc::Rows(rows))
}
