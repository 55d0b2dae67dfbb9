//! What `spm remind` gathers: everything that needs someone, from every source, and who
//! each item is for.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Due, RecStatus, RequestKind};

/// Where a reminder comes from, as `--only` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Project reviews due (to each project's staff lead).
    Reviews,
    /// Open recommendations overdue or due soon (to each owner).
    Recs,
    /// Data-protection requests due within 7 days or overdue (to the coordinator).
    Requests,
    /// People whose consent expires within 30 days (to the coordinator).
    Consent,
    /// Implemented recommendations whose impact is unchecked after 6 months (to the coordinator).
    Impact,
    /// The current term, begun without a panel session (to the coordinator).
    Panel,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::Reviews,
        Source::Recs,
        Source::Requests,
        Source::Consent,
        Source::Impact,
        Source::Panel,
    ];

    /// The word `--only` takes.
    pub fn name(self) -> &'static str {
        match self {
            Source::Reviews => "reviews",
            Source::Recs => "recs",
            Source::Requests => "requests",
            Source::Consent => "consent",
            Source::Impact => "impact",
            Source::Panel => "panel",
        }
    }
}

/// A person a reminder goes to: their name and, when known, their email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub name: String,
    pub email: Option<String>,
}

/// The reviews one staff lead has due; `lead` is `None` for projects without one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewGroup {
    pub lead: Option<Recipient>,
    pub reviews: Vec<Due>,
}

/// An open recommendation overdue or due soon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecDue {
    pub id: i64,
    pub recommendation: String,
    pub addressed_to: String,
    pub status: RecStatus,
    pub due: NaiveDate,
    /// Days since the due date: positive when overdue, 0 on the day, negative before it.
    pub days_overdue: i64,
}

/// The recommendations one owner has due; `owner` is `None` for those without one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecGroup {
    pub owner: Option<Recipient>,
    pub recommendations: Vec<RecDue>,
}

/// An open data-protection request due within 7 days or overdue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestDue {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub kind: RequestKind,
    pub received: NaiveDate,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

/// A person whose consent to take part expires within 30 days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentDue {
    pub person_id: i64,
    pub person: String,
    pub email: Option<String>,
    pub expires: NaiveDate,
    /// Days until it expires (0: today).
    pub days_left: i64,
}

/// An implemented recommendation whose impact has not been checked 6 months on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpactDue {
    pub id: i64,
    pub recommendation: String,
    pub status: RecStatus,
    /// The day it was implemented (the start of its closed spell).
    pub implemented_on: NaiveDate,
    pub owner: Option<String>,
}

/// The current term, begun without a panel session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelDue {
    pub academic_year: String,
    pub term: String,
}

/// Everything due on a day, by source; `until` is the last day reviews and recommendations
/// are looked ahead to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminders {
    pub today: NaiveDate,
    pub until: NaiveDate,
    pub reviews: Vec<ReviewGroup>,
    pub recommendations: Vec<RecGroup>,
    pub requests: Vec<RequestDue>,
    pub consents: Vec<ConsentDue>,
    pub impacts: Vec<ImpactDue>,
    pub panel: Option<PanelDue>,
}

impl Reminders {
    /// Nothing due from any source, looking from `today` to `until`.
    pub fn none(today: NaiveDate, until: NaiveDate) -> Reminders {
        Reminders {
            today,
            until,
            reviews: Vec::new(),
            recommendations: Vec::new(),
            requests: Vec::new(),
            consents: Vec::new(),
            impacts: Vec::new(),
            panel: None,
        }
    }

    /// How many items are due, from every source.
    pub fn count(&self) -> usize {
        self.reviews.iter().map(|g| g.reviews.len()).sum::<usize>()
            + self
                .recommendations
                .iter()
                .map(|g| g.recommendations.len())
                .sum::<usize>()
            + self.requests.len()
            + self.consents.len()
            + self.impacts.len()
            + usize::from(self.panel.is_some())
    }

    /// Whether nothing is due.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// The reminders for one person: theirs alone, and for the coordinator the people who have
/// no email (whose items the coordinator's letter carries).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    /// `None`: the coordinator.
    pub to: Option<Recipient>,
    pub reminders: Reminders,
    /// Lines saying whose items came to the coordinator because they have no email.
    pub without_email: Vec<String>,
}
