//! `spm report all`: every report at once, as a workbook with a sheet per report (or, for
//! reading, one after another).

use clap::Args as ClapArgs;

use super::{
    ScopeArgs, funding, outcomes, participation, principles, recommendations, reviews, summary,
};
use crate::cli::Ctx;
use crate::error::Error;
use crate::output::{self, Doc, Format};
use crate::service::report::Scope;
use crate::service::report::participation::GroupBy;

pub const EXAMPLES: &str = "\
Every report for leadership, in counts safe to publish: summary, principles, reviews,
outcomes, recommendations, funding and participation (by kind). Given --output FILE.xlsx (or
--format xlsx) it writes one workbook with a sheet per report; otherwise the reports follow
one another as tables, Markdown sections (-o FILE.md) or one JSON object keyed by report
(-o FILE.json). CSV holds one table only, so it is refused: run the reports one at a time
for CSV. With --dept, the participation sheet is left out, since people are not counted by
project department.

Examples:
  spm report all --year 2025/26 --output year.xlsx  a workbook for leadership
  spm report all --year 2025/26 -o year.md          a paper for a committee
  spm report all --dept History --output history.xlsx";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

/// One report of the set: its key (a JSON key), its title (a sheet name and heading), rows,
/// and what it says when it has none.
struct Section {
    key: &'static str,
    title: &'static str,
    doc: Doc,
    empty: String,
}

impl Section {
    /// Whether the report is a list with nothing in it.
    fn is_empty(&self) -> bool {
        matches!(&self.doc, Doc::Rows(rows) if rows.rows.is_empty())
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let scope = args.scope.scope()?;
    let workbook = ctx.xlsx();
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
            &scope,
        ),
        section(
            "principles",
            "Principles",
            principles::doc(&conn, &scope, today)?,
            &scope,
        ),
        section(
            "reviews",
            "Reviews",
            reviews::doc(&conn, &scope, today)?,
            &scope,
        ),
        section(
            "outcomes",
            "Outcomes",
            outcomes::doc(&conn, &scope, today)?,
            &scope,
        ),
        section(
            "recommendations",
            "Recommendations",
            recommendations::doc(&conn, &scope, today)?,
            &scope,
        ),
        section(
            "funding",
            "Funding",
            funding::doc(&conn, &scope, today)?,
            &scope,
        ),
    ];
    if scope.dept.is_none() {
        sections.push(section(
            "participation",
            "Participation",
            participation::doc(&conn, scope.year, &GroupBy::Kind, false)?,
            &scope,
        ));
    }
    if workbook {
        let sheets: Vec<(&str, &Doc)> = sections.iter().map(|s| (s.title, &s.doc)).collect();
        return ctx.emit_workbook(&sheets);
    }
    let opts = ctx.table_options();
    match ctx.format {
        Format::Json => {
            let mut all = serde_json::Map::new();
            for s in &sections {
                all.insert(s.key.to_string(), as_json(&s.doc)?);
            }
            let text = serde_json::to_string_pretty(&all)?;
            ctx.write_out(|w| writeln!(w, "{text}"))
        }
        format => {
            let mut fitted = output::Fitted::default();
            ctx.write_out(|w| {
                for (i, s) in sections.iter().enumerate() {
                    if i > 0 {
                        writeln!(w)?;
                    }
                    match format {
                        Format::Md => writeln!(w, "## {}\n", s.title)?,
                        _ => writeln!(w, "{}", s.title)?,
                    }
                    if ctx.says_empty() && s.is_empty() {
                        // A report with nothing in it, on a terminal: said, not an empty grid.
                        writeln!(w, "({})", s.empty)?;
                        continue;
                    }
                    let one = output::render_fitted(w, format, &s.doc, opts)?;
                    fitted.add(one, Some(s.title));
                }
                Ok(())
            })?;
            ctx.tell_left_out(&fitted);
            Ok(())
        }
    }
}

fn section(key: &'static str, title: &'static str, doc: Doc, scope: &Scope) -> Section {
    Section {
        key,
        title,
        doc,
        empty: super::nothing(key, scope),
    }
}

/// A report as the JSON its own command writes (`--format json`), to nest in one object.
fn as_json(doc: &Doc) -> anyhow::Result<serde_json::Value> {
    let mut buf = Vec::new();
    output::render(&mut buf, Format::Json, doc, output::Options::whole())?;
    Ok(serde_json::from_slice(&buf)?)
}
