//! Where the database refers to a person: the one list that `person export` shows and
//! `person forget` removes, so the two cannot drift apart. A unit test ties the list to the
//! schema (every column that holds a person's id, and every free-text column, is here or on
//! a commented allow-list), and an integration test builds a person referred to from every
//! place and checks that the export shows each one and forgetting scrubs each one.

use rusqlite::{Connection, params_from_iter};

use super::scrub::Scrub;
use crate::db::rows;
use crate::error::Result;

/// How a place refers to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The person's own record (`people.id`).
    Record,
    /// The column holds the person's id, and the rows are theirs (roles, requests).
    Own,
    /// The column holds the person's id, linking a record to them (a project's lead).
    Link,
    /// The column holds the id of a row of this table that is the person's (a contribution
    /// to one of their roles).
    Via(&'static str),
    /// The column is a JSON list of names (a review's reviewers).
    Names,
    /// The column is free text that can name them (whole words, any case).
    Text,
    /// The change log's JSON fields, which can name them.
    Log,
}

/// What forgetting a person does at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnForget {
    /// The row stays, without the name, email and notes (the person's own record).
    Anonymise,
    /// The rows go (self-declared characteristics).
    Delete,
    /// The rows stay, so participation is still counted: the id now leads to "former
    /// participant #N".
    Keep,
    /// Names and emails in the text become "former participant #N".
    Scrub,
}

/// One place in the database that can refer to a person.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub table: &'static str,
    pub column: &'static str,
    pub by: By,
    pub on_forget: OnForget,
    /// The key of the export's section that shows it (text places share `mentions`).
    pub section: &'static str,
    /// The change-log entity of the table's rows: their entries are about the person too.
    pub entity: Option<&'static str>,
    /// The column that identifies a row (for a table without one of its own, its parent's).
    pub key: &'static str,
    /// The export's rows for a section of its own: SQL given the person's id as `?1` and,
    /// for names, the keys of the rows that name them as a JSON list in `?2`.
    pub(crate) rows: &'static str,
}

impl Place {
    /// Whether the column holds JSON, walked string by string, rather than plain text.
    pub fn is_json(&self) -> bool {
        matches!(self.by, By::Names | By::Log)
    }

    /// Whether the place refers to the person by name (matched in its text), not by id.
    pub fn by_name(&self) -> bool {
        matches!(self.by, By::Names | By::Text | By::Log)
    }
}

/// Free text that can name anyone: scrubbed when a person is forgotten, listed under
/// `mentions` in the export.
const fn text(table: &'static str, column: &'static str, key: &'static str) -> Place {
    Place {
        table,
        column,
        by: By::Text,
        on_forget: OnForget::Scrub,
        section: "mentions",
        entity: None,
        key,
        rows: "",
    }
}

/// Every place that can refer to a person, in the order the export shows them.
pub const PLACES: &[Place] = &[
    Place {
        table: "people",
        column: "id",
        by: By::Record,
        on_forget: OnForget::Anonymise,
        section: "person",
        entity: Some("person"),
        key: "id",
        rows: "SELECT * FROM people WHERE id = ?1",
    },
    Place {
        table: "person_characteristics",
        column: "person_id",
        by: By::Own,
        on_forget: OnForget::Delete,
        section: "characteristics",
        // Logged under the person, and only by category, never the value.
        entity: None,
        key: "person_id",
        rows: "SELECT category, value FROM person_characteristics WHERE person_id = ?1
               ORDER BY category",
    },
    Place {
        table: "project_partners",
        column: "person_id",
        by: By::Own,
        on_forget: OnForget::Keep,
        section: "partners",
        entity: Some("partner"),
        key: "id",
        rows: "SELECT pp.*, p.code AS project, p.title AS project_title
               FROM project_partners pp JOIN projects p ON p.id = pp.project_id
               WHERE pp.person_id = ?1 ORDER BY pp.id",
    },
    Place {
        table: "contributions",
        column: "partner_id",
        by: By::Via("project_partners"),
        on_forget: OnForget::Keep,
        section: "contributions",
        // Logged under the role they were made in.
        entity: None,
        key: "id",
        rows: "SELECT c.*, p.code AS project, pp.role
               FROM contributions c JOIN project_partners pp ON pp.id = c.partner_id
               JOIN projects p ON p.id = pp.project_id
               WHERE pp.person_id = ?1 ORDER BY c.on_date, c.id",
    },
    Place {
        table: "projects",
        column: "lead_id",
        by: By::Link,
        on_forget: OnForget::Keep,
        section: "leads",
        entity: Some("project"),
        key: "id",
        rows: "SELECT code, title, status FROM projects WHERE lead_id = ?1 ORDER BY code",
    },
    Place {
        table: "reviews",
        column: "reviewers",
        by: By::Names,
        on_forget: OnForget::Scrub,
        section: "reviewer_of",
        entity: Some("review"),
        key: "id",
        rows: "SELECT r.id, p.code AS project, r.on_date, r.kind, r.reviewers
               FROM reviews r JOIN projects p ON p.id = r.project_id
               WHERE r.id IN (SELECT value FROM json_each(?2)) ORDER BY r.on_date, r.id",
    },
    Place {
        table: "recommendations",
        column: "owner_id",
        by: By::Link,
        on_forget: OnForget::Keep,
        section: "owns_recommendations",
        entity: Some("recommendation"),
        key: "id",
        rows: "SELECT * FROM recommendations WHERE owner_id = ?1 ORDER BY id",
    },
    Place {
        table: "data_requests",
        column: "person_id",
        by: By::Own,
        // Kept as the record of the request; forgetting closes an open erasure request.
        on_forget: OnForget::Keep,
        section: "data_requests",
        entity: Some("data_request"),
        key: "id",
        rows: "SELECT * FROM data_requests WHERE person_id = ?1 ORDER BY id",
    },
    text("projects", "title", "id"),
    text("projects", "summary", "id"),
    text("project_publications", "title", "project_id"),
    text("project_publications", "summary", "project_id"),
    text("project_status_history", "note", "id"),
    text("project_partners", "skills", "id"),
    text("contributions", "note", "id"),
    text("contributions", "reason", "id"),
    text("data_requests", "note", "id"),
    text("reviews", "went_well", "id"),
    text("reviews", "to_change", "id"),
    text("reviews", "lessons", "id"),
    text("review_scores", "evidence", "review_id"),
    text("review_outcomes", "evidence", "review_id"),
    text("recommendations", "finding", "id"),
    text("recommendations", "recommendation", "id"),
    text("recommendations", "addressed_to", "id"),
    text("recommendations", "response", "id"),
    text("recommendations", "channel", "id"),
    text("recommendation_history", "response", "id"),
    text("recommendation_publications", "said", "recommendation_id"),
    text("recommendation_publications", "did", "recommendation_id"),
    text("recommendation_impacts", "evidence", "recommendation_id"),
    text("project_checklist", "note", "id"),
    text("panel_sessions", "topic", "id"),
    text("panel_sessions", "question", "id"),
    text("panel_insights", "text", "id"),
    text("fund_applications", "decision_note", "id"),
    text("fund_spend", "note", "id"),
    text("priority_objectives", "objective", "id"),
    Place {
        table: "changes",
        column: "fields",
        by: By::Log,
        on_forget: OnForget::Scrub,
        section: "change_log",
        entity: None,
        key: "id",
        rows: "SELECT at, actor, entity, entity_id, action, fields FROM changes
               WHERE id IN (SELECT value FROM json_each(?2)) ORDER BY id",
    },
];

/// A row that names the person, and its text with them replaced.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Named {
    pub key: i64,
    pub text: String,
    pub scrubbed: String,
}

/// The rows of a place that names the person, found as forgetting replaces them: the search in
/// SQL is a case-insensitive prefilter; the whole-word check is [`Scrub::value`]'s.
pub(crate) fn naming(conn: &Connection, place: &Place, scrub: &Scrub) -> Result<Vec<Named>> {
    if scrub.identities.is_empty() {
        return Ok(Vec::new());
    }
    let (table, column, key) = (place.table, place.column, place.key);
    let any = vec![format!("instr(lower({column}), lower(?)) > 0"); scrub.identities.len()];
    let found: Vec<(i64, String)> = rows(
        conn,
        "cannot search for the person's name",
        &format!(
            "SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND ({})
             ORDER BY {key}",
            any.join(" OR ")
        ),
        params_from_iter(scrub.identities.iter()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(found
        .into_iter()
        .filter_map(|(key, text)| {
            let scrubbed = scrub.value(&text, place.is_json())?;
            Some(Named {
                key,
                text,
                scrubbed,
            })
        })
        .collect())
}
