//! The prepared inserts, and a project with its themes, status history and reviews.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::plan::{Plan, plus, stamp};
use super::rng::{REVIEWS, Rng};
use super::words::{
    ACTIVITIES, DEPARTMENTS, FORMS, LEVELS, OUTCOMES, RATINGS, REVIEWERS, THEMES, TO_CHANGE,
    TOPICS, VERBS, WENT_WELL,
};
use super::{Generated, Sizes};
use crate::error::{Error, Result};
use crate::model::Principle;

/// The prepared inserts for a project and everything that hangs from it.
pub(super) struct Writer<'c> {
    pub(super) seed: u64,
    pub(super) people: u64,
    pub(super) first_person: i64,
    pub(super) framework: i64,
    /// Each principle's id and the words a score is given against.
    pub(super) principles: Vec<(i64, String)>,
    pub(super) project: rusqlite::CachedStatement<'c>,
    pub(super) theme: rusqlite::CachedStatement<'c>,
    pub(super) history: rusqlite::CachedStatement<'c>,
    pub(super) review: rusqlite::CachedStatement<'c>,
    pub(super) score: rusqlite::CachedStatement<'c>,
    pub(super) outcome: rusqlite::CachedStatement<'c>,
    pub(super) partner: rusqlite::CachedStatement<'c>,
    pub(super) contribution: rusqlite::CachedStatement<'c>,
    pub(super) rec: rusqlite::CachedStatement<'c>,
    pub(super) rec_history: rusqlite::CachedStatement<'c>,
    pub(super) application: rusqlite::CachedStatement<'c>,
    pub(super) spend: rusqlite::CachedStatement<'c>,
}

pub(super) fn failed(e: rusqlite::Error) -> Error {
    crate::error::from_sqlite("cannot save the generated data", e)
}

impl<'c> Writer<'c> {
    pub(super) fn new(
        tx: &'c Connection,
        framework: i64,
        principles: &[Principle],
        sizes: &Sizes,
        first_person: i64,
    ) -> Result<Writer<'c>> {
        let prepare = |sql: &str| tx.prepare_cached(sql).map_err(failed);
        Ok(Writer {
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
            project: prepare(
                "INSERT INTO projects (code, title, summary, form, activity, level_planned,
                    level_achieved, status, department, academic_year, start_date, end_date,
                    budget_pence, review_cadence_months, created_at, updated_at, lead_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?,
            theme: prepare("INSERT INTO project_themes (project_id, theme) VALUES (?1, ?2)")?,
            history: prepare(
                "INSERT INTO project_status_history (project_id, status, on_date, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?,
            review: prepare(
                "INSERT INTO reviews (project_id, framework_id, on_date, kind, decision,
                    reviewers, went_well, to_change, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?,
            score: prepare(
                "INSERT INTO review_scores (review_id, principle_id, scored_by, score, wording)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            outcome: prepare(
                "INSERT INTO review_outcomes (review_id, outcome, rating) VALUES (?1, ?2, ?3)",
            )?,
            partner: prepare(
                "INSERT INTO project_partners (project_id, person_id, role, from_date, to_date,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?,
            contribution: prepare(
                "INSERT INTO contributions (partner_id, on_date, minutes, paid_pence,
                    recognition, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            rec: prepare(
                "INSERT INTO recommendations (project_id, finding, recommendation, addressed_to,
                    owner_id, theme, status, response, raised_on, communicated_on, channel,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            )?,
            rec_history: prepare(
                "INSERT INTO recommendation_history (recommendation_id, status, on_date,
                    response, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            application: prepare(
                "INSERT INTO fund_applications (project_id, theme, requested_pence, applied_on,
                    decision, awarded_pence, decided_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?,
            spend: prepare(
                "INSERT INTO fund_spend (application_id, amount_pence, on_date, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        })
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
        let achieved = (status == "completed").then(|| {
            let moved = (level + rng.index(3)).saturating_sub(1);
            LEVELS[moved.min(LEVELS.len() - 1)]
        });
        let activity = rng.chance(80).then(|| rng.pick(ACTIVITIES));
        let budget = rng.chance(60).then(|| (2 + rng.below(40)) as i64 * 25_000);
        let cadence = if rng.chance(20) { 6 } else { 12 };
        let lead = rng.chance(90).then(|| self.staff(&mut rng)).flatten();
        let first_day = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today);
        let created = start.unwrap_or(first_day).min(today);
        let updated = end.unwrap_or(created);
        let academic_year = format!("{year}/{:02}", (year + 1) % 100);
        let id = self
            .project
            .insert(params![
                code,
                title,
                summary,
                rng.pick(FORMS),
                activity,
                LEVELS[level],
                achieved,
                status,
                department,
                academic_year,
                start,
                end,
                budget,
                cadence,
                stamp(created),
                stamp(updated),
                lead,
            ])
            .map_err(failed)?;
        for theme in &themes {
            self.theme.execute(params![id, theme]).map_err(failed)?;
        }
        let Some(start) = start.filter(|_| status != "proposed") else {
            return Ok(());
        };
        let mut changes = vec![("active", start)];
        if let Some((paused, resumed)) = pause {
            changes.push(("paused", paused));
            changes.extend(resumed.map(|r| ("active", r)));
        }
        if let Some(end) = end {
            changes.push((status, end));
        }
        for (s, on) in changes {
            self.history
                .execute(params![id, s, on, stamp(on)])
                .map_err(failed)?;
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
        status: &str,
        count: u64,
        made: &mut Generated,
    ) -> Result<()> {
        let mut rng = Rng::new(self.seed, REVIEWS, index);
        let closing = status == "completed" && rng.chance(70);
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
                ("closing", "close")
            } else {
                let kind = if offset - previous >= 180 {
                    "annual"
                } else {
                    "interim"
                };
                (kind, if rng.chance(75) { "continue" } else { "adapt" })
            };
            previous = offset;
            let on = plus(start, offset);
            let went_well = rng.chance(40).then(|| rng.pick(WENT_WELL));
            let to_change = rng.chance(30).then(|| rng.pick(TO_CHANGE));
            let review = self
                .review
                .insert(params![
                    id,
                    self.framework,
                    on,
                    kind,
                    decision,
                    rng.pick(REVIEWERS),
                    went_well,
                    to_change,
                    stamp(on)
                ])
                .map_err(failed)?;
            made.reviews += 1;
            if !self.principles.is_empty() && rng.chance(6) {
                let n = self.principles.len();
                let from = rng.index(n);
                let students = rng.chance(50);
                for j in 0..(3 + rng.index(4)).min(n) {
                    let (principle, wording) = &self.principles[(from + j) % n];
                    let staff_score = 2 + rng.below(4) as i64;
                    self.score
                        .execute(params![review, principle, "staff", staff_score, wording])
                        .map_err(failed)?;
                    made.scores += 1;
                    if students {
                        // Students often see less partnership than staff do.
                        let score = (staff_score + rng.below(3) as i64 - 2).clamp(1, 5);
                        self.score
                            .execute(params![review, principle, "students", score, wording])
                            .map_err(failed)?;
                        made.scores += 1;
                    }
                }
            }
            if rng.chance(6) {
                let from = rng.index(OUTCOMES.len());
                for j in 0..1 + rng.index(3) {
                    let outcome = OUTCOMES[(from + j) % OUTCOMES.len()];
                    self.outcome
                        .execute(params![review, outcome, rng.pick(RATINGS)])
                        .map_err(failed)?;
                }
            }
        }
        Ok(())
    }
}
