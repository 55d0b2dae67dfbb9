-- Step 7: contributions over a period of days, corrected or reversed by a later entry; the
-- fund's budget for each academic year. (The code step in src/db/step7.rs then widens the
-- CHECKs: the external-partner role, voucher recognition, 24 hours a day of a period.)
ALTER TABLE contributions ADD COLUMN to_date TEXT CHECK (to_date IS date(to_date) AND to_date > on_date);
ALTER TABLE contributions ADD COLUMN replaces_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE;
ALTER TABLE contributions ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal = 0 OR (reversal = 1
                    AND replaces_id IS NOT NULL AND minutes = 0 AND paid_pence = 0
                    AND recognition IS NULL));
ALTER TABLE contributions ADD COLUMN reason TEXT;
CREATE UNIQUE INDEX contributions_replaces ON contributions(replaces_id)
    WHERE replaces_id IS NOT NULL;
CREATE TABLE fund_budgets (
    academic_year TEXT PRIMARY KEY CHECK (academic_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'
                      AND CAST(substr(academic_year, 1, 4) AS INTEGER) BETWEEN 1900 AND 2999
                      AND CAST(substr(academic_year, 6, 2) AS INTEGER)
                          = (CAST(substr(academic_year, 1, 4) AS INTEGER) + 1) % 100),
    budget_pence  INTEGER NOT NULL CHECK (budget_pence > 0),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
