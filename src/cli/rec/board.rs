//! `spm rec board`: a "you said, we did" board. The service picks and groups what goes on
//! it; here it becomes a document. Markdown is one to publish (a title, a heading per theme,
//! a table of what students read under each: `Doc::Groups`); the other formats get the same
//! items as rows, the theme in the first column, for a script or a spreadsheet.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::model::{AcademicYear, RecStatus, Recommendation};
use crate::output::{Doc, Format, Groups, Rows, Value, col};
use crate::service::publish::{did_it_work, is_done, status_words};
use crate::service::rec::{self as svc, BoardTheme};

pub const EXAMPLES: &str = "\
Examples:
  spm --format md rec board --year 2025/26 -o you-said-we-did.md
  spm rec board
  spm --format csv rec board -o board.csv

Only recommendations decided or told back to students are shown, grouped by theme (those
without one under Other). \"We did\" is the response, or the status in words without one;
\"Did it work?\" is the impact checked with spm rec impact, for what was done (shown when
something on the board was done).";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only recommendations raised in this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let conn = ctx.read()?;
    let board = svc::board(&conn, year)?;
    let doc = if ctx.format == Format::Md {
        document(year, &board)
    } else {
        Doc::Rows(rows(&board))
    };
    let within = year.map_or_else(String::new, |y| format!(" for {y}"));
    ctx.emit_or(
        &doc,
        &format!("nothing on the board{within} yet: no recommendation has been decided"),
    )
}

/// The board as rows: every item, its theme first, its status as spm spells it.
fn rows(board: &[BoardTheme]) -> Rows {
    let mut rows = Rows::new(&[
        col("theme", "Theme"),
        col("finding", "You said"),
        col("response", "We did"),
        col("status", "Status"),
        col("communicated_on", "Communicated"),
        col("impact_worked", "Did it work?"),
        col("impact_checked_on", "Impact checked"),
    ]);
    for group in board {
        for (r, impact) in group.items.iter().zip(&group.impacts) {
            rows.push(vec![
                Value::Text(group.theme.clone()),
                Value::Text(r.finding.clone()),
                Value::Text(we_did(r)),
                Value::Text(r.status.to_string()),
                Value::date(r.communicated_on),
                Value::text(impact.as_ref().map(|i| i.worked.to_string())),
                Value::date(impact.as_ref().map(|i| i.on)),
            ]);
        }
    }
    rows
}

/// The board as a document to publish: a title, the year, and under each theme (as a
/// heading) what students said, what was done, and the status in words.
fn document(year: Option<AcademicYear>, board: &[BoardTheme]) -> Doc {
    // "Did it work?" only on a board where something was done.
    let checked = board
        .iter()
        .flat_map(|g| &g.items)
        .any(|r| is_done(r.status));
    let groups = board
        .iter()
        .map(|group| {
            let mut columns = vec![
                col("finding", "You said"),
                col("response", "We did"),
                col("status", "Status"),
            ];
            if checked {
                columns.push(col("impact", "Did it work?"));
            }
            let mut rows = Rows::new(&columns);
            for (r, impact) in group.items.iter().zip(&group.impacts) {
                let mut row = vec![
                    Value::Text(r.finding.clone()),
                    Value::Text(we_did(r)),
                    Value::Text(status_words(r.status).to_string()),
                ];
                if checked {
                    row.push(Value::Text(
                        did_it_work(r.status, impact.as_ref().map(|i| i.worked)).to_string(),
                    ));
                }
                rows.push(row);
            }
            (capitalised(&group.theme), rows)
        })
        .collect();
    let mut doc = Groups::new(col("theme", "Theme"), groups);
    doc.title = Some("You said, we did".into());
    if let Some(y) = year {
        doc.preface.push(format!("Academic year {y}"));
    }
    if board.is_empty() {
        doc.preface
            .push("Nothing to report yet: no recommendation has been decided.".into());
    }
    Doc::Groups(doc)
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

/// A theme as a heading: its first letter a capital.
fn capitalised(theme: &str) -> String {
    let mut chars = theme.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_capitalised() {
        assert_eq!(capitalised("study space"), "Study space");
        assert_eq!(capitalised("élan"), "Élan");
        assert_eq!(capitalised("#1 *priority*"), "#1 *priority*");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn every_status_has_words() {
        for s in RecStatus::ALL {
            assert!(!status_words(*s).is_empty());
            assert!(status_sentence(*s).ends_with('.'));
        }
    }
}
