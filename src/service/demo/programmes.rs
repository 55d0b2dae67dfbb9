//! The demo's programmes: priority projects, panel sessions, recommendations and the fund.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use super::{Loaded, date};
use crate::error::{Error, Result};
use crate::model::{AcademicYear, Money, RecStatus, Worked, parse_date};
use crate::service::fund::{self, NewApplication, NewDecision, NewSpend, Verdict};
use crate::service::panel::{self, NewSession};
use crate::service::priority;
use crate::service::rec::{self, NewRec, PublishRec, Source, StatusUpdate};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoPriority {
    year: String,
    project: String,
    objectives: Vec<String>,
    carried_to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoSession {
    year: String,
    term: String,
    on: String,
    topic: String,
    question: Option<String>,
    panellists: Option<u32>,
    #[serde(default)]
    insights: Vec<DemoInsight>,
}

/// An insight: its text, or its text and the day it was approved for the public pages.
#[derive(Deserialize)]
#[serde(untagged)]
enum DemoInsight {
    Text(String),
    Published { text: String, published: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoRec {
    project: Option<String>,
    /// The position of the session in the demo's panel list.
    panel: Option<usize>,
    finding: String,
    recommendation: String,
    to: String,
    owner: Option<String>,
    theme: Option<String>,
    on: String,
    due: Option<String>,
    #[serde(default)]
    updates: Vec<DemoRecUpdate>,
    communicated: Option<DemoCommunicated>,
    published: Option<DemoRecPublished>,
    impact: Option<DemoImpact>,
}

/// Whether an implemented recommendation worked, as checked on a day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoImpact {
    on: String,
    worked: String,
    evidence: Option<String>,
}

/// A recommendation approved for the public pages, in its own words where given.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRecPublished {
    on: String,
    said: Option<String>,
    did: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRecUpdate {
    status: String,
    on: String,
    response: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCommunicated {
    on: String,
    channel: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DemoApplication {
    project: String,
    theme: String,
    amount: String,
    on: String,
    decision: Option<DemoDecision>,
    #[serde(default)]
    spend: Vec<DemoSpend>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDecision {
    award: Option<String>,
    #[serde(default)]
    reject: bool,
    on: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSpend {
    amount: String,
    on: String,
    note: String,
}

/// The demo's programmes: priorities, panel sessions, recommendations and the fund.
pub(super) struct Programmes {
    pub priorities: Vec<DemoPriority>,
    pub panel: Vec<DemoSession>,
    pub recommendations: Vec<DemoRec>,
    pub fund: Vec<DemoApplication>,
}

/// Loads the programmes inside the demo's transaction. The demo's dates are fixed, so they are
/// checked against the demo's own "today" (its last date) when the real one is earlier.
pub(super) fn load_programmes(
    tx: &Connection,
    demo: Programmes,
    today: NaiveDate,
    loaded: &mut Loaded,
) -> Result<()> {
    let today = demo_today(today)?;
    for p in demo.priorities {
        let year = p.year.parse::<AcademicYear>()?;
        let set = priority::insert(tx, year, &p.project, &p.objectives)?;
        loaded.priorities += 1;
        if let Some(to) = p.carried_to {
            priority::insert_carried(tx, to.parse::<AcademicYear>()?, &[set.priority.id])?;
        }
    }
    let mut sessions = Vec::new();
    for s in demo.panel {
        let new = NewSession {
            year: s.year.parse::<AcademicYear>()?,
            term: s.term,
            on: parse_date(&s.on)?,
            topic: s.topic,
            question: s.question,
            panellists: s.panellists,
        };
        let saved = panel::insert(tx, new, today)?;
        for insight in &s.insights {
            let (text, published) = match insight {
                DemoInsight::Text(text) => (text, None),
                DemoInsight::Published { text, published } => (text, Some(published)),
            };
            let id = panel::insert_insight(tx, saved.session.id, text)?.id;
            if let Some(on) = published {
                panel::apply_publish_insight(tx, id, Some(parse_date(on)?), today)?;
            }
        }
        sessions.push(saved.session.id);
        loaded.panel_sessions += 1;
    }
    for r in demo.recommendations {
        let source = match (r.project, r.panel) {
            (Some(code), _) => Source::Project(code),
            (None, Some(i)) => Source::Panel(*sessions.get(i).ok_or_else(|| {
                Error::Invalid(format!("the demo names panel session {i}, which it lacks"))
            })?),
            (None, None) => Source::Elsewhere,
        };
        let mut new = NewRec::new(
            source,
            r.finding,
            r.recommendation,
            r.to,
            parse_date(&r.on)?,
        );
        new.owner = r.owner;
        new.theme = r.theme;
        new.due = date(r.due.as_ref())?;
        let id = rec::insert(tx, new, today)?.id;
        loaded.recommendations += 1;
        for u in r.updates {
            let change = StatusUpdate {
                status: Some(u.status.parse::<RecStatus>()?),
                response: u.response.map(Some),
                on: Some(parse_date(&u.on)?),
            };
            rec::apply_update(tx, id, change, today)?;
        }
        if let Some(c) = r.communicated {
            rec::apply_communicated(tx, id, parse_date(&c.on)?, c.channel.as_deref(), today)?;
        }
        if let Some(p) = r.published {
            let what = PublishRec {
                said: p.said,
                did: p.did.map(Some),
                on: Some(parse_date(&p.on)?),
            };
            rec::apply_publish(tx, id, what, today)?;
        }
        if let Some(i) = r.impact {
            let worked = i.worked.parse::<Worked>()?;
            rec::apply_impact(
                tx,
                id,
                parse_date(&i.on)?,
                worked,
                i.evidence.as_deref(),
                today,
            )?;
        }
    }
    for a in demo.fund {
        let new = NewApplication {
            project: a.project,
            theme: a.theme,
            amount: a.amount.parse::<Money>()?,
            on: parse_date(&a.on)?,
        };
        let id = fund::insert_application(tx, new, today)?.id;
        loaded.fund_applications += 1;
        if let Some(d) = a.decision {
            let verdict = match (d.award, d.reject) {
                (Some(amount), false) => Verdict::Award(amount.parse::<Money>()?),
                _ => Verdict::Reject,
            };
            let decision = NewDecision {
                verdict,
                on: Some(parse_date(&d.on)?),
                note: d.note,
                correct: false,
                // The demo's data are within any budget it could have.
                over_budget: false,
            };
            fund::insert_decision(tx, id, decision, today)?;
        }
        for s in a.spend {
            let spend = NewSpend {
                amount: s.amount.parse::<Money>()?,
                on: parse_date(&s.on)?,
                note: s.note,
            };
            fund::insert_spend(tx, id, spend, today)?;
        }
    }
    Ok(())
}

/// The last date the demo's records hold.
const DEMO_TODAY: &str = "2026-11-23";

/// The day the demo's records are checked against: `today`, or the demo's own last date
/// when `today` is earlier (its dates are fixed).
pub(super) fn demo_today(today: NaiveDate) -> Result<NaiveDate> {
    Ok(today.max(parse_date(DEMO_TODAY)?))
}
