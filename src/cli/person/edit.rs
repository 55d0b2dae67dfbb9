//! `spm person edit PERSON`: a person's record changed.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, clearable_text, parse_clearable, parse_opt};
use crate::error::Error;
use crate::model::{PersonKind, StudyLevel};
use crate::service::person::{self as svc, PersonPatch};

pub const EXAMPLES: &str = "\
Examples:
  spm person edit 6 --consent 2026-10-01 --consent-expires 2027-09-30
  spm person edit a.hassan@example.ac.uk --consent-withdrawn 2026-11-20
  spm person edit \"Amira Hassan\" --dept \"\"  clears the department
  spm person edit j.berg@example.ac.uk --consent-to-name 2026-11-20
  spm person edit \"Jonas Berg\" --consent-to-name \"\"  withdraws it

--consent-to-name is apart from --consent (to take part): a public page (spm publish) names
a person only while both hold.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person: id, email, or unique name
    person: String,
    /// A new name
    #[arg(long)]
    name: Option<String>,
    /// A new email ("" clears it)
    #[arg(long)]
    email: Option<String>,
    /// student, staff or external
    #[arg(long, value_parser = Choices(PersonKind::NAMES))]
    kind: Option<String>,
    /// A new department ("" clears it)
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// A new level of study ("" clears it)
    #[arg(long, value_parser = Choices(StudyLevel::NAMES))]
    level: Option<String>,
    /// The day consent was given ("" clears it)
    #[arg(long, value_name = "DATE")]
    consent: Option<String>,
    /// The day consent runs out ("" clears it)
    #[arg(long, value_name = "DATE")]
    consent_expires: Option<String>,
    /// The day consent was withdrawn ("" clears it)
    #[arg(long, value_name = "DATE")]
    consent_withdrawn: Option<String>,
    /// New notes ("" clears them)
    #[arg(long)]
    notes: Option<String>,
    /// The day they consented to be named on a public page ("" withdraws it)
    #[arg(long, value_name = "DATE")]
    consent_to_name: Option<String>,
}

fn clearable_date(value: Option<&str>) -> Result<Option<Option<chrono::NaiveDate>>, Error> {
    Ok(parse_clearable::<Date>(value)?.map(|d| d.map(|d| d.0)))
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let patch = PersonPatch {
        name: args.name,
        email: clearable_text(args.email),
        kind: parse_opt(args.kind.as_deref())?,
        department: clearable_text(args.dept),
        level: parse_clearable(args.level.as_deref())?,
        consent_given: clearable_date(args.consent.as_deref())?,
        consent_expires: clearable_date(args.consent_expires.as_deref())?,
        consent_withdrawn: clearable_date(args.consent_withdrawn.as_deref())?,
        notes: clearable_text(args.notes),
        consent_to_name: clearable_date(args.consent_to_name.as_deref())?,
    };
    if patch.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give at least one field, e.g. --consent 2026-10-01 (see spm person edit --help)".into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let (person, changed) = svc::edit(&mut conn, &args.person, patch, today)?;
    if changed.is_empty() {
        ctx.note(&format!("{} is unchanged", person.label()));
    } else {
        ctx.note(&format!(
            "updated {}: {}",
            person.label(),
            changed
                .iter()
                .map(|k| crate::service::changes::label(k))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(())
}
