-- Step 10: the three tables whose later columns came last (ALTER TABLE ADD COLUMN can put a
-- column nowhere else) are made again with their columns in the order a reader expects, as
-- schema.sql has them. src/db/reorder.rs renames each old table aside, makes these, copies
-- the rows by column name, drops the old tables, makes their indexes again and keeps each
-- table's AUTOINCREMENT counter, so no id is ever given twice.
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
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

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
