-- Step 12: a project may continue last year's (`spm project add|edit --continues CODE`).
-- (Run by the code step in src/db/mod.rs, which skips it when it is there already.)
ALTER TABLE projects ADD COLUMN continues_id INTEGER REFERENCES projects(id);
CREATE INDEX projects_continues ON projects(continues_id);
