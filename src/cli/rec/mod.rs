//! `spm rec ...`: recommendations to leadership and what became of them ("you said, we did").

mod add;
mod board;
mod communicated;
mod impact;
mod list;
mod publish;
mod show;
mod unpublish;
mod update;

use clap::Subcommand;

use super::Ctx;
use crate::cli::args::Choices;
use crate::model::{RecStatus, Recommendation};
use crate::output::Value;

pub const EXAMPLES: &str = "\
Examples:
  spm rec add --from cm-commuter-2025 --finding \"the library shuts at 9pm\" \\
      --recommendation \"open until midnight in exams\" --to \"Library Services\"
  spm rec update 4 --status accepted --on 2026-11-20
  spm rec communicated 5 --channel \"students' union newsletter\"
  spm rec list --overdue
  spm rec publish 5 --said \"You said you were unsure when AI is allowed\"
  spm --format md rec board --year 2025/26 -o you-said-we-did.md";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a recommendation from a project, a panel session or elsewhere (prints its id)
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// Change a recommendation's status (kept with its date), its response, or both
    #[command(after_help = update::EXAMPLES)]
    Update(update::Args),

    /// Record the day the outcome was told back to the students it came from
    #[command(after_help = communicated::EXAMPLES)]
    Communicated(communicated::Args),

    /// Record whether an implemented recommendation worked, checked on a day, with evidence
    #[command(after_help = impact::EXAMPLES)]
    Impact(impact::Args),

    /// List recommendations, oldest raised first
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one recommendation whole: its status history, time to decision and to close
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// A "you said, we did" board to publish: what was decided, grouped by theme
    #[command(after_help = board::EXAMPLES)]
    Board(board::Args),

    /// Approve a decided recommendation for the public pages, in the words to publish
    #[command(after_help = publish::EXAMPLES)]
    Publish(publish::Args),

    /// Take a recommendation off the public pages
    #[command(after_help = unpublish::EXAMPLES)]
    Unpublish(unpublish::Args),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::Update(args) => update::run(ctx, args),
        Command::Communicated(args) => communicated::run(ctx, args),
        Command::Impact(args) => impact::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Board(args) => board::run(ctx, args),
        Command::Publish(args) => publish::run(ctx, args),
        Command::Unpublish(args) => unpublish::run(ctx, args),
    }
}

/// The statuses, for help text and completions.
fn statuses() -> Choices {
    Choices(RecStatus::NAMES)
}

/// A number of days, when there is one.
fn days(n: Option<i64>) -> Value {
    n.map_or(Value::Null, Value::Int)
}

/// The session a recommendation came from, as a number.
fn session(r: &Recommendation) -> Value {
    r.session.map_or(Value::Null, Value::Int)
}
