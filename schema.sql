-- spm: the whole current schema (version 13). New databases are made from this file;
-- older databases are brought up to date by the steps in migrations/. A test proves that
-- both paths give the same schema, so edit both together and never edit a shipped step.
-- Ids of frameworks, principles and projects are never reused (AUTOINCREMENT), so the change
-- log of a deleted record never attaches to a new one. Every foreign key has an index.
--
-- Value lists. A column limited to a list of words is checked with `(col = 'a' OR col = 'b'
-- ...)`, never `col IN ('a', 'b', ...)`: SQLite builds a temporary b-tree for such an IN list
-- in a CHECK for every row written (step 5, src/db/value_lists.rs, rewrote the older lists).
-- SQLite has no domain types, and a CHECK can call no shared definition that other programs
-- opening the file would also know, so a list or format used in several tables is written
-- out in each (the academic year in four, a project's or a recommendation's status in two).
-- Each is written the same way every time, and src/db/drift.rs proves it: every list is its
-- Rust enumeration both ways (each value spm writes is accepted, nothing else is, and every
-- word read back parses), every copy of a list is one spelling, and every academic-year CHECK
-- is the same text and accepts exactly the years `AcademicYear` writes.
--
-- Column order. Columns are in the order a reader expects: what a record is, then who and
-- when, then what spm works out, then the timestamps. A column a later step adds comes last
-- in its table (`ALTER TABLE ... ADD COLUMN` can put it nowhere else) until a step rebuilds
-- the table, as step 10 (src/db/reorder.rs) did for projects, project_partners and
-- contributions; this file keeps the order an upgraded database has, so that a new database
-- and an upgraded one are the same.

-- Settings the coordinator can change: the adopted framework, the academic year's start.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A published set of principles or values (seed 000's ten principles, seed 003's agreement,
-- Healey, Flint & Harrington's eight values, or the institution's own).
CREATE TABLE frameworks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    institution TEXT,
    document    TEXT,
    year        TEXT,
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Principles are never deleted: a retired one keeps its wording, so a past review still
-- points at the words it was scored against. Values (seed 003) have principles as children.
CREATE TABLE principles (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    framework_id   INTEGER NOT NULL REFERENCES frameworks(id),
    code           TEXT NOT NULL UNIQUE COLLATE NOCASE
                   CHECK (length(code) BETWEEN 1 AND 20 AND code NOT GLOB '*[^A-Za-z0-9.-]*'),
    title          TEXT NOT NULL CHECK (trim(title) <> ''),
    statement      TEXT,
    parent_id      INTEGER REFERENCES principles(id),
    position       INTEGER NOT NULL,
    retired_on     TEXT,
    replaced_by_id INTEGER REFERENCES principles(id),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (replaced_by_id IS NULL OR retired_on IS NOT NULL)
);
CREATE INDEX principles_framework ON principles(framework_id, position);
CREATE INDEX principles_parent ON principles(parent_id);
CREATE INDEX principles_replaced_by ON principles(replaced_by_id);

-- A partnership project. continues_id (step 11: migrations/0011_continues.sql) is the project
-- of an earlier academic year that this one continues; it comes after the other columns, as
-- ALTER TABLE put it.
CREATE TABLE projects (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    code                  TEXT NOT NULL UNIQUE COLLATE NOCASE
                          CHECK (length(code) BETWEEN 1 AND 40 AND code NOT GLOB '*[^a-z0-9-]*'),
    title                 TEXT NOT NULL CHECK (trim(title) <> ''),
    summary               TEXT,
    form                  TEXT NOT NULL CHECK ((form = 'co-creation-of-curriculum'
                                                OR form = 'co-creation-within-curriculum'
                                                OR form = 'educational-research'
                                                OR form = 'disciplinary-research'
                                                OR form = 'wider-student-experience')),
    activity              TEXT CHECK ((activity = 'curriculum-design'
                                       OR activity = 'learning-and-research'
                                       OR activity = 'assessment-and-feedback'
                                       OR activity = 'problem-solving'
                                       OR activity = 'academic-representation'
                                       OR activity = 'change-makers'
                                       OR activity = 'education-panel'
                                       OR activity = 'research-internship'
                                       OR activity = 'funded-project' OR activity = 'other')),
    level_planned         TEXT NOT NULL CHECK ((level_planned = 'consultation'
                                                OR level_planned = 'involvement'
                                                OR level_planned = 'partnership'
                                                OR level_planned = 'student-led')),
    level_achieved        TEXT CHECK ((level_achieved = 'consultation'
                                       OR level_achieved = 'involvement'
                                       OR level_achieved = 'partnership'
                                       OR level_achieved = 'student-led')),
    status                TEXT NOT NULL DEFAULT 'proposed' CHECK ((status = 'proposed'
                                                                   OR status = 'active'
                                                                   OR status = 'paused'
                                                                   OR status = 'completed'
                                                                   OR status = 'withdrawn')),
    department            TEXT,
    lead_id               INTEGER REFERENCES people(id),
    academic_year         TEXT NOT NULL CHECK (academic_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'
                              AND CAST(substr(academic_year, 1, 4) AS INTEGER) BETWEEN 1900 AND 2999
                              AND CAST(substr(academic_year, 6, 2) AS INTEGER)
                                  = (CAST(substr(academic_year, 1, 4) AS INTEGER) + 1) % 100),
    start_date            TEXT CHECK (start_date IS date(start_date)),
    end_date              TEXT CHECK (end_date IS date(end_date)),
    budget_pence          INTEGER CHECK (budget_pence >= 0),
    review_cadence_months INTEGER NOT NULL DEFAULT 12 CHECK (review_cadence_months BETWEEN 1 AND 120),
    last_review_on        TEXT,
    next_review_due       TEXT,
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    continues_id          INTEGER REFERENCES projects(id),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX projects_continues ON projects(continues_id);
CREATE INDEX projects_year ON projects(academic_year);
CREATE INDEX projects_status ON projects(status);
CREATE INDEX projects_department ON projects(department COLLATE NOCASE);
CREATE INDEX projects_lead ON projects(lead_id);
-- next_review_due and last_review_on (step 6) are derived: the day the project's next review
-- falls due (NULL when it cannot fall due: not active, or nothing to count from) and the day
-- of its last review (NULL when it has none). spm works them out with the rule in
-- src/service/review/next.rs whenever the project, its reviews or its status history change,
-- and `spm db check` verifies them. No CHECK: only spm writes them, and every import would
-- pay for one. The index holds only the projects that can fall due, in due order, with all
-- that `spm review due` lists of them, so that it never reads the table.
CREATE INDEX projects_next_review ON projects(next_review_due, code, title, lead_id, last_review_on)
    WHERE next_review_due IS NOT NULL;

CREATE TABLE project_themes (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    theme      TEXT NOT NULL COLLATE NOCASE CHECK (trim(theme) <> ''),
    PRIMARY KEY (project_id, theme)
) WITHOUT ROWID;
CREATE INDEX project_themes_theme ON project_themes(theme, project_id);

-- Every change of a project's status, with its date and note: the project's life.
CREATE TABLE project_status_history (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK ((status = 'proposed' OR status = 'active'
                                     OR status = 'paused' OR status = 'completed'
                                     OR status = 'withdrawn')),
    on_date    TEXT NOT NULL CHECK (on_date IS date(on_date)),
    note       TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX project_status_history_project ON project_status_history(project_id, on_date);

-- A project's title and summary approved for the public pages (the Change Makers gallery,
-- step 9): the words to publish, the day and who approved them (the login, as the change log
-- names it). No row: not published.
CREATE TABLE project_publications (
    project_id   INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (trim(title) <> ''),
    summary      TEXT NOT NULL CHECK (trim(summary) <> ''),
    published_on TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- The append-only change log: who changed what and when. `fields` is a JSON object: every
-- field of an insert or delete, and [old, new] pairs for an update.
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK ((action = 'insert' OR action = 'update' OR action = 'delete')),
    fields    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields))
);
CREATE INDEX changes_entity ON changes(entity, entity_id);
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

-- A regular, built-in opportunity for review and reflection on a project. A review keeps the
-- framework it was scored against, so a later change of the adopted framework leaves it as it
-- was. Projects with reviews cannot be deleted (withdraw them instead).
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    framework_id INTEGER NOT NULL REFERENCES frameworks(id),
    on_date      TEXT NOT NULL CHECK (on_date IS date(on_date)),
    kind         TEXT NOT NULL CHECK ((kind = 'annual' OR kind = 'interim' OR kind = 'closing')),
    decision     TEXT NOT NULL CHECK ((decision = 'continue' OR decision = 'adapt'
                                       OR decision = 'close')),
    reviewers    TEXT NOT NULL DEFAULT '[]'
                 CHECK (json_valid(reviewers) AND json_type(reviewers) = 'array'),
    went_well    TEXT,
    to_change    TEXT,
    lessons      TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (project_id, on_date, kind)
);
-- The last review of each project, found by an index seek: what `review due` reads.
CREATE INDEX reviews_project_date ON reviews(project_id, on_date);
CREATE INDEX reviews_date ON reviews(on_date);
CREATE INDEX reviews_framework ON reviews(framework_id);

-- A score of 1 to 5 against one principle, given by staff or by students (a gap between the
-- two views is worth flagging), with its evidence. `wording` is the principle's words when
-- it was scored, so the score keeps pointing at what was asked even if the framework moves on.
CREATE TABLE review_scores (
    review_id    INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    principle_id INTEGER NOT NULL REFERENCES principles(id),
    scored_by    TEXT NOT NULL CHECK ((scored_by = 'staff' OR scored_by = 'students')),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    evidence     TEXT,
    wording      TEXT NOT NULL,
    PRIMARY KEY (review_id, principle_id, scored_by)
) WITHOUT ROWID;
CREATE INDEX review_scores_principle ON review_scores(principle_id);

-- How clearly each student, staff and institutional outcome (DESIGN.md §1) was seen.
CREATE TABLE review_outcomes (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    outcome   TEXT NOT NULL CHECK ((outcome = 'motivation' OR outcome = 'confidence'
                                    OR outcome = 'metacognition' OR outcome = 'relationships'
                                    OR outcome = 'belonging' OR outcome = 'staff-trust'
                                    OR outcome = 'teaching-materials'
                                    OR outcome = 'student-understanding'
                                    OR outcome = 'teaching-beliefs' OR outcome = 'power-shift'
                                    OR outcome = 'feedback-confidence')),
    rating    TEXT NOT NULL CHECK ((rating = 'not-seen' OR rating = 'emerging'
                                    OR rating = 'clear')),
    evidence  TEXT,
    PRIMARY KEY (review_id, outcome)
) WITHOUT ROWID;


-- A student, member of staff or external partner. Forgetting them (`spm person forget`) keeps
-- the row, so counts of participation stay right, but removes the name, email and notes
-- (`erased_on` is set and the name becomes "former participant #<id>").
-- `erased_on` keeps its first name although spm now says "forget" for it everywhere else: it is
-- a stable key of the CSV and JSON exports, the archives and the change log, and a rename
-- would break scripts and the restore of older exports. (Said here, not beside the column:
-- a comment inside CREATE TABLE is stored with it, and a fresh database must equal a
-- migrated one.)
-- Last comes (step 9) the day they consented to be named on a public page (`spm publish`),
-- apart from their consent to take part; cleared when they withdraw it.
CREATE TABLE people (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL CHECK (trim(name) <> ''),
    email             TEXT UNIQUE COLLATE NOCASE,
    kind              TEXT NOT NULL CHECK ((kind = 'student' OR kind = 'staff'
                                            OR kind = 'external')),
    department        TEXT,
    level             TEXT CHECK ((level = 'ug' OR level = 'pgt' OR level = 'pgr')),
    consent_given     TEXT CHECK (consent_given IS date(consent_given)),
    consent_expires   TEXT CHECK (consent_expires IS date(consent_expires)),
    consent_withdrawn TEXT CHECK (consent_withdrawn IS date(consent_withdrawn)),
    notes             TEXT,
    erased_on         TEXT CHECK (erased_on IS date(erased_on)),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    consent_to_name   TEXT CHECK (consent_to_name IS date(consent_to_name)),
    CHECK (consent_expires IS NULL OR consent_given IS NULL OR consent_expires >= consent_given)
);
CREATE INDEX people_name ON people(name COLLATE NOCASE);

-- A person's part in a project: one row per role, with when they joined and left, and the
-- skills the role builds or built (a research intern's, say).
CREATE TABLE project_partners (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    role       TEXT NOT NULL CHECK ((role = 'student-partner' OR role = 'staff-partner'
                                     OR role = 'lead' OR role = 'change-maker'
                                     OR role = 'panellist' OR role = 'intern'
                                     OR role = 'academic-rep' OR role = 'external-partner')),
    from_date  TEXT CHECK (from_date IS date(from_date)),
    to_date    TEXT CHECK (to_date IS date(to_date)),
    skills     TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (project_id, person_id, role),
    CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
);
CREATE INDEX project_partners_person ON project_partners(person_id);

-- Recognition of a contribution: hours (in minutes, so a quarter hour is exact), payment in
-- pence, and how it was recognised. Hours are given on one day (on_date), or over a period
-- from on_date to to_date (step 7), spread evenly over its days: at most 24 hours a day.
-- The log is kept whole: a mistake is put right by a new entry that replaces the old one
-- (replaces_id): a correction, or a reversal (reversal = 1) that counts for nothing. An
-- entry counts unless another replaces it; `reason` says why an entry replaced another.
CREATE TABLE contributions (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES project_partners(id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL CHECK (on_date IS date(on_date)),
    to_date     TEXT CHECK (to_date IS date(to_date) AND to_date > on_date),
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0 AND minutes <= 1440 *
                    (julianday(coalesce(to_date, on_date)) - julianday(on_date) + 1)),
    paid_pence  INTEGER NOT NULL DEFAULT 0 CHECK (paid_pence >= 0),
    recognition TEXT CHECK ((recognition = 'certificate' OR recognition = 'transcript'
                             OR recognition = 'credit' OR recognition = 'payment'
                             OR recognition = 'voucher')),
    note        TEXT,
    replaces_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
    reversal    INTEGER NOT NULL DEFAULT 0 CHECK (reversal = 0 OR (reversal = 1
                    AND replaces_id IS NOT NULL AND minutes = 0 AND paid_pence = 0
                    AND recognition IS NULL)),
    reason      TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX contributions_partner ON contributions(partner_id, on_date);
CREATE UNIQUE INDEX contributions_replaces ON contributions(replaces_id)
    WHERE replaces_id IS NOT NULL;

-- A data-protection request (UK GDPR): access or erasure, due one calendar month after it
-- was received. `erasure` is the right's name in law; spm answers one with `person forget`.
CREATE TABLE data_requests (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL CHECK ((kind = 'access' OR kind = 'erasure')),
    received   TEXT NOT NULL CHECK (received IS date(received)),
    due        TEXT NOT NULL CHECK (due IS date(due)),
    closed_on  TEXT CHECK (closed_on IS date(closed_on)),
    note       TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (due >= received AND (closed_on IS NULL OR closed_on >= received))
);
CREATE INDEX data_requests_person ON data_requests(person_id);

-- Self-declared characteristics, used only in aggregate. No row means "not recorded", which
-- is different from the value "prefer not to say".
CREATE TABLE person_characteristics (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    category  TEXT NOT NULL COLLATE NOCASE
              CHECK (length(category) BETWEEN 1 AND 40 AND category NOT GLOB '*[^a-z0-9-]*'),
    value     TEXT NOT NULL CHECK (trim(value) <> ''),
    PRIMARY KEY (person_id, category)
) WITHOUT ROWID;


-- A termly meeting of the Student Education Panel on a topic. Term names are checked
-- against the `terms` setting by spm (autumn, winter, spring unless configured).
CREATE TABLE panel_sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    academic_year TEXT NOT NULL CHECK (academic_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'
                      AND CAST(substr(academic_year, 1, 4) AS INTEGER) BETWEEN 1900 AND 2999
                      AND CAST(substr(academic_year, 6, 2) AS INTEGER)
                          = (CAST(substr(academic_year, 1, 4) AS INTEGER) + 1) % 100),
    term          TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 20
                      AND term NOT GLOB '*[^a-z0-9-]*'),
    on_date       TEXT NOT NULL CHECK (on_date IS date(on_date)),
    topic         TEXT NOT NULL CHECK (trim(topic) <> ''),
    question      TEXT,
    panellists    INTEGER CHECK (panellists >= 0),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX panel_sessions_year ON panel_sessions(academic_year, term);

-- What the panellists wrote up for leadership.
CREATE TABLE panel_insights (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES panel_sessions(id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (trim(text) <> ''),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX panel_insights_session ON panel_insights(session_id);

-- An insight approved for the public pages (step 9): the day and who approved it (the login,
-- as the change log names it). No row: not published.
CREATE TABLE insight_publications (
    insight_id   INTEGER PRIMARY KEY REFERENCES panel_insights(id) ON DELETE CASCADE,
    published_on TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A finding ("you said") and recommendation from a project or a panel session, addressed to
-- a part of the institution, and what was done about it ("we did").
CREATE TABLE recommendations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER REFERENCES projects(id),
    session_id      INTEGER REFERENCES panel_sessions(id),
    finding         TEXT NOT NULL CHECK (trim(finding) <> ''),
    recommendation  TEXT NOT NULL CHECK (trim(recommendation) <> ''),
    addressed_to    TEXT NOT NULL CHECK (trim(addressed_to) <> ''),
    owner_id        INTEGER REFERENCES people(id),
    due             TEXT CHECK (due IS date(due)),
    theme           TEXT COLLATE NOCASE,
    status          TEXT NOT NULL DEFAULT 'proposed' CHECK ((status = 'proposed'
                                                             OR status = 'accepted'
                                                             OR status = 'in-progress'
                                                             OR status = 'implemented'
                                                             OR status = 'partly-implemented'
                                                             OR status = 'not-adopted'
                                                             OR status = 'beyond-control')),
    response        TEXT,
    raised_on       TEXT NOT NULL CHECK (raised_on IS date(raised_on)),
    communicated_on TEXT CHECK (communicated_on IS date(communicated_on)),
    channel         TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (project_id IS NULL OR session_id IS NULL),
    CHECK (status <> 'not-adopted' OR trim(coalesce(response, '')) <> '')
);
CREATE INDEX recommendations_status ON recommendations(status);
CREATE INDEX recommendations_project ON recommendations(project_id);
CREATE INDEX recommendations_session ON recommendations(session_id);
CREATE INDEX recommendations_owner ON recommendations(owner_id);

-- Every change of a recommendation's status, with its date: time to close is measured here.
CREATE TABLE recommendation_history (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK ((status = 'proposed' OR status = 'accepted'
                                            OR status = 'in-progress' OR status = 'implemented'
                                            OR status = 'partly-implemented'
                                            OR status = 'not-adopted'
                                            OR status = 'beyond-control')),
    on_date           TEXT NOT NULL CHECK (on_date IS date(on_date)),
    response          TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX recommendation_history_rec ON recommendation_history(recommendation_id, on_date);

-- A recommendation approved for the public pages (step 9): what students said and what was
-- done in the words to publish, the day and who approved them (the login, as the change log
-- names it). No row: not published.
CREATE TABLE recommendation_publications (
    recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
    said              TEXT NOT NULL CHECK (trim(said) <> ''),
    did               TEXT CHECK (trim(did) <> ''),
    published_on      TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by      TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Whether an implemented recommendation changed what it meant to change (step 12): the day
-- it was checked, the verdict and the evidence. No row: not checked.
CREATE TABLE recommendation_impacts (
    recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
    on_date           TEXT NOT NULL CHECK (on_date IS date(on_date)),
    worked            TEXT NOT NULL CHECK ((worked = 'yes' OR worked = 'partly' OR worked = 'no'
                                            OR worked = 'unknown')),
    evidence          TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- An application to the education-enhancement fund, and its decision. The cap (a setting,
-- GBP 10,000 unless configured) is enforced on the amount requested and awarded.
CREATE TABLE fund_applications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    theme           TEXT NOT NULL CHECK (trim(theme) <> ''),
    requested_pence INTEGER NOT NULL CHECK (requested_pence > 0),
    applied_on      TEXT NOT NULL CHECK (applied_on IS date(applied_on)),
    decision        TEXT CHECK ((decision = 'awarded' OR decision = 'rejected')),
    awarded_pence   INTEGER CHECK (awarded_pence > 0),
    decided_on      TEXT CHECK (decided_on IS date(decided_on)),
    decision_note   TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK ((decision = 'awarded') = (awarded_pence IS NOT NULL))
);
CREATE INDEX fund_applications_project ON fund_applications(project_id);

-- Money spent from an award.
CREATE TABLE fund_spend (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES fund_applications(id),
    amount_pence   INTEGER NOT NULL CHECK (amount_pence > 0),
    on_date        TEXT NOT NULL CHECK (on_date IS date(on_date)),
    note           TEXT NOT NULL CHECK (trim(note) <> ''),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX fund_spend_application ON fund_spend(application_id, on_date);

-- The fund's budget for an academic year (step 7). Awards to applications made in the year
-- may not pass it unless the coordinator insists (`spm fund decide --over-budget`).
CREATE TABLE fund_budgets (
    academic_year TEXT PRIMARY KEY CHECK (academic_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'
                      AND CAST(substr(academic_year, 1, 4) AS INTEGER) BETWEEN 1900 AND 2999
                      AND CAST(substr(academic_year, 6, 2) AS INTEGER)
                          = (CAST(substr(academic_year, 1, 4) AS INTEGER) + 1) % 100),
    budget_pence  INTEGER NOT NULL CHECK (budget_pence > 0),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;

-- The Partnership Agreement's priority projects for a year, reviewed and updated each year:
-- a priority carried forward remembers the one it came from.
CREATE TABLE priority_projects (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    academic_year   TEXT NOT NULL CHECK (academic_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'
                        AND CAST(substr(academic_year, 1, 4) AS INTEGER) BETWEEN 1900 AND 2999
                        AND CAST(substr(academic_year, 6, 2) AS INTEGER)
                            = (CAST(substr(academic_year, 1, 4) AS INTEGER) + 1) % 100),
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    carried_from_id INTEGER REFERENCES priority_projects(id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (academic_year, project_id)
);
CREATE INDEX priority_projects_project ON priority_projects(project_id);
CREATE INDEX priority_projects_carried_from ON priority_projects(carried_from_id);

CREATE TABLE priority_objectives (
    id          INTEGER PRIMARY KEY,
    priority_id INTEGER NOT NULL REFERENCES priority_projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    objective   TEXT NOT NULL CHECK (trim(objective) <> '')
);
CREATE INDEX priority_objectives_priority ON priority_objectives(priority_id, position);

-- The start-of-project checklist (step 13). The built-in points ship with spm
-- (data/checklist.json); the institution's own points are checklist_points. A point ticked
-- for a project is a row of project_checklist, with the day and a note.
CREATE TABLE checklist_points (
    key   TEXT PRIMARY KEY
          CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9-]*'),
    words TEXT NOT NULL CHECK (trim(words) <> '')
) WITHOUT ROWID;
CREATE TABLE project_checklist (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key        TEXT NOT NULL
               CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9-]*'),
    ticked_on  TEXT NOT NULL CHECK (ticked_on IS date(ticked_on)),
    note       TEXT,
    UNIQUE (project_id, key)
);
