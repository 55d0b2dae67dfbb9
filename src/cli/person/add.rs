//! `spm person add NAME --kind KIND`: a student, member of staff or external partner
//! registered, from flags or by asking on a terminal.

use clap::Args as ClapArgs;

use crate::cli::args::{Choices, Date, parse_opt};
use crate::cli::prompt::Ask;
use crate::cli::{Ctx, prompt};
use crate::error::Error;
use crate::model::{PersonKind, StudyLevel};
use crate::service::person::{self as svc, NewPerson};

pub const EXAMPLES: &str = "\
Examples:
  spm person add \"Kwame Asante\" --kind student --email k.asante@example.ac.uk \\
      --dept Economics --level ug --consent 2026-10-01 \\
      --consent-expires 2027-09-30
  spm person add \"Dr R. Patel\" --kind staff --email r.patel@example.ac.uk

With no name, on a terminal, it asks for each field.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The person's name
    name: Option<String>,
    /// student, staff or external
    #[arg(long, value_parser = Choices(PersonKind::NAMES))]
    kind: Option<String>,
    /// Their email address (unique, any case)
    #[arg(long)]
    email: Option<String>,
    /// Their department, school or service
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// A student's level of study: ug, pgt or pgr
    #[arg(long, value_parser = Choices(StudyLevel::NAMES))]
    level: Option<String>,
    /// The day they gave consent to take part and be recorded, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    consent: Option<String>,
    /// The day that consent runs out, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    consent_expires: Option<String>,
    /// Notes
    #[arg(long)]
    notes: Option<String>,
}

fn date(value: Option<&str>) -> Result<Option<chrono::NaiveDate>, Error> {
    Ok(parse_opt::<Date>(value)?.map(|d| d.0))
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Every flag is checked before anything is asked or the database is opened.
    let kind = parse_opt::<PersonKind>(args.kind.as_deref())?;
    let mut new = NewPerson::new(
        args.name.clone().unwrap_or_default(),
        kind.unwrap_or(PersonKind::Student),
    );
    new.email = args.email.clone();
    new.department = args.dept.clone();
    new.level = parse_opt(args.level.as_deref())?;
    new.consent_given = date(args.consent.as_deref())?;
    new.consent_expires = date(args.consent_expires.as_deref())?;
    new.notes = args.notes.clone();
    match (&args.name, kind) {
        (Some(_), Some(_)) => {}
        (Some(_), None) => {
            return Err(Error::Usage(format!(
                "--kind is required; one of: {}",
                PersonKind::NAMES.join(", ")
            ))
            .into());
        }
        (None, _) if prompt::interactive() => {
            ask_missing(&mut prompt::Terminal, &mut new, &args, kind)?
        }
        (None, _) => {
            return Err(Error::Usage(
                "a name is needed, and there is no terminal to ask for it: spm person add \"NAME\" --kind student|staff|external".into(),
            )
            .into());
        }
    }
    let mut conn = ctx.write()?;
    let person = svc::add(&mut conn, new, today)?;
    ctx.note(&format!("registered {} ({})", person.label(), person.kind));
    ctx.emit_line(&person.id.to_string())
}

/// Asks for the name and each field not given as a flag.
fn ask_missing(
    ask: &mut dyn Ask,
    new: &mut NewPerson,
    args: &Args,
    kind: Option<PersonKind>,
) -> Result<(), Error> {
    new.name = ask.text("Name", true, None)?;
    if kind.is_none() {
        new.kind = PersonKind::ALL[ask.select("Kind", PersonKind::NAMES, 0)?];
    }
    if args.email.is_none() {
        new.email = Some(prompt::parsed(ask, "Email (blank for none)", None, |s| {
            if s.trim().is_empty() {
                Ok(String::new())
            } else {
                crate::model::parse_email(s)
            }
        })?);
    }
    if args.dept.is_none() {
        new.department = Some(ask.text("Department (blank for none)", false, None)?);
    }
    if new.kind == PersonKind::Student {
        if args.level.is_none() {
            let mut names = vec!["(not recorded)"];
            names.extend_from_slice(StudyLevel::NAMES);
            let i = ask.select("Level of study", &names, 0)?;
            new.level = i.checked_sub(1).map(|i| StudyLevel::ALL[i]);
        }
        if args.consent.is_none() {
            new.consent_given = prompt::parsed(
                ask,
                "Consent given on, YYYY-MM-DD (blank if not yet)",
                None,
                |s| {
                    if s.trim().is_empty() {
                        Ok(None)
                    } else {
                        crate::model::parse_date(s).map(Some)
                    }
                },
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::prompt::script::Answer::{Select, Text};
    use crate::cli::prompt::script::Script;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        args: Args,
    }

    fn given(args: &[&str]) -> anyhow::Result<Args> {
        Ok(Cmd::try_parse_from(std::iter::once("add").chain(args.iter().copied()))?.args)
    }

    #[test]
    fn asks_a_student_for_every_field() -> anyhow::Result<()> {
        let args = given(&[])?;
        let mut new = NewPerson::new("", PersonKind::Student);
        let mut ask = Script::new([
            Text("Amira Hassan"),
            Select(0),
            // A malformed email is explained and asked again.
            Text("amira at example"),
            Text("a.hassan@example.ac.uk"),
            Text("Economics"),
            // "(not recorded)" comes first.
            Select(1),
            Text("2025-02-30"),
            Text("2025-10-01"),
        ]);
        ask_missing(&mut ask, &mut new, &args, None)?;
        ask.finished();
        assert_eq!(new.name, "Amira Hassan");
        assert_eq!(new.kind, PersonKind::ALL[0]);
        assert_eq!(new.email.as_deref(), Some("a.hassan@example.ac.uk"));
        assert_eq!(new.department.as_deref(), Some("Economics"));
        assert_eq!(new.level, Some(StudyLevel::ALL[0]));
        assert_eq!(
            new.consent_given.map(|d| d.to_string()).as_deref(),
            Some("2025-10-01")
        );
        assert_eq!(ask.said.len(), 2, "{:?}", ask.said);
        Ok(())
    }

    #[test]
    fn asks_staff_nothing_about_study_or_consent() -> anyhow::Result<()> {
        let args = given(&["--email", "a.khan@example.ac.uk"])?;
        let mut new = NewPerson::new("", PersonKind::Staff);
        let staff = PersonKind::NAMES
            .iter()
            .position(|n| *n == "staff")
            .unwrap_or(usize::MAX);
        let mut ask = Script::new([Text("Dr A. Khan"), Select(staff), Text("")]);
        ask_missing(&mut ask, &mut new, &args, None)?;
        ask.finished();
        assert_eq!(ask.asked, ["Name", "Kind", "Department (blank for none)"]);
        assert_eq!(new.kind, PersonKind::Staff);
        assert_eq!(new.level, None);
        assert_eq!(new.consent_given, None);
        Ok(())
    }
}
