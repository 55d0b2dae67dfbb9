//! `spm report all`: every report at once, as a workbook with a sheet per report (or, for
//! reading, one after another).

use std::io;

use clap::Args as ClapArgs;

use super::{
    ScopeArgs, funding, outcomes, participation, principles, recommendations, reviews, summary,
};
use crate::cli::Ctx;
use crate::error::Error;
use crate::output::{self, Doc, Format};
use crate::service::report::participation::GroupBy;

pub const EXAMPLES: &str = "\
Every report for leadership, in counts safe to publish: summary, principles, reviews,
outcomes, recommendations, funding and participation (by kind). Given --output FILE.xlsx (or
--format xlsx) it writes one workbook with a sheet per report; otherwise the reports follow
one another as tables, Markdown sections, or one JSON object keyed by report. CSV holds one
table only, so it is refused: run the reports one at a time for CSV. With --dept, the
participation sheet is left out, since people are not counted by project department.

Examples:
  spm report all --year 2025/26 --output year.xlsx     the year's workbook for leadership
  spm report all --year 2025/26 --format md -o year.md a paper for a committee
  spm report all --dept History --output history.xlsx";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

/// One report of the set: its key (a JSON key), its title (a sheet name and heading), rows.
struct Section {
    key: &'static str,
    title: &'static str,
    doc: Doc,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let workbook = ctx.xlsx || wants_workbook(ctx);
    if !workbook && ctx.format == Format::Csv {
        return Err(Error::Usage(
            "a CSV file holds one table: give --output FILE.xlsx for a workbook of every report, or run the reports one at a time"
                .into(),
        )
        .into());
    }
    let conn = ctx.read()?;
    let today = ctx.today()?;
    let mut sections = vec![
        section(
            "summary",
            "Summary",
            summary::doc(&conn, &scope, today, false)?,
        ),
        section(
            "principles",
            "Principles",
            principles::doc(&conn, &scope, today)?,
        ),
        section("reviews", "Reviews", reviews::doc(&conn, &scope, today)?),
        section("outcomes", "Outcomes", outcomes::doc(&conn, &scope, today)?),
        section(
            "recommendations",
            "Recommendations",
            recommendations::doc(&conn, &scope, today)?,
        ),
        section("funding", "Funding", funding::doc(&conn, &scope, today)?),
    ];
    if scope.dept.is_none() {
        sections.push(section(
            "participation",
            "Participation",
            participation::doc(&conn, scope.year, &GroupBy::Kind, false)?,
        ));
    }
    if workbook {
        let sheets: Vec<(&str, &Doc)> = sections.iter().map(|s| (s.title, &s.doc)).collect();
        return ctx.emit_workbook(&sheets);
    }
    let fit = ctx.output.is_none() && io::IsTerminal::is_terminal(&io::stdout());
    let opts = output::Options { fit };
    match ctx.format {
        Format::Json => {
            let mut all = serde_json::Map::new();
            for s in &sections {
                all.insert(s.key.to_string(), as_json(&s.doc)?);
            }
            let text = serde_json::to_string_pretty(&all)?;
            ctx.write_out(|w| writeln!(w, "{text}"))
        }
        format => ctx.write_out(|w| {
            for (i, s) in sections.iter().enumerate() {
                if i > 0 {
                    writeln!(w)?;
                }
                match format {
                    Format::Md => writeln!(w, "## {}\n", s.title)?,
                    _ => writeln!(w, "{}", s.title)?,
                }
                output::render(w, format, &s.doc, opts)?;
            }
            Ok(())
        }),
    }
}

fn section(key: &'static str, title: &'static str, doc: Doc) -> Section {
    Section { key, title, doc }
}

/// Whether `--output` names a workbook (`year.xlsx`), which `report all` writes as one
/// whatever `--format` says.
fn wants_workbook(ctx: &Ctx) -> bool {
    ctx.output
        .as_deref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A report as the JSON its own command writes (`--format json`), to nest in one object.
fn as_json(doc: &Doc) -> anyhow::Result<serde_json::Value> {
    let mut buf = Vec::new();
    output::render(&mut buf, Format::Json, doc, output::Options { fit: false })?;
    Ok(serde_json::from_slice(&buf)?)
}
