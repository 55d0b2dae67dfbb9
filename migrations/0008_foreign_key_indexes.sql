-- Step 8: an index on each foreign key that had none, so a lookup from the row referred to
-- (deleting a project, a person, a principle; a framework's reviews; what a person owns)
-- reads only the rows that refer to it, not the whole table.
CREATE INDEX IF NOT EXISTS principles_replaced_by ON principles(replaced_by_id);
CREATE INDEX IF NOT EXISTS reviews_framework ON reviews(framework_id);
CREATE INDEX IF NOT EXISTS recommendations_owner ON recommendations(owner_id);
CREATE INDEX IF NOT EXISTS priority_projects_project ON priority_projects(project_id);
CREATE INDEX IF NOT EXISTS priority_projects_carried_from ON priority_projects(carried_from_id);
