//! `spm panel gaps`: the terms of an academic year in which the panel has not met.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::model::AcademicYear;
use crate::output::{Doc, Rows, Value, col};
use crate::service::panel as svc;
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm panel gaps  this academic year
  spm panel gaps --year 2025/26
  spm --format json panel gaps --year 2025/26

The terms come in order from the setting \"terms\" (autumn, winter, spring by default). When
the panel has met in every term, the list is empty and a note says so on stderr. Terms not
begun yet are not gaps: they are named on stderr as still to come. Terms have no dates, so
the year is cut into equal runs of months, one per term, to tell which have begun.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The academic year, e.g. 2025/26 [default: the current one]
    #[arg(long)]
    year: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let conn = ctx.read()?;
    let year = match year {
        Some(y) => y,
        None => settings::current_year(&conn, ctx.today()?)?,
    };
    let gaps = svc::gaps(&conn, year, ctx.today()?)?;
    for s in &gaps.stray {
        ctx.note(&format!(
            "panel session {} on {} is in term {:?}, which is not among the terms ({}); move it with \"spm panel edit {} --term ...\"",
            s.id,
            s.on,
            s.term,
            settings::terms(&conn)?.join(", "),
            s.id
        ));
    }
    if !gaps.upcoming.is_empty() {
        ctx.note(&format!(
            "still to come in {year}: {}",
            gaps.upcoming.join(", ")
        ));
    }
    let met = if gaps.upcoming.is_empty() {
        format!("the panel has met in every term of {year}")
    } else {
        format!("the panel has met in every term of {year} so far")
    };
    // Said once: in place of the empty table on a terminal, else as a note beside the data.
    if gaps.missing.is_empty() && gaps.upcoming.is_empty() && !ctx.says_empty() {
        ctx.note(&met);
    }
    let mut rows = Rows::new(&[col("year", "Year"), col("term", "Term")]);
    for term in gaps.missing {
        rows.push(vec![Value::Text(year.to_string()), Value::Text(term)]);
    }
    ctx.emit_or(&Doc::Rows(rows), &met)
}
