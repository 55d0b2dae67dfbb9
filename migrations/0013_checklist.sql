-- Step 13: the start-of-project checklist. The built-in points ship with spm
-- (data/checklist.json); the institution's own points are checklist_points. A point ticked
-- for a project is a row of project_checklist, with the day and a note; unticking deletes
-- it (the change log keeps it). IF NOT EXISTS keeps the step idempotent.
CREATE TABLE IF NOT EXISTS checklist_points (
    key   TEXT PRIMARY KEY
          CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9-]*'),
    words TEXT NOT NULL CHECK (trim(words) <> '')
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS project_checklist (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key        TEXT NOT NULL
               CHECK (length(key) BETWEEN 1 AND 40 AND key NOT GLOB '*[^a-z0-9-]*'),
    ticked_on  TEXT NOT NULL CHECK (ticked_on IS date(ticked_on)),
    note       TEXT,
    UNIQUE (project_id, key)
);
