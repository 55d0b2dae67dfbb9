-- Step 9: nothing reaches a public page unvetted. A recommendation, a panel insight and a
-- project's public summary each wait for the coordinator's approval before spm publishes
-- them, and a person's consent to be named on a public page is kept apart from their
-- consent to take part. (Run by the code step in src/db/mod.rs, which skips it when it is
-- there already.)
ALTER TABLE people ADD COLUMN consent_to_name TEXT CHECK (consent_to_name IS date(consent_to_name));
CREATE TABLE recommendation_publications (
    recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
    said              TEXT NOT NULL CHECK (trim(said) <> ''),
    did               TEXT CHECK (trim(did) <> ''),
    published_on      TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by      TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE insight_publications (
    insight_id   INTEGER PRIMARY KEY REFERENCES panel_insights(id) ON DELETE CASCADE,
    published_on TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE project_publications (
    project_id   INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (trim(title) <> ''),
    summary      TEXT NOT NULL CHECK (trim(summary) <> ''),
    published_on TEXT NOT NULL CHECK (published_on IS date(published_on)),
    published_by TEXT NOT NULL CHECK (trim(published_by) <> ''),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
