//! What a project gathers as it runs: partners and the hours they give, recommendations
//! and their answers, and applications to the enhancement fund with their spending, each
//! written through its record's own writer.

use chrono::NaiveDate;

use super::Generated;
use super::plan::{days_between, plus, stamp};
use super::rng::Rng;
use super::words::{ADDRESSED_TO, REC_OUTCOMES, RECOGNITIONS, SPEND_NOTES, STUDENT_ROLES};
use super::writer::Writer;
use crate::error::Result;
use crate::model::{Contribution, RecStatus, Recognition, Role};
use crate::service::fund::write::ApplicationRow;
use crate::service::partner::write::PartnerRow;
use crate::service::rec::write::RecRow;

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
        let mut places: Vec<(i64, Role)> = Vec::new();
        if let Some(lead) = lead.filter(|_| rng.chance(50)) {
            taken.push(lead);
            places.push((lead, Role::Lead));
        }
        for _ in 0..rng.below(5) {
            let (person, role) = if rng.chance(15) {
                (self.staff(rng), Role::StaffPartner)
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
            let partner = self.partners.partner(&PartnerRow {
                project_id: id,
                person_id: person,
                role,
                from: Some(start),
                to: end,
                skills: None,
                at: Some(&stamp(start)),
            })?;
            made.partners += 1;
            if role == Role::Lead || role == Role::StaffPartner || !rng.chance(50) {
                continue;
            }
            for _ in 0..1 + rng.below(3) {
                let on = plus(start, rng.below(span));
                let minutes = 15 * (2 + rng.below(31)) as i64;
                let recognition = rng.pick(RECOGNITIONS);
                // Paid at 12 pounds an hour.
                let paid = if recognition == Recognition::Payment {
                    minutes * 20
                } else {
                    0
                };
                let entry = Contribution {
                    id: 0,
                    on,
                    to: None,
                    minutes,
                    paid_pence: paid,
                    recognition: Some(recognition),
                    note: None,
                    replaces: None,
                    reversal: false,
                    reason: None,
                };
                self.partners
                    .contribution(partner, entry, Some(&stamp(on)))?;
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
            RecStatus::Proposed
        };
        let response = match status {
            RecStatus::Proposed => None,
            RecStatus::NotAdopted => Some("not affordable this year"),
            _ => Some("we will take this forward"),
        };
        let communicated = plus(decided, 7 + rng.below(60));
        let communicated =
            (status != RecStatus::Proposed && communicated <= today && rng.chance(70))
                .then_some(communicated);
        let owner = self.staff(rng);
        let rec = self.recs.rec(&RecRow {
            project_id: Some(id),
            session_id: None,
            finding: &format!("students raised {theme} as a concern"),
            recommendation: &format!("review {theme} provision with students"),
            addressed_to: rng.pick(ADDRESSED_TO),
            owner_id: owner,
            due: None,
            theme: Some(theme),
            status,
            response,
            raised_on: raised,
            communicated_on: communicated,
            channel: communicated.map(|_| "newsletter"),
            at: Some(&stamp(raised)),
        })?;
        made.recommendations += 1;
        self.recs
            .history(rec, RecStatus::Proposed, raised, None, Some(&stamp(raised)))?;
        if status != RecStatus::Proposed {
            self.recs
                .history(rec, status, decided, response, Some(&stamp(decided)))?;
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
        let application = self.fund.application(&ApplicationRow {
            project_id: id,
            theme,
            requested_pence: requested,
            applied_on: applied,
            decision,
            awarded_pence: awarded,
            decided_on,
            at: Some(&stamp(applied)),
        })?;
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
            self.fund.spend(
                application,
                amount,
                on,
                rng.pick(SPEND_NOTES),
                Some(&stamp(on)),
            )?;
        }
        Ok(())
    }
}
