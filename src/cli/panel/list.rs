//! `spm panel list`, `show` and `gaps`: the sessions, what came of them, and the terms
//! without one.

use super::ListArgs;
use crate::cli::Ctx;
use crate::cli::args::parse_opt;
use crate::cli::screen::Filters;
use crate::model::AcademicYear;
use crate::output::{Doc, Record, Rows, Value, col};
use crate::service::panel::{self as svc, Session, SessionFilter};
use crate::service::settings;

pub(super) fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
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

fn panellists_value(n: &Option<u32>) -> Value {
    n.map_or(Value::Null, |n| Value::Int(i64::from(n)))
}

pub(super) fn insight_rows(insights: Vec<svc::Insight>) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("text", "Insight"),
        col("added", "Added"),
    ]);
    for i in insights {
        rows.push(vec![
            Value::Int(i.id),
            Value::Text(i.text),
            Value::Date(i.created_at),
        ]);
    }
    rows
}

pub(super) fn show(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let s: Session = svc::get(&conn, id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(s.id));
    rec.field("year", "Year", Value::Text(s.year.to_string()));
    rec.field("term", "Term", Value::Text(s.term.clone()));
    rec.field("on", "On", Value::Date(s.on.to_string()));
    rec.field("topic", "Topic", Value::Text(s.topic.clone()));
    rec.field("question", "Question", Value::text(s.question.clone()));
    rec.field("panellists", "Panellists", panellists_value(&s.panellists));
    rec.section(
        "insights",
        "Insights",
        insight_rows(svc::insights(&conn, id)?),
    );
    let mut recs = Rows::new(&[
        col("id", "Id"),
        col("recommendation", "Recommendation"),
        col("to", "To"),
        col("status", "Status"),
    ]);
    for r in svc::recommendations(&conn, id)? {
        recs.push(vec![
            Value::Int(r.id),
            Value::Text(r.recommendation),
            Value::Text(r.addressed_to),
            Value::Text(r.status.to_string()),
        ]);
    }
    rec.section("recommendations", "Recommendations", recs);
    let log = crate::cli::change_rows(ctx.format, svc::history(&conn, id)?, "recorded");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}

pub(super) fn gaps(ctx: &Ctx, year: Option<&str>) -> anyhow::Result<()> {
    let year = parse_opt::<AcademicYear>(year)?;
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
