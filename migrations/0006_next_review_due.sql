-- Step 6: each project keeps its next review date (worked out for existing rows by the code step in src/db/mod.rs).
ALTER TABLE projects ADD COLUMN next_review_due TEXT;
CREATE INDEX projects_next_review ON projects(next_review_due, code)
    WHERE next_review_due IS NOT NULL;
