-- 0004: programmes beyond single projects: the Student Education Panel's sessions and
-- insights, recommendations to leadership ("you said, we did") with their status history,
-- the enhancement fund's applications and spend, the year's priority projects with their
-- objectives, and the skills a partner (a research intern) gained.

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
    status          TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted',
                        'in-progress', 'implemented', 'partly-implemented', 'not-adopted',
                        'beyond-control')),
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

-- Every change of a recommendation's status, with its date: time to close is measured here.
CREATE TABLE recommendation_history (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'in-progress',
                          'implemented', 'partly-implemented', 'not-adopted', 'beyond-control')),
    on_date           TEXT NOT NULL CHECK (on_date IS date(on_date)),
    response          TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX recommendation_history_rec ON recommendation_history(recommendation_id, on_date);

-- An application to the education-enhancement fund, and its decision. The cap (a setting,
-- GBP 10,000 unless configured) is enforced on the amount requested and awarded.
CREATE TABLE fund_applications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES projects(id),
    theme           TEXT NOT NULL CHECK (trim(theme) <> ''),
    requested_pence INTEGER NOT NULL CHECK (requested_pence > 0),
    applied_on      TEXT NOT NULL CHECK (applied_on IS date(applied_on)),
    decision        TEXT CHECK (decision IN ('awarded', 'rejected')),
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

CREATE TABLE priority_objectives (
    id          INTEGER PRIMARY KEY,
    priority_id INTEGER NOT NULL REFERENCES priority_projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    objective   TEXT NOT NULL CHECK (trim(objective) <> '')
);
CREATE INDEX priority_objectives_priority ON priority_objectives(priority_id, position);

ALTER TABLE project_partners ADD COLUMN skills TEXT;
