//! The first draw of each project: its year, status and dates, and the days it could be
//! reviewed on. Both passes draw it, so it is cheap and holds nothing.

use chrono::{Days, NaiveDate};

use super::rng::{PROJECTS, Rng};
use crate::model::Status;

pub(super) const FIRST_YEAR: i32 = 2015;
/// Projects per academic year from 2015/16 to 2026/27, relative: partnership grows.
pub(super) const YEAR_WEIGHTS: [u64; 12] = [4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 12];

pub(super) fn plus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

pub(super) fn days_between(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days()).unwrap_or(0)
}

/// A timestamp on `day`, for created_at and updated_at, so the output does not depend on when
/// the generator ran.
pub(super) fn stamp(day: NaiveDate) -> String {
    format!("{day}T09:00:00Z")
}

/// Everything about one project that the first pass needs, drawn in the same order by both.
pub(super) struct Plan {
    pub(super) rng: Rng,
    pub(super) year: i32,
    pub(super) status: Status,
    pub(super) start: Option<NaiveDate>,
    pub(super) end: Option<NaiveDate>,
    /// A pause: the day it began and, for an active project, the day it resumed.
    pub(super) pause: Option<(NaiveDate, Option<NaiveDate>)>,
    /// Reviews fall on the days after `start` up to this many days after it.
    pub(super) window: u64,
}

/// The academic year of project `index` of `total`: projects are registered year after year,
/// so ids rise with the years (which also keeps the inserts into the date indexes close
/// together).
fn year_of(index: u64, total: u64) -> i32 {
    let sum: u64 = YEAR_WEIGHTS.iter().sum();
    let point = (u128::from(index) * u128::from(sum) / u128::from(total.max(1))) as u64;
    let mut below = 0;
    for (i, w) in YEAR_WEIGHTS.iter().enumerate() {
        below += w;
        if point < below {
            return FIRST_YEAR + i as i32;
        }
    }
    FIRST_YEAR + YEAR_WEIGHTS.len() as i32 - 1
}

pub(super) fn plan(seed: u64, index: u64, total: u64, today: NaiveDate) -> Plan {
    let mut rng = Rng::new(seed, PROJECTS, index);
    let year = year_of(index, total);
    let first_day = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today);
    let start = plus(first_day, rng.below(330));
    let mut plan = Plan {
        rng,
        year,
        status: Status::Proposed,
        start: None,
        end: None,
        pause: None,
        window: 0,
    };
    if start > today {
        // A proposal for later in the year, sometimes with its planned start.
        plan.start = plan.rng.chance(50).then_some(start);
        return plan;
    }
    let age = days_between(start, today);
    let weights: [u64; 5] = if age < 365 {
        [15, 70, 5, 5, 5]
    } else if age < 3 * 365 {
        [2, 38, 5, 45, 10]
    } else {
        [0, 5, 2, 85, 8]
    };
    plan.status = [
        Status::Proposed,
        Status::Active,
        Status::Paused,
        Status::Completed,
        Status::Withdrawn,
    ][plan.rng.weighted(&weights)];
    if plan.status == Status::Proposed {
        return plan;
    }
    plan.start = Some(start);
    let last = match plan.status {
        Status::Active => {
            if age > 200 && plan.rng.chance(15) {
                let paused = plus(start, 1 + plan.rng.below(age / 2));
                let resumed = plus(paused, 14 + plan.rng.below(120)).min(today);
                plan.pause = Some((paused, Some(resumed)));
            }
            // Some reviews are recent and some long overdue.
            today - Days::new(plan.rng.below(450).min(age))
        }
        Status::Paused => {
            let paused = plus(start, 1 + plan.rng.below(age)).min(today);
            plan.pause = Some((paused, None));
            paused
        }
        Status::Completed => {
            let end = plus(start, 60 + plan.rng.below(1000)).min(today);
            plan.end = Some(end);
            end
        }
        _ => {
            let end = plus(start, 14 + plan.rng.below(300)).min(today);
            plan.end = Some(end);
            end
        }
    };
    plan.window = days_between(start, last);
    plan
}
