//! The demo programme loaded by `spm init --demo`: a small, realistic set of records drawn
//! from the seeds. Later features add their own records here, so it stays in one place.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{
    AcademicYear, Activity, Cadence, Decision, Form, Level, Money, OutcomeInput, ReviewKind,
    ScoreInput, ScoredBy, Status, parse_date,
};
use crate::service::project::{self, NewProject};
use crate::service::review::{self, NewReview};

/// The demo records, embedded at compile time from `data/demo.json`.
const DEMO: &str = include_str!("../../data/demo.json");

#[derive(Deserialize)]
struct Demo {
    projects: Vec<DemoProject>,
    reviews: Vec<DemoReview>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoReview {
    project: String,
    on: String,
    kind: String,
    decision: String,
    #[serde(default)]
    reviewers: Vec<String>,
    went_well: Option<String>,
    change: Option<String>,
    lessons: Option<String>,
    #[serde(default)]
    scores: Vec<String>,
    #[serde(default)]
    student_scores: Vec<String>,
    #[serde(default)]
    outcomes: Vec<String>,
}

impl DemoReview {
    fn into_new(self) -> Result<NewReview> {
        let mut new = NewReview::new(
            self.project,
            parse_date(&self.on)?,
            self.kind.parse::<ReviewKind>()?,
            self.decision.parse::<Decision>()?,
        );
        new.reviewers = self.reviewers;
        new.went_well = self.went_well;
        new.to_change = self.change;
        new.lessons = self.lessons;
        for (spec, by) in self
            .scores
            .iter()
            .map(|s| (s, ScoredBy::Staff))
            .chain(self.student_scores.iter().map(|s| (s, ScoredBy::Students)))
        {
            let mut score: ScoreInput = spec.parse()?;
            score.by = by;
            new.scores.push(score);
        }
        new.outcomes = self
            .outcomes
            .iter()
            .map(|o| o.parse::<OutcomeInput>())
            .collect::<Result<_>>()?;
        // The demo's dates are fixed; loaded on an earlier "today" they may lie ahead.
        new.allow_future = true;
        Ok(new)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProject {
    code: String,
    title: String,
    summary: Option<String>,
    form: String,
    activity: Option<String>,
    level: String,
    achieved: Option<String>,
    status: String,
    department: Option<String>,
    year: String,
    start: Option<String>,
    end: Option<String>,
    lead: Option<String>,
    #[serde(default)]
    themes: Vec<String>,
    budget: Option<String>,
    cadence: Option<String>,
}

/// What the demo loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub projects: usize,
    pub reviews: usize,
}

fn date(s: Option<&String>) -> Result<Option<NaiveDate>> {
    s.map(|d| parse_date(d)).transpose()
}

impl DemoProject {
    fn into_new(self) -> Result<NewProject> {
        Ok(NewProject {
            code: Some(self.code),
            summary: self.summary,
            form: self.form.parse::<Form>()?,
            activity: self.activity.map(|a| a.parse::<Activity>()).transpose()?,
            level_planned: self.level.parse::<Level>()?,
            level_achieved: self.achieved.map(|a| a.parse::<Level>()).transpose()?,
            status: self.status.parse::<Status>()?,
            department: self.department,
            academic_year: Some(self.year.parse::<AcademicYear>()?),
            start_date: date(self.start.as_ref())?,
            end_date: date(self.end.as_ref())?,
            lead: self.lead,
            themes: self.themes,
            budget: self.budget.map(|b| b.parse::<Money>()).transpose()?,
            cadence: self
                .cadence
                .map(|c| c.parse::<Cadence>())
                .transpose()?
                .unwrap_or_default(),
            title: self.title,
        })
    }
}

/// Loads the demo programme into an empty database, all or nothing.
///
/// Errors: `Conflict` when the database already holds projects.
pub fn load(conn: &mut Connection, today: NaiveDate) -> Result<Loaded> {
    let demo: Demo = serde_json::from_str(DEMO)
        .map_err(|e| Error::Invalid(format!("the demo data is malformed: {e}")))?;
    let tx = begin_write(conn)?;
    let existing = project::count(&tx)?;
    if existing > 0 {
        return Err(Error::Conflict(format!(
            "the database already holds {existing} projects; demo data goes into a new database (choose one with --db)"
        )));
    }
    let mut loaded = Loaded {
        projects: 0,
        reviews: 0,
    };
    for p in demo.projects {
        project::insert(&tx, p.into_new()?, today)?;
        loaded.projects += 1;
    }
    for r in demo.reviews {
        review::insert(&tx, r.into_new()?, today)?;
        loaded.reviews += 1;
    }
    tx.commit().context("cannot save the demo data")?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_loads_once() -> anyhow::Result<()> {
        let mut conn = crate::service::open_in_memory()?;
        let today = parse_date("2026-11-23")?;
        let loaded = load(&mut conn, today)?;
        assert_eq!((loaded.projects, loaded.reviews), (12, 5));
        assert!(load(&mut conn, today).is_err());
        assert_eq!(project::count(&conn)?, 12);
        Ok(())
    }
}
