//! `spm person ...`: the people who take part, and their data-protection rights.

mod add;
mod import;
mod retention;
mod show;

use clap::Subcommand;

use super::Ctx;

pub const EXAMPLES: &str = "\
Examples:
  spm person add \"Kwame Asante\" --kind student --email k.asante@example.ac.uk \\
      --dept Economics --level ug --consent 2026-10-01
  spm person list --kind student --consent-expiring 30d
  spm person show a.hassan@example.ac.uk
  spm person export \"Amira Hassan\" -o amira.json  a subject access request
  spm person forget a.hassan@example.ac.uk --yes  erasure

Wherever a command takes <PERSON>, give the id (12 or #12), the email, or the name when no one
else has it.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a student, member of staff or external partner (asks on a terminal if no name is given)
    #[command(after_help = ADD_EXAMPLES)]
    Add(add::AddArgs),

    /// List people, filtered
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(add::ListArgs),

    /// Show one person: their record, every project role with hours and payments, and requests
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The person: id, email, or unique name
        person: String,
    },

    /// Change a person's record (an empty value, e.g. --email "", clears an optional field)
    #[command(after_help = EDIT_EXAMPLES)]
    Edit(add::EditArgs),

    /// Register people from a CSV or XLSX file (such as "person list" exports), all or nothing
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(import::ImportArgs),

    /// Write everything spm holds about a person as JSON (a subject access request)
    #[command(after_help = EXPORT_EXAMPLES)]
    Export {
        /// The person: id, email, or unique name
        person: String,
    },

    /// Erase a person: name, email and notes removed everywhere; counts of participation kept
    #[command(after_help = FORGET_EXAMPLES)]
    Forget {
        /// The person: id, email, or unique name
        person: String,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// Data-protection requests (access, erasure): record them and see what is due
    #[command(subcommand, after_help = REQUEST_EXAMPLES)]
    Request(retention::RequestCommand),

    /// People kept longer than the retention period after their involvement ended
    #[command(after_help = RETENTION_EXAMPLES)]
    Retention(retention::RetentionArgs),

    /// Self-declared characteristics, used only in aggregate reports
    #[command(subcommand, after_help = CHARACTERISTIC_EXAMPLES)]
    Characteristic(retention::CharacteristicCommand),
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm person add \"Kwame Asante\" --kind student --email k.asante@example.ac.uk \\
      --dept Economics --level ug --consent 2026-10-01 \\
      --consent-expires 2027-09-30
  spm person add \"Dr R. Patel\" --kind staff --email r.patel@example.ac.uk

With no name, on a terminal, it asks for each field.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm person list
  spm person list --kind student --dept Economics
  spm person list --consent-expiring 30d
  spm person list --consent-expired -o renew.csv";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm person show 5
  spm person show a.hassan@example.ac.uk
  spm --format json person show \"Amira Hassan\"";

const EDIT_EXAMPLES: &str = "\
Examples:
  spm person edit 6 --consent 2026-10-01 --consent-expires 2027-09-30
  spm person edit a.hassan@example.ac.uk --consent-withdrawn 2026-11-20
  spm person edit \"Amira Hassan\" --dept \"\"  clears the department";

const IMPORT_EXAMPLES: &str = "\
Examples:
  spm person import people.csv --dry-run  check the rows, change nothing
  spm person import people.csv            register the new people
  spm person import people.xlsx --update  also update existing ones

The columns are those of \"spm --format csv person list\" (name, email, kind, department,
level, consent_given, ...) plus notes, in any case, with aliases (dept, type, consent). name
and kind are required; dates are YYYY-MM-DD; id is ignored; rows with erased_on are skipped.
People are matched on email, or on name and kind when they have no email. When any row is
wrong, every problem is listed with its line and column, and nothing is imported.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  spm person export a.hassan@example.ac.uk -o amira-hassan.json
  spm person export 5 -o priya-nair.json

Every record that refers to them: their own, characteristics, roles and contributions, the
projects they lead, the reviews naming them as a reviewer, the recommendations they own,
their requests; every text that names them (\"mentions\"); and the change log of all of these.";

const FORGET_EXAMPLES: &str = "\
Examples:
  spm person forget a.hassan@example.ac.uk --yes
  spm person forget 6 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on. The person becomes \"former participant #6\": their name, email and notes
go from every table and from the change log; their roles, hours and payments stay, so counts
stay right. Freed space in the file is overwritten and the write-ahead log emptied. Should
that clean-up fail (a full disk, another program reading), the erasure is still saved and a
warning says so: run forget again on the same person to finish the clean-up. Backups taken
before keep the old data: delete or re-take them.";

const REQUEST_EXAMPLES: &str = "\
Examples:
  spm person request add a.hassan@example.ac.uk access --received 2026-11-20
  spm person request list --open
  spm person request close 1 --on 2026-11-20";

const RETENTION_EXAMPLES: &str = "\
Examples:
  spm person retention --dry-run            kept longer than the period
  spm person retention --yes                erase them
  spm person retention --years 7 --dry-run  a new period, saved; look again";

const CHARACTERISTIC_EXAMPLES: &str = "\
Examples:
  spm person characteristic set 4 disability \"prefer not to say\"
  spm person characteristic set a.hassan@example.ac.uk first-generation yes
  spm person characteristic clear 5 disability";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::add(ctx, args),
        Command::List(args) => add::list(ctx, args),
        Command::Show { person } => add::show(ctx, &person),
        Command::Edit(args) => add::edit(ctx, args),
        Command::Import(args) => import::import(ctx, args),
        Command::Export { person } => retention::export(ctx, &person),
        Command::Forget { person, yes } => retention::forget(ctx, &person, yes),
        Command::Request(cmd) => retention::request(ctx, cmd),
        Command::Retention(args) => retention::retention(ctx, args),
        Command::Characteristic(cmd) => retention::characteristic(ctx, cmd),
    }
}
