//! `spm review ...`: record reviews, list and show them, and know when the next ones are due.

mod add;
mod due;
mod interactive;
mod show;

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::Choices;
use crate::model::{Decision, Outcome, ReviewKind, ScoredBy};

pub const EXAMPLES: &str = "\
Examples:
  spm review add mh-peer-2025 --score CP1=4 --score CP2=3:\"workshop minutes\" \\
      --outcome belonging=clear --decision continue --reviewer \"Dr A. Khan\"
  spm review due --within 60d
  spm review remind  for cron: silent when nothing is due
  spm review calendar -o reviews.ics";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a review of a project: scores against the principles, outcomes, reflections
    /// and a decision (asks on a terminal when no scores are given)
    #[command(after_help = ADD_EXAMPLES)]
    Add(add::AddArgs),

    /// List reviews, newest first
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(show::ListArgs),

    /// Show one review whole: staff and students' scores side by side with the principles' words
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The review's id (see spm review list)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },

    /// Change a review: its fields, and scores or outcomes added, replaced or taken away
    #[command(after_help = EDIT_EXAMPLES)]
    Edit(add::EditArgs),

    /// Delete a review recorded by mistake
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The review's id
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// List the reviews falling due, most overdue first
    #[command(after_help = DUE_EXAMPLES)]
    Due(due::DueArgs),

    /// Remind each staff lead of the reviews due: built for cron, silent when nothing is due
    #[command(after_help = REMIND_EXAMPLES)]
    Remind(due::RemindArgs),

    /// Write the reviews falling due as an iCalendar (.ics) file of all-day events
    #[command(after_help = CALENDAR_EXAMPLES)]
    Calendar(due::CalendarArgs),
}

/// Scores and outcomes, shared by `add` and `edit`.
#[derive(Debug, ClapArgs)]
pub struct ScoreArgs {
    /// A score from 1 to 5 against a principle, with optional evidence: CP1=4 or
    /// CP2=3:"minutes of the co-design workshop" (repeat)
    #[arg(long = "score", value_name = "CODE=N[:EVIDENCE]")]
    scores: Vec<String>,
    /// A score given by students (the same form as --score), beside the staff's (repeat)
    #[arg(long = "student-score", value_name = "CODE=N[:EVIDENCE]")]
    student_scores: Vec<String>,
    /// Who gave the --score scores
    #[arg(long, value_parser = Choices(ScoredBy::NAMES), default_value = "staff")]
    by: String,
    /// An outcome seen and how clearly, with optional evidence: belonging=clear or
    /// confidence=emerging:"focus group" (repeat; ratings: not-seen, emerging, clear)
    #[arg(long = "outcome", value_name = "OUTCOME=RATING[:EVIDENCE]")]
    outcomes: Vec<String>,
}

/// The review kinds, decisions and outcomes, for help text.
fn kinds() -> Choices {
    Choices(ReviewKind::NAMES)
}

fn decisions() -> Choices {
    Choices(Decision::NAMES)
}

fn outcomes() -> Choices {
    Choices(Outcome::NAMES)
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm review add mh-peer-2025 --on 2026-11-20 --kind annual --score CP1=4 \\
      --score CP2=3:\"minutes of co-design workshop\" --student-score CP2=2 \\
      --outcome belonging=clear --went-well \"peer sessions full\" \\
      --change \"more evening slots\" --lessons \"recruit earlier\" \\
      --decision continue --reviewer \"Dr A. Khan\" --reviewer \"Amira Hassan\"
  spm review add cm-commuter-2025 --kind closing  completes the project

With no scores, on a terminal, it walks you through the review.

Outcomes: motivation, confidence, metacognition, relationships, belonging (students);
staff-trust, teaching-materials, student-understanding, teaching-beliefs, power-shift
(staff); feedback-confidence (institution). See \"spm principle list\" for the codes.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm review list
  spm review list --project assessment-2024
  spm review list --year 2025/26 --format csv -o reviews.csv";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm review show 4
  spm --format json review show 4";

const EDIT_EXAMPLES: &str = "\
Examples:
  spm review edit 5 --decision adapt --change \"a second intern in the spring\"
  spm review edit 4 --score CP4=4 --student-score CP4=3:\"panel survey\"
  spm review edit 4 --remove-score CP3 --by students --remove-outcome belonging
  spm review edit 4 --lessons \"\"  clears the lessons";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm review remove 5 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

const DUE_EXAMPLES: &str = "\
Examples:
  spm review due  overdue, and due in the next 30 days
  spm review due --within 90d --lead Khan
  spm review due --until 2027-06-30
  spm review due --overdue -o overdue.csv

Only active projects fall due. A project is due one review cadence (12 months unless set with
spm project edit --cadence) after its last review or, when never reviewed, after it started
(its start date, or the day it became active if later). A pause, or a spell completed or
withdrawn before the project was reopened, moves the due date on by its length.";

const REMIND_EXAMPLES: &str = "\
Examples:
  spm review remind  reviews overdue or due in the next 30 days
  spm review remind --within 14d --exit-code || echo \"reviews are due\"
  spm --format json review remind

In a crontab (prints nothing when nothing is due, so cron sends no mail):
  MAILTO=partnerships@example.ac.uk
  0 8 * * 1  $HOME/.cargo/bin/spm --db $HOME/spm/spm.db review remind";

const CALENDAR_EXAMPLES: &str = "\
Examples:
  spm review calendar -o reviews.ics
  spm review calendar --within 90d -o next-term.ics

Each project's next review is one all-day event with a UID of its own, whatever the date:
when a review is recorded, or the project's cadence or status changes, the event moves to
the new date with a higher SEQUENCE, so importing the new file (or a calendar subscribed to
it) moves the event instead of adding a second one. With nothing due the file is still
written, a calendar with no events, so a subscription drops what is no longer due. Only
iCalendar is written: any other --format, or a file named .csv, .json, .md or .xlsx, is
refused (\"spm review due -o due.csv\" lists the reviews due).";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::add(ctx, args),
        Command::List(args) => show::list(ctx, args),
        Command::Show { id } => show::show(ctx, id),
        Command::Edit(args) => add::edit(ctx, args),
        Command::Remove { id, yes } => add::remove(ctx, id, yes),
        Command::Due(args) => due::due(ctx, args),
        Command::Remind(args) => due::remind(ctx, args),
        Command::Calendar(args) => due::calendar(ctx, args),
    }
}
