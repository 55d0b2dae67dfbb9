//! Realistic data at any size, through the same schema, for benchmarks (`spm dev generate`).
//!
//! Every record is a pure function of the seed and its index, drawn from a small PRNG kept
//! here (splitmix64), so the same seed makes the same database on any machine. The reviews
//! are shared out over the projects in proportion to the days each could have been reviewed
//! on, which takes two passes over the projects: the first only measures, so memory stays
//! flat however many projects are asked for. Rows are written with direct, prepared inserts
//! in one transaction; the change log is left empty (these records were never edited).

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};

use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::Principle;
use crate::service::principle;

/// The most projects, reviews or people one run makes.
pub const MAX_SIZE: u64 = 10_000_000;

/// How much to make, and the seed that decides everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub projects: u64,
    pub reviews: u64,
    pub people: u64,
    pub seed: u64,
}

/// What was made, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub projects: u64,
    pub reviews: u64,
    pub people: u64,
    pub partners: u64,
    pub contributions: u64,
    pub scores: u64,
    pub recommendations: u64,
    pub applications: u64,
}

const FIRST_YEAR: i32 = 2015;
/// Projects per academic year from 2015/16 to 2026/27, relative: partnership grows.
const YEAR_WEIGHTS: [u64; 12] = [4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 12];

/// The words the records are made of: short lists, kept compact.
#[rustfmt::skip]
mod words {
    pub const FORMS: &[&str] = &[
        "co-creation-of-curriculum", "co-creation-within-curriculum", "educational-research",
        "disciplinary-research", "wider-student-experience",
    ];
    pub const ACTIVITIES: &[&str] = &[
        "curriculum-design", "learning-and-research", "assessment-and-feedback",
        "problem-solving", "academic-representation", "change-makers", "education-panel",
        "research-internship", "funded-project", "other",
    ];
    pub const LEVELS: &[&str] = &["consultation", "involvement", "partnership", "student-led"];
    pub const DEPARTMENTS: &[&str] = &[
        "Accounting and Finance", "Anthropology", "Archaeology", "Architecture", "Art History",
        "Biochemistry", "Biology", "Business School", "Chemistry", "Civil Engineering",
        "Classics", "Computer Science", "Dentistry", "Drama", "Earth Sciences", "Economics",
        "Education", "Electrical Engineering", "English", "Film Studies", "Geography",
        "History", "Law", "Linguistics", "Management", "Mathematics", "Mechanical Engineering",
        "Medicine", "Modern Languages", "Music", "Nursing", "Pharmacy", "Philosophy",
        "Physics", "Politics", "Psychology", "Social Work", "Sociology", "Sport Science",
        "Theology",
    ];
    pub const THEMES: &[&str] = &[
        "assessment", "belonging", "wellbeing", "employability", "inclusion", "digital",
        "sustainability", "feedback", "transition", "accessibility", "decolonising",
        "commuters", "mental-health", "widening-participation", "careers", "peer-support",
        "research-skills", "community", "internationalisation", "student-voice",
    ];
    pub const VERBS: &[&str] = &[
        "Co-designing", "Rethinking", "Evaluating", "Student-led review of", "Building",
        "Improving", "Mapping", "Reimagining",
    ];
    pub const TOPICS: &[&str] = &[
        "assessment feedback", "the first-year transition", "peer mentoring", "lab induction",
        "reading lists", "placement support", "online learning spaces", "module evaluation",
        "study skills workshops", "the personal tutor system", "inclusive field trips",
        "dissertation supervision", "group work", "exam preparation", "the welcome week",
        "careers sessions", "library spaces", "commuter student support",
        "wellbeing check-ins", "accessible lecture materials",
    ];
    pub const FIRST_NAMES: &[&str] = &[
        "Aisha", "Ben", "Chloe", "Daniel", "Emeka", "Fatima", "George", "Hannah", "Imran",
        "Jade", "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Qasim", "Rosa",
        "Samuel", "Tomasz", "Una", "Vikram", "Wen", "Xavier", "Yasmin", "Zoe",
    ];
    pub const LAST_NAMES: &[&str] = &[
        "Adeyemi", "Brown", "Chen", "Davies", "Evans", "Fernandez", "Green", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Murphy", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
        "Singh", "Thomas", "Usman", "Varga", "Williams", "Xu", "Young", "Zhang",
    ];
    pub const STUDY_LEVELS: &[&str] = &["ug", "ug", "ug", "ug", "ug", "ug", "ug", "pgt", "pgt", "pgr"];
    pub const REVIEWERS: &[&str] = &[
        "[]", r#"["Dr A. Khan"]"#, r#"["Dr A. Khan", "student panel"]"#,
        r#"["Prof J. Evans"]"#, r#"["education committee"]"#,
    ];
    pub const WENT_WELL: &[&str] = &[
        "sessions were full", "students led the workshops", "good turnout at the focus groups",
        "staff adopted the new materials",
    ];
    pub const TO_CHANGE: &[&str] = &[
        "more evening slots", "recruit partners earlier", "pay partners more promptly",
        "share findings sooner",
    ];
    pub const OUTCOMES: &[&str] = &[
        "motivation", "confidence", "metacognition", "relationships", "belonging",
        "staff-trust", "teaching-materials", "student-understanding", "teaching-beliefs",
        "power-shift", "feedback-confidence",
    ];
    pub const RATINGS: &[&str] = &["not-seen", "emerging", "clear"];
    pub const STUDENT_ROLES: &[&str] = &[
        "student-partner", "student-partner", "student-partner", "change-maker", "intern",
        "academic-rep", "panellist",
    ];
    pub const RECOGNITIONS: &[&str] = &["certificate", "transcript", "credit", "payment"];
    pub const ADDRESSED_TO: &[&str] = &[
        "Head of Department", "Faculty Education Committee", "Library", "Student Services",
        "Estates", "Careers Service", "Registry",
    ];
    pub const REC_OUTCOMES: &[&str] = &[
        "accepted", "in-progress", "implemented", "implemented", "partly-implemented",
        "not-adopted", "beyond-control",
    ];
    pub const SPEND_NOTES: &[&str] = &["partner payments", "catering", "printing", "room hire"];
}

use words::{
    ACTIVITIES, ADDRESSED_TO, DEPARTMENTS, FIRST_NAMES, FORMS, LAST_NAMES, LEVELS, OUTCOMES,
    RATINGS, REC_OUTCOMES, RECOGNITIONS, REVIEWERS, SPEND_NOTES, STUDENT_ROLES, STUDY_LEVELS,
    THEMES, TO_CHANGE, TOPICS, VERBS, WENT_WELL,
};

/// A small, fast, well-mixed PRNG (splitmix64): enough for test data, and no dependency.
struct Rng(u64);

impl Rng {
    /// A generator for record `index` of `stream`, so each record can be made again alone.
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let mut rng = Rng(seed
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An index drawn with the given relative weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut n = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if n < *w {
                return i;
            }
            n -= w;
        }
        weights.len() - 1
    }
}

const PROJECTS: u64 = 1;
const REVIEWS: u64 = 2;
const PEOPLE: u64 = 3;

fn plus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days()).unwrap_or(0)
}

/// A timestamp on `day`, for created_at and updated_at, so the output does not depend on when
/// the generator ran.
fn stamp(day: NaiveDate) -> String {
    format!("{day}T09:00:00Z")
}

/// Everything about one project that the first pass needs, drawn in the same order by both.
struct Plan {
    rng: Rng,
    year: i32,
    status: &'static str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// A pause: the day it began and, for an active project, the day it resumed.
    pause: Option<(NaiveDate, Option<NaiveDate>)>,
    /// Reviews fall on the days after `start` up to this many days after it.
    window: u64,
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

fn plan(seed: u64, index: u64, total: u64, today: NaiveDate) -> Plan {
    let mut rng = Rng::new(seed, PROJECTS, index);
    let year = year_of(index, total);
    let first_day = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today);
    let start = plus(first_day, rng.below(330));
    let mut plan = Plan {
        rng,
        year,
        status: "proposed",
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
    plan.status =
        ["proposed", "active", "paused", "completed", "withdrawn"][plan.rng.weighted(&weights)];
    if plan.status == "proposed" {
        return plan;
    }
    plan.start = Some(start);
    let last = match plan.status {
        "active" => {
            if age > 200 && plan.rng.chance(15) {
                let paused = plus(start, 1 + plan.rng.below(age / 2));
                let resumed = plus(paused, 14 + plan.rng.below(120)).min(today);
                plan.pause = Some((paused, Some(resumed)));
            }
            // Some reviews are recent and some long overdue.
            today - Days::new(plan.rng.below(450).min(age))
        }
        "paused" => {
            let paused = plus(start, 1 + plan.rng.below(age)).min(today);
            plan.pause = Some((paused, None));
            paused
        }
        "completed" => {
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

/// Sizes that were checked, and the days their projects have room for reviews on.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    sizes: Sizes,
    today: NaiveDate,
    capacity: u64,
}

/// Checks `sizes` before anything is opened or written: every size within [`MAX_SIZE`], at
/// least one project, and room on the projects' dates (up to `today`) for the reviews.
///
/// Errors: `Invalid`, naming the flag to change.
pub fn check(sizes: Sizes, today: NaiveDate) -> Result<Checked> {
    for (flag, n) in [
        ("--projects", sizes.projects),
        ("--reviews", sizes.reviews),
        ("--people", sizes.people),
    ] {
        if n > MAX_SIZE {
            return Err(Error::Invalid(format!(
                "{flag} {n} is more than spm dev generate makes ({MAX_SIZE}); give a smaller number"
            )));
        }
    }
    if sizes.projects == 0 {
        return Err(Error::Invalid(
            "--projects must be at least 1: reviews, partners and the rest belong to projects"
                .into(),
        ));
    }
    // The first pass: the days each project could be reviewed on.
    let capacity: u64 = (0..sizes.projects)
        .map(|i| plan(sizes.seed, i, sizes.projects, today).window)
        .sum();
    if sizes.reviews > capacity {
        return Err(Error::Invalid(format!(
            "{} projects have room for at most {capacity} reviews (one a day while they run); give fewer --reviews or more --projects",
            sizes.projects
        )));
    }
    Ok(Checked {
        sizes,
        today,
        capacity,
    })
}

/// Makes the data `checked` describes in the empty database `conn`, in one transaction, with
/// nothing dated after the day it was checked for, and returns what it made.
///
/// Errors: `Conflict` when the database already holds projects or people; `Usage` when no
/// framework is adopted; a database error when a write fails.
pub fn generate(conn: &mut Connection, checked: &Checked) -> Result<Generated> {
    let Checked {
        ref sizes,
        today,
        capacity,
    } = *checked;
    let (framework, principles) = principle::list(conn, None, false)?;
    // A bigger page cache keeps the indexes in memory while millions of rows go in.
    conn.execute_batch("PRAGMA cache_size = -65536;")
        .context("cannot set the cache size")?;
    let tx = begin_write(conn)?;
    let held: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM projects) OR EXISTS (SELECT 1 FROM people)",
            [],
            |r| r.get(0),
        )
        .context("cannot read the database")?;
    if held {
        return Err(Error::Conflict(
            "the database already holds projects or people; spm dev generate fills an empty database only: give a new --db path".into(),
        ));
    }
    let mut made = Generated::default();
    let first_person = people(&tx, sizes, today, &mut made)?;
    let mut writer = Writer::new(&tx, framework.id, &principles, sizes, first_person)?;
    let mut done_days: u128 = 0;
    let mut done_reviews: u64 = 0;
    for i in 0..sizes.projects {
        let p = plan(sizes.seed, i, sizes.projects, today);
        done_days += u128::from(p.window);
        // Cumulative rounding: exactly `reviews` in all, never more than a project's days.
        let target = if capacity == 0 {
            0
        } else {
            (u128::from(sizes.reviews) * done_days / u128::from(capacity)) as u64
        };
        let count = target - done_reviews;
        done_reviews = target;
        writer.project(i, p, count, today, &mut made)?;
    }
    drop(writer);
    tx.commit().context("cannot save the generated data")?;
    made.projects = sizes.projects;
    Ok(made)
}

/// Writes the people and returns the id of the first. Person `i` is staff when `i % 10 == 0`,
/// external when `i % 20 == 5`, and a student otherwise.
fn people(tx: &Connection, sizes: &Sizes, today: NaiveDate, made: &mut Generated) -> Result<i64> {
    let failed = |e| crate::error::from_sqlite("cannot save the people", e);
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO people (name, email, kind, department, level, consent_given,
                consent_expires, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )
        .map_err(failed)?;
    let mut first = 1;
    let since = NaiveDate::from_ymd_opt(FIRST_YEAR, 9, 1).unwrap_or(today);
    let span = days_between(since, today).max(1);
    for i in 0..sizes.people {
        let mut rng = Rng::new(sizes.seed, PEOPLE, i);
        let (first_name, last_name) = (rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let kind = match i % 20 {
            0 | 10 => "staff",
            5 => "external",
            _ => "student",
        };
        let title = if kind == "staff" && rng.chance(50) {
            "Dr "
        } else {
            ""
        };
        let name = format!("{title}{first_name} {last_name}");
        let email = rng.chance(90).then(|| {
            let local: String = format!("{first_name}.{last_name}")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            format!("{}.{}@example.ac.uk", local.to_lowercase(), i + 1)
        });
        let department = (kind != "external").then(|| rng.pick(DEPARTMENTS));
        let joined = plus(since, rng.below(span));
        let (level, consent, expires) = if kind == "student" {
            let expires = plus(joined, 3 * 365);
            (Some(rng.pick(STUDY_LEVELS)), Some(joined), Some(expires))
        } else {
            (None, None, None)
        };
        let id = stmt
            .insert(params![
                name,
                email,
                kind,
                department,
                level,
                consent,
                expires,
                stamp(joined)
            ])
            .map_err(failed)?;
        if i == 0 {
            first = id;
        }
    }
    made.people = sizes.people;
    Ok(first)
}

/// The prepared inserts for a project and everything that hangs from it.
struct Writer<'c> {
    seed: u64,
    people: u64,
    first_person: i64,
    framework: i64,
    /// Each principle's id and the words a score is given against.
    principles: Vec<(i64, String)>,
    project: rusqlite::CachedStatement<'c>,
    theme: rusqlite::CachedStatement<'c>,
    history: rusqlite::CachedStatement<'c>,
    review: rusqlite::CachedStatement<'c>,
    score: rusqlite::CachedStatement<'c>,
    outcome: rusqlite::CachedStatement<'c>,
    partner: rusqlite::CachedStatement<'c>,
    contribution: rusqlite::CachedStatement<'c>,
    rec: rusqlite::CachedStatement<'c>,
    rec_history: rusqlite::CachedStatement<'c>,
    application: rusqlite::CachedStatement<'c>,
    spend: rusqlite::CachedStatement<'c>,
}

fn failed(e: rusqlite::Error) -> Error {
    crate::error::from_sqlite("cannot save the generated data", e)
}

impl<'c> Writer<'c> {
    fn new(
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
    fn staff(&self, rng: &mut Rng) -> Option<i64> {
        let staff = self.people.div_ceil(10);
        (staff > 0).then(|| self.first_person + (rng.below(staff) * 10) as i64)
    }

    /// A student, at random, or `None` when there are none.
    fn student(&self, rng: &mut Rng) -> Option<i64> {
        if self.people < 2 {
            return None;
        }
        let mut i = rng.below(self.people);
        if i.is_multiple_of(10) || i % 20 == 5 {
            i += 1;
        }
        (i < self.people).then(|| self.first_person + i as i64)
    }

    fn project(
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

    /// Up to four people on the project (its lead among them, sometimes), and the hours some
    /// of the students gave.
    #[allow(clippy::too_many_arguments)]
    fn partners(
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
    fn recommendation(
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
    fn application(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn sizes(projects: u64, reviews: u64, people: u64) -> Sizes {
        Sizes {
            projects,
            reviews,
            people,
            seed: 7,
        }
    }

    #[test]
    fn makes_exactly_what_was_asked_and_passes_the_checks() -> anyhow::Result<()> {
        let mut conn = crate::service::open_in_memory()?;
        let checked = check(sizes(300, 2000, 150), day("2026-11-23"))?;
        let made = generate(&mut conn, &checked)?;
        assert_eq!((made.projects, made.reviews, made.people), (300, 2000, 150));
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        assert_eq!(count("SELECT count(*) FROM projects")?, 300);
        assert_eq!(count("SELECT count(*) FROM reviews")?, 2000);
        assert_eq!(count("SELECT count(*) FROM people")?, 150);
        assert_eq!(
            count("SELECT count(*) FROM project_partners")?,
            made.partners as i64
        );
        assert_eq!(
            count("SELECT count(*) FROM reviews WHERE on_date > '2026-11-23'")?,
            0
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM reviews r JOIN projects p ON p.id = r.project_id
                 WHERE r.on_date <= p.start_date OR r.on_date > coalesce(p.end_date, '9999')"
            )?,
            0
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM projects WHERE lead_id NOT IN (SELECT id FROM people WHERE kind = 'staff')"
            )?,
            0
        );
        let report = crate::service::database::check(&conn)?;
        assert!(report.is_ok(), "{report:?}");
        Ok(())
    }

    #[test]
    fn refuses_too_many_reviews_and_a_database_with_projects() -> anyhow::Result<()> {
        let mut conn = crate::service::open_in_memory()?;
        let today = day("2026-11-23");
        let err = check(sizes(2, 1_000_000, 0), today).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        let err = check(sizes(MAX_SIZE + 1, 0, 0), today).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
        let small = check(sizes(5, 5, 5), today)?;
        generate(&mut conn, &small)?;
        let err = generate(&mut conn, &small).unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        Ok(())
    }

    #[test]
    fn the_generator_is_spread_evenly() {
        let mut rng = Rng::new(1, 0, 0);
        let mut seen = [0u32; 10];
        for _ in 0..100_000 {
            seen[rng.index(10)] += 1;
        }
        assert!(seen.iter().all(|n| (9_600..10_400).contains(n)), "{seen:?}");
    }
}
