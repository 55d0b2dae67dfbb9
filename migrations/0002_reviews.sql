-- 0002: reviews of projects, with their scores against principles and the outcomes seen.

-- A regular, built-in opportunity for review and reflection on a project. A review keeps the
-- framework it was scored against, so a later change of the adopted framework leaves it as it
-- was. Projects with reviews cannot be deleted (withdraw them instead).
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    framework_id INTEGER NOT NULL REFERENCES frameworks(id),
    on_date      TEXT NOT NULL CHECK (on_date IS date(on_date)),
    kind         TEXT NOT NULL CHECK (kind IN ('annual', 'interim', 'closing')),
    decision     TEXT NOT NULL CHECK (decision IN ('continue', 'adapt', 'close')),
    reviewers    TEXT NOT NULL DEFAULT '[]'
                 CHECK (json_valid(reviewers) AND json_type(reviewers) = 'array'),
    went_well    TEXT,
    to_change    TEXT,
    lessons      TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (project_id, on_date, kind)
);
-- The last review of each project, found by an index seek: what `review due` reads.
CREATE INDEX reviews_project_date ON reviews(project_id, on_date);
CREATE INDEX reviews_date ON reviews(on_date);

-- A score of 1 to 5 against one principle, given by staff or by students (a gap between the
-- two views is worth flagging), with its evidence. `wording` is the principle's words when
-- it was scored, so the score keeps pointing at what was asked even if the framework moves on.
CREATE TABLE review_scores (
    review_id    INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    principle_id INTEGER NOT NULL REFERENCES principles(id),
    scored_by    TEXT NOT NULL CHECK (scored_by IN ('staff', 'students')),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    evidence     TEXT,
    wording      TEXT NOT NULL,
    PRIMARY KEY (review_id, principle_id, scored_by)
) WITHOUT ROWID;
CREATE INDEX review_scores_principle ON review_scores(principle_id);

-- How clearly each student, staff and institutional outcome (DESIGN.md §1) was seen.
CREATE TABLE review_outcomes (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    outcome   TEXT NOT NULL CHECK (outcome IN ('motivation', 'confidence', 'metacognition',
                  'relationships', 'belonging', 'staff-trust', 'teaching-materials',
                  'student-understanding', 'teaching-beliefs', 'power-shift',
                  'feedback-confidence')),
    rating    TEXT NOT NULL CHECK (rating IN ('not-seen', 'emerging', 'clear')),
    evidence  TEXT,
    PRIMARY KEY (review_id, outcome)
) WITHOUT ROWID;
