//! `spm priority ...`: the Partnership Agreement's priority projects for each year, with their
//! objectives, carried forward one by one when the Agreement is reviewed.

use clap::{Args as ClapArgs, Subcommand};

use super::Ctx;
use crate::cli::prompt::{self, Ask};
use crate::error::{Error, Result};
use crate::model::{AcademicYear, Status};
use crate::output::{Doc, Format, Rows, Value, col};
use crate::service::priority::{self as svc, CarryPlan, Priority, SetOutcome};

pub const EXAMPLES: &str = "\
Examples:
  spm priority set 2026/27 mh-peer-2025 \\
      --objective \"halve waiting times for peer support\" \\
      --objective \"train 40 student mentors\"
  spm priority list 2021/22
  spm priority carry-forward 2021/22 2022/23 --yes  carries them all";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a project a priority for an academic year with its objectives (replaces the
    /// objectives when it is one already)
    #[command(after_help = SET_EXAMPLES)]
    Set(SetArgs),

    /// List the priority projects with their objectives, newest year first
    #[command(visible_alias = "ls", after_help = LIST_EXAMPLES)]
    List {
        /// Only this academic year, e.g. 2025/26 [default: every year]
        year: Option<String>,
    },

    /// Propose one year's priorities for a later year, each kept only when confirmed (or --yes)
    #[command(after_help = CARRY_EXAMPLES)]
    CarryForward {
        /// The year to carry from, e.g. 2025/26
        from: String,
        /// The later year to carry into, e.g. 2026/27
        to: String,
        /// Carry every one without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },

    /// Take a project off a year's priorities, with its objectives
    #[command(visible_alias = "rm", after_help = REMOVE_EXAMPLES)]
    Remove {
        /// The academic year, e.g. 2025/26
        year: String,
        /// The project's code
        project: String,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, ClapArgs)]
pub struct SetArgs {
    /// The academic year, e.g. 2025/26
    year: String,
    /// The project's code
    project: String,
    /// An objective of the priority, in order (repeat; at least one)
    #[arg(long = "objective", value_name = "TEXT")]
    objectives: Vec<String>,
}

const SET_EXAMPLES: &str = "\
Examples:
  spm priority set 2026/27 mh-peer-2025 \\
      --objective \"halve waiting times for peer support\"
  spm priority set 2026/27 reps-forum-2025 \\
      --objective \"close the feedback loop within a term\" \\
      --objective \"publish a you-said-we-did board each term\"

Setting a priority that exists already replaces its objectives with the ones given.";

const LIST_EXAMPLES: &str = "\
Examples:
  spm priority list
  spm priority list 2021/22
  spm --format json priority list 2021/22";

const CARRY_EXAMPLES: &str = "\
Examples:
  spm priority carry-forward 2021/22 2022/23 --yes  carries them all

On a terminal, without --yes, it asks about each priority; without a terminal to ask on,
--yes is needed. Each carried priority keeps its objectives (change them with spm priority
set) and remembers the year it came from. Projects that are priorities in the later year
already are skipped.";

const REMOVE_EXAMPLES: &str = "\
Examples:
  spm priority remove 2022/23 mental-health-2021 --yes

It asks to be sure on a terminal; --yes answers for it, and is needed where there is no
terminal to ask on.";

pub fn run(ctx: &Ctx, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Set(args) => set(ctx, args),
        Command::List { year } => list(ctx, year.as_deref()),
        Command::CarryForward { from, to, yes } => carry_forward(ctx, &from, &to, yes),
        Command::Remove { year, project, yes } => remove(ctx, &year, &project, yes),
    }
}

fn set(ctx: &Ctx, args: SetArgs) -> anyhow::Result<()> {
    let year: AcademicYear = args.year.parse()?;
    if args.objectives.is_empty() {
        return Err(Error::Usage(
            "a priority needs at least one objective: add --objective TEXT (repeat for each)"
                .into(),
        )
        .into());
    }
    let mut conn = ctx.write()?;
    let set = svc::set(
        &mut conn,
        year,
        &args.project,
        &args.objectives,
        ctx.today()?,
    )?;
    let p = &set.priority;
    let n = p.objectives.len();
    let objectives = format!("{n} objective{}", if n == 1 { "" } else { "s" });
    ctx.note(&match set.outcome {
        SetOutcome::Created => format!("{} is a priority for {year}, with {objectives}", p.project),
        SetOutcome::Replaced => format!(
            "replaced the objectives of {} for {year}: now {objectives}",
            p.project
        ),
        SetOutcome::Unchanged => format!(
            "{} is a priority for {year} with these {objectives} already; nothing changed",
            p.project
        ),
    });
    Ok(())
}

/// Objectives as one cell: a list for scripts, numbered lines for a person.
fn objectives_value(format: Format, objectives: &[String]) -> Value {
    match format {
        Format::Json | Format::Csv => Value::List(objectives.to_vec()),
        Format::Table | Format::Md => Value::Text(numbered(objectives).join("\n")),
    }
}

fn numbered(objectives: &[String]) -> Vec<String> {
    objectives
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}. {o}", i + 1))
        .collect()
}

fn list(ctx: &Ctx, year: Option<&str>) -> anyhow::Result<()> {
    let year: Option<AcademicYear> = year.map(str::parse).transpose()?;
    let conn = ctx.read()?;
    let priorities = svc::list(&conn, year)?;
    let mut rows = Rows::new(&[
        col("year", "Year"),
        col("project", "Project"),
        col("title", "Title"),
        col("objectives", "Objectives"),
        col("carried_from", "Carried from"),
    ]);
    for p in priorities {
        rows.push(vec![
            Value::Text(p.year.to_string()),
            Value::Text(p.project.clone()),
            Value::Text(p.title.clone()),
            objectives_value(ctx.format, &p.objectives),
            Value::text(p.carried_from.map(|y| y.to_string())),
        ]);
    }
    let within = year.map_or_else(String::new, |y| format!(" for {y}"));
    ctx.emit_or(
        &Doc::Rows(rows),
        &format!("no priority projects{within} yet; set one with spm priority set YEAR PROJECT"),
    )
}

/// How many priorities, in words.
fn count(n: usize) -> String {
    format!("{n} priorit{}", if n == 1 { "y" } else { "ies" })
}

/// Asks about each proposed priority in turn; returns the ids of those to keep.
fn choose(ask: &mut dyn Ask, plan: &CarryPlan) -> Result<Vec<i64>> {
    let mut keep = Vec::new();
    for p in &plan.proposals {
        ask.say(&describe(p));
        for line in numbered(&p.objectives) {
            ask.say(&format!("  {line}"));
        }
        let question = format!("Keep {} as a priority for {}?", p.project, plan.to);
        if ask.confirm(&question, false)? {
            keep.push(p.id);
        }
    }
    Ok(keep)
}

/// A priority in one line: its project, title and, when not active, the project's status.
fn describe(p: &Priority) -> String {
    let status = if p.status == Status::Active {
        String::new()
    } else {
        format!(" (project {})", p.status)
    };
    format!(
        "{} \"{}\"{status}, a priority in {}:",
        p.project, p.title, p.year
    )
}

fn carry_forward(ctx: &Ctx, from: &str, to: &str, yes: bool) -> anyhow::Result<()> {
    let from: AcademicYear = from.parse()?;
    let to: AcademicYear = to.parse()?;
    let mut conn = ctx.write()?;
    let plan = svc::plan_carry(&conn, from, to, ctx.today()?)?;
    let ask = !yes && !plan.proposals.is_empty();
    // Refused before anything is said, so a script sees one error line and nothing else.
    if ask && !prompt::interactive() {
        return Err(Error::Usage(format!(
            "carrying {} forward from {from} to {to} needs confirmation: add --yes (there is no terminal to ask on)",
            count(plan.proposals.len())
        ))
        .into());
    }
    for p in &plan.already {
        ctx.note(&format!(
            "skipped {}: a priority for {to} already",
            p.project
        ));
    }
    if plan.proposals.is_empty() {
        ctx.note(&format!("nothing to carry forward from {from} to {to}"));
        return Ok(());
    }
    let ids = if ask {
        choose(&mut prompt::Terminal, &plan)?
    } else {
        plan.proposals.iter().map(|p| p.id).collect()
    };
    if ids.is_empty() {
        ctx.note("nothing was carried forward");
        return Ok(());
    }
    let carried = svc::carry(&mut conn, to, &ids)?;
    for p in &carried {
        ctx.note(&format!(
            "carried {} forward from {from} to {to}, with its objectives",
            p.project
        ));
    }
    // Out of every priority of `from`, those skipped for being there already included.
    let there = match plan.already.len() {
        0 => String::new(),
        n => format!(" ({n} there already)"),
    };
    ctx.note(&format!(
        "{} of {} carried forward to {to}{there}; review their objectives with \"spm priority set\"",
        count(carried.len()),
        plan.proposals.len() + plan.already.len()
    ));
    Ok(())
}

fn remove(ctx: &Ctx, year: &str, project: &str, yes: bool) -> anyhow::Result<()> {
    let year: AcademicYear = year.parse()?;
    let mut conn = ctx.write()?;
    let p = svc::get(&conn, year, project)?;
    if !yes {
        if !prompt::interactive() {
            return Err(Error::Usage(format!(
                "taking {} off the priorities of {year} needs confirmation: add --yes (there is no terminal to ask on)",
                p.project
            ))
            .into());
        }
        let question = format!(
            "Take {} off the priorities of {year}, with its {}?",
            p.project,
            if p.objectives.len() == 1 {
                "objective".to_string()
            } else {
                format!("{} objectives", p.objectives.len())
            }
        );
        if !prompt::confirm(&question)? {
            ctx.note("nothing was removed");
            return Ok(());
        }
    }
    let removed = svc::remove(&mut conn, year, project)?;
    ctx.note(&format!(
        "took {} off the priorities of {year}",
        removed.project
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::prompt::script::Answer::Confirm;
    use crate::cli::prompt::script::Script;

    fn priority(id: i64, project: &str, status: Status) -> Priority {
        Priority {
            id,
            year: AcademicYear(2021),
            project: project.into(),
            title: format!("Project {project}"),
            status,
            objectives: vec!["first".into(), "second".into()],
            carried_from_id: None,
            carried_from: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn each_priority_is_kept_only_when_confirmed() -> Result<()> {
        let plan = CarryPlan {
            from: AcademicYear(2021),
            to: AcademicYear(2022),
            proposals: vec![
                priority(1, "mh", Status::Active),
                priority(2, "voice", Status::Completed),
                priority(3, "jobs", Status::Active),
            ],
            already: Vec::new(),
        };
        let mut script = Script::new([Confirm(true), Confirm(false), Confirm(true)]);
        assert_eq!(choose(&mut script, &plan)?, vec![1, 3]);
        script.finished();
        assert_eq!(script.asked[0], "Keep mh as a priority for 2022/23?");
        assert!(script.said.contains(&"  2. second".to_string()));
        assert!(
            script
                .said
                .iter()
                .any(|l| l.contains("voice") && l.contains("(project completed)"))
        );
        Ok(())
    }
}
