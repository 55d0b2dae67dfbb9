//! `spm project partner ...`: who takes part in a project, in which role, and how their
//! contribution was recognised; `contribution.rs` lists and puts right the log's entries.

mod contribution;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::args::{Choices, Date, parse_opt};
use crate::cli::{Ctx, prompt};
use crate::error::Error;
use crate::model::{Money, Partner, Recognition, Role};
use crate::output::{Doc, Rows, Value, col};
use crate::service::partner::{self as svc, NewContribution, NewPartner, hours_text, parse_hours};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a person to a project in a role (warns when a student has no consent on record)
    #[command(after_help = add_help())]
    Add(AddArgs),

    /// List a project's partners with their hours and payments
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List {
        /// The project's code
        project: String,
    },

    /// Record the day a person left a project
    #[command(after_help = END_EXAMPLES)]
    End {
        /// The project's code
        project: String,
        /// The person: id, email, or unique name
        person: String,
        /// The day they left, YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        on: String,
        /// Which of their roles, when they have several on the project
        #[arg(long, value_parser = Choices(Role::NAMES))]
        role: Option<String>,
        /// The skills they gained (a research intern's, say)
        #[arg(long)]
        skills: Option<String>,
    },

    /// Take a person off a project (a role added by mistake), with what was logged for it
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The project's code
        project: String,
        /// The person: id, email, or unique name
        person: String,
        /// Which of their roles, when they have several on the project
        #[arg(long, value_parser = Choices(Role::NAMES))]
        role: Option<String>,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// Log hours on a day or over a period, a payment, or how a contribution was recognised
    #[command(after_help = LOG_EXAMPLES)]
    Log(LogArgs),

    /// The log's entries: list them, correct one or reverse one (the log keeps both)
    #[command(subcommand, after_help = contribution::EXAMPLES)]
    Contribution(contribution::Command),
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: String,
    /// The role: student-partner, staff-partner, external-partner, lead, change-maker,
    /// panellist, intern or academic-rep (who may take which: see below)
    #[arg(long, value_parser = Choices(Role::NAMES))]
    role: String,
    /// The day they joined, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// The day they left, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Refuse a student with no consent on record (instead of warning)
    #[arg(long)]
    require_consent: bool,
    /// The skills the role builds, e.g. for a research intern "archival research, NVivo"
    #[arg(long)]
    skills: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct LogArgs {
    /// The project's code
    project: String,
    /// The person: id, email, or unique name
    person: String,
    /// Hours given, e.g. 6, 1.5 or 1:30 (at most 24 a day; over a period, spread evenly
    /// over its days)
    #[arg(long)]
    hours: Option<String>,
    /// An amount paid in pounds, e.g. 90 or £90.00
    #[arg(long, allow_hyphen_values = true)]
    paid: Option<String>,
    /// The day of the contribution [default: today]
    #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
    on: Option<String>,
    /// The first day of a period the hours were given over (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// The last day of the period (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// How it was recognised: certificate, transcript, credit, payment or voucher
    #[arg(long, value_parser = Choices(Recognition::NAMES))]
    recognition: Option<String>,
    /// A note
    #[arg(long)]
    note: Option<String>,
    /// Which of their roles, when they have several on the project
    #[arg(long, value_parser = Choices(Role::NAMES))]
    role: Option<String>,
}

/// The help after `partner add`'s options: the one table of role rules, then examples.
fn add_help() -> String {
    let mut text = String::from(
        "Who may take which role (the same rules for every kind of person: each kind has a\n\
         partner role of its own, anyone may lead, and the programmes are for students):\n",
    );
    for role in Role::ALL {
        text.push_str(&format!("  {:<18}{}\n", role.as_str(), role.for_whom()));
    }
    text.push('\n');
    text.push_str(ADD_EXAMPLES);
    text
}

const ADD_EXAMPLES: &str = "\
Examples:
  spm project partner add mh-peer-2025 \"Priya Nair\" --role student-partner \\
      --from 2026-11-01
  spm project partner add mh-peer-2025 \"Dr A. Khan\" --role lead
  spm project partner add reading-lists-2025 p.nair@example.ac.uk --role lead
  spm project partner add mh-peer-2025 j.berg@example.ac.uk \\
      --role student-partner --require-consent
  spm project partner add intern-archives-2025 \"Priya Nair\" --role intern \\
      --skills \"archival research, oral history interviewing\"";

const LIST_EXAMPLES: &str = "\
Examples:
  spm project partner list mh-peer-2025
  spm --format csv project partner list mh-peer-2025 -o partners.csv";

const END_EXAMPLES: &str = "\
Examples:
  spm project partner end mh-peer-2025 a.hassan@example.ac.uk --on 2026-06-30
  spm project partner end intern-archives-2025 \"Li Wei\" --on 2026-07-31 \\
      --skills \"archival research, NVivo, presenting to a seminar\"";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm project partner remove mh-peer-2025 t.evans@example.ac.uk --yes
  spm project partner rm mh-peer-2025 \"Amira Hassan\" --role student-partner -y";

const LOG_EXAMPLES: &str = "\
Hours over a period (--from and --to) are spread evenly over its days: 70 hours over the 30
days of November is fine, 70 hours over two days is more than 24 a day and refused. Reports
by year count the part of a period that falls in the year, day by day. Every entry gets a
number (see \"spm project partner contribution list\"), by which it can be corrected or
reversed.

Examples:
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 6 --paid 90 \\
      --on 2026-11-18
  spm project partner log mh-peer-2025 \"Tom Evans\" --hours 70 \\
      --from 2026-10-01 --to 2026-10-31
  spm project partner log mh-peer-2025 \"Tom Evans\" --recognition voucher \\
      --note \"book token\"
  spm project partner log mh-peer-2025 \"Amira Hassan\" --hours 1:30 \\
      --recognition transcript";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    let today = ctx.today()?;
    match cmd {
        Command::Add(args) => {
            let new = NewPartner {
                project: args.project,
                person: args.person,
                role: args.role.parse()?,
                from: parse_opt::<Date>(args.from.as_deref())?.map(|d| d.0),
                to: parse_opt::<Date>(args.to.as_deref())?.map(|d| d.0),
                skills: args.skills,
                require_consent: args.require_consent,
            };
            let mut conn = ctx.write()?;
            let added = svc::add(&mut conn, new, today)?;
            if let Some(w) = &added.warning {
                ctx.note(&format!("warning: {w}"));
            }
            let p = added.partner;
            ctx.note(&format!("{} is {} on {}", p.person, p.role, p.project));
            Ok(())
        }
        Command::List { project } => {
            let conn = ctx.read()?;
            let (p, partners) = svc::list(&conn, &project)?;
            ctx.emit_or(
                &Doc::Rows(partner_rows(&partners)),
                &format!(
                    "{} has no partners yet; add one with spm project partner add {} PERSON --role ROLE",
                    p.code, p.code
                ),
            )
        }
        Command::End {
            project,
            person,
            on,
            role,
            skills,
        } => {
            let on = on.parse::<Date>()?.0;
            let role = parse_opt::<Role>(role.as_deref())?;
            let mut conn = ctx.write()?;
            let p = svc::end(
                &mut conn,
                &project,
                &person,
                role,
                on,
                skills.as_deref(),
                today,
            )?;
            ctx.note(&format!(
                "{} left {} ({}) on {on}",
                p.person, p.project, p.role
            ));
            Ok(())
        }
        Command::Remove {
            project,
            person,
            role,
            yes,
        } => {
            let role = parse_opt::<Role>(role.as_deref())?;
            if !yes {
                if !prompt::interactive() {
                    return Err(Error::Usage(
                        "taking a partner off a project needs confirmation: add --yes (there is no terminal to ask on)".into(),
                    )
                    .into());
                }
                let question =
                    format!("Take {person} off {project}, with the hours and payments logged?");
                if !prompt::confirm(&question)? {
                    ctx.note("nothing was removed");
                    return Ok(());
                }
            }
            let mut conn = ctx.write()?;
            let p = svc::remove(&mut conn, &project, &person, role)?;
            ctx.note(&format!("took {} ({}) off {}", p.person, p.role, p.project));
            Ok(())
        }
        Command::Log(args) => {
            let from = parse_opt::<Date>(args.from.as_deref())?.map(|d| d.0);
            let on = parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0);
            let new = NewContribution {
                project: args.project,
                person: args.person,
                role: parse_opt(args.role.as_deref())?,
                on: from.or(on).unwrap_or(today),
                to: parse_opt::<Date>(args.to.as_deref())?.map(|d| d.0),
                minutes: args
                    .hours
                    .as_deref()
                    .map(parse_hours)
                    .transpose()?
                    .unwrap_or(0),
                paid: parse_opt::<Money>(args.paid.as_deref())?.unwrap_or(Money(0)),
                recognition: parse_opt(args.recognition.as_deref())?,
                note: args.note,
            };
            let mut conn = ctx.write()?;
            let (p, c) = svc::log(&mut conn, new, today)?;
            let when = match c.to {
                Some(to) => format!("{} to {to}", c.on),
                None => c.on.to_string(),
            };
            ctx.note(&format!(
                "logged entry {} for {} on {} ({when}): {} hours, {} paid; in all {} hours, {} paid",
                c.id,
                p.person,
                p.project,
                hours_text(c.minutes),
                Money(c.paid_pence),
                hours_text(p.minutes),
                Money(p.paid_pence)
            ));
            Ok(())
        }
        Command::Contribution(cmd) => contribution::run(ctx, cmd, today),
    }
}

/// A project's partners as rows.
pub(super) fn partner_rows(partners: &[Partner]) -> Rows {
    let mut rows = Rows::new(&[
        col("person_id", "Id"),
        col("person", "Person"),
        col("kind", "Kind"),
        col("role", "Role"),
        col("from", "From"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
        col("skills", "Skills"),
    ]);
    for p in partners {
        rows.push(vec![
            Value::Int(p.person_id),
            Value::Text(p.person.clone()),
            Value::Text(p.kind.to_string()),
            Value::Text(p.role.to_string()),
            Value::date(p.from),
            Value::date(p.to),
            Value::Float(p.minutes as f64 / 60.0),
            Value::Money(Money(p.paid_pence)),
            Value::List(p.recognition.iter().map(|r| r.to_string()).collect()),
            Value::text(p.skills.clone()),
        ]);
    }
    rows
}
