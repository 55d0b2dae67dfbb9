//! `spm report all`: every report at once, as a workbook with a sheet per report, a page for
//! leadership with a chart of each, or (for reading) one after another.

use clap::Args as ClapArgs;

use super::{
    ScopeArgs, Shown, funding, outcomes, participation, principles, recommendations, reviews,
    summary,
};
use crate::cli::Ctx;
use crate::error::Error;
use crate::output::{self, Doc, Format};
use crate::service::report::Scope;
use crate::service::report::participation::GroupBy;

pub const EXAMPLES: &str = "\
Every report for leadership, in counts safe to publish: summary, principles, reviews,
outcomes, recommendations, funding and participation (by kind). Given --output FILE.xlsx (or
--format xlsx) it writes one workbook with a sheet per report; given -o FILE.html (or
--format html), one page for senior leadership: the headline figures, then a chart and its
table for recommendations, principles, reviews, engagement planned against achieved, the
fund and participation, ready to print or save as PDF. Otherwise the reports follow one
another as tables, Markdown sections (-o FILE.md) or one JSON object keyed by report (-o
FILE.json). CSV holds one table only, so it is refused: run the reports one at a time for
CSV. With --dept, participation is left out, since people are not counted by project
department.

Examples:
  spm report all --year 2025/26 --output year.xlsx  a workbook for leadership
  spm report all --year 2025/26 -o year.html        a page with charts
  spm report all --year 2025/26 -o year.md          a paper for a committee
  spm report all --dept History --output history.xlsx";

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    scope: ScopeArgs,
}

impl Shown {
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
        summary::shown(&conn, &scope, today, false)?,
        principles::shown(&conn, &scope, today)?,
        reviews::shown(&conn, &scope, today)?,
        outcomes::shown(&conn, &scope, today)?,
        recommendations::shown(&conn, &scope, today)?,
        funding::shown(&conn, &scope, today)?,
    ];
    if scope.dept.is_none() {
        sections.push(participation::shown(
            &conn,
            scope.year,
            &GroupBy::Kind,
            false,
        )?);
    }
    if workbook {
        let sheets: Vec<(&str, &Doc)> = sections.iter().map(|s| (sheet(s), &s.doc)).collect();
        return ctx.emit_workbook(&sheets);
    }
    if ctx.html() {
        return ctx.emit_page(&page(ctx, &scope, sections)?);
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
                        Format::Md => writeln!(w, "## {}\n", sheet(s))?,
                        _ => writeln!(w, "{}", sheet(s))?,
                    }
                    if ctx.says_empty() && s.is_empty() {
                        // A report with nothing in it, on a terminal: said, not an empty grid.
                        writeln!(w, "({})", s.empty)?;
                        continue;
                    }
                    let one = output::render_fitted(w, format, &s.doc, opts)?;
                    fitted.add(one, Some(sheet(s)));
                }
                Ok(())
            })?;
            ctx.tell_left_out(&fitted);
            Ok(())
        }
    }
}

/// A report's name as a sheet and a heading of the text formats: `Summary`, `Funding`.
fn sheet(s: &Shown) -> &'static str {
    match s.key {
        "summary" => "Summary",
        "principles" => "Principles",
        "reviews" => "Reviews",
        "outcomes" => "Outcomes",
        "recommendations" => "Recommendations",
        "funding" => "Funding",
        _ => "Participation",
    }
}

/// The page for leadership: the year's headline figures, then a chart and its table
/// for recommendations, principles (the gap), reviews, engagement planned against achieved,
/// the fund and participation; then outcomes (a table), and last every figure of the
/// summary.
fn page(ctx: &Ctx, scope: &Scope, mut reports: Vec<Shown>) -> anyhow::Result<output::html::Page> {
    const ORDER: [&str; 7] = [
        "summary",
        "recommendations",
        "principles",
        "reviews",
        "funding",
        "participation",
        "outcomes",
    ];
    let title = match (scope.year, &scope.dept) {
        (Some(y), None) => format!("Students as partners: the year {y}"),
        (Some(y), Some(d)) => format!("Students as partners: the year {y} in {}", d.trim()),
        (None, None) => "Students as partners: every year".to_string(),
        (None, Some(d)) => format!("Students as partners: every year in {}", d.trim()),
    };
    let mut page = super::report_page(ctx, &title, scope, false)?;
    page.contents = true;
    reports.sort_by_key(|s| ORDER.iter().position(|k| *k == s.key));
    let mut engagement = None;
    let mut appendix = None;
    for mut report in reports {
        if report.key == "summary" {
            // The summary's chart, engagement, is a section of its own, before the fund.
            let rows = super::rows_of(&report.doc).cloned().unwrap_or_default();
            engagement = Some(summary::engagement(&rows));
            report.chart = None;
            let mut glance = report.section(true);
            // Every figure of the summary is the page's last section: the headlines first.
            glance.doc = None;
            glance.lead = vec![
                "The year's headline figures; every figure of the summary is at the end of this page."
                    .into(),
            ];
            page.sections.push(glance);
            appendix = Some(output::html::Section {
                id: "figures".into(),
                title: Some("Every figure of the year".into()),
                lead: vec![report.about.clone()],
                doc: Some(report.doc),
                caption: "Every figure of the summary".into(),
                empty: super::page_sentence(&report.empty),
                ..Default::default()
            });
            continue;
        }
        if report.key == "funding"
            && let Some(e) = engagement.take()
        {
            page.sections.push(output::html::Section {
                id: "engagement".into(),
                title: Some("Engagement planned against achieved".into()),
                lead: vec![e.about],
                chart: Some(e.chart),
                doc: Some(Doc::Rows(e.rows)),
                caption: "Projects by engagement level, planned and achieved".into(),
                empty: "No project is running in the year.".into(),
                ..Default::default()
            });
        }
        page.sections.push(report.section(true));
    }
    page.sections.extend(appendix);
    Ok(page)
}

/// A report as the JSON its own command writes (`--format json`), to nest in one object.
fn as_json(doc: &Doc) -> anyhow::Result<serde_json::Value> {
    let mut buf = Vec::new();
    output::render(&mut buf, Format::Json, doc, output::Options::whole())?;
    Ok(serde_json::from_slice(&buf)?)
}
