//! `spm panel list`: panel sessions, newest first, with their insights and recommendations
//! counted.

use clap::Args as ClapArgs;

use super::panellists_value;
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::cli::screen::Filters;
use crate::model::AcademicYear;
use crate::output::{Doc, Rows, Value, col};
use crate::service::panel::{self as svc, SessionFilter};

pub const EXAMPLES: &str = "\
Examples:
  spm panel list
  spm panel list --year 2025/26 --term autumn
  spm --format csv panel list -o panel.csv";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only sessions of this academic year, e.g. 2025/26
    #[arg(long)]
    year: Option<String>,
    /// Only sessions in this term
    #[arg(long)]
    term: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(args.year.as_deref())?;
    let empty = Filters::default()
        .value("--year", year.as_ref())
        .text("--term", args.term.as_deref())
        .empty(
            "panel sessions",
            "no panel sessions yet; add one with spm panel add",
        );
    let conn = ctx.read()?;
    let sessions = svc::list(
        &conn,
        &SessionFilter {
            year,
            term: args.term,
        },
    )?;
    // A question is long; tables leave it for `show`, files keep it.
    let wide = ctx.every_column();
    let mut columns = vec![
        col("id", "Id"),
        col("year", "Year"),
        col("term", "Term"),
        col("on", "On"),
        col("topic", "Topic"),
    ];
    if wide {
        columns.push(col("question", "Question"));
    }
    columns.extend([
        col("panellists", "Panellists"),
        col("insights", "Insights"),
        col("recommendations", "Recommendations"),
    ]);
    let mut rows = Rows::new(&columns);
    for l in sessions {
        let s = l.session;
        let mut row = vec![
            Value::Int(s.id),
            Value::Text(s.year.to_string()),
            Value::Text(s.term),
            Value::Date(s.on.to_string()),
            Value::Text(s.topic),
        ];
        if wide {
            row.push(Value::text(s.question));
        }
        row.extend([
            panellists_value(&s.panellists),
            Value::Int(l.insights),
            Value::Int(l.recommendations),
        ]);
        rows.push(row);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}
