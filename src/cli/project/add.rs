//! `spm project add`: from flags, or by asking on a terminal.

use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::cli::args::{Choices, Date, parse_opt};
use crate::cli::prompt::{self, Ask};
use crate::error::Error;
use crate::model::{AcademicYear, Activity, Cadence, Form, Level, Money, Status};
use crate::service::{project as svc, settings};

pub const EXAMPLES: &str = "\
Examples:
  spm project add \"Commuter peer mentoring\" --form wider-student-experience \\
      --level partnership --dept \"Student Services\" --lead \"Dr A. Khan\" \\
      --theme belonging --budget 2500
  spm project add \"Inclusive reading lists\" --form co-creation-of-curriculum \\
      --level involvement --code inclusive-lists --year 2025/26 \\
      --start 2025-09-15 --theme inclusion,decolonising
  spm project add \"Mental health peer support\" --form wider-student-experience \\
      --level partnership --year 2025/26 --same-title    a second one that year
  spm project add \"Law clinic\" --form co-creation-within-curriculum \\
      --level partnership --lead \"Dr A Khan\" --new-lead  not Dr A. Khan
  spm project add \"Peer support, third year\" --form wider-student-experience \\
      --level partnership --year 2026/27 --continues mh-peer-2025

With no title, on a terminal, it asks for each field.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The project's title
    title: Option<String>,
    /// A code to use instead of the generated one (letters, digits, hyphens)
    #[arg(long)]
    code: Option<String>,
    /// A sentence or two on what the project does
    #[arg(long)]
    summary: Option<String>,
    /// The form (location) of partnership
    #[arg(long, value_parser = Choices(Form::NAMES))]
    form: Option<String>,
    /// The kind of activity
    #[arg(long, value_parser = Choices(Activity::NAMES))]
    activity: Option<String>,
    /// The planned engagement level
    #[arg(long, value_parser = Choices(Level::NAMES))]
    level: Option<String>,
    /// The engagement level achieved so far
    #[arg(long, value_parser = Choices(Level::NAMES))]
    achieved: Option<String>,
    /// The status to start in [default: proposed]
    #[arg(long, value_parser = Choices(Status::NAMES))]
    status: Option<String>,
    /// The department, school or service
    #[arg(long, visible_alias = "department")]
    dept: Option<String>,
    /// The academic year, e.g. 2025/26 [default: the current one]
    #[arg(long)]
    year: Option<String>,
    /// The start date, YYYY-MM-DD
    #[arg(long)]
    start: Option<String>,
    /// The end date, YYYY-MM-DD
    #[arg(long)]
    end: Option<String>,
    /// The staff lead: an id, an email, or a name (someone new is registered as staff)
    #[arg(long)]
    lead: Option<String>,
    /// Register --lead as a new member of staff even though someone's name differs from it
    /// only in case, spaces or punctuation
    #[arg(long, requires = "lead")]
    new_lead: bool,
    /// Register the project even though another of its academic year has the same title
    /// (ignoring case, spaces and punctuation)
    #[arg(long)]
    same_title: bool,
    /// A theme (repeat, or separate with commas)
    #[arg(long = "theme", value_delimiter = ',')]
    themes: Vec<String>,
    /// The budget in pounds, e.g. 2500 or £2,500.00
    #[arg(long, allow_hyphen_values = true)]
    budget: Option<String>,
    /// How often it is reviewed, e.g. 6m, 12m, 1y [default: 12m]
    #[arg(long)]
    cadence: Option<String>,
    /// The code of the project of an earlier academic year that this one continues
    #[arg(long, value_name = "CODE")]
    continues: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let today = ctx.today()?;
    // Every flag given is checked before anything is asked or the database is opened, so a
    // typo never costs a round of questions nor creates a database.
    let form = parse_opt::<Form>(args.form.as_deref())?;
    let level = parse_opt::<Level>(args.level.as_deref())?;
    let mut new = svc::NewProject::new(
        args.title.clone().unwrap_or_default(),
        form.unwrap_or(Form::ALL[0]),
        level.unwrap_or(Level::Partnership),
    );
    fill_optional(&mut new, &args)?;
    let ask = match (&args.title, form, level) {
        (Some(_), Some(_), Some(_)) => false,
        (Some(_), None, _) => return Err(missing("form", Form::NAMES).into()),
        (Some(_), _, None) => return Err(missing("level", Level::NAMES).into()),
        (None, _, _) if prompt::interactive() => true,
        (None, _, _) => {
            return Err(Error::Usage(
                "a title is needed, and there is no terminal to ask for it: spm project add \"TITLE\" --form FORM --level LEVEL".into(),
            )
            .into());
        }
    };
    let mut conn = ctx.write()?;
    if ask {
        let year = settings::current_year(&conn, today)?;
        ask_missing(&mut prompt::Terminal, &mut new, &args, form, level, year)?;
    }
    let svc::Added { project, new_lead } = svc::add(&mut conn, new, today)?;
    if let Some(lead) = new_lead {
        ctx.note(&format!(
            "registered {lead} as a member of staff (see \"spm person list\")"
        ));
    }
    ctx.note(&format!(
        "created project {} ({}, {})",
        project.code, project.title, project.academic_year
    ));
    ctx.emit_line(&project.code)
}

/// The error for a required flag that was not given.
fn missing(flag: &str, names: &[&str]) -> Error {
    Error::Usage(format!(
        "--{flag} is required; one of: {}",
        names.join(", ")
    ))
}

fn fill_optional(new: &mut svc::NewProject, args: &Args) -> Result<(), Error> {
    new.code = args.code.clone();
    new.summary = args.summary.clone();
    new.activity = parse_opt(args.activity.as_deref())?;
    new.level_achieved = parse_opt(args.achieved.as_deref())?;
    if let Some(s) = parse_opt::<Status>(args.status.as_deref())? {
        new.status = s;
    }
    new.department = args.dept.clone();
    new.academic_year = parse_opt(args.year.as_deref())?;
    new.start_date = parse_opt::<Date>(args.start.as_deref())?.map(|d| d.0);
    new.end_date = parse_opt::<Date>(args.end.as_deref())?.map(|d| d.0);
    new.lead = args.lead.clone();
    new.new_lead = args.new_lead;
    new.same_title = args.same_title;
    new.themes = args.themes.clone();
    new.budget = parse_opt::<Money>(args.budget.as_deref())?;
    if let Some(c) = parse_opt::<Cadence>(args.cadence.as_deref())? {
        new.cadence = c;
    }
    new.continues = args.continues.clone();
    Ok(())
}

/// Asks for the title and for each field not given as a flag (those are already in `new`).
fn ask_missing(
    ask: &mut dyn Ask,
    new: &mut svc::NewProject,
    args: &Args,
    form: Option<Form>,
    level: Option<Level>,
    year: AcademicYear,
) -> Result<(), Error> {
    new.title = ask.text("Title", true, None)?;
    if form.is_none() {
        new.form = Form::ALL[ask.select("Form of partnership", Form::NAMES, 0)?];
    }
    if level.is_none() {
        new.level_planned = Level::ALL[ask.select("Planned engagement level", Level::NAMES, 2)?];
    }
    if args.activity.is_none() {
        let mut names = vec!["(none)"];
        names.extend_from_slice(Activity::NAMES);
        let i = ask.select("Activity", &names, 0)?;
        new.activity = i.checked_sub(1).map(|i| Activity::ALL[i]);
    }
    if args.dept.is_none() {
        new.department = Some(ask.text("Department (blank for none)", false, None)?);
    }
    if args.lead.is_none() {
        new.lead = Some(ask.text("Staff lead (blank for none)", false, None)?);
    }
    if args.year.is_none() {
        let shown = year.to_string();
        new.academic_year = Some(prompt::parsed(ask, "Academic year", Some(&shown), |s| {
            s.parse()
        })?);
    }
    if args.themes.is_empty() {
        let themes = ask.text("Themes, separated by commas (blank for none)", false, None)?;
        new.themes = themes.split(',').map(str::to_string).collect();
    }
    if args.budget.is_none() {
        new.budget = prompt::parsed(ask, "Budget in pounds (blank for none)", None, |s| {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                s.parse::<Money>().map(Some)
            }
        })?;
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

    /// `spm project add ARGS`, as clap reads it, and the project the flags give.
    fn given(args: &[&str]) -> anyhow::Result<(Args, svc::NewProject)> {
        let args = Cmd::try_parse_from(std::iter::once("add").chain(args.iter().copied()))?.args;
        let mut new = svc::NewProject::new("", Form::ALL[0], Level::Partnership);
        fill_optional(&mut new, &args)?;
        Ok((args, new))
    }

    fn index(names: &[&str], name: &str) -> usize {
        names.iter().position(|n| *n == name).unwrap_or(usize::MAX)
    }

    #[test]
    fn asks_for_every_field_when_no_flag_is_given() -> anyhow::Result<()> {
        let (args, mut new) = given(&[])?;
        let mut ask = Script::new([
            Text("Peer wellbeing"),
            Select(index(Form::NAMES, "wider-student-experience")),
            Select(index(Level::NAMES, "student-led")),
            // "(none)" comes first, so each activity is one further on.
            Select(1 + index(Activity::NAMES, "change-makers")),
            Text("Student Services"),
            Text("Dr A. Khan"),
            // An academic year that is not one is asked again, with the reason said.
            Text("2025/27"),
            Text("2025/26"),
            Text("wellbeing, belonging"),
            Text("£2,500"),
        ]);
        ask_missing(&mut ask, &mut new, &args, None, None, AcademicYear(2026))?;
        ask.finished();
        assert_eq!(new.title, "Peer wellbeing");
        assert_eq!(new.form, Form::WiderExperience);
        assert_eq!(new.level_planned, Level::StudentLed);
        assert_eq!(new.activity, Some(Activity::ChangeMakers));
        assert_eq!(new.department.as_deref(), Some("Student Services"));
        assert_eq!(new.lead.as_deref(), Some("Dr A. Khan"));
        assert_eq!(new.academic_year, Some(AcademicYear(2025)));
        assert_eq!(new.themes, ["wellbeing", " belonging"]);
        assert_eq!(new.budget, Some(Money(250_000)));
        assert_eq!(
            ask.asked.iter().filter(|p| *p == "Academic year").count(),
            2
        );
        assert!(
            ask.said.iter().any(|s| s.contains("2025/27")),
            "{:?}",
            ask.said
        );
        Ok(())
    }

    #[test]
    fn asks_only_for_what_the_flags_leave_out() -> anyhow::Result<()> {
        let (args, mut new) = given(&[
            "--form",
            "educational-research",
            "--activity",
            "research-internship",
            "--dept",
            "History",
            "--lead",
            "Dr B",
            "--year",
            "2024/25",
            "--theme",
            "archives",
            "--budget",
            "100",
        ])?;
        let form = parse_opt::<Form>(args.form.as_deref())?;
        let mut ask = Script::new([
            Text("Oral histories"),
            Select(index(Level::NAMES, "involvement")),
        ]);
        ask_missing(&mut ask, &mut new, &args, form, None, AcademicYear(2026))?;
        ask.finished();
        assert_eq!(ask.asked, ["Title", "Planned engagement level"]);
        assert_eq!(new.level_planned, Level::Involvement);
        assert_eq!(new.department.as_deref(), Some("History"));
        assert_eq!(new.academic_year, Some(AcademicYear(2024)));
        assert_eq!(new.budget, Some(Money(10_000)));
        Ok(())
    }

    #[test]
    fn blank_answers_leave_optional_fields_empty() -> anyhow::Result<()> {
        let (args, mut new) =
            given(&["--form", "educational-research", "--level", "consultation"])?;
        let form = parse_opt::<Form>(args.form.as_deref())?;
        let level = parse_opt::<Level>(args.level.as_deref())?;
        let mut ask = Script::new([
            Text("Survey"),
            Select(0),
            Text(""),
            Text(""),
            Text("2026/27"),
            Text(""),
            Text("not money"),
            Text(""),
        ]);
        ask_missing(&mut ask, &mut new, &args, form, level, AcademicYear(2026))?;
        ask.finished();
        assert_eq!(new.activity, None);
        assert_eq!(new.department.as_deref(), Some(""));
        assert_eq!(new.budget, None);
        assert_eq!(
            ask.said.len(),
            1,
            "the bad budget is explained: {:?}",
            ask.said
        );
        Ok(())
    }
}
