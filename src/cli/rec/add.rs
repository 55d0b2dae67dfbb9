//! `spm rec add`: a recommendation from a project, a panel session or elsewhere.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Date, parse_opt};
use crate::service::rec::{self as svc, NewRec, Source};

pub const EXAMPLES: &str = "\
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

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project it came from (its code)
    #[arg(long = "from", value_name = "PROJECT", conflicts_with = "panel")]
    from: Option<String>,
    /// The Student Education Panel session it came from (its id, see spm panel list)
    #[arg(long, value_name = "SESSION", value_parser = clap::value_parser!(i64).range(1..))]
    panel: Option<i64>,
    /// What students found: "you said"
    #[arg(long, value_name = "TEXT")]
    finding: String,
    /// What they recommend
    #[arg(long, value_name = "TEXT")]
    recommendation: String,
    /// The part of the institution it is addressed to, e.g. "Library Services"
    #[arg(long, value_name = "TEXT")]
    to: String,
    /// Who owns the answer: a person's id, email or name
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// When an answer is due, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    /// A theme to group it by on the board, e.g. "study space"
    #[arg(long, value_name = "THEME")]
    theme: Option<String>,
    /// The day it was raised, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let raised_on = parse_opt::<Date>(args.on.as_deref())?.map_or(today, |d| d.0);
    let source = match (args.from, args.panel) {
        (Some(code), _) => Source::Project(code),
        (None, Some(id)) => Source::Panel(id),
        (None, None) => Source::Elsewhere,
    };
    let mut new = NewRec::new(
        source,
        args.finding,
        args.recommendation,
        args.to,
        raised_on,
    );
    new.owner = args.owner;
    new.due = parse_opt::<Date>(args.due.as_deref())?.map(|d| d.0);
    new.theme = args.theme;
    let mut conn = ctx.write()?;
    let rec = svc::add(&mut conn, new, today)?;
    ctx.note(&format!(
        "recorded recommendation {} from {} to {} (proposed, raised on {})",
        rec.id,
        rec.source(),
        rec.addressed_to,
        rec.raised_on
    ));
    ctx.emit_line(&rec.id.to_string())
}
