//! `spm panel ...`: The Student Education Panel: termly sessions, their insights, and the
//! terms in which the panel has not met.

mod add;
mod edit;
mod gaps;
mod insight;
mod list;
mod remove;
mod show;
mod terms;

use clap::Subcommand;

use super::Ctx;
use crate::model::Insight;
use crate::output::{Rows, Value, col};
use crate::service::panel::Saved;

pub const EXAMPLES: &str = "\
Examples:
  spm panel add --year 2025/26 --term winter --on 2026-01-21 \\
      --topic \"Assessment feedback\" --question \"What makes feedback useful?\" \\
      --panellists 14
  spm panel insight add 1 \"Criteria are read only after the mark arrives\"
  spm panel list --year 2025/26
  spm panel show 1
  spm panel gaps  terms of this academic year with no session";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the names of the academic year's terms, or set them (in order)
    #[command(after_help = terms::EXAMPLES)]
    Terms(terms::Args),

    /// Record a panel session, held or planned up to a year ahead
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List panel sessions, newest first, with their insights and recommendations counted
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one session whole: its insights, the recommendations raised from it, its history
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Change a session's year, term, date, topic, question or number of panellists
    #[command(after_help = edit::EXAMPLES)]
    Edit(edit::Args),

    /// Delete a session recorded by mistake, with its insights
    #[command(visible_alias = "rm", after_help = remove::EXAMPLES)]
    Remove(remove::Args),

    /// What the panellists wrote up for leadership: add, list and remove insights
    #[command(subcommand, after_help = insight::EXAMPLES)]
    Insight(insight::Command),

    /// List the terms of an academic year in which the panel has not met
    #[command(after_help = gaps::EXAMPLES)]
    Gaps(gaps::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Terms(args) => terms::run(ctx, args),
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Remove(args) => remove::run(ctx, args),
        Command::Insight(cmd) => insight::run(ctx, cmd),
        Command::Gaps(args) => gaps::run(ctx, args),
    }
}

/// Tells the person what was saved, and warns of another session in the same term.
fn report(ctx: &Ctx, verb: &str, saved: &Saved, today: chrono::NaiveDate) {
    let s = &saved.session;
    let planned = if s.on > today { " (planned)" } else { "" };
    ctx.note(&format!(
        "{verb} panel session {}: {} {} on {}{planned}, {:?}",
        s.id, s.term, s.year, s.on, s.topic
    ));
    if !saved.same_term.is_empty() {
        let others: Vec<String> = saved
            .same_term
            .iter()
            .map(|o| format!("session {} on {}", o.id, o.on))
            .collect();
        ctx.note(&format!(
            "warning: the panel already met in {} {} ({}); it meets once a term, but both are kept",
            s.term,
            s.year,
            others.join(", ")
        ));
    }
}

/// The number of panellists, when it was recorded.
fn panellists_value(n: &Option<u32>) -> Value {
    n.map_or(Value::Null, |n| Value::Int(i64::from(n)))
}

/// A session's insights as rows.
fn insight_rows(insights: Vec<Insight>) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("text", "Insight"),
        col("added", "Added"),
        col("published_on", "Published"),
    ]);
    for i in insights {
        rows.push(vec![
            Value::Int(i.id),
            Value::Text(i.text),
            Value::Date(i.created_at),
            Value::date(i.published_on),
        ]);
    }
    rows
}
