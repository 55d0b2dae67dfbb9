-- 0003: people and their part in projects (roles, recognition), consent, data-protection
-- requests and self-declared characteristics; each project's free-text staff lead becomes a
-- link to a person (one staff person per distinct name, whatever its case).

-- A student, member of staff or external partner. Erasure keeps the row, so counts of
-- participation stay right, but removes the name, email and notes (`erased_on` is set and
-- the name becomes "former participant #<id>").
CREATE TABLE people (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL CHECK (trim(name) <> ''),
    email             TEXT UNIQUE COLLATE NOCASE,
    kind              TEXT NOT NULL CHECK (kind IN ('student', 'staff', 'external')),
    department        TEXT,
    level             TEXT CHECK (level IN ('ug', 'pgt', 'pgr')),
    consent_given     TEXT CHECK (consent_given IS date(consent_given)),
    consent_expires   TEXT CHECK (consent_expires IS date(consent_expires)),
    consent_withdrawn TEXT CHECK (consent_withdrawn IS date(consent_withdrawn)),
    notes             TEXT,
    erased_on         TEXT CHECK (erased_on IS date(erased_on)),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (consent_expires IS NULL OR consent_given IS NULL OR consent_expires >= consent_given)
);
CREATE INDEX people_name ON people(name COLLATE NOCASE);

-- A person's part in a project: one row per role, with when they joined and left.
CREATE TABLE project_partners (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    role       TEXT NOT NULL CHECK (role IN ('student-partner', 'staff-partner', 'lead',
                   'change-maker', 'panellist', 'intern', 'academic-rep')),
    from_date  TEXT CHECK (from_date IS date(from_date)),
    to_date    TEXT CHECK (to_date IS date(to_date)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (project_id, person_id, role),
    CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date)
);
CREATE INDEX project_partners_person ON project_partners(person_id);

-- Recognition of a contribution: hours (in minutes, so a quarter hour is exact), payment in
-- pence, and how it was recognised.
CREATE TABLE contributions (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES project_partners(id) ON DELETE CASCADE,
    on_date     TEXT NOT NULL CHECK (on_date IS date(on_date)),
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1440),
    paid_pence  INTEGER NOT NULL DEFAULT 0 CHECK (paid_pence >= 0),
    recognition TEXT CHECK (recognition IN ('certificate', 'transcript', 'credit', 'payment')),
    note        TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX contributions_partner ON contributions(partner_id, on_date);

-- A data-protection request (UK GDPR): access or erasure, due one calendar month after it
-- was received.
CREATE TABLE data_requests (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL CHECK (kind IN ('access', 'erasure')),
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

ALTER TABLE projects ADD COLUMN lead_id INTEGER REFERENCES people(id);
-- A lead's name with tabs made spaces, runs of spaces made one, and the ends trimmed.
CREATE TEMP VIEW lead_names AS
    SELECT id AS project_id,
           trim(replace(replace(replace(replace(lead, char(9), ' '), '    ', ' '), '  ', ' '),
                        '  ', ' ')) AS name
    FROM projects WHERE trim(coalesce(lead, '')) <> '';
INSERT INTO people (name, kind)
    SELECT name, 'staff' FROM lead_names
    GROUP BY lower(name)
    HAVING project_id = min(project_id)
    ORDER BY min(project_id);
UPDATE projects SET lead_id =
    (SELECT p.id FROM people p JOIN lead_names n ON lower(p.name) = lower(n.name)
     WHERE n.project_id = projects.id);
DROP VIEW lead_names;
ALTER TABLE projects DROP COLUMN lead;
CREATE INDEX projects_lead ON projects(lead_id);
