//! `spm project partner add PROJECT PERSON --role ROLE`: a person added to a project in a role.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::model::Role;
use crate::service::partner::{self as svc, NewPartner};

/// The help after `partner add`'s options: the one table of role rules, then examples.
pub fn help() -> String {
    let mut text = String::from(
        "Who may take which role (the same rules for every kind of person: each kind has a\n\
         partner role of its own, anyone may lead, and the programmes are for students):\n",
    );
    for role in Role::ALL {
        text.push_str(&format!("  {:<18}{}\n", role.as_str(), role.for_whom()));
    }
    text.push('\n');
    text.push_str(EXAMPLES);
    text
}

pub const EXAMPLES: &str = "\
Examples:
  spm project partner add mh-peer-2025 \"Priya Nair\" --role student-partner \\
      --from 2026-11-01
  spm project partner add mh-peer-2025 \"Dr A. Khan\" --role lead
  spm project partner add reading-lists-2025 p.nair@example.ac.uk --role lead
  spm project partner add mh-peer-2025 j.berg@example.ac.uk \\
      --role student-partner --require-consent
  spm project partner add intern-archives-2025 \"Priya Nair\" --role intern \\
      --skills \"archival research, oral history interviewing\"";

#[derive(Debug, ClapArgs)]
pub struct Args {
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
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
