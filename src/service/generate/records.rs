//! What a project gathers as it runs: partners and the hours they give, recommendations
//! and their answers, and applications to the enhancement fund with their spending.

use chrono::NaiveDate;
use rusqlite::params;

use super::Generated;
use super::plan::{days_between, plus, stamp};
use super::rng::Rng;
use super::words::{ADDRESSED_TO, REC_OUTCOMES, RECOGNITIONS, SPEND_NOTES, STUDENT_ROLES};
use super::writer::{Writer, failed};
use crate::error::Result;

impl Writer<'_> {
    /// Up to four people on the project (its lead among them, sometimes), and the hours some
    /// of the students gave.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn partners(
        &mut self,
        rng: &mut Rng,
        id: i64,
        lead: Option<i64>,
        start: NaiveDate,
        end: Option<NaiveDate>,
        last_day: NaiveDate,
        made: &mut Generated,
    ) -> Result<()> {
        let mut taken: Vec<i64> = Vec::new();
        let mut places: Vec<(i64, &str)> = Vec::new();
        if let Some(lead) = lead.filter(|_| rng.chance(50)) {
            taken.push(lead);
            places.push((lead, "lead"));
        }
        for _ in 0..rng.below(5) {
            let (person, role) = if rng.chance(15) {
                (self.staff(rng), "staff-partner")
            } else {
                (self.student(rng), rng.pick(STUDENT_ROLES))
            };
            if let Some(person) = person.filter(|p| !taken.contains(p)) {
                taken.push(person);
                places.push((person, role));
            }
        }
        let span = days_between(start, last_day) + 1;
        for (person, role) in places {
            let partner = self
                .partner
                .insert(params![id, person, role, start, end, stamp(start)])
                .map_err(failed)?;
            made.partners += 1;
            if role == "lead" || role == "staff-partner" || !rng.chance(50) {
                continue;
            }
            for _ in 0..1 + rng.below(3) {
                let on = plus(start, rng.below(span));
                let minutes = 15 * (2 + rng.below(31)) as i64;
                let recognition = rng.pick(RECOGNITIONS);
                // Paid at 12 pounds an hour.
                let paid = if recognition == "payment" {
                    minutes * 20
                } else {
                    0
                };
                self.contribution
                    .execute(params![partner, on, minutes, paid, recognition, stamp(on)])
                    .map_err(failed)?;
                made.contributions += 1;
            }
        }
        Ok(())
    }

    /// A recommendation raised by the project, and what became of it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn recommendation(
        &mut self,
        rng: &mut Rng,
        id: i64,
        start: NaiveDate,
        last_day: NaiveDate,
        today: NaiveDate,
        themes: &[&str],
        made: &mut Generated,
    ) -> Result<()> {
        let theme = themes[0];
        let raised = plus(start, rng.below(days_between(start, last_day) + 1));
        let decided = plus(raised, 30 + rng.below(120));
        let status = if decided <= today {
            rng.pick(REC_OUTCOMES)
        } else {
            "proposed"
        };
        let response = match status {
            "proposed" => None,
            "not-adopted" => Some("not affordable this year"),
            _ => Some("we will take this forward"),
        };
        let communicated = plus(decided, 7 + rng.below(60));
        let communicated = (status != "proposed" && communicated <= today && rng.chance(70))
            .then_some(communicated);
        let owner = self.staff(rng);
        let rec = self
            .rec
            .insert(params![
                id,
                format!("students raised {theme} as a concern"),
                format!("review {theme} provision with students"),
                rng.pick(ADDRESSED_TO),
                owner,
                theme,
                status,
                response,
                raised,
                communicated,
                communicated.map(|_| "newsletter"),
                stamp(raised),
            ])
            .map_err(failed)?;
        made.recommendations += 1;
        self.rec_history
            .execute(params![
                rec,
                "proposed",
                raised,
                None::<&str>,
                stamp(raised)
            ])
            .map_err(failed)?;
        if status != "proposed" {
            self.rec_history
                .execute(params![rec, status, decided, response, stamp(decided)])
                .map_err(failed)?;
        }
        Ok(())
    }

    /// An application to the fund (within the default cap), its decision and some spend.
    pub(super) fn application(
        &mut self,
        rng: &mut Rng,
        id: i64,
        start: NaiveDate,
        today: NaiveDate,
        theme: &str,
        made: &mut Generated,
    ) -> Result<()> {
        let applied = plus(start, rng.below(60)).min(today);
        let requested = (5 + rng.below(96)) as i64 * 10_000;
        let decided = plus(applied, 14 + rng.below(46));
        let (decision, awarded, decided_on) = if decided > today {
            (None, None, None)
        } else if rng.chance(70) {
            let awarded = requested * (50 + rng.below(51)) as i64 / 100;
            (Some("awarded"), Some(awarded), Some(decided))
        } else {
            (Some("rejected"), None, Some(decided))
        };
        let application = self
            .application
            .insert(params![
                id,
                theme,
                requested,
                applied,
                decision,
                awarded,
                decided_on,
                stamp(applied)
            ])
            .map_err(failed)?;
        made.applications += 1;
        let Some((awarded, decided)) = awarded.zip(decided_on) else {
            return Ok(());
        };
        let mut left = awarded;
        for _ in 0..rng.below(4) {
            let on = plus(decided, 1 + rng.below(200));
            let amount = left / 2;
            if on > today || amount == 0 {
                break;
            }
            left -= amount;
            self.spend
                .execute(params![
                    application,
                    amount,
                    on,
                    rng.pick(SPEND_NOTES),
                    stamp(on)
                ])
                .map_err(failed)?;
        }
        Ok(())
    }
}
