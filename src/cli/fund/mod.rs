//! `spm fund ...`: the education-enhancement fund: applications, awards and spend, within the
//! cap and each year's budget (`budget.rs`).

mod budget;

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::cli::screen::Filters;
use crate::model::{Application, Money};
use crate::output::{Doc, Kind, Record, Rows, Value, col};
use crate::service::fund::{
    self as svc, FundFilter, NewApplication, NewDecision, NewSpend, Verdict,
};
use crate::service::settings;

pub const EXAMPLES: &str = "\
Examples:
  spm fund apply cm-commuter-2025 --amount 2500 --theme belonging
  spm fund decide 3 --award 3500 --note \"panel of 2026-11-18\"
  spm fund spend 1 --amount 1200 --on 2026-11-02 --note \"launch catering\"
  spm fund list --year 2026/27
  spm fund budget 2026/27 50000

The cap on one request or award is GBP 10,000 unless set with \"spm fund cap\". Each year can
have a budget (\"spm fund budget\"): an award beyond what remains of it is refused unless
given --over-budget, and the lists say what remains.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the cap on one application or award, or set it
    #[command(after_help = CAP_EXAMPLES)]
    Cap {
        /// The new cap in pounds, e.g. 12000 or £12,000
        #[arg(allow_hyphen_values = true)]
        amount: Option<String>,
    },

    /// Show each year's budget and what remains of it, or set or remove a year's budget
    #[command(after_help = budget::EXAMPLES)]
    Budget(budget::Args),

    /// Record a project's application to the fund (prints the application's id)
    #[command(after_help = APPLY_EXAMPLES)]
    Apply(ApplyArgs),

    /// Award or reject an application, once: an award is at most the amount asked for and the cap
    #[command(after_help = DECIDE_EXAMPLES)]
    Decide(DecideArgs),

    /// Record money spent from an award (never more than what remains of it)
    #[command(after_help = SPEND_EXAMPLES)]
    Spend(SpendArgs),

    /// List applications, newest first, with what was awarded, spent and remains
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List(ListArgs),

    /// Show one application whole, with its spend and history
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// The application's id (see spm fund list)
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },
}

#[derive(Debug, ClapArgs)]
pub struct ApplyArgs {
    /// The project's code
    project: String,
    /// The amount asked for in pounds, e.g. 8000 or £8,000.50 (at most the cap)
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// The fund's theme the application answers, e.g. "student voices, partnership and
    /// academic support"
    #[arg(long)]
    theme: String,
    /// The day the application was made, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct DecideArgs {
    /// The application's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    #[command(flatten)]
    verdict: VerdictArgs,
    /// The day of the decision, YYYY-MM-DD [default: today; with --correct, the day corrected]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// A note on the decision: the panel, the reasons
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Replace the decision recorded already, when it was a mistake (the history keeps it)
    #[arg(long)]
    correct: bool,
    /// Award even beyond what remains of the year's budget (with approval: the history
    /// keeps that it was deliberate)
    #[arg(long)]
    over_budget: bool,
}

/// Exactly one of --award and --reject.
#[derive(Debug, ClapArgs)]
#[group(required = true, multiple = false)]
pub struct VerdictArgs {
    /// Award this amount in pounds (at most the amount asked for, and the cap)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    award: Option<String>,
    /// Reject the application
    #[arg(long)]
    reject: bool,
}

#[derive(Debug, ClapArgs)]
pub struct SpendArgs {
    /// The application's id
    #[arg(value_parser = clap::value_parser!(i64).range(1..))]
    id: i64,
    /// The amount spent in pounds, e.g. 1200 or £1,200.00
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// The day it was spent, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    on: String,
    /// What the money went on
    #[arg(long, value_name = "TEXT")]
    note: String,
}

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// Only applications made in this academic year, e.g. 2026/27
    #[arg(long)]
    year: Option<String>,
    /// Only the applications of this project (its code)
    #[arg(long)]
    project: Option<String>,
}

const APPLY_EXAMPLES: &str = "\
Examples:
  spm fund apply reading-lists-2025 --amount 2000 --theme \"inclusive curriculum\"
  spm fund apply cm-commuter-2025 --amount \"£2,500.50\" --theme belonging \\
      --on 2026-10-01";

const DECIDE_EXAMPLES: &str = "\
Examples:
  spm fund decide 3 --award 3500
  spm fund decide 3 --award 3500 --on 2026-11-18 --note \"panel of 18 November\"
  spm fund decide 3 --reject --note \"outside the fund's themes\"
  spm fund decide 1 --award 5000 --correct --note \"typo: the panel awarded 5000\"
  spm fund decide 3 --award 4000 --over-budget --note \"approved by the PVC\"

An award counts against the budget of the year the application was made in. A warning (not
a refusal) says when one project's awards in a year together pass the cap on one application.";

const SPEND_EXAMPLES: &str = "\
Examples:
  spm fund spend 1 --amount 1200 --on 2026-11-02 --note \"launch catering\"
  spm fund spend 1 --amount 450.50 --on 2026-11-20 --note \"partner payments\"";

const LIST_EXAMPLES: &str = "\
After the list, a line for each year in it that has a budget says what remains of it.

Examples:
  spm fund list
  spm fund list --year 2026/27
  spm fund list --project mh-peer-2025 -o fund.csv";

const SHOW_EXAMPLES: &str = "\
Examples:
  spm fund show 3
  spm --format json fund show 3";

const CAP_EXAMPLES: &str = "\
Examples:
  spm fund cap        the cap now (GBP 10,000 unless set)
  spm fund cap 12000  a new cap, for requests and awards from now on";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Cap { amount } => cap(ctx, amount.as_deref()),
        Command::Budget(args) => budget::run(ctx, args),
        Command::Apply(args) => apply(ctx, args),
        Command::Decide(args) => decide(ctx, args),
        Command::Spend(args) => spend(ctx, args),
        Command::List(args) => list(ctx, args),
        Command::Show { id } => show(ctx, id),
    }
}

fn cap(ctx: &Ctx, amount: Option<&str>) -> anyhow::Result<()> {
    let amount = amount.map(str::parse::<crate::model::Money>).transpose()?;
    let mut conn = ctx.write()?;
    if let Some(cap) = amount {
        crate::service::settings::set_fund_cap(&mut conn, cap)?;
        ctx.note(&format!(
            "the fund's cap is now {cap} for one request or award"
        ));
    }
    let cap = crate::service::settings::fund_cap(&conn)?;
    ctx.emit_line(&cap.plain())
}

fn apply(ctx: &Ctx, args: ApplyArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let new = NewApplication {
        project: args.project,
        theme: args.theme,
        amount: args.amount.parse()?,
        on: parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0),
    };
    let mut conn = ctx.write()?;
    let a = svc::apply(&mut conn, new, today)?;
    let cap = settings::fund_cap(&conn)?;
    ctx.note(&format!(
        "application {} for {}: {} asked for on {} (the cap is {cap})",
        a.id, a.project, a.requested, a.applied_on
    ));
    ctx.emit_line(&a.id.to_string())
}

fn decide(ctx: &Ctx, args: DecideArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let verdict = match args.verdict.award {
        Some(amount) => Verdict::Award(amount.parse()?),
        None => Verdict::Reject,
    };
    let decision = NewDecision {
        verdict,
        on: parse_opt::<Date>(args.on.as_deref())?.map(|d| d.0),
        note: args.note,
        correct: args.correct,
        over_budget: args.over_budget,
    };
    let mut conn = ctx.write()?;
    let decided = svc::decide(&mut conn, args.id, decision, today)?;
    for w in &decided.warnings {
        ctx.note(&format!("warning: {w}"));
    }
    let a = decided.application;
    match a.awarded {
        Some(award) => ctx.note(&format!(
            "awarded {award} of the {} asked for to application {} ({}) on {}",
            a.requested,
            a.id,
            a.project,
            a.decided_on.map(|d| d.to_string()).unwrap_or_default()
        )),
        None => ctx.note(&format!(
            "rejected application {} ({}) on {}",
            a.id,
            a.project,
            a.decided_on.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
    Ok(())
}

fn spend(ctx: &Ctx, args: SpendArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let spend = NewSpend {
        amount: args.amount.parse()?,
        on: args.on.parse::<Date>()?.0,
        note: args.note,
    };
    let amount = spend.amount;
    let mut conn = ctx.write()?;
    let a = svc::spend(&mut conn, args.id, spend, today)?;
    ctx.note(&format!(
        "spent {amount} from application {} ({}); {} of the award of {} remains",
        a.id,
        a.project,
        a.remaining().unwrap_or_default(),
        a.awarded.unwrap_or_default()
    ));
    Ok(())
}

fn money(m: Option<Money>) -> Value {
    m.map_or(Value::Null, Value::Money)
}

fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let filter = FundFilter {
        year: parse_opt(args.year.as_deref())?,
        project: args.project,
    };
    let empty = Filters::default()
        .value("--year", filter.year.as_ref())
        .text("--project", filter.project.as_deref())
        .empty(
            "fund applications",
            "no fund applications yet; add one with spm fund apply PROJECT --amount AMOUNT --theme THEME",
        );
    let conn = ctx.read()?;
    let applications = svc::list(&conn, &filter)?;
    // On a narrow terminal the money and the decision stay longest.
    let notes = budget::remaining_notes(&conn, filter.year, &applications)?;
    let mut rows = Rows::new(&[
        col("id", "Id").kind(Kind::Id).key(),
        col("project", "Project").kind(Kind::Code).high(),
        col("theme", "Theme").low(),
        col("requested", "Requested"),
        col("decision", "Decision").high(),
        col("awarded", "Awarded").high(),
        col("spent", "Spent"),
        col("remaining", "Remaining").high(),
        col("applied_on", "Applied").low(),
        col("decided_on", "Decided").low(),
    ]);
    for a in applications {
        rows.push(vec![
            Value::Int(a.id),
            Value::Text(a.project.clone()),
            Value::Text(a.theme.clone()),
            Value::Money(a.requested),
            Value::Text(a.decision.to_string()),
            money(a.awarded),
            Value::Money(a.spent),
            money(a.remaining()),
            Value::Date(a.applied_on.to_string()),
            Value::date(a.decided_on),
        ]);
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)?;
    for note in notes {
        ctx.note(&note);
    }
    Ok(())
}

fn spend_rows(a: &Application) -> Rows {
    let mut rows = Rows::new(&[
        col("id", "Id"),
        col("on", "On"),
        col("amount", "Amount"),
        col("note", "Note"),
    ]);
    for s in &a.spend {
        rows.push(vec![
            Value::Int(s.id),
            Value::Date(s.on.to_string()),
            Value::Money(s.amount),
            Value::Text(s.note.clone()),
        ]);
    }
    rows
}

fn show(ctx: &Ctx, id: i64) -> anyhow::Result<()> {
    let conn = ctx.read()?;
    let a = svc::get(&conn, id)?;
    let mut rec = Record::default();
    rec.field("id", "Id", Value::Int(a.id));
    rec.field("project", "Project", Value::Text(a.project.clone()));
    rec.field("title", "Title", Value::Text(a.project_title.clone()));
    rec.field("theme", "Theme", Value::Text(a.theme.clone()));
    rec.field("requested", "Requested", Value::Money(a.requested));
    rec.field(
        "applied_on",
        "Applied",
        Value::Date(a.applied_on.to_string()),
    );
    rec.field("decision", "Decision", Value::Text(a.decision.to_string()));
    rec.field("awarded", "Awarded", money(a.awarded));
    rec.field("decided_on", "Decided", Value::date(a.decided_on));
    rec.field(
        "decision_note",
        "Decision note",
        Value::text(a.decision_note.clone()),
    );
    rec.field("spent", "Spent", Value::Money(a.spent));
    rec.field("remaining", "Remaining", money(a.remaining()));
    rec.section("spend", "Spend", spend_rows(&a));
    let log = crate::cli::change_rows(ctx.format, svc::history(&conn, a.id)?, "applied");
    rec.section("history", "History", log);
    ctx.emit(&Doc::Record(rec))
}
