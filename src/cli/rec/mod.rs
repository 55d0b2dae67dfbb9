//! `spm rec ...`: recommendations to leadership and what became of them ("you said, we did").

mod add;
mod board;
mod list;

use clap::Subcommand;

use super::Ctx;
use crate::cli::args::Choices;
use crate::model::RecStatus;

pub const EXAMPLES: &str = "\
Examples:
  spm rec add --from cm-commuter-2025 --finding \"the library shuts at 9pm\" \\
      --recommendation \"open until midnight in exams\" --to \"Library Services\"
  spm rec update 4 --status accepted --on 2026-11-20
  spm rec communicated 5 --channel \"students' union newsletter\"
  spm rec list --overdue
  spm --format md rec board --year 2025/26 -o you-said-we-did.md";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a recommendation from a project, a panel session or elsewhere (prints its id)
    #[command(after_help = ADD_EXAMPLES)]
    Add(add::AddArgs),

    /// Change a recommendation's status (kept with its date), its response, or both
    #[command(after_help = UPDATE_EXAMPLES)]
    Update(add::UpdateArgs),

    /// Record the day the outcome was told back to the students it came from
    #[command(after_help = COMMUNICATED_EXAMPLES)]
    Communicated(add::CommunicatedArgs),

    /// List recommendations, oldest raised first
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(list::ListArgs),

    /// Show one recommendation whole: its status history, time to decision and to close
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The recommendation's id (see spm rec list)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },

    /// A "you said, we did" board to publish: what was decided, grouped by theme
    #[command(after_help = BOARD_EXAMPLES)]
    Board(board::BoardArgs),
}

/// The statuses, for help text and completions.
fn statuses() -> Choices {
    Choices(RecStatus::NAMES)
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm rec add --from cm-commuter-2025 \\
      --finding \"the library closes too early in exams\" \\
      --recommendation \"open until midnight in the exam weeks\" \\
      --to \"Library Services\" --owner \"L. Halls\" --due 2027-03-31 \\
      --theme \"study space\"
  spm rec add --panel 1 --finding \"feedback comes too late to use\" \\
      --recommendation \"feedback within 15 working days\" \\
      --to \"Education Committee\"
  spm rec add --finding \"the prayer room is too small\" \\
      --recommendation \"a second room in the east building\" --to Estates \\
      --on 2026-11-10  from elsewhere: a survey, a forum

It is recorded as proposed on the day it was raised (--on, default today).";

const UPDATE_EXAMPLES: &str = "\
Examples:
  spm rec update 4 --status accepted --on 2026-11-20
  spm rec update 3 --status implemented \\
      --response \"first-year timetables have no single-class days\"
  spm rec update 4 --status not-adopted \\
      --response \"no room is free this year; revisit in 2027\"
  spm rec update 3 --response \"piloted in five departments for 2026/27\"

Statuses: accepted, in-progress, implemented, partly-implemented, not-adopted (needs a reason
in --response), beyond-control. Each change is kept with its day (--on, default today), which
may not be before the last one.";

const COMMUNICATED_EXAMPLES: &str = "\
Examples:
  spm rec communicated 5 --on 2026-11-20 --channel \"students' union newsletter\"
  spm rec communicated 3  today

Only a decided recommendation can be told back, on or after the day it was decided.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm rec list
  spm rec list --status in-progress --owner \"L. Halls\"
  spm rec list --overdue  due date passed and not closed
  spm rec list --theme belonging --year 2025/26
  spm rec list --project cm-commuter-2025 -o recommendations.csv

CSV and JSON add the recommendation, response, days to decision and days to close.";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm rec show 4
  spm --format json rec show 4";

const BOARD_EXAMPLES: &str = "\
Examples:
  spm --format md rec board --year 2025/26 -o you-said-we-did.md
  spm rec board
  spm --format csv rec board -o board.csv

Only recommendations decided or told back to students are shown, grouped by theme (those
without one under Other). \"We did\" is the response, or the status in words without one.";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::add(ctx, args),
        Command::Update(args) => add::update(ctx, args),
        Command::Communicated(args) => add::communicated(ctx, args),
        Command::List(args) => list::list(ctx, args),
        Command::Show { id } => list::show(ctx, id),
        Command::Board(args) => board::board(ctx, args),
    }
}
