//! `spm person ...`: the people who take part, and their data-protection rights.

mod add;
mod characteristic;
mod edit;
mod export;
mod forget;
mod import;
mod list;
mod request;
mod retention;
mod show;

use clap::Subcommand;

use super::Ctx;
use crate::model::Person;
use crate::output::Value;
use crate::service::person as svc;

pub const EXAMPLES: &str = "\
Examples:
  spm person add \"Kwame Asante\" --kind student --email k.asante@example.ac.uk \\
      --dept Economics --level ug --consent 2026-10-01
  spm person list --kind student --consent-expiring 30d
  spm person show a.hassan@example.ac.uk
  spm person export \"Amira Hassan\" -o amira.json  a subject access request
  spm person forget a.hassan@example.ac.uk --yes  an erasure request

Wherever a command takes <PERSON>, give the id (12 or #12), the email, or the name when no one
else has it.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a student, member of staff or external partner (asks on a terminal if no name is given)
    #[command(after_help = add::EXAMPLES)]
    Add(add::Args),

    /// List people, filtered
    #[command(visible_alias = "ls", after_help = list::EXAMPLES)]
    List(list::Args),

    /// Show one person: their record, every project role with hours and payments, and requests
    #[command(after_help = show::EXAMPLES)]
    Show(show::Args),

    /// Change a person's record (an empty value, e.g. --email "", clears an optional field)
    #[command(after_help = edit::EXAMPLES)]
    Edit(edit::Args),

    /// Register people from a CSV or XLSX file (such as "person list" exports), all or nothing
    #[command(after_help = import::EXAMPLES)]
    Import(import::Args),

    /// Write everything spm holds about a person as JSON (a subject access request)
    #[command(after_help = export::EXAMPLES)]
    Export(export::Args),

    /// Forget a person: name, email and notes removed everywhere; counts of participation kept
    #[command(after_help = forget::EXAMPLES)]
    Forget(forget::Args),

    /// Data-protection requests (access, erasure): record them and see what is due
    #[command(subcommand, after_help = request::EXAMPLES)]
    Request(request::Command),

    /// People kept longer than the retention period after their involvement ended
    #[command(after_help = retention::EXAMPLES)]
    Retention(retention::Args),

    /// Self-declared characteristics, used only in aggregate reports
    #[command(subcommand, after_help = characteristic::EXAMPLES)]
    Characteristic(characteristic::Command),
}

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add(args) => add::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Edit(args) => edit::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Forget(args) => forget::run(ctx, args),
        Command::Request(cmd) => request::run(ctx, cmd),
        Command::Retention(args) => retention::run(ctx, args),
        Command::Characteristic(cmd) => characteristic::run(ctx, cmd),
    }
}

/// A person's fields, as `list` names its columns and `show` its lines.
const LIST_COLUMNS: &[(&str, &str)] = &[
    ("id", "Id"),
    ("name", "Name"),
    ("email", "Email"),
    ("kind", "Kind"),
    ("department", "Department"),
    ("level", "Level"),
    ("consent_given", "Consent given"),
    ("consent_expires", "Consent expires"),
    ("consent_withdrawn", "Consent withdrawn"),
    ("erased_on", "Forgotten"),
];

fn cell(p: &Person, key: &str) -> Value {
    match key {
        "id" => Value::Int(p.id),
        "name" => Value::Text(p.name.clone()),
        "email" => Value::text(p.email.clone()),
        "kind" => Value::Text(p.kind.to_string()),
        "department" => Value::text(p.department.clone()),
        "level" => Value::text(p.level.map(|l| l.to_string())),
        "consent_given" => Value::date(p.consent_given),
        "consent_expires" => Value::date(p.consent_expires),
        "consent_withdrawn" => Value::date(p.consent_withdrawn),
        "erased_on" => Value::date(p.erased_on),
        "notes" => Value::text(p.notes.clone()),
        _ => Value::Null,
    }
}

/// Warns that forgetting is saved but the clean-up after it did not finish, and names the
/// command that finishes it.
fn warn_unfinished(ctx: &Ctx, cleanup: &svc::Cleanup, id: i64) {
    if let svc::Cleanup::Unfinished(why) = cleanup {
        ctx.note(&format!(
            "warning: forgetting is saved, but the clean-up after it did not finish: {why}. Until it does, the forgotten text can still be in the database file or its write-ahead log; run \"spm person forget {id}\" again to finish it"
        ));
    }
}
