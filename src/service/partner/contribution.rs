//! The recognition of a partner's contribution: hours (at most 24 a day, across projects),
//! payments, and how it was recognised (certificate, transcript, credit, payment).

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde_json::json;

use super::{ENTITY, by_id, find};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::{Contribution, Money, Partner, Recognition, Role};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, person, project};

/// A contribution to log.
#[derive(Debug, Clone)]
pub struct NewContribution {
    pub project: String,
    pub person: String,
    /// Which of the person's roles on the project, when they have several.
    pub role: Option<Role>,
    pub on: NaiveDate,
    pub minutes: u32,
    pub paid: Money,
    pub recognition: Option<Recognition>,
    pub note: Option<String>,
}

/// The number of digits after the colon of `h:mm`.
fn m_text_len(s: &str) -> usize {
    s.trim().split_once(':').map_or(0, |(_, m)| m.len())
}

/// Reads hours as typed: `6`, `1.5`, `0.25` or `1:30`; returns minutes.
///
/// Errors: `Invalid` for anything else, or more than 24 hours.
pub fn parse_hours(s: &str) -> Result<u32> {
    let text = s.trim();
    let bad = || {
        Error::Invalid(format!(
            "hours {s:?} is not a number of hours from 0 to 24, e.g. 6, 1.5 or 1:30"
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
        let minutes = (hours * 60.0).round() as u32;
        if hours > 0.0 && minutes == 0 {
            return Err(Error::Invalid(format!(
                "{s} hours is less than a minute; give hours to the minute, e.g. 0.25"
            )));
        }
        minutes
    };
    if minutes > 24 * 60 {
        return Err(Error::Invalid(format!(
            "{s} hours is more than there are in a day (24)"
        )));
    }
    Ok(minutes)
}

/// Logs a contribution: hours, a payment and how it was recognised.
///
/// Errors: `NotFound`; `Invalid` when nothing is given, the date is after today or outside
/// the person's time on the project, or their hours that day would pass 24.
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
    if new.on > today {
        return Err(Error::Invalid(format!(
            "{} is in the future; log a contribution once it is made (today is {today})",
            new.on
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
    if person.erased_on.is_some() {
        return Err(Error::Invalid(format!(
            "{} was erased; nothing more is recorded about them",
            person.name
        )));
    }
    let partner = find(tx, &project, &person, new.role)?;
    if let Some(from) = partner.from.filter(|f| new.on < *f) {
        return Err(Error::Invalid(format!(
            "{} is before {} joined {} on {from}",
            new.on, person.name, project.code
        )));
    }
    if let Some(to) = partner.to.filter(|t| new.on > *t) {
        return Err(Error::Invalid(format!(
            "{} is after {} left {} on {to}",
            new.on, person.name, project.code
        )));
    }
    let that_day: i64 = tx
        .query_row(
            "SELECT coalesce(sum(c.minutes), 0) FROM contributions c
             JOIN project_partners pp ON pp.id = c.partner_id
             WHERE pp.person_id = ?1 AND c.on_date = ?2",
            params![person.id, new.on],
            |r| r.get(0),
        )
        .context("cannot read the hours logged")?;
    if that_day + i64::from(new.minutes) > 24 * 60 {
        return Err(Error::Invalid(format!(
            "{} already has {}h logged on {}; with these that is more than 24 hours in a day",
            person.name,
            hours_text(that_day),
            new.on
        )));
    }
    tx.execute(
        "INSERT INTO contributions (partner_id, on_date, minutes, paid_pence, recognition, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            partner.id,
            new.on,
            new.minutes,
            new.paid.pence(),
            new.recognition,
            note
        ],
    )
    .context("cannot save the contribution")?;
    let id = tx.last_insert_rowid();
    changes::record(
        tx,
        ENTITY,
        partner.id,
        Action::Update,
        &json!({ "contribution": id, "on": new.on, "minutes": new.minutes,
                 "paid_pence": new.paid.pence(), "recognition": new.recognition }),
    )?;
    let contribution = Contribution {
        id,
        on: new.on,
        minutes: i64::from(new.minutes),
        paid_pence: new.paid.pence(),
        recognition: new.recognition,
        note,
    };
    let partner = by_id(tx, partner.id)?;
    Ok((partner, contribution))
}

/// Minutes as hours for a person: `6`, `1.5`, `0.25`.
pub fn hours_text(minutes: i64) -> String {
    let hours = minutes as f64 / 60.0;
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The contributions logged for a partner row, oldest first.
pub fn contributions(conn: &Connection, partner: &Partner) -> Result<Vec<Contribution>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, on_date, minutes, paid_pence, recognition, note FROM contributions
             WHERE partner_id = ?1 ORDER BY on_date, id",
        )
        .context("cannot read the contributions")?;
    let rows = stmt
        .query_map([partner.id], |r| {
            Ok(Contribution {
                id: r.get(0)?,
                on: r.get(1)?,
                minutes: r.get(2)?,
                paid_pence: r.get(3)?,
                recognition: r.get(4)?,
                note: r.get(5)?,
            })
        })
        .context("cannot read the contributions")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("cannot read the contributions")
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
        for bad in [
            "", "-1", "24.5", "25", "abc", "1:60", "1:5", "0.001", "1.2.3", "1e3", "six",
        ] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(hours_text(90), "1.5");
        assert_eq!(hours_text(360), "6");
        Ok(())
    }
}
