-- Step 6: each project keeps its next review date and the date of its last review (worked out
-- for existing rows by the code step in src/db/mod.rs).
ALTER TABLE projects ADD COLUMN next_review_due TEXT;
ALTER TABLE projects ADD COLUMN last_review_on TEXT;
CREATE INDEX projects_next_review ON projects(next_review_due, code, title, lead_id, last_review_on)
    WHERE next_review_due IS NOT NULL;
