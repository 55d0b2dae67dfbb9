-- Step 12: closing the loop. Whether an implemented recommendation changed what it meant to
-- change (the next survey's result, say): the day it was checked, the verdict and the
-- evidence. One row a recommendation; checking again replaces it (the change log keeps the
-- old). IF NOT EXISTS keeps the step idempotent (SQLite drops the clause from sqlite_master).
CREATE TABLE IF NOT EXISTS recommendation_impacts (
    recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
    on_date           TEXT NOT NULL CHECK (on_date IS date(on_date)),
    worked            TEXT NOT NULL CHECK ((worked = 'yes' OR worked = 'partly' OR worked = 'no'
                                            OR worked = 'unknown')),
    evidence          TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
