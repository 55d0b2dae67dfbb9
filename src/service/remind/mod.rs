//! `spm remind`: everything that needs someone, gathered from every source on a day, and
//! cut into one letter per person (each their own items, the coordinator the rest).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::Connection;

use crate::db::rows;
use crate::error::Result;
use crate::model::remind::{
    ConsentDue, ImpactDue, Letter, PanelDue, RecDue, RecGroup, Recipient, Reminders, RequestDue,
    ReviewGroup, Source,
};
use crate::model::{AcademicYear, RecStatus};
use crate::service::report::recommendations::term_of;
use crate::service::{panel, rec, review, settings};

/// How many days ahead a data-protection request is reminded of.
pub const REQUESTS_AHEAD: u64 = 7;
/// How many days ahead an expiring consent is reminded of.
pub const CONSENT_AHEAD: u64 = 30;
/// How many months after it was implemented a recommendation's impact is to be checked.
pub const IMPACT_AFTER: u32 = 6;

/// Everything due on `today` from the sources in `only` (every source when empty): reviews
/// and recommendations due by `until` (overdue ones too), and the rest by their own
/// horizons.
///
/// Errors: `Database`, or `BadDatabase` for settings that cannot be read.
pub fn gather(
    conn: &Connection,
    only: &[Source],
    until: NaiveDate,
    today: NaiveDate,
) -> Result<Reminders> {
    let wanted = |s: Source| only.is_empty() || only.contains(&s);
    let mut out = Reminders::none(today, until);
    if wanted(Source::Reviews) {
        out.reviews = review::remind(conn, until, today)?
            .into_iter()
            .map(|g| ReviewGroup {
                lead: g.lead.map(|name| Recipient {
                    name,
                    email: g.email,
                }),
                reviews: g.items,
            })
            .collect();
    }
    if wanted(Source::Recs) {
        out.recommendations = recommendations(conn, until, today)?;
    }
    if wanted(Source::Requests) {
        out.requests = requests(conn, today)?;
    }
    if wanted(Source::Consent) {
        out.consents = consents(conn, today)?;
    }
    if wanted(Source::Impact) {
        out.impacts = impacts(conn, today)?;
    }
    if wanted(Source::Panel) {
        out.panel = panel_due(conn, today)?;
    }
    Ok(out)
}

fn days(n: u64) -> chrono::Days {
    chrono::Days::new(n)
}

/// Open recommendations with a due date by `until`, one group per owner (alphabetical,
/// those without an owner last), each group's oldest due first.
fn recommendations(conn: &Connection, until: NaiveDate, today: NaiveDate) -> Result<Vec<RecGroup>> {
    let sql = format!(
        "SELECT r.id, r.recommendation, r.addressed_to, r.status, r.due, o.id, o.name, o.email
         FROM recommendations r LEFT JOIN people o ON o.id = r.owner_id
         WHERE r.due IS NOT NULL AND r.due <= ?1 AND r.status NOT IN ({})
         ORDER BY r.due, r.id",
        rec::closed_sql()
    );
    type Row = (RecDue, Option<i64>, Option<String>, Option<String>);
    let found: Vec<Row> = rows(
        conn,
        "cannot read the recommendations due",
        &sql,
        [until],
        |r| {
            let due: NaiveDate = r.get(4)?;
            Ok((
                RecDue {
                    id: r.get(0)?,
                    recommendation: r.get(1)?,
                    addressed_to: r.get(2)?,
                    status: r.get(3)?,
                    due,
                    days_overdue: (today - due).num_days(),
                },
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?;
    let mut groups: Vec<RecGroup> = Vec::new();
    let mut index: HashMap<Option<i64>, usize> = HashMap::new();
    for (item, owner_id, name, email) in found {
        let i = *index.entry(owner_id).or_insert_with(|| {
            groups.push(RecGroup {
                owner: name.map(|name| Recipient { name, email }),
                recommendations: Vec::new(),
            });
            groups.len() - 1
        });
        groups[i].recommendations.push(item);
    }
    groups.sort_by_cached_key(|g| {
        let owner = g.owner.as_ref();
        (
            owner.is_none(),
            owner.map(|o| o.name.to_lowercase()),
            owner.and_then(|o| o.email.clone()),
        )
    });
    Ok(groups)
}

/// Open data-protection requests due within [`REQUESTS_AHEAD`] days or overdue, the
/// earliest due first.
fn requests(conn: &Connection, today: NaiveDate) -> Result<Vec<RequestDue>> {
    rows(
        conn,
        "cannot read the data-protection requests due",
        "SELECT d.id, d.person_id, p.name, d.kind, d.received, d.due
         FROM data_requests d JOIN people p ON p.id = d.person_id
         WHERE d.closed_on IS NULL AND d.due <= ?1
         ORDER BY d.due, d.id",
        [today + days(REQUESTS_AHEAD)],
        |r| {
            let due: NaiveDate = r.get(5)?;
            Ok(RequestDue {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person: r.get(2)?,
                kind: r.get(3)?,
                received: r.get(4)?,
                due,
                days_overdue: (today - due).num_days(),
            })
        },
    )
}

/// People (not erased, consent not withdrawn) whose consent expires from today to
/// [`CONSENT_AHEAD`] days on, the soonest first.
fn consents(conn: &Connection, today: NaiveDate) -> Result<Vec<ConsentDue>> {
    rows(
        conn,
        "cannot read the consents expiring",
        "SELECT id, name, email, consent_expires FROM people
         WHERE erased_on IS NULL AND consent_withdrawn IS NULL
           AND consent_expires BETWEEN ?1 AND ?2
         ORDER BY consent_expires, name COLLATE NOCASE, id",
        [today, today + days(CONSENT_AHEAD)],
        |r| {
            let expires: NaiveDate = r.get(3)?;
            Ok(ConsentDue {
                person_id: r.get(0)?,
                person: r.get(1)?,
                email: r.get(2)?,
                expires,
                days_left: (expires - today).num_days(),
            })
        },
    )
}

/// Implemented (or partly implemented) recommendations, closed [`IMPACT_AFTER`] months ago
/// or more, whose impact has not been checked; the longest waiting first.
fn impacts(conn: &Connection, today: NaiveDate) -> Result<Vec<ImpactDue>> {
    let Some(cutoff) = today.checked_sub_months(Months::new(IMPACT_AFTER)) else {
        return Ok(Vec::new());
    };
    let checked: std::collections::HashSet<i64> = rows(
        conn,
        "cannot read the impacts checked",
        "SELECT recommendation_id FROM recommendation_impacts",
        [],
        |r| r.get(0),
    )?;
    let mut due: Vec<ImpactDue> = rec::list(conn, &rec::RecFilter::default(), today)?
        .into_iter()
        .filter(|r| {
            matches!(
                r.status,
                RecStatus::Implemented | RecStatus::PartlyImplemented
            ) && !checked.contains(&r.id)
        })
        .filter_map(|r| {
            let on = r.closed_on.filter(|d| *d <= cutoff)?;
            Some(ImpactDue {
                id: r.id,
                recommendation: r.recommendation,
                status: r.status,
                implemented_on: on,
                owner: r.owner,
            })
        })
        .collect();
    due.sort_by_key(|d| (d.implemented_on, d.id));
    Ok(due)
}

/// Today's term, when it has begun and the panel has not met in it.
fn panel_due(conn: &Connection, today: NaiveDate) -> Result<Option<PanelDue>> {
    let start = settings::year_start(conn)?;
    let year = AcademicYear::containing(today, start);
    let (_, term) = term_of(today, start, &settings::terms(conn)?);
    let gaps = panel::gaps(conn, year, today)?;
    Ok(gaps.missing.contains(&term).then(|| PanelDue {
        academic_year: year.to_string(),
        term,
    }))
}

/// The reminders cut into letters: one for each lead and owner with an email (their reviews
/// and recommendations, one letter for a person who is both), in the order of their names,
/// then the coordinator's (`to: None`): data-protection requests, consents, impact checks
/// and the panel, with the items of those who have no email and a line saying whose they
/// are. A letter with nothing in it is left out.
pub fn letters(all: &Reminders) -> Vec<Letter> {
    let mut letters: Vec<Letter> = Vec::new();
    let mut by_email: HashMap<String, usize> = HashMap::new();
    let mut coordinator = Reminders::none(all.today, all.until);
    let mut without_email = Vec::new();
    let mut letter_for = |who: &Recipient, letters: &mut Vec<Letter>| -> Option<usize> {
        let email = who.email.as_ref()?;
        Some(*by_email.entry(email.to_lowercase()).or_insert_with(|| {
            letters.push(Letter {
                to: Some(who.clone()),
                reminders: Reminders::none(all.today, all.until),
                without_email: Vec::new(),
            });
            letters.len() - 1
        }))
    };
    for group in &all.reviews {
        match group
            .lead
            .as_ref()
            .and_then(|l| letter_for(l, &mut letters))
        {
            Some(i) => letters[i].reminders.reviews.push(group.clone()),
            None => {
                without_email.push(match &group.lead {
                    Some(lead) => format!(
                        "{} has no email address, so {} below.",
                        lead.name,
                        theirs(group.reviews.len(), "review")
                    ),
                    None => format!(
                        "{} no staff lead, so {} below.",
                        counted(
                            group.reviews.len(),
                            "project due a review has",
                            "projects due a review have"
                        ),
                        if group.reviews.len() == 1 {
                            "it is"
                        } else {
                            "they are"
                        }
                    ),
                });
                coordinator.reviews.push(group.clone());
            }
        }
    }
    for group in &all.recommendations {
        match group
            .owner
            .as_ref()
            .and_then(|o| letter_for(o, &mut letters))
        {
            Some(i) => letters[i].reminders.recommendations.push(group.clone()),
            None => {
                let n = group.recommendations.len();
                without_email.push(match &group.owner {
                    Some(owner) => format!(
                        "{} has no email address, so {} below.",
                        owner.name,
                        theirs(n, "recommendation")
                    ),
                    None => format!(
                        "{} no owner, so {} below.",
                        counted(n, "recommendation due has", "recommendations due have"),
                        if n == 1 { "it is" } else { "they are" }
                    ),
                });
                coordinator.recommendations.push(group.clone());
            }
        }
    }
    letters.sort_by_cached_key(|l| {
        l.to.as_ref()
            .map(|t| (t.name.to_lowercase(), t.email.clone()))
    });
    coordinator.requests = all.requests.clone();
    coordinator.consents = all.consents.clone();
    coordinator.impacts = all.impacts.clone();
    coordinator.panel = all.panel.clone();
    if !coordinator.is_empty() {
        letters.push(Letter {
            to: None,
            reminders: coordinator,
            without_email,
        });
    }
    letters
}

/// "their review is", "their 2 reviews are".
fn theirs(n: usize, what: &str) -> String {
    if n == 1 {
        format!("their {what} is")
    } else {
        format!("their {n} {what}s are")
    }
}

/// `n` and the singular or plural words after it: "1 review is", "3 reviews are".
fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests;
