//! A project with its themes, status history and reviews, written through each record's own
//! writer (`project::write`, `review::write`, ...): the generator writes no SQL of its own.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::plan::{Plan, plus, stamp};
use super::rng::{REVIEWS, Rng};
use super::words::{
    ACTIVITIES, DEPARTMENTS, FORMS, LEVELS, OUTCOMES, RATINGS, REVIEWERS, THEMES, TO_CHANGE,
    TOPICS, VERBS, WENT_WELL,
};
use super::{Generated, Sizes};
use crate::error::Result;
use crate::model::{
    AcademicYear, Cadence, Decision, Money, Principle, Project, ReviewKind, ScoredBy, Status,
};
use crate::service::project::write::{self as project_write, Ready};
use crate::service::review::write::{self as review_write, ReviewRow};
use crate::service::{fund, partner, rec};

/// What the records of every project draw on: each record's writer, the people, the
/// framework.
pub(super) struct Writer<'c> {
    pub(super) projects: project_write::Writer<'c>,
    pub(super) reviews: review_write::Writer<'c>,
    pub(super) partners: partner::write::Writer<'c>,
    pub(super) recs: rec::write::Writer<'c>,
    pub(super) fund: fund::write::Writer<'c>,
    pub(super) seed: u64,
    pub(super) people: u64,
    pub(super) first_person: i64,
    pub(super) framework: i64,
    /// Each principle's id and the words a score is given against.
    pub(super) principles: Vec<(i64, String)>,
}

impl<'c> Writer<'c> {
    pub(super) fn new(
        tx: &'c Connection,
        framework: i64,
        principles: &[Principle],
        sizes: &Sizes,
        first_person: i64,
    ) -> Writer<'c> {
        Writer {
            projects: project_write::Writer::new(tx),
            reviews: review_write::Writer::new(tx),
            partners: partner::write::Writer::new(tx),
            recs: rec::write::Writer::new(tx),
            fund: fund::write::Writer::new(tx),
            seed: sizes.seed,
            people: sizes.people,
            first_person,
            framework,
            principles: principles
                .iter()
                .map(|p| {
                    let wording = match &p.statement {
                        Some(s) if !s.trim().is_empty() => format!("{}: {s}", p.title),
                        _ => p.title.clone(),
                    };
                    (p.id, wording)
                })
                .collect(),
        }
    }

    /// A member of staff, at random (people `0, 10, 20, ...`), or `None` with nobody.
    pub(super) fn staff(&self, rng: &mut Rng) -> Option<i64> {
        let staff = self.people.div_ceil(10);
        (staff > 0).then(|| self.first_person + (rng.below(staff) * 10) as i64)
    }

    /// A student, at random, or `None` when there are none.
    pub(super) fn student(&self, rng: &mut Rng) -> Option<i64> {
        if self.people < 2 {
            return None;
        }
        let mut i = rng.below(self.people);
        if i.is_multiple_of(10) || i % 20 == 5 {
            i += 1;
        }
        (i < self.people).then(|| self.first_person + i as i64)
    }

    pub(super) fn project(
        &mut self,
        index: u64,
        plan: Plan,
        reviews: u64,
        today: NaiveDate,
        made: &mut Generated,
    ) -> Result<()> {
        let Plan {
            mut rng,
            year,
            status,
            start,
            end,
            pause,
            window,
        } = plan;
        let theme_count = 1 + rng.index(3);
        let first_theme = rng.index(THEMES.len());
        let themes: Vec<&str> = (0..theme_count)
            .map(|k| THEMES[(first_theme + k * 7) % THEMES.len()])
            .collect();
        let code = format!("{}-{year}-{}", themes[0], index + 1);
        let department = rng.pick(DEPARTMENTS);
        let title = format!("{} {} in {department}", rng.pick(VERBS), rng.pick(TOPICS));
        let summary = rng.chance(70).then(|| {
            format!(
                "Students and staff in {department} working together on {}.",
                themes.join(" and ")
            )
        });
        let level = rng.index(LEVELS.len());
        let achieved = (status == Status::Completed).then(|| {
            let moved = (level + rng.index(3)).saturating_sub(1);
            LEVELS[moved.min(LEVELS.len() - 1)]
        });
        let activity = rng.chance(80).then(|| rng.pick(ACTIVITIES));
        let budget = rng
            .chance(60)
            .then(|| Money((2 + rng.below(40)) as i64 * 25_000));
        let cadence = if rng.chance(20) { 6 } else { 12 };
        let lead = rng.chance(90).then(|| self.staff(&mut rng)).flatten();
        let first_day = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today);
        let created = start.unwrap_or(first_day).min(today);
        let updated = end.unwrap_or(created);
        let form = rng.pick(FORMS);
        let mut ready = Ready {
            project: Project {
                id: 0,
                code,
                title,
                summary,
                form,
                activity,
                level_planned: LEVELS[level],
                level_achieved: achieved,
                status,
                department: Some(department.to_string()),
                academic_year: AcademicYear(year),
                start_date: start,
                end_date: end,
                lead: None,
                lead_email: None,
                themes: themes.iter().map(|t| t.to_string()).collect(),
                budget,
                cadence: Cadence(cadence),
                created_at: stamp(created),
                updated_at: stamp(updated),
                continues: None,
            },
            lead_id: lead,
            // The history is written below, change by change.
            since: None,
            logged: None,
        };
        self.projects.insert(&mut ready)?;
        let id = ready.project.id;
        let Some(start) = start.filter(|_| status != Status::Proposed) else {
            return Ok(());
        };
        let mut changes = vec![(Status::Active, start)];
        if let Some((paused, resumed)) = pause {
            changes.push((Status::Paused, paused));
            changes.extend(resumed.map(|r| (Status::Active, r)));
        }
        if let Some(end) = end {
            changes.push((status, end));
        }
        for (s, on) in changes {
            self.projects.history(id, s, on, None, Some(&stamp(on)))?;
        }
        self.reviews(id, index, start, window, status, reviews, made)?;
        let last_day = end.unwrap_or(today);
        self.partners(&mut rng, id, lead, start, end, last_day, made)?;
        if rng.chance(2) {
            self.recommendation(&mut rng, id, start, last_day, today, &themes, made)?;
        }
        if rng.chance(3) {
            self.application(&mut rng, id, start, today, themes[0], made)?;
        }
        Ok(())
    }

    /// `count` reviews of a project, one in each of `count` equal slices of its window; a
    /// completed project's last review is usually its closing review, on its end date.
    #[allow(clippy::too_many_arguments)]
    fn reviews(
        &mut self,
        id: i64,
        index: u64,
        start: NaiveDate,
        window: u64,
        status: Status,
        count: u64,
        made: &mut Generated,
    ) -> Result<()> {
        let mut rng = Rng::new(self.seed, REVIEWS, index);
        let closing = status == Status::Completed && rng.chance(70);
        let mut previous = 0;
        for k in 0..count {
            let (low, high) = (k * window / count, (k + 1) * window / count);
            let last = k + 1 == count;
            let offset = if last && closing {
                window
            } else {
                low + 1 + rng.below(high - low)
            };
            let (kind, decision) = if last && closing {
                (ReviewKind::Closing, Decision::Close)
            } else {
                let kind = if offset - previous >= 180 {
                    ReviewKind::Annual
                } else {
                    ReviewKind::Interim
                };
                let decision = if rng.chance(75) {
                    Decision::Continue
                } else {
                    Decision::Adapt
                };
                (kind, decision)
            };
            previous = offset;
            let on = plus(start, offset);
            let went_well = rng.chance(40).then(|| rng.pick(WENT_WELL));
            let to_change = rng.chance(30).then(|| rng.pick(TO_CHANGE));
            let review = self.reviews.review(&ReviewRow {
                project_id: id,
                framework_id: self.framework,
                on,
                kind,
                decision,
                reviewers: rng.pick(REVIEWERS),
                went_well,
                to_change,
                lessons: None,
                at: Some(&stamp(on)),
            })?;
            made.reviews += 1;
            if !self.principles.is_empty() && rng.chance(6) {
                let n = self.principles.len();
                let from = rng.index(n);
                let students = rng.chance(50);
                for j in 0..(3 + rng.index(4)).min(n) {
                    let (principle, wording) = &self.principles[(from + j) % n];
                    let staff_score = 2 + rng.below(4) as u8;
                    self.reviews.score(
                        review,
                        *principle,
                        ScoredBy::Staff,
                        staff_score,
                        None,
                        wording,
                    )?;
                    made.scores += 1;
                    if students {
                        // Students often see less partnership than staff do.
                        let score = (i64::from(staff_score) + rng.below(3) as i64 - 2).clamp(1, 5);
                        self.reviews.score(
                            review,
                            *principle,
                            ScoredBy::Students,
                            score as u8,
                            None,
                            wording,
                        )?;
                        made.scores += 1;
                    }
                }
            }
            if rng.chance(6) {
                let from = rng.index(OUTCOMES.len());
                for j in 0..1 + rng.index(3) {
                    let outcome = OUTCOMES[(from + j) % OUTCOMES.len()];
                    self.reviews
                        .outcome(review, outcome, rng.pick(RATINGS), None)?;
                }
            }
        }
        Ok(())
    }
}
