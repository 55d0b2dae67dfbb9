//! `spm project ...`: register, list, show, edit, change status, remove.

mod add;
mod edit;
pub(crate) mod import;
mod list;
mod partner;

use clap::Subcommand;

use super::Ctx;
use add::AddArgs;
use edit::{EditArgs, StatusArgs};
use list::ListArgs;

pub const EXAMPLES: &str = "\
Examples:
  spm project add \"Commuter peer mentoring\" --form wider-student-experience \\
      --level partnership --dept \"Student Services\" --lead \"Dr A. Khan\" \\
      --theme belonging --budget 2500
  spm project list --status active --year 2025/26
  spm project show mh-peer-2025
  spm project edit reading-lists-2025 --achieved partnership
  spm project status reps-forum-2025 active --note \"new reps elected\"";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a project and print its code (asks for each field on a terminal if no title is given)
    #[command(after_help = ADD_EXAMPLES)]
    Add(AddArgs),

    /// List projects, filtered
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(ListArgs),

    /// Show one project whole, with its status history and change log
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The project's code, e.g. mental-health-2025
        code: String,
    },

    /// Change a project's fields (an empty value, e.g. --dept "", clears an optional field)
    #[command(after_help = EDIT_EXAMPLES)]
    Edit(EditArgs),

    /// Move a project to active, paused, completed or withdrawn
    #[command(after_help = STATUS_EXAMPLES)]
    Status(StatusArgs),

    /// The people who take part in a project: roles, hours, payments and recognition
    #[command(subcommand, after_help = PARTNER_EXAMPLES)]
    Partner(partner::Command),

    /// Register projects from a CSV or XLSX file (such as "project list" exports), all or nothing
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(import::ImportArgs),

    /// Delete a project that was registered by mistake (withdraw real ones instead)
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The project's code
        code: String,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm project add \"Commuter peer mentoring\" --form wider-student-experience \\
      --level partnership --dept \"Student Services\" --lead \"Dr A. Khan\" \\
      --theme belonging --budget 2500
  spm project add \"Inclusive reading lists\" --form co-creation-of-curriculum \\
      --level involvement --code inclusive-lists --year 2025/26 \\
      --start 2025-09-15 --theme inclusion,decolonising
  spm project add \"Mental health peer support\" --form wider-student-experience \\
      --level partnership --year 2025/26 --same-title    a second one that year
  spm project add \"Law clinic\" --form co-creation-within-curriculum \\
      --level partnership --lead \"Dr A Khan\" --new-lead  not Dr A. Khan

With no title, on a terminal, it asks for each field.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm project list
  spm project list --status active --dept \"Student Services\"
  spm project list --theme wellbeing --year 2025/26
  spm project list --search \"peer support\"
  spm project list --activity change-makers --group-by theme  a gallery
  spm project list --wide                                     every column
  spm --format csv project list -o projects.csv

On a terminal the table fits its width: codes, dates and money are never broken, and the
columns that do not fit are left out and named on stderr (--wide shows them). A list with
nothing in it says so, naming the filters that matched nothing.";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm project show mh-peer-2025
  spm --format json project show mh-peer-2025";

const EDIT_EXAMPLES: &str = "\
Examples:
  spm project edit mh-peer-2025 --title \"Peer wellbeing support\"
  spm project edit reading-lists-2025 --achieved partnership
  spm project edit mh-peer-2025 --add-theme belonging,transition
  spm project edit data-ethics-2026 --budget \"\"  clears the budget";

const STATUS_EXAMPLES: &str = "\
Examples:
  spm project status lab-methods-2026 active
  spm project status mh-peer-2025 paused --note \"lead on leave\"
  spm project status reps-forum-2025 active --on 2026-11-02
  spm project status intern-archives-2025 completed --on 2026-07-31";

const PARTNER_EXAMPLES: &str = "\
Examples:
  spm project partner add mh-peer-2025 \"Priya Nair\" --role student-partner
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 6 --paid 90
  spm project partner contribution list mh-peer-2025
  spm project partner list mh-peer-2025
  spm project partner end mh-peer-2025 a.hassan@example.ac.uk --on 2026-06-30";

const IMPORT_EXAMPLES: &str = "\
Examples:
  spm project import projects.csv --dry-run       check the rows, change nothing
  spm project import projects.csv                 register the new projects
  spm project import projects.xlsx --update       also update existing ones
  spm project import budget.xlsx --sheet 2025-26  one sheet of a workbook

The columns are those of \"spm --format csv project list\" (code, title, form, level_planned,
...), so an export imports back unchanged; the headers a table shows (\"Planned level\") and
aliases (level, dept, lead, year, start, end, theme) work too, in any case. title, form and
level_planned are required; themes are separated by \";\"; dates are YYYY-MM-DD; created_at
and updated_at are ignored. Projects are matched on code, and a row without a code on its
title and academic year, so importing a file twice adds nothing the second time.
A lead is found by lead_email when the file gives one, else by name; a lead nobody matches
is registered as a member of staff. When any row is wrong, every problem is listed with its
line and column, and nothing is imported.";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm project remove lab-methods-2026 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::add(ctx, args),
        Command::List(args) => list::list(ctx, args),
        Command::Show { code } => list::show(ctx, &code),
        Command::Edit(args) => edit::edit(ctx, args),
        Command::Status(args) => edit::status(ctx, args),
        Command::Partner(cmd) => partner::run(ctx, cmd),
        Command::Import(args) => import::import(ctx, args),
        Command::Remove { code, yes } => edit::remove(ctx, &code, yes),
    }
}
