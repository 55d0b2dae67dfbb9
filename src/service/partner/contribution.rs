//! The recognition of a partner's contribution: hours on one day or over a period (at most
//! 24 a day, across projects, a period's hours spread evenly over its days), payments, and how
//! it was recognised (certificate, transcript, credit, payment, voucher). Entries are never
//! changed: `entries.rs` corrects or reverses one with a new entry that replaces it.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::json;

use super::{ENTITY, by_id, find};
use crate::db::{begin_write, rows};
use crate::error::{Context, Error, Result};
use crate::model::{Contribution, Money, Partner, Person, Project, Recognition, Role};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, person, project};

/// The longest period one entry may spread hours over: a year.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// A contribution to log.
#[derive(Debug, Clone)]
pub struct NewContribution {
    pub project: String,
    pub person: String,
    /// Which of the person's roles on the project, when they have several.
    pub role: Option<Role>,
    /// The day, or the first day of a period.
    pub on: NaiveDate,
    /// The last day of a period (`None`, or the same day, for one day).
    pub to: Option<NaiveDate>,
    pub minutes: u32,
    pub paid: Money,
    pub recognition: Option<Recognition>,
    pub note: Option<String>,
}

/// The number of digits after the colon of `h:mm`.
fn m_text_len(s: &str) -> usize {
    s.trim().split_once(':').map_or(0, |(_, m)| m.len())
}

/// Reads hours as typed: `6`, `1.5`, `0.25`, `1:30` or, for a period, `70`; returns minutes.
/// How many hours a day or a period may hold is the service's to check.
///
/// Errors: `Invalid` for anything else, or more hours than a year holds.
pub fn parse_hours(s: &str) -> Result<u32> {
    let text = s.trim();
    let bad = || {
        Error::Invalid(format!(
            "hours {s:?} is not a number of hours, e.g. 6, 1.5 or 1:30"
        ))
    };
    let minutes = if let Some((h, m)) = text.split_once(':') {
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        if m >= 60 || m_text_len(s) != 2 {
            return Err(bad());
        }
        h.checked_mul(60)
            .and_then(|x| x.checked_add(m))
            .ok_or_else(bad)?
    } else {
        let shaped = !text.is_empty()
            && text.chars().filter(|c| *c == '.').count() <= 1
            && text.chars().all(|c| c.is_ascii_digit() || c == '.')
            && text.len() <= 8;
        if !shaped {
            return Err(bad());
        }
        let hours: f64 = text.parse().map_err(|_| bad())?;
        let minutes = (hours * 60.0).round();
        if hours > 0.0 && minutes == 0.0 {
            return Err(Error::Invalid(format!(
                "{s} hours is less than a minute; give hours to the minute, e.g. 0.25"
            )));
        }
        // At most 8 characters, so at most 99,999,999 hours: within u32 minutes once capped.
        minutes.min(f64::from(u32::MAX)) as u32
    };
    if i64::from(minutes) > 24 * 60 * MAX_PERIOD_DAYS {
        return Err(Error::Invalid(format!(
            "{s} hours is more than there are in a year"
        )));
    }
    Ok(minutes)
}

/// The days from `on` to `to` (one when `to` is `None`).
///
/// Errors: `Invalid` for a period that ends before it starts or is longer than a year.
pub fn period_days(on: NaiveDate, to: Option<NaiveDate>) -> Result<i64> {
    let last = to.unwrap_or(on);
    if last < on {
        return Err(Error::Invalid(format!(
            "the period ends on {last}, before it starts on {on}; check --from and --to"
        )));
    }
    let days = (last - on).num_days() + 1;
    if days > MAX_PERIOD_DAYS {
        return Err(Error::Invalid(format!(
            "the period from {on} to {last} is {days} days; log at most a year ({MAX_PERIOD_DAYS} days) in one entry"
        )));
    }
    Ok(days)
}

/// Logs a contribution: hours on a day or over a period, a payment, how it was recognised.
///
/// Errors: `NotFound`; `Usage` when nothing is given; `Invalid` when the period is wrong or
/// ends after today, falls outside the person's time on the project, or would take their
/// hours past 24 on any day of it.
pub fn log(
    conn: &mut Connection,
    new: NewContribution,
    today: NaiveDate,
) -> Result<(Partner, Contribution)> {
    if new.minutes == 0 && new.paid.pence() == 0 && new.recognition.is_none() {
        return Err(Error::Usage(
            "nothing to log: give --hours, --paid or --recognition".into(),
        ));
    }
    let last = new.to.unwrap_or(new.on);
    if last > today {
        return Err(Error::Invalid(format!(
            "{last} is in the future; log a contribution once it is made (today is {today})"
        )));
    }
    let tx = begin_write(conn)?;
    let logged = insert_contribution(&tx, new)?;
    tx.commit().context("cannot save the contribution")?;
    Ok(logged)
}

/// Logs a contribution inside the caller's write transaction (for demo data and imports);
/// the date is not checked against today.
///
/// Errors: as [`log`].
pub fn insert_contribution(
    tx: &Connection,
    new: NewContribution,
) -> Result<(Partner, Contribution)> {
    let note = clean_text("note", new.note.as_deref())?;
    let project = project::get(tx, &new.project)?;
    let person = person::resolve(tx, &new.person)?;
    check_not_forgotten(&person)?;
    let partner = find(tx, &project, &person, new.role)?;
    let to = new.to.filter(|t| *t != new.on);
    let entry = Contribution {
        id: 0,
        on: new.on,
        to,
        minutes: i64::from(new.minutes),
        paid_pence: new.paid.pence(),
        recognition: new.recognition,
        note,
        replaces: None,
        reversal: false,
        reason: None,
    };
    check_entry(tx, &partner, &project, &person, &entry, None)?;
    let contribution = insert(tx, partner.id, entry)?;
    let mut fields = json!({ "contribution": contribution.id, "on": contribution.on,
             "minutes": contribution.minutes, "paid_pence": contribution.paid_pence,
             "recognition": contribution.recognition });
    if let Some(to) = contribution.to {
        fields["to"] = json!(to);
    }
    changes::record(tx, ENTITY, partner.id, Action::Update, &fields)?;
    let partner = by_id(tx, partner.id)?;
    Ok((partner, contribution))
}

/// Refuses to record more about a forgotten person.
pub(super) fn check_not_forgotten(person: &Person) -> Result<()> {
    match person.erased_on {
        Some(_) => Err(Error::Invalid(format!(
            "{} was forgotten; nothing more is recorded about them",
            person.name
        ))),
        None => Ok(()),
    }
}

/// Checks an entry about to be written for `partner`: its period, the person's time on the
/// project, and at most 24 hours on each of its days across every project (without the
/// entry `except`, which it replaces).
pub(super) fn check_entry(
    tx: &Connection,
    partner: &Partner,
    project: &Project,
    person: &Person,
    entry: &Contribution,
    except: Option<i64>,
) -> Result<()> {
    let days = period_days(entry.on, entry.to)?;
    if entry.minutes > 24 * 60 * days {
        let hours = hours_text(entry.minutes);
        return Err(Error::Invalid(if days == 1 {
            format!("{hours} hours is more than there are in a day (24)")
        } else {
            format!(
                "{hours} hours over the {days} days from {} to {} is more than 24 hours a day; give a longer period or fewer hours",
                entry.on,
                entry.last()
            )
        }));
    }
    if let Some(from) = partner.from.filter(|f| entry.on < *f) {
        return Err(Error::Invalid(format!(
            "{} is before {} joined {} on {from}",
            entry.on, person.name, project.code
        )));
    }
    if let Some(to) = partner.to.filter(|t| entry.last() > *t) {
        return Err(Error::Invalid(format!(
            "{} is after {} left {} on {to}",
            entry.last(),
            person.name,
            project.code
        )));
    }
    if entry.minutes > 0 {
        check_day_load(tx, person, entry, days, except)?;
    }
    Ok(())
}

/// At most 24 hours on each day of the entry's period: the hours of every entry that counts
/// and covers the day (a period's spread evenly over its days), on any of the person's
/// projects, with the entry's own share.
fn check_day_load(
    tx: &Connection,
    person: &Person,
    entry: &Contribution,
    days: i64,
    except: Option<i64>,
) -> Result<()> {
    let others: Vec<(NaiveDate, NaiveDate, i64)> = rows(
        tx,
        "cannot read the hours logged",
        "SELECT c.on_date, coalesce(c.to_date, c.on_date), c.minutes FROM contributions c
         JOIN project_partners pp ON pp.id = c.partner_id
         WHERE pp.person_id = ?1 AND c.minutes > 0
           AND c.on_date <= ?3 AND coalesce(c.to_date, c.on_date) >= ?2
           AND (?4 IS NULL OR c.id <> ?4)
           AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.replaces_id = c.id)",
        params![person.id, entry.on, entry.last(), except],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let share = entry.minutes as f64 / days as f64;
    for day in entry.on.iter_days().take(days as usize) {
        let load: f64 = others
            .iter()
            .filter(|(from, to, _)| *from <= day && day <= *to)
            .map(|(from, to, m)| *m as f64 / ((*to - *from).num_days() + 1) as f64)
            .sum();
        // A thousandth of a minute forgives the rounding of shares of a period.
        if load + share > 24.0 * 60.0 + 0.001 {
            let with = if days == 1 {
                "with these".to_string()
            } else {
                format!("with {}h a day from this period", hours_of(share))
            };
            return Err(Error::Invalid(format!(
                "{} already has {}h logged on {day}; {with} that is more than 24 hours in a day",
                person.name,
                hours_of(load)
            )));
        }
    }
    Ok(())
}

/// Writes an entry for the partner row `partner_id`; returns it with its id.
pub(super) fn insert(
    tx: &Connection,
    partner_id: i64,
    entry: Contribution,
) -> Result<Contribution> {
    super::write::Writer::new(tx).contribution(partner_id, entry, None)
}

/// Minutes as hours for a person: `6`, `1.5`, `0.25`.
pub fn hours_text(minutes: i64) -> String {
    hours_of(minutes as f64)
}

/// Minutes, perhaps a share of a period, as hours to two places: `6`, `2.33`.
fn hours_of(minutes: f64) -> String {
    let text = format!("{:.2}", minutes / 60.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hours() -> Result<()> {
        assert_eq!(parse_hours("6")?, 360);
        assert_eq!(parse_hours("1.5")?, 90);
        assert_eq!(parse_hours("0.25")?, 15);
        assert_eq!(parse_hours("1:30")?, 90);
        assert_eq!(parse_hours("24")?, 1440);
        // A period's hours: how many a day may hold is checked against its days.
        assert_eq!(parse_hours("70")?, 4200);
        assert_eq!(parse_hours("8784")?, 527_040);
        for bad in [
            "", "-1", "abc", "1:60", "1:5", "0.001", "1.2.3", "1e3", "six", "8785", "99999999",
        ] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(hours_text(90), "1.5");
        assert_eq!(hours_text(360), "6");
        assert_eq!(hours_of(140.0), "2.33");
        Ok(())
    }

    #[test]
    fn periods_are_counted_in_days() -> Result<()> {
        let day = |s: &str| crate::model::parse_date(s);
        assert_eq!(period_days(day("2026-11-01")?, None)?, 1);
        assert_eq!(
            period_days(day("2026-11-01")?, Some(day("2026-11-30")?))?,
            30
        );
        assert_eq!(
            period_days(day("2024-01-01")?, Some(day("2024-12-31")?))?,
            366
        );
        assert!(period_days(day("2026-11-02")?, Some(day("2026-11-01")?)).is_err());
        assert!(period_days(day("2025-01-01")?, Some(day("2026-01-02")?)).is_err());
        Ok(())
    }
}
