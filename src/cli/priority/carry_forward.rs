//! `spm priority carry-forward FROM TO`: one year's priorities proposed for a later year, each
//! kept only when confirmed (or `--yes`).

use clap::Args as ClapArgs;

use super::numbered;
use crate::cli::Ctx;
use crate::cli::prompt::{self, Ask};
use crate::error::Result;
use crate::model::{AcademicYear, Priority, Status};
use crate::service::priority::{self as svc, CarryPlan};

pub const EXAMPLES: &str = "\
Examples:
  spm priority carry-forward 2021/22 2022/23 --yes  carries them all

On a terminal, without --yes, it asks about each priority; without a terminal to ask on,
--yes is needed. Each carried priority keeps its objectives (change them with spm priority
set) and remembers the year it came from. Projects that are priorities in the later year
already are skipped.";

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The year to carry from, e.g. 2025/26
    from: String,
    /// The later year to carry into, e.g. 2026/27
    to: String,
    /// Carry every one without asking
    #[arg(long, short = 'y')]
    yes: bool,
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

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<()> {
    let from: AcademicYear = args.from.parse()?;
    let to: AcademicYear = args.to.parse()?;
    let mut conn = ctx.write()?;
    let plan = svc::plan_carry(&conn, from, to, ctx.today()?)?;
    let ask = !args.yes && !plan.proposals.is_empty();
    // Refused before anything is said, so a script sees one error line and nothing else.
    if ask {
        let what = format!(
            "carrying {} forward from {from} to {to}",
            count(plan.proposals.len())
        );
        prompt::refuse_unattended(&what, None)?;
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
