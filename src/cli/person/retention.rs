//! `spm person export`, `forget`, `request`, `retention` and `characteristic`: the
//! data-protection side of keeping people's records.

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::{Choices, Date, parse_opt};
use crate::cli::{Ctx, FormatArg, prompt};
use crate::error::Error;
use crate::model::RequestKind;
use crate::output::remind::lateness;
use crate::output::{Doc, Rows, Value, col};
use crate::service::person as svc;

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Record a request received: access (a copy of their data) or erasure; due a month later
    #[command(after_help = REQUEST_ADD_EXAMPLES)]
    Add {
        /// The person: id, email, or unique name
        person: String,
        /// access or erasure
        #[arg(value_parser = Choices(RequestKind::NAMES))]
        kind: String,
        /// The day the request arrived, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DATE")]
        received: Option<String>,
        /// A note (how it arrived, who handles it)
        #[arg(long)]
        note: Option<String>,
    },

    /// List requests, soonest due first, with how long is left or how overdue they are
    #[command(
        visible_alias = "ls",
        after_help = REQUEST_LIST_EXAMPLES
    )]
    List {
        /// Only requests not yet closed
        #[arg(long)]
        open: bool,
    },

    /// Close a request once it is answered
    #[command(after_help = REQUEST_CLOSE_EXAMPLES)]
    Close {
        /// The request's id
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        /// The day it was answered [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

#[derive(Debug, ClapArgs)]
pub struct RetentionArgs {
    /// Only list who would be erased
    #[arg(long)]
    dry_run: bool,
    /// Erase without asking for confirmation
    #[arg(long, short = 'y', conflicts_with = "dry_run")]
    yes: bool,
    /// Set the retention period in years (saved for next time) before looking
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    years: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum CharacteristicCommand {
    /// Record a self-declared characteristic ("prefer not to say" is an answer of its own)
    #[command(after_help = CHARACTERISTIC_SET_EXAMPLES)]
    Set {
        /// The person: id, email, or unique name
        person: String,
        /// The category, a short kebab-case word, e.g. disability or first-generation
        category: String,
        /// The value they declared
        value: String,
    },

    /// Remove a characteristic, so it is "not recorded" again
    #[command(after_help = CHARACTERISTIC_CLEAR_EXAMPLES)]
    Clear {
        /// The person: id, email, or unique name
        person: String,
        /// The category
        category: String,
    },
}

const REQUEST_ADD_EXAMPLES: &str = "\
Examples:
  spm person request add a.hassan@example.ac.uk access --received 2026-11-20
  spm person request add 6 erasure --received 2026-11-02 \\
      --note \"by email to the data protection officer\"";

const REQUEST_LIST_EXAMPLES: &str = "\
Examples:
  spm person request list --open
  spm person request list -o requests.csv";

const REQUEST_CLOSE_EXAMPLES: &str = "\
Examples:
  spm person request close 1  answered today
  spm person request close 1 --on 2026-11-20";

const CHARACTERISTIC_SET_EXAMPLES: &str = "\
Examples:
  spm person characteristic set 4 disability \"prefer not to say\"
  spm person characteristic set a.hassan@example.ac.uk first-generation yes";

const CHARACTERISTIC_CLEAR_EXAMPLES: &str = "\
Examples:
  spm person characteristic clear 5 disability";

pub(super) fn export(ctx: &Ctx, key: &str) -> anyhow::Result<()> {
    ctx.only(
        FormatArg::Json,
        "person export",
        "give -o FILE.json, or leave --format out",
    )?;
    let today = ctx.today()?;
    let conn = ctx.read()?;
    let doc = svc::export(&conn, key, today)?;
    ctx.write_out(|w| {
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        writeln!(w)
    })?;
    if let Some(path) = &ctx.output {
        ctx.note(&format!(
            "wrote everything spm holds about this person to {}",
            path.display()
        ));
    }
    Ok(())
}

/// Asks before erasing, or refuses when nobody is there to ask and `--yes` is missing.
fn confirmed(ctx: &Ctx, question: &str, what: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !prompt::interactive() {
        return Err(Error::Usage(format!(
            "{what} needs confirmation: add --yes (there is no terminal to ask on)"
        ))
        .into());
    }
    let answer = prompt::confirm(question)?;
    if !answer {
        ctx.note("nothing was erased");
    }
    Ok(answer)
}

pub(super) fn forget(ctx: &Ctx, key: &str, yes: bool) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let mut conn = ctx.write()?;
    let person = svc::resolve(&conn, key)?;
    // Someone erased already has nothing left to lose: forget only finishes the clean-up.
    if person.erased_on.is_none() {
        let question = format!(
            "Erase {} for good? Their name, email and notes go from every record; this cannot be undone.",
            person.label()
        );
        if !confirmed(ctx, &question, &format!("erasing {}", person.name), yes)? {
            return Ok(());
        }
    }
    let forgotten = svc::forget(&mut conn, &person.id.to_string(), today)?;
    let now = &forgotten.person;
    if forgotten.erased_now {
        ctx.note(&format!("erased {}: now {}", person.label(), now.name));
    } else {
        ctx.note(&format!(
            "{} was erased already, on {}; finished the clean-up: freed space in the database file is overwritten and its write-ahead log emptied",
            now.name,
            now.erased_on.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    if !forgotten.open_leads.is_empty() {
        ctx.note(&format!(
            "warning: they led {}, still open; give each a new lead with \"spm project edit CODE --lead NAME\"",
            forgotten.open_leads.join(", ")
        ));
    }
    warn_unfinished(ctx, &forgotten.cleanup, now.id);
    if forgotten.erased_now {
        ctx.note("backups taken before today still hold the old record: delete or re-take them");
    }
    Ok(())
}

/// Warns that the erasure is saved but the clean-up after it did not finish, and names the
/// command that finishes it.
fn warn_unfinished(ctx: &Ctx, cleanup: &svc::Cleanup, id: i64) {
    if let svc::Cleanup::Unfinished(why) = cleanup {
        ctx.note(&format!(
            "warning: the erasure is saved, but the clean-up after it did not finish: {why}. Until it does, the erased text can still be in the database file or its write-ahead log; run \"spm person forget {id}\" again to finish it"
        ));
    }
}

pub(super) fn request(ctx: &Ctx, cmd: RequestCommand) -> anyhow::Result<()> {
    let today = ctx.today()?;
    match cmd {
        RequestCommand::Add {
            person,
            kind,
            received,
            note,
        } => {
            let kind: RequestKind = kind.parse()?;
            let received = parse_opt::<Date>(received.as_deref())?.map_or(today, |d| d.0);
            let mut conn = ctx.write()?;
            let r = svc::request(&mut conn, &person, kind, received, note.as_deref(), today)?;
            ctx.note(&format!(
                "recorded request {}: {} for {}, received {}, due {}",
                r.id, r.kind, r.person, r.received, r.due
            ));
            ctx.emit_line(&r.id.to_string())
        }
        RequestCommand::List { open } => {
            let conn = ctx.read()?;
            let mut rows = Rows::new(&[
                col("id", "Id"),
                col("person", "Person"),
                col("kind", "Kind"),
                col("received", "Received"),
                col("due", "Due"),
                col("closed_on", "Closed"),
                col("state", "State"),
            ]);
            for r in svc::requests(&conn, open)? {
                let state = match r.closed_on {
                    Some(_) => "closed".to_string(),
                    None => lateness((today - r.due).num_days()),
                };
                rows.push(vec![
                    Value::Int(r.id),
                    Value::Text(r.person),
                    Value::Text(r.kind.to_string()),
                    Value::Date(r.received.to_string()),
                    Value::Date(r.due.to_string()),
                    Value::date(r.closed_on),
                    Value::Text(state),
                ]);
            }
            let empty = if open {
                "no data-protection requests are open"
            } else {
                "no data-protection requests yet; record one with spm person request add PERSON KIND"
            };
            ctx.emit_or(&Doc::Rows(rows), empty)
        }
        RequestCommand::Close { id, on } => {
            let on = parse_opt::<Date>(on.as_deref())?.map_or(today, |d| d.0);
            let mut conn = ctx.write()?;
            let r = svc::close_request(&mut conn, id, on, today)?;
            ctx.note(&format!(
                "closed request {} ({} for {}) on {on}",
                r.id, r.kind, r.person
            ));
            Ok(())
        }
    }
}

pub(super) fn retention(ctx: &Ctx, args: RetentionArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Without a terminal, erasing needs --yes: refuse before anything is printed or saved.
    if !args.dry_run && !args.yes && !prompt::interactive() {
        return Err(Error::Usage(
            "erasing people past retention needs confirmation: add --yes, or look first with --dry-run (there is no terminal to ask on)".into(),
        )
        .into());
    }
    // A dry run that sets no period only reads.
    let mut conn = if args.dry_run && args.years.is_none() {
        ctx.read()?
    } else {
        ctx.write()?
    };
    if let Some(years) = args.years {
        svc::set_retention(&mut conn, years)?;
        ctx.note(&format!("the retention period is now {years} years"));
    }
    let years = svc::retention(&conn)?;
    let candidates = svc::retention_candidates(&conn, today)?;
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("name", "Name"),
        col("kind", "Kind"),
        col("ended", "Involvement ended"),
    ]);
    for c in &candidates {
        rows.push(vec![
            Value::Int(c.person.id),
            Value::Text(c.person.name.clone()),
            Value::Text(c.person.kind.to_string()),
            Value::Date(c.ended.to_string()),
        ]);
    }
    let nobody =
        format!("nobody has been kept more than {years} years after their involvement ended");
    ctx.emit_or(&Doc::Rows(rows), &nobody)?;
    if candidates.is_empty() {
        // On a terminal, said in place of the empty table already.
        if !ctx.says_empty() {
            ctx.note(&nobody);
        }
        return Ok(());
    }
    if args.dry_run {
        ctx.note(&format!(
            "{} kept more than {years} years after their involvement ended; run without --dry-run to erase them",
            if candidates.len() == 1 {
                "1 person is".to_string()
            } else {
                format!("{} people are", candidates.len())
            }
        ));
        return Ok(());
    }
    let question = format!(
        "Erase these {} people for good? This cannot be undone.",
        candidates.len()
    );
    if !confirmed(ctx, &question, "erasing people past retention", args.yes)? {
        return Ok(());
    }
    let ids: Vec<i64> = candidates.iter().map(|c| c.person.id).collect();
    let (erased, cleanup) = svc::forget_all(&mut conn, &ids, today)?;
    ctx.note(&format!(
        "erased {} people kept more than {years} years",
        erased.len()
    ));
    if let Some(first) = erased.first() {
        warn_unfinished(ctx, &cleanup, first.id);
    }
    Ok(())
}

pub(super) fn characteristic(ctx: &Ctx, cmd: CharacteristicCommand) -> anyhow::Result<()> {
    let mut conn = ctx.write()?;
    match cmd {
        CharacteristicCommand::Set {
            person,
            category,
            value,
        } => {
            let (p, category, value) =
                svc::set_characteristic(&mut conn, &person, &category, &value)?;
            ctx.note(&format!(
                "recorded {category} = {value:?} for {}",
                p.label()
            ));
        }
        CharacteristicCommand::Clear { person, category } => {
            let p = svc::clear_characteristic(&mut conn, &person, &category)?;
            ctx.note(&format!(
                "{} is no longer recorded for {}",
                category.trim(),
                p.label()
            ));
        }
    }
    Ok(())
}
