//! The demo programme loaded by `spm init --demo`: a small, realistic set of records drawn
//! from the seeds. Later features add their own records here, so it stays in one place.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

mod programmes;

use programmes::{
    DemoApplication, DemoPriority, DemoRec, DemoSession, Programmes, load_programmes,
};

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{
    AcademicYear, Activity, Cadence, Decision, Form, Level, Money, OutcomeInput, PersonKind,
    Recognition, RequestKind, ReviewKind, Role, ScoreInput, ScoredBy, Status, StudyLevel,
    parse_date,
};
use crate::service::partner::{self, NewContribution, NewPartner, parse_hours};
use crate::service::person::{self, NewPerson, PersonPatch};
use crate::service::project::{self, NewProject, PublishProject};
use crate::service::review::{self, NewReview};

/// The demo records, embedded at compile time from `data/demo.json`.
const DEMO: &str = include_str!("../../../data/demo.json");

#[derive(Deserialize)]
struct Demo {
    people: Vec<DemoPerson>,
    projects: Vec<DemoProject>,
    reviews: Vec<DemoReview>,
    partners: Vec<DemoPartner>,
    priorities: Vec<DemoPriority>,
    panel: Vec<DemoSession>,
    recommendations: Vec<DemoRec>,
    fund: Vec<DemoApplication>,
    requests: Vec<DemoRequest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    name: String,
    kind: String,
    email: Option<String>,
    department: Option<String>,
    level: Option<String>,
    consent: Option<String>,
    consent_expires: Option<String>,
    /// The day they consented to be named on a public page.
    consent_to_name: Option<String>,
    /// Self-declared characteristics, category to value, for the aggregate reports.
    #[serde(default)]
    characteristics: BTreeMap<String, String>,
}

/// A data-protection request, received and not yet answered.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRequest {
    person: String,
    kind: String,
    received: String,
    note: Option<String>,
}

impl DemoPerson {
    fn into_new(self) -> Result<NewPerson> {
        let mut new = NewPerson::new(self.name, self.kind.parse::<PersonKind>()?);
        new.email = self.email;
        new.department = self.department;
        new.level = self.level.map(|l| l.parse::<StudyLevel>()).transpose()?;
        new.consent_given = date(self.consent.as_ref())?;
        new.consent_expires = date(self.consent_expires.as_ref())?;
        Ok(new)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPartner {
    project: String,
    person: String,
    role: String,
    from: Option<String>,
    to: Option<String>,
    skills: Option<String>,
    #[serde(default)]
    log: Vec<DemoLog>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoLog {
    on: String,
    hours: Option<String>,
    paid: Option<String>,
    recognition: Option<String>,
    note: Option<String>,
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
    /// The code of the project of an earlier year that it continues (linked once every
    /// project is in, so the earlier one may come later in the file).
    continues: Option<String>,
    /// The project's title and summary approved for the public pages.
    published: Option<DemoProjectPublished>,
}

/// A project approved for the public pages, with its own summary where given.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProjectPublished {
    on: String,
    summary: Option<String>,
}

/// What the demo loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub people: usize,
    pub projects: usize,
    pub reviews: usize,
    pub partners: usize,
    pub priorities: usize,
    pub panel_sessions: usize,
    pub recommendations: usize,
    pub fund_applications: usize,
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
            new_lead: false,
            same_title: false,
            themes: self.themes,
            budget: self.budget.map(|b| b.parse::<Money>()).transpose()?,
            cadence: self
                .cadence
                .map(|c| c.parse::<Cadence>())
                .transpose()?
                .unwrap_or_default(),
            title: self.title,
            continues: None,
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
        people: 0,
        projects: 0,
        reviews: 0,
        partners: 0,
        priorities: 0,
        panel_sessions: 0,
        recommendations: 0,
        fund_applications: 0,
    };
    // The demo's dates are fixed; loaded on an earlier "today" they may lie ahead, so people
    // and contributions are checked against the end of time rather than today.
    for mut p in demo.people {
        let characteristics = std::mem::take(&mut p.characteristics);
        let named = date(p.consent_to_name.as_ref())?;
        let mut added = person::insert(&tx, p.into_new()?, NaiveDate::MAX)?;
        if named.is_some() {
            let patch = PersonPatch {
                consent_to_name: Some(named),
                ..PersonPatch::default()
            };
            added = person::apply_patch(&tx, added, patch, NaiveDate::MAX)?.0;
        }
        for (category, value) in &characteristics {
            person::insert_characteristic(&tx, &added.id.to_string(), category, value)?;
        }
        loaded.people += 1;
    }
    let mut published = Vec::new();
    let mut links = Vec::new();
    for mut p in demo.projects {
        if let Some(what) = p.published.take() {
            published.push((p.code.clone(), what));
        }
        if let Some(earlier) = p.continues.take() {
            links.push((p.code.clone(), earlier));
        }
        project::insert(&tx, p.into_new()?, today)?;
        loaded.projects += 1;
    }
    for (code, earlier) in links {
        project::link(&tx, &code, &earlier)?;
    }
    for (code, p) in published {
        let what = PublishProject {
            title: None,
            summary: p.summary,
            on: Some(parse_date(&p.on)?),
        };
        project::apply_publish(&tx, &code, what, programmes::demo_today(today)?)?;
    }
    for r in demo.reviews {
        review::insert(&tx, r.into_new()?, today)?;
        loaded.reviews += 1;
    }
    for p in demo.partners {
        let new = NewPartner {
            project: p.project.clone(),
            person: p.person.clone(),
            role: p.role.parse::<Role>()?,
            from: date(p.from.as_ref())?,
            to: date(p.to.as_ref())?,
            skills: p.skills.clone(),
            require_consent: false,
        };
        partner::insert(&tx, new, today)?;
        loaded.partners += 1;
        for l in p.log {
            let new = NewContribution {
                project: p.project.clone(),
                person: p.person.clone(),
                role: None,
                on: parse_date(&l.on)?,
                to: None,
                minutes: l
                    .hours
                    .as_deref()
                    .map(parse_hours)
                    .transpose()?
                    .unwrap_or(0),
                paid: l
                    .paid
                    .map(|m| m.parse::<Money>())
                    .transpose()?
                    .unwrap_or(Money(0)),
                recognition: l
                    .recognition
                    .map(|r| r.parse::<Recognition>())
                    .transpose()?,
                note: l.note,
            };
            partner::insert_contribution(&tx, new)?;
        }
    }
    let programmes = Programmes {
        priorities: demo.priorities,
        panel: demo.panel,
        recommendations: demo.recommendations,
        fund: demo.fund,
    };
    load_programmes(&tx, programmes, today, &mut loaded)?;
    for r in demo.requests {
        let kind = r.kind.parse::<RequestKind>()?;
        person::insert_request(
            &tx,
            &r.person,
            kind,
            parse_date(&r.received)?,
            r.note.as_deref(),
        )?;
    }
    loaded.people = usize::try_from(person::count(&tx)?).unwrap_or(loaded.people);
    tx.commit().context("cannot save the demo data")?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_loads_once() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        let today = parse_date("2026-11-23")?;
        let loaded = load(&mut conn, today)?;
        assert_eq!(
            (
                loaded.people,
                loaded.projects,
                loaded.reviews,
                loaded.partners
            ),
            (15, 15, 5, 8)
        );
        assert!(load(&mut conn, today).is_err());
        assert_eq!(project::count(&conn)?, 15);
        // The data-protection side has something to show: a request to answer, and
        // characteristics for the aggregate reports.
        let open = person::requests(&conn, true)?;
        assert_eq!(
            open.iter().map(|r| r.person.as_str()).collect::<Vec<_>>(),
            ["Tom Evans"]
        );
        let declared: i64 =
            conn.query_row("SELECT count(*) FROM person_characteristics", [], |r| {
                r.get(0)
            })?;
        assert_eq!(declared, 11);
        Ok(())
    }
}
