//! `spm person add`, `list`, `show` and `edit`.

use clap::Args as ClapArgs;

use crate::cli::args::{Choices, Date, clearable_text, parse_clearable, parse_opt};
use crate::cli::prompt::Ask;
use crate::cli::screen::Filters;
use crate::cli::{Ctx, change_rows, prompt};
use crate::error::Error;
use crate::model::{Money, Person, PersonKind, Span, StudyLevel};
use crate::output::remind::lateness;
use crate::output::{Column, Doc, Kind, Record, Rows, Value, col};
use crate::service::partner;
use crate::service::person::{self as svc, NewPerson, PersonFilter, PersonPatch};

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
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

#[derive(Debug, ClapArgs)]
pub struct ListArgs {
    /// Only students, staff or external partners
    #[arg(long, value_parser = Choices(PersonKind::NAMES))]
    kind: Option<String>,
    /// Only people of this department (whole name, any case)
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// Only people with this text in their name, email or department
    #[arg(long)]
    search: Option<String>,
    /// Only people whose consent runs out within this span, e.g. 30d
    #[arg(long, value_name = "SPAN", conflicts_with = "consent_expired")]
    consent_expiring: Option<String>,
    /// Only people whose consent has run out or been withdrawn
    #[arg(long)]
    consent_expired: bool,
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
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
}

fn date(value: Option<&str>) -> Result<Option<chrono::NaiveDate>, Error> {
    Ok(parse_opt::<Date>(value)?.map(|d| d.0))
}

fn clearable_date(value: Option<&str>) -> Result<Option<Option<chrono::NaiveDate>>, Error> {
    Ok(parse_clearable::<Date>(value)?.map(|d| d.map(|d| d.0)))
}

pub(super) fn add(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
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
    args: &AddArgs,
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
    ("erased_on", "Erased"),
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

/// A column as a table fitted to a terminal treats it: who the person is stays longest,
/// the dates of consent given or withdrawn and of erasure go first.
fn fitted(c: Column) -> Column {
    match c.key {
        "id" => c.kind(Kind::Id).key(),
        "name" => c.high(),
        "level" | "consent_given" | "consent_withdrawn" | "erased_on" => c.low(),
        _ => c,
    }
}

pub(super) fn list(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let filter = PersonFilter {
        kind: parse_opt(args.kind.as_deref())?,
        department: args.dept,
        search: args.search,
        consent_expiring_by: parse_opt::<Span>(args.consent_expiring.as_deref())?
            .map(|s| s.after(today)),
        consent_expired: args.consent_expired,
    };
    let empty = Filters::default()
        .value("--kind", filter.kind.as_ref())
        .text("--dept", filter.department.as_deref())
        .text("--search", filter.search.as_deref())
        .value("--consent-expiring", args.consent_expiring.as_deref())
        .flag("--consent-expired", filter.consent_expired)
        .empty("people", "no people yet; add one with spm person add NAME");
    let conn = ctx.read()?;
    let people = svc::list(&conn, &filter, today)?;
    let columns: Vec<_> = LIST_COLUMNS
        .iter()
        .map(|&(k, h)| fitted(col(k, h)))
        .collect();
    let mut rows = Rows::new(&columns);
    for p in &people {
        rows.push(columns.iter().map(|c| cell(p, c.key)).collect());
    }
    ctx.emit_or(&Doc::Rows(rows), &empty)
}

/// A person's roles in projects as rows, with the hours and payments logged for each.
fn role_rows(partners: &[crate::model::Partner]) -> Rows {
    let mut rows = Rows::new(&[
        col("project", "Project"),
        col("title", "Title"),
        col("role", "Role"),
        col("from", "From"),
        col("to", "To"),
        col("hours", "Hours"),
        col("paid", "Paid"),
        col("recognition", "Recognition"),
    ]);
    for p in partners {
        rows.push(vec![
            Value::Text(p.project.clone()),
            Value::Text(p.project_title.clone()),
            Value::Text(p.role.to_string()),
            Value::date(p.from),
            Value::date(p.to),
            Value::Float(p.minutes as f64 / 60.0),
            Value::Money(Money(p.paid_pence)),
            Value::List(p.recognition.iter().map(|r| r.to_string()).collect()),
        ]);
    }
    rows
}

pub(super) fn show(ctx: &Ctx, key: &str) -> anyhow::Result<()> {
    let today = ctx.today()?;
    let conn = ctx.read()?;
    let p = svc::resolve(&conn, key)?;
    let mut rec = Record::default();
    for (k, h) in LIST_COLUMNS {
        rec.field(k, h, cell(&p, k));
    }
    rec.field("notes", "Notes", cell(&p, "notes"));
    let consent = if p.erased_on.is_some() {
        "erased".to_string()
    } else if p.consents_on(today) {
        "on record".to_string()
    } else {
        "none on record for today".to_string()
    };
    rec.field("consent", "Consent", Value::Text(consent));
    let partners = partner::of_person(&conn, &p)?;
    let minutes: i64 = partners.iter().map(|x| x.minutes).sum();
    let paid: i64 = partners.iter().map(|x| x.paid_pence).sum();
    rec.field("hours", "Hours in all", Value::Float(minutes as f64 / 60.0));
    rec.field("paid", "Paid in all", Value::Money(Money(paid)));
    rec.section("projects", "Projects", role_rows(&partners));
    rec.section(
        "leads",
        "Projects they lead",
        super::show::rows(&conn, p.id)?,
    );
    let mut requests = Rows::new(&[
        col("id", "Id"),
        col("kind", "Kind"),
        col("received", "Received"),
        col("due", "Due"),
        col("closed_on", "Closed"),
        col("state", "State"),
    ]);
    for r in svc::requests(&conn, false)?
        .into_iter()
        .filter(|r| r.person_id == p.id)
    {
        requests.push(vec![
            Value::Int(r.id),
            Value::Text(r.kind.to_string()),
            Value::Date(r.received.to_string()),
            Value::Date(r.due.to_string()),
            Value::date(r.closed_on),
            Value::Text(match r.closed_on {
                Some(_) => "closed".to_string(),
                None => lateness((today - r.due).num_days()),
            }),
        ]);
    }
    rec.section("requests", "Data-protection requests", requests);
    let history = svc::history(&conn, &p)?;
    rec.section(
        "history",
        "History",
        change_rows(ctx.format, history, "registered"),
    );
    ctx.emit(&Doc::Record(rec))
}

pub(super) fn edit(ctx: &Ctx, args: EditArgs) -> anyhow::Result<()> {
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::prompt::script::Answer::{Select, Text};
    use crate::cli::prompt::script::Script;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        args: AddArgs,
    }

    fn given(args: &[&str]) -> anyhow::Result<AddArgs> {
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
