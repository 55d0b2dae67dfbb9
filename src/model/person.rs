//! People: students, staff and external partners, and their part in projects.

use chrono::NaiveDate;
use serde::Serialize;

use super::enums::{PersonKind, Recognition, RequestKind, Role, StudyLevel};
use crate::error::{Error, Result};
use crate::model::text::quoted;

/// A student, member of staff or external partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub kind: PersonKind,
    pub department: Option<String>,
    pub level: Option<StudyLevel>,
    pub consent_given: Option<NaiveDate>,
    pub consent_expires: Option<NaiveDate>,
    pub consent_withdrawn: Option<NaiveDate>,
    pub notes: Option<String>,
    /// The day they were forgotten (`spm person forget`). The key keeps its first name, as the
    /// column does: see schema.sql.
    pub erased_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    /// The day they consented to be named on a public page (`spm publish`): apart from the
    /// consent to take part, and cleared when withdrawn.
    pub consent_to_name: Option<NaiveDate>,
}

impl Person {
    /// Whether a public page may name them on `on`: they consented to be named by then, their
    /// consent to take part holds that day, and they have not been forgotten.
    pub fn may_be_named_on(&self, on: NaiveDate) -> bool {
        self.erased_on.is_none()
            && self.consent_to_name.is_some_and(|d| d <= on)
            && self.consents_on(on)
    }

    /// Whether consent is recorded and holds on `on`: given by then, not withdrawn, not expired.
    pub fn consents_on(&self, on: NaiveDate) -> bool {
        self.consent_given.is_some_and(|g| g <= on)
            && self.consent_withdrawn.is_none_or(|w| w > on)
            && self.consent_expires.is_none_or(|e| e >= on)
    }

    /// Why consent does not hold on `on`, or `None` when it does.
    pub fn consent_problem(&self, on: NaiveDate) -> Option<String> {
        match (
            self.consent_given,
            self.consent_withdrawn,
            self.consent_expires,
        ) {
            (None, _, _) => Some("has no consent on record".to_string()),
            (Some(g), _, _) if g > on => Some(format!("gave consent only on {g}")),
            (_, Some(w), _) if w <= on => Some(format!("withdrew consent on {w}")),
            (_, _, Some(e)) if e < on => Some(format!("has consent that expired on {e}")),
            _ => None,
        }
    }

    /// The person as a reader knows them: `Amira Hassan <a.hassan@example.ac.uk> (#3)`.
    pub fn label(&self) -> String {
        match &self.email {
            Some(e) => format!("{} <{e}> (#{})", self.name, self.id),
            None => format!("{} (#{})", self.name, self.id),
        }
    }
}

/// A person's part in a project, with the recognition logged for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    pub id: i64,
    pub project: String,
    pub project_title: String,
    pub person_id: i64,
    pub person: String,
    pub kind: PersonKind,
    pub role: Role,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The skills the role builds or built.
    pub skills: Option<String>,
    /// Hours logged, in minutes.
    pub minutes: i64,
    pub paid_pence: i64,
    pub recognition: Vec<Recognition>,
}

/// One logged contribution: on one day, or over a period spread evenly over its days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub id: i64,
    /// The day, or the first day of a period.
    pub on: NaiveDate,
    /// The last day of a period; `None` for one day.
    pub to: Option<NaiveDate>,
    pub minutes: i64,
    pub paid_pence: i64,
    pub recognition: Option<Recognition>,
    pub note: Option<String>,
    /// The entry this one corrects or reverses.
    pub replaces: Option<i64>,
    /// Whether this entry reverses the one it replaces (and so counts for nothing).
    pub reversal: bool,
    /// Why this entry replaced another.
    pub reason: Option<String>,
}

impl Contribution {
    /// The last day: `to`, or the one day.
    pub fn last(&self) -> NaiveDate {
        self.to.unwrap_or(self.on)
    }

    /// How many days the hours are spread over.
    pub fn days(&self) -> i64 {
        (self.last() - self.on).num_days() + 1
    }
}

/// A data-protection request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataRequest {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub kind: RequestKind,
    pub received: NaiveDate,
    pub due: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// The longest email address (RFC 5321).
const MAX_EMAIL: usize = 254;

/// Reads an email address: one `@`, a local part, and a domain with a dot and no empty
/// labels; no spaces, quotes or angle brackets. Returns it trimmed.
pub fn parse_email(s: &str) -> Result<String> {
    let text = s.trim();
    let bad = || {
        Error::Invalid(format!(
            "{} is not an email address; write it like a.hassan@example.ac.uk",
            quoted(s)
        ))
    };
    let (local, domain) = text.split_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if text.len() > MAX_EMAIL || !local_ok || !domain_ok {
        return Err(bad());
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_email_addresses() -> Result<()> {
        assert_eq!(
            parse_email(" a.hassan@example.ac.uk ")?,
            "a.hassan@example.ac.uk"
        );
        assert_eq!(
            parse_email("o'brien+spm@uni.example")?,
            "o'brien+spm@uni.example"
        );
        for bad in [
            "",
            "a.hassan",
            "@example.ac.uk",
            "a@",
            "a@example",
            "a@@example.com",
            "a b@example.com",
            "a@example..com",
            "a@-example.com",
            ".a@example.com",
            "a..b@example.com",
            "<a@example.com>",
        ] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn email_parsing_never_panics(text in "\\PC{0,40}") {
            let _ = parse_email(&text);
        }
    }
}
