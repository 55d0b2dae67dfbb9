//! `spm rec board`: a "you said, we did" board. Markdown is a document to publish (a title,
//! a heading per theme, a table under each), written here because the renderer's Markdown is
//! one table; the other formats get the same items as rows.

use std::io::{self, Write};

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::model::{AcademicYear, RecStatus, Recommendation};
use crate::output::{self, Doc, Format, Rows, Value, col};
use crate::service::rec as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm --format md rec board --year 2025/26 -o you-said-we-did.md
  spm rec board
  spm --format csv rec board -o board.csv

Only recommendations decided or told back to students are shown, grouped by theme (those
without one under Other). \"We did\" is the response, or the status in words without one.";

/// The heading of items without a theme.
const OTHER: &str = "Other";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only recommendations raised in this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
}

/// A status as the students reading the board would say it.
fn status_words(s: RecStatus) -> &'static str {
    match s {
        RecStatus::Proposed => "Under consideration",
        RecStatus::Accepted => "Accepted",
        RecStatus::InProgress => "In progress",
        RecStatus::Implemented => "Done",
        RecStatus::PartlyImplemented => "Partly done",
        RecStatus::NotAdopted => "Not adopted",
        RecStatus::BeyondControl => "Beyond our control",
    }
}

/// What was done, when no response was written: the status as a sentence.
fn status_sentence(s: RecStatus) -> &'static str {
    match s {
        RecStatus::Proposed => "We are considering this.",
        RecStatus::Accepted => "We have accepted this and will act on it.",
        RecStatus::InProgress => "We are working on this.",
        RecStatus::Implemented => "We have done this.",
        RecStatus::PartlyImplemented => "We have done part of this.",
        RecStatus::NotAdopted => "We decided not to adopt this.",
        RecStatus::BeyondControl => "This is beyond our control.",
    }
}

/// "We did": the response, else the status as a sentence.
fn we_did(r: &Recommendation) -> String {
    r.response
        .clone()
        .unwrap_or_else(|| status_sentence(r.status).to_string())
}

/// The items under each theme, in the order the service gives them (themes alphabetical,
/// themes differing only in case together, items without a theme last under "Other").
fn by_theme(recs: Vec<Recommendation>) -> Vec<(String, Vec<Recommendation>)> {
    let mut groups: Vec<(String, Vec<Recommendation>)> = Vec::new();
    for r in recs {
        let theme = r.theme.clone().unwrap_or_else(|| OTHER.to_string());
        match groups
            .iter_mut()
            .find(|(t, _)| t.to_lowercase() == theme.to_lowercase())
        {
            Some((_, items)) => items.push(r),
            None => groups.push((theme, vec![r])),
        }
    }
    // A theme called "Other" joins the items without one, at the end.
    if let Some(i) = groups
        .iter()
        .position(|(t, _)| t.eq_ignore_ascii_case(OTHER))
    {
        let other = groups.remove(i);
        groups.push(other);
    }
    groups
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let conn = ctx.read()?;
    let groups = by_theme(svc::board(&conn, year)?);
    if ctx.format == Format::Md {
        return ctx.write_out(|w| markdown(w, year, &groups));
    }
    let mut rows = Rows::new(&[
        col("theme", "Theme"),
        col("finding", "You said"),
        col("response", "We did"),
        col("status", "Status"),
        col("communicated_on", "Communicated"),
    ]);
    for (theme, items) in groups {
        for r in items {
            rows.push(vec![
                Value::Text(theme.clone()),
                Value::Text(r.finding.clone()),
                Value::Text(we_did(&r)),
                Value::Text(r.status.to_string()),
                Value::date(r.communicated_on),
            ]);
        }
    }
    let within = year.map_or_else(String::new, |y| format!(" for {y}"));
    ctx.emit_or(
        &Doc::Rows(rows),
        &format!("nothing on the board{within} yet: no recommendation has been decided"),
    )
}

/// The board as a Markdown document.
fn markdown(
    w: &mut dyn Write,
    year: Option<AcademicYear>,
    groups: &[(String, Vec<Recommendation>)],
) -> io::Result<()> {
    writeln!(w, "# You said, we did")?;
    if let Some(y) = year {
        writeln!(w, "\nAcademic year {y}")?;
    }
    if groups.is_empty() {
        writeln!(
            w,
            "\nNothing to report yet: no recommendation has been decided."
        )?;
        return Ok(());
    }
    for (theme, items) in groups {
        writeln!(w, "\n## {}\n", heading(theme))?;
        let mut rows = Rows::new(&[
            col("finding", "You said"),
            col("response", "We did"),
            col("status", "Status"),
        ]);
        for r in items {
            rows.push(vec![
                Value::Text(r.finding.clone()),
                Value::Text(we_did(r)),
                Value::Text(status_words(r.status).to_string()),
            ]);
        }
        output::markdown(w, &rows)?;
    }
    Ok(())
}

/// A theme as a heading: capitalised, with characters Markdown would act on escaped.
fn heading(theme: &str) -> String {
    let mut out = String::new();
    for (i, c) in theme.chars().enumerate() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_capitalised_and_escaped() {
        assert_eq!(heading("study space"), "Study space");
        assert_eq!(heading("#1 *priority*"), "\\#1 \\*priority\\*");
    }

    #[test]
    fn every_status_has_words() {
        for s in RecStatus::ALL {
            assert!(!status_words(*s).is_empty());
            assert!(status_sentence(*s).ends_with('.'));
        }
    }
}
