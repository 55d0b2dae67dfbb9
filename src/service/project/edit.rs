//! Editing a project's fields, with every change logged as old and new values.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::Value as Json;

use super::{
    ENTITY, UNLOGGED, by_id, check_dates, clean_themes, clean_title, code_taken, get, series, write,
};
use crate::db::begin_write;
use crate::error::{Context, Error, Result};
use crate::model::code::parse_code;
use crate::model::{AcademicYear, Activity, Cadence, Form, Level, Money, Project};
use crate::service::changes::{self, Action};
use crate::service::{clean_text, person, review};

/// Changes to a project. `None` leaves a field alone; `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct ProjectPatch {
    pub code: Option<String>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub form: Option<Form>,
    pub activity: Option<Option<Activity>>,
    pub level_planned: Option<Level>,
    pub level_achieved: Option<Option<Level>>,
    pub department: Option<Option<String>>,
    pub academic_year: Option<AcademicYear>,
    pub start_date: Option<Option<NaiveDate>>,
    pub end_date: Option<Option<NaiveDate>>,
    pub lead: Option<Option<String>>,
    /// A `lead` whose name is nobody's but like someone's (see `person::similar`) is a new
    /// member of staff, not refused.
    pub new_lead: bool,
    /// Replaces every theme.
    pub themes: Option<Vec<String>>,
    pub add_themes: Vec<String>,
    pub remove_themes: Vec<String>,
    pub budget: Option<Option<Money>>,
    pub cadence: Option<Cadence>,
    /// The code of the project of an earlier academic year that this one continues;
    /// `Some(None)` (or a blank code) clears it.
    pub continues: Option<Option<String>>,
}

impl ProjectPatch {
    /// Whether the patch changes nothing at all.
    pub fn is_empty(&self) -> bool {
        self.code.is_none()
            && self.title.is_none()
            && self.summary.is_none()
            && self.form.is_none()
            && self.activity.is_none()
            && self.level_planned.is_none()
            && self.level_achieved.is_none()
            && self.department.is_none()
            && self.academic_year.is_none()
            && self.start_date.is_none()
            && self.end_date.is_none()
            && self.lead.is_none()
            && self.themes.is_none()
            && self.add_themes.is_empty()
            && self.remove_themes.is_empty()
            && self.budget.is_none()
            && self.cadence.is_none()
            && self.continues.is_none()
    }
}

/// A project edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub project: Project,
    /// The keys of the fields that changed (none: it had those values already).
    pub changed: Vec<String>,
    /// The staff lead's name, when naming them registered a new member of staff.
    pub new_lead: Option<String>,
}

/// Applies `patch` to the project with `code`; returns it with the fields that changed, and
/// the lead when it registered them.
///
/// Errors: `NotFound`; `Invalid` for bad values or a theme to remove that is not there;
/// `Conflict` when a new code is taken.
pub fn edit(conn: &mut Connection, code: &str, patch: ProjectPatch) -> Result<Edited> {
    let tx = begin_write(conn)?;
    let old = get(&tx, code)?;
    let mut p = old.clone();
    if let Some(c) = &patch.code {
        let c = parse_code("project code", c)?;
        if code_taken(&tx, &c, Some(p.id))? {
            return Err(Error::Conflict(format!(
                "a project with code {c:?} already exists; choose another code"
            )));
        }
        p.code = c;
    }
    if let Some(t) = &patch.title {
        p.title = clean_title(t)?;
    }
    if let Some(s) = &patch.summary {
        p.summary = clean_text("summary", s.as_deref())?;
    }
    if let Some(f) = patch.form {
        p.form = f;
    }
    if let Some(a) = patch.activity {
        p.activity = a;
    }
    if let Some(l) = patch.level_planned {
        p.level_planned = l;
    }
    if let Some(l) = patch.level_achieved {
        p.level_achieved = l;
    }
    if let Some(d) = &patch.department {
        p.department = clean_text("department", d.as_deref())?;
    }
    if let Some(y) = patch.academic_year {
        p.academic_year = y;
    }
    if let Some(d) = patch.start_date {
        p.start_date = d;
    }
    if let Some(d) = patch.end_date {
        p.end_date = d;
    }
    let mut lead_id: Option<i64> = tx
        .query_row("SELECT lead_id FROM projects WHERE id = ?1", [p.id], |r| {
            r.get(0)
        })
        .context("cannot read the project's lead")?;
    let mut new_lead = None;
    if let Some(l) = &patch.lead {
        match clean_text("staff lead", l.as_deref())? {
            Some(key) => {
                let (lead, registered) = person::lead(&tx, &key, patch.new_lead)?;
                new_lead = registered.then(|| lead.name.clone());
                lead_id = Some(lead.id);
                p.lead = Some(lead.name);
            }
            None => {
                lead_id = None;
                p.lead = None;
            }
        }
    }
    if let Some(b) = patch.budget {
        p.budget = b;
    }
    if let Some(c) = patch.cadence {
        p.cadence = c;
    }
    let mut themes = match &patch.themes {
        Some(t) => t.clone(),
        None => p.themes.clone(),
    };
    for gone in &patch.remove_themes {
        let before = themes.len();
        let gone_lower = gone.trim().to_lowercase();
        themes.retain(|t| t.to_lowercase() != gone_lower);
        if themes.len() == before {
            return Err(Error::Invalid(format!(
                "project {:?} has no theme {:?}",
                p.code,
                gone.trim()
            )));
        }
    }
    themes.extend(patch.add_themes.iter().cloned());
    p.themes = clean_themes(&themes)?;
    check_dates(p.start_date, p.end_date)?;
    if let Some(start) = p.start_date.filter(|s| old.start_date != Some(*s)) {
        let first: Option<NaiveDate> = tx
            .query_row(
                "SELECT min(on_date) FROM reviews WHERE project_id = ?1",
                [p.id],
                |r| r.get(0),
            )
            .context("cannot read the project's reviews")?;
        if let Some(first) = first.filter(|f| *f < start) {
            return Err(Error::Invalid(format!(
                "project {} was reviewed on {first}, before the new start date {start}; give a start on or before {first}",
                old.code
            )));
        }
    }

    let was = series::continued(&tx, p.id)?;
    let given = patch.continues.as_ref().map(|c| c.as_deref().unwrap_or(""));
    let continues = series::relinked(
        &tx,
        p.id,
        &old.code,
        old.academic_year,
        p.academic_year,
        given,
    )?;
    if continues != was {
        p.continues = match continues {
            Some(id) => Some(by_id(&tx, id)?.code),
            None => None,
        };
    }
    let diff = changes::diff(
        &changes::snapshot(&old, UNLOGGED),
        &changes::snapshot(&p, UNLOGGED),
        &[],
    );
    if diff.is_empty() {
        // Nothing is saved: a lead registered on the way is not either.
        return Ok(Edited {
            project: old,
            changed: Vec::new(),
            new_lead: None,
        });
    }
    write::update(&tx, &p, lead_id, p.themes != old.themes)?;
    if continues != was {
        write::set_continues(&tx, p.id, continues)?;
    }
    // A new start date or cadence moves the next review.
    review::refresh(&tx, p.id)?;
    let changed: Vec<String> = diff.keys().cloned().collect();
    changes::record(&tx, ENTITY, p.id, Action::Update, &Json::Object(diff))?;
    let project = by_id(&tx, p.id)?;
    tx.commit().context("cannot save the project")?;
    Ok(Edited {
        project,
        changed,
        new_lead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::testing::day;
    use crate::model::{Form, Level};
    use crate::service::database::open_in_memory;
    use crate::service::project::{NewProject, add, history};

    #[test]
    fn edits_are_logged_with_old_and_new_values() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let p = add(
            &mut conn,
            NewProject::new(
                "Reading lists",
                Form::CurriculumCoCreation,
                Level::Involvement,
            ),
            day("2025-10-01"),
        )?
        .project;
        let patch = ProjectPatch {
            title: Some("Co-created reading lists".into()),
            add_themes: vec!["Decolonising".into()],
            ..Default::default()
        };
        let Edited {
            project: p2,
            changed,
            new_lead,
        } = edit(&mut conn, &p.code, patch)?;
        assert_eq!(changed, vec!["title".to_string(), "themes".to_string()]);
        assert_eq!(new_lead, None);
        assert_eq!(p2.themes, vec!["Decolonising".to_string()]);
        let log = history(&conn, &p2)?;
        assert_eq!(log.len(), 2);
        assert_eq!(log[1].fields["title"][1], "Co-created reading lists");
        Ok(())
    }

    /// Add and edit say when naming the lead registered them, and only then.
    #[test]
    fn a_lead_registered_on_the_way_is_told() -> anyhow::Result<()> {
        let mut conn = open_in_memory()?;
        let today = day("2025-10-01");
        let mut new = NewProject::new("Peer mentors", Form::WiderExperience, Level::Partnership);
        new.lead = Some("  Dr J. Okafor ".into());
        let added = add(&mut conn, new, today)?;
        assert_eq!(added.new_lead.as_deref(), Some("Dr J. Okafor"));
        assert_eq!(added.project.lead.as_deref(), Some("Dr J. Okafor"));
        // Named again: found, not registered.
        let mut again = NewProject::new("Study skills", Form::WiderExperience, Level::Partnership);
        again.lead = Some("dr j. okafor".into());
        assert_eq!(add(&mut conn, again, today)?.new_lead, None);
        let code = added.project.code;
        let to = |lead: &str| ProjectPatch {
            lead: Some(Some(lead.into())),
            ..Default::default()
        };
        let edited = edit(&mut conn, &code, to("Dr P. Ruiz"))?;
        assert_eq!(edited.new_lead.as_deref(), Some("Dr P. Ruiz"));
        assert_eq!(edited.changed, ["lead"]);
        assert_eq!(edit(&mut conn, &code, to("Dr J. Okafor"))?.new_lead, None);
        // A lead refused registers nobody: a student cannot lead.
        crate::service::person::add(
            &mut conn,
            crate::service::person::NewPerson::new("Sam Lee", crate::model::PersonKind::Student),
            today,
        )?;
        assert!(edit(&mut conn, &code, to("Sam Lee")).is_err());
        Ok(())
    }
}
