//! Overwriting a registered project from a row of the file (`--update`).

use super::*;

impl Projects {
    /// Overwrites the project `old` with the file's values, as `spm project edit` and
    /// `spm project status` would; returns whether anything changed.
    pub(super) fn update(
        &mut self,
        tx: &Connection,
        old: Project,
        d: Draft,
        v: &Values<'_>,
    ) -> std::result::Result<bool, RowError> {
        let fatal = |e: Error| RowError::from_service(v, None, e);
        let mut problems = Vec::new();
        let mut p = old.clone();
        let mut required = |i: usize, what: &str| {
            problems.push(v.problem(
                i,
                format!("the {what} is empty; to keep the registered one, leave the column out"),
            ));
        };
        if v.has(TITLE) {
            match d.title.as_deref().map(clean_title) {
                Some(Ok(t)) => p.title = t,
                Some(Err(e)) => return Err(RowError::from_service(v, Some(TITLE), e)),
                None => required(TITLE, "title"),
            }
        }
        if v.has(FORM) {
            match d.form {
                Some(f) => p.form = f,
                None => required(FORM, "form"),
            }
        }
        if v.has(PLANNED) {
            match d.planned {
                Some(l) => p.level_planned = l,
                None => required(PLANNED, "planned level"),
            }
        }
        if !problems.is_empty() {
            return Err(RowError::Problems(problems));
        }
        let fix = |i: usize, e: Error| RowError::from_service(v, Some(i), e);
        if v.has(SUMMARY) {
            p.summary = clean_text("summary", d.summary.as_deref()).map_err(|e| fix(SUMMARY, e))?;
        }
        if v.has(DEPARTMENT) {
            p.department = clean_text("department", d.department.as_deref())
                .map_err(|e| fix(DEPARTMENT, e))?;
        }
        if v.has(ACTIVITY) {
            p.activity = d.activity;
        }
        if v.has(ACHIEVED) {
            p.level_achieved = d.achieved;
        }
        if let Some(y) = d.year {
            p.academic_year = y;
        }
        // An empty date does not clear one that the project's status fills (a start once
        // it has run, an end once it is over): the status move of the first import of a file
        // filled it, and clearing it again on the next import of the same file would make
        // every import of it an update, and leave an active project with no start.
        let status = d.status.unwrap_or(p.status);
        if v.has(START) && (d.start.is_some() || status == Status::Proposed) {
            p.start_date = d.start;
        }
        if v.has(END) && (d.end.is_some() || !status.is_closed()) {
            p.end_date = d.end;
        }
        if v.has(BUDGET) {
            p.budget = d.budget;
        }
        if let Some(c) = d.cadence {
            p.cadence = c;
        }
        if v.has(THEMES) {
            p.themes = clean_themes(&d.themes).map_err(|e| fix(THEMES, e))?;
            p.themes.sort_by_key(|t| t.to_ascii_lowercase());
        }
        let mut lead_id: Option<i64> = tx
            .prepare_cached("SELECT lead_id FROM projects WHERE id = ?1")
            .and_then(|mut s| s.query_row([p.id], |r| r.get(0)))
            .context("cannot read the project's lead")
            .map_err(fatal)?;
        if v.has(LEAD) || v.has(LEAD_EMAIL) {
            let column = lead_column(&d);
            let name = clean_text("staff lead", d.lead.as_deref()).map_err(|e| fix(column, e))?;
            let same = |now: Option<&str>, given: Option<&str>| match (now, given) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            };
            let unchanged = match d.lead_email.as_deref() {
                Some(email) => same(old.lead_email.as_deref(), Some(email)),
                None => same(old.lead.as_deref(), name.as_deref()),
            };
            // The same lead as now: no need to look the person up again.
            if !unchanged {
                match self
                    .lead(tx, name.as_deref(), d.lead_email.as_deref())
                    .map_err(|e| fix(column, e))?
                {
                    Some(l) => {
                        lead_id = Some(l.id);
                        p.lead = Some(l.name);
                        p.lead_email = l.email;
                    }
                    None => {
                        lead_id = None;
                        p.lead = None;
                        p.lead_email = None;
                    }
                }
            }
        }
        check_dates(p.start_date, p.end_date).map_err(|e| fix(START, e))?;
        if let Some(start) = p.start_date.filter(|s| old.start_date != Some(*s)) {
            let first: Option<NaiveDate> = tx
                .prepare_cached("SELECT min(on_date) FROM reviews WHERE project_id = ?1")
                .and_then(|mut s| s.query_row([p.id], |r| r.get(0)))
                .context("cannot read the project's reviews")
                .map_err(fatal)?;
            if let Some(first) = first.filter(|f| *f < start) {
                return Err(fix(
                    START,
                    Error::Invalid(format!(
                        "project {} was reviewed on {first}, before the new start date {start}; give a start on or before {first}",
                        old.code
                    )),
                ));
            }
        }
        let (relinked, later) = self.relink(tx, &old, &mut p, &d, v)?;
        let diff = changes::diff(
            &changes::snapshot(&old, UNLOGGED),
            &changes::snapshot(&p, UNLOGGED),
            &[],
        );
        // A link to a project not registered yet is made once every row is written.
        let mut changed = later;
        if !diff.is_empty() {
            changed = true;
            writer::update(tx, &p, lead_id, p.themes != old.themes).map_err(fatal)?;
            if let Some(now) = relinked {
                writer::set_continues(tx, p.id, now).map_err(fatal)?;
            }
            changes::record(tx, svc::ENTITY, p.id, Action::Update, &Json::Object(diff))
                .map_err(fatal)?;
        }
        if let Some(status) = d.status.filter(|s| *s != p.status) {
            svc::apply_status(tx, &p, status, self.today, Some(&self.note))
                .map_err(|e| fix(STATUS, e))?;
            changed = true;
        }
        Ok(changed)
    }

    /// The project `p` (registered as `old`) is to continue, as `spm project edit` decides
    /// it (`service::project::relinked`), when the row gives a `continues` other than the
    /// one it has or moves it to another year: `Some` with the new link when it changes, and
    /// `p.continues` set to its code. A code not registered yet may be a project a later row
    /// adds: that link is left for [`Projects::settle`], and the second value says so.
    fn relink(
        &mut self,
        tx: &Connection,
        old: &Project,
        p: &mut Project,
        d: &Draft,
        v: &Values<'_>,
    ) -> std::result::Result<(Option<Option<i64>>, bool), RowError> {
        let fatal = |e: Error| RowError::from_service(v, None, e);
        let mut given = v
            .has(CONTINUES)
            .then(|| d.continues.as_deref().unwrap_or("").trim());
        // The link it has already (a file exported and imported back): nothing to check.
        if given.is_some_and(|g| match &old.continues {
            Some(c) => c.eq_ignore_ascii_case(g),
            None => g.is_empty(),
        }) {
            given = None;
        }
        let mut later = false;
        if let Some(code) = given.filter(|g| !g.is_empty())
            && registered(tx, code).map_err(fatal)?.is_none()
        {
            self.links.push(Link {
                line: v.line,
                code: old.code.clone(),
                continues: code.to_string(),
                updated: true,
            });
            given = None;
            later = true;
        }
        if given.is_none() && p.academic_year == old.academic_year {
            return Ok((None, later));
        }
        let column = if given.is_some() { CONTINUES } else { YEAR };
        let now = svc::relinked(
            tx,
            p.id,
            &old.code,
            old.academic_year,
            p.academic_year,
            given,
        )
        .map_err(|e| RowError::from_service(v, Some(column), e))?;
        let code = match now {
            Some(id) => Some(by_id(tx, id).map_err(fatal)?.code),
            None => None,
        };
        if code == old.continues {
            return Ok((None, later));
        }
        p.continues = code;
        Ok((Some(now), later))
    }
}
