//! The public site (`spm publish`): the pages made from what `crate::service::publish`
//! vetted, each a [`Page`] of the institution's look with a `nav` linking the other pages by
//! relative addresses (`board.html`), and nothing else linked.
//!
//! - `index.html`: what the site holds, a link and a sentence each.
//! - `board.html`: "you said, we did", a table per theme.
//! - `gallery-YYYY-YY.html`: a year's Change Makers projects under each of their themes.
//! - `archive.html`: the earlier years, each a gallery page of its own, so no page grows
//!   without bound.
//! - `panel-YYYY-YY.html`: the panel's sessions with their published insights.
//! - `priorities-YYYY-YY.html`: the year's priority projects and their objectives.
//!
//! Dates are written in words ("20 October 2025"); nothing on a page depends on the clock
//! but the day it was made, so the same database and day give the same pages.

use chrono::NaiveDate;
use maud::html;

use super::{Link, Page, Section};
use crate::model::look::Look;
use crate::model::{AcademicYear, Activity, Priority};
use crate::output::{Doc, Rows, Value, col};
use crate::service::publish::{
    Board, Gallery, GalleryProject, PanelPage, PublicRec, PublicSource, Themed, did_it_work,
    is_done, status_sentence,
};

/// The index page's file.
pub const INDEX: &str = "index.html";
/// The board's file.
pub const BOARD: &str = "board.html";
/// The archive's file.
pub const ARCHIVE: &str = "archive.html";

/// The gallery page of `year`: `gallery-2025-26.html`.
pub fn gallery_file(year: AcademicYear) -> String {
    format!("gallery-{}.html", file_year(year))
}

/// The panel page of `year`: `panel-2025-26.html`.
pub fn panel_file(year: AcademicYear) -> String {
    format!("panel-{}.html", file_year(year))
}

/// The priorities page of `year`: `priorities-2025-26.html`.
pub fn priorities_file(year: AcademicYear) -> String {
    format!("priorities-{}.html", file_year(year))
}

/// `2025/26` as a file name has it: `2025-26`.
fn file_year(year: AcademicYear) -> String {
    year.to_string().replace('/', "-")
}

/// A day in words: "20 October 2025".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// One page the site's `nav` links: its file and its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file: String,
    pub label: String,
    /// A sentence for the index: what the page holds.
    pub about: String,
}

/// What every page of one site shares: the look, the day it is made, and the pages the
/// `nav` links (the index first).
#[derive(Debug, Clone)]
pub struct Site {
    pub look: Look,
    pub today: NaiveDate,
    pub entries: Vec<Entry>,
}

impl Site {
    /// A page of the site at `file`, titled `title`, its nav marking `file` as current.
    fn page(&self, file: &str, title: String) -> Page {
        let mut page = Page::new(self.look.clone(), title);
        page.footer = format!(
            "Made with spm, the Student Partnership Manager, on {}.",
            day(self.today)
        );
        page.links = self
            .entries
            .iter()
            .map(|e| Link {
                href: e.file.clone(),
                label: e.label.clone(),
                current: e.file == file,
            })
            .collect();
        page
    }

    /// The index: a link to each page written and what it holds.
    pub fn index(&self) -> Page {
        let title = match &self.look.institution {
            Some(name) => format!("Students as partners at {name}"),
            None => "Students as partners".to_string(),
        };
        let mut page = self.page(INDEX, title);
        let pages: Vec<&Entry> = self.entries.iter().filter(|e| e.file != INDEX).collect();
        page.sections.push(Section {
            id: "pages".into(),
            extra: Some(html! {
                @if pages.is_empty() {
                    p class="empty" { "No pages were published." }
                } @else {
                    p { "What students told us, what we did about it, and the work of students as partners." }
                    ul {
                        @for e in &pages {
                            li { a href=(e.file) { (e.label) } ": " (e.about) }
                        }
                    }
                }
            }),
            ..Section::default()
        });
        page
    }

    /// "You said, we did": a section per theme, a table of its recommendations with their
    /// status in words, who owns them, where they came from, and when they were decided and
    /// told to students.
    pub fn board(&self, board: &Board) -> Page {
        let mut page = self.page(BOARD, "You said, we did".into());
        page.subtitle = Some(match board.last_updated {
            Some(d) => format!("Last updated {}", day(d)),
            None => "Nothing published yet".into(),
        });
        page.sections.push(Section {
            id: "about".into(),
            lead: vec![
                "What students told us, and what became of it. Each recommendation is shown in words approved for this page."
                    .into(),
            ],
            ..Section::default()
        });
        if board.is_empty() {
            page.sections.push(Section {
                id: "none".into(),
                extra: Some(html! {
                    p class="empty" { "No recommendations have been published yet." }
                }),
                ..Section::default()
            });
        }
        for (i, group) in board.themes.iter().enumerate() {
            let name = theme_name(group);
            // Whether it worked, for a theme with something done to check (`rec impact`).
            let checked = group.items.iter().any(|r| is_done(r.status));
            let mut columns = vec![
                col("said", "You said"),
                col("did", "We did"),
                col("status", "Status"),
            ];
            if checked {
                columns.push(col("worked", "Did it work?"));
            }
            columns.extend([
                col("unit", "Owned by"),
                col("source", "Came from"),
                col("decided", "Decided"),
                col("told", "Told students"),
            ]);
            let mut rows = Rows::new(&columns);
            for r in &group.items {
                let mut row = vec![
                    Value::Text(r.said.clone()),
                    Value::Text(did(r)),
                    Value::Text(r.status_words.to_string()),
                ];
                if checked {
                    row.push(Value::Text(did_it_work(r.status, r.worked).to_string()));
                }
                row.extend([
                    Value::Text(r.unit.clone()),
                    Value::Text(source(&r.source)),
                    Value::Text(r.decided_on.map_or("Not yet".into(), day)),
                    Value::Text(r.communicated_on.map_or("Not yet".into(), day)),
                ]);
                rows.push(row);
            }
            page.sections.push(Section {
                id: format!("theme-{}", i + 1),
                title: Some(name.clone()),
                doc: Some(Doc::Rows(rows)),
                caption: format!("You said, we did: {name}"),
                empty: "None.".into(),
                ..Section::default()
            });
        }
        page
    }

    /// The gallery of a year: a section per theme, an article per project (a project of
    /// several themes under each).
    pub fn gallery(&self, gallery: &Gallery) -> Page {
        let file = gallery_file(gallery.year);
        let mut page = self.page(&file, format!("Change Makers {}", gallery.year));
        let n = gallery.projects().len();
        page.subtitle = Some(format!(
            "Projects by students and staff, by theme: {n} {}",
            if n == 1 { "project" } else { "projects" }
        ));
        if gallery.is_empty() {
            page.subtitle = None;
            page.sections.push(Section {
                id: "none".into(),
                extra: Some(html! {
                    p class="empty" {
                        "No Change Makers projects of " (gallery.year) " have been published yet."
                    }
                }),
                ..Section::default()
            });
        }
        for (i, group) in gallery.themes.iter().enumerate() {
            let id = format!("theme-{}", i + 1);
            let articles = group
                .items
                .iter()
                .enumerate()
                .map(|(j, p)| project(p, &format!("{id}-{}", j + 1)));
            page.sections.push(Section {
                id: id.clone(),
                title: Some(theme_name(group)),
                extra: Some(html! { @for a in articles { (a) } }),
                ..Section::default()
            });
        }
        page
    }

    /// The archive: a link to the gallery page of each earlier year, with how many projects
    /// it shows, newest first.
    pub fn archive(&self, years: &[(AcademicYear, usize)]) -> Page {
        let mut page = self.page(ARCHIVE, "Change Makers archive".into());
        page.sections.push(Section {
            id: "years".into(),
            extra: Some(html! {
                @if years.is_empty() {
                    p class="empty" { "There are no earlier years to show yet." }
                } @else {
                    p { "Change Makers projects of earlier years, a page for each year." }
                    ul {
                        @for (year, n) in years {
                            li {
                                a href=(gallery_file(*year)) { "Change Makers " (year) }
                                ": " (n) (if *n == 1 { " project" } else { " projects" })
                            }
                        }
                    }
                }
            }),
            ..Section::default()
        });
        page
    }

    /// The panel's page: a section per session with its question and published insights.
    pub fn panel(&self, panel: &PanelPage) -> Page {
        let file = panel_file(panel.year);
        let mut page = self.page(&file, format!("Student Education Panel {}", panel.year));
        page.sections.push(Section {
            id: "about".into(),
            lead: vec![
                "The panel meets each term to discuss one topic. These are the insights it agreed to share."
                    .into(),
            ],
            ..Section::default()
        });
        if panel.sessions.is_empty() {
            page.sections.push(Section {
                id: "none".into(),
                extra: Some(html! {
                    p class="empty" {
                        "No insights of the panel's sessions in " (panel.year)
                        " have been published yet."
                    }
                }),
                ..Section::default()
            });
        }
        for (i, s) in panel.sessions.iter().enumerate() {
            let held = match s.panellists {
                Some(n) if n > 0 => format!("Held on {} with about {n} panellists.", day(s.on)),
                _ => format!("Held on {}.", day(s.on)),
            };
            page.sections.push(Section {
                id: format!("session-{}", i + 1),
                title: Some(format!("{}: {}", sentence_case(&s.term), s.topic)),
                extra: Some(html! {
                    p class="meta" { (held) }
                    @if let Some(q) = &s.question { p { strong { "The question: " } (q) } }
                    h3 { "What the panel said" }
                    ul { @for insight in &s.insights { li { (insight.text) } } }
                }),
                ..Section::default()
            });
        }
        page
    }

    /// The year's priority projects, each with its objectives in order.
    pub fn priorities(&self, year: AcademicYear, priorities: &[Priority]) -> Page {
        let file = priorities_file(year);
        let mut page = self.page(&file, format!("Priority projects {year}"));
        page.sections.push(Section {
            id: "about".into(),
            lead: vec![
                "The projects the Partnership Agreement names for the year, and what each sets out to do."
                    .into(),
            ],
            ..Section::default()
        });
        if priorities.is_empty() {
            page.sections.push(Section {
                id: "none".into(),
                extra: Some(html! {
                    p class="empty" { "No priority projects have been set for " (year) " yet." }
                }),
                ..Section::default()
            });
        }
        for (i, p) in priorities.iter().enumerate() {
            page.sections.push(Section {
                id: format!("priority-{}", i + 1),
                title: Some(p.title.clone()),
                extra: Some(html! {
                    @if let Some(from) = p.carried_from {
                        p class="meta" { "Carried forward from " (from) "." }
                    }
                    @if p.objectives.is_empty() {
                        p class="empty" { "No objectives are set yet." }
                    } @else {
                        h3 { "Objectives" }
                        ol { @for o in &p.objectives { li { (o) } } }
                    }
                }),
                ..Section::default()
            });
        }
        page
    }
}

/// A project of the gallery: its title, summary, who took part, and its recommendations
/// with what became of them.
fn project(p: &GalleryProject, id: &str) -> maud::Markup {
    let heading = format!("{id}-heading");
    let caption = format!("{id}-caption");
    html! {
        article aria-labelledby=(heading) {
            h3 id=(heading) { (p.title) }
            p { (p.summary) }
            @if let Some(students) = students(p) { p class="meta" { (students) } }
            @if p.recommendations.is_empty() {
                p class="empty" { "No recommendations of this project have been published yet." }
            } @else {
                div class="table-wrap" role="region" aria-labelledby=(caption) tabindex="0" {
                    table {
                        caption id=(caption) { "What the project found, and what became of it" }
                        thead {
                            tr {
                                th scope="col" { "You said" }
                                th scope="col" { "We did" }
                                th scope="col" { "Status" }
                            }
                        }
                        tbody {
                            @for r in &p.recommendations {
                                tr {
                                    td { div class="t" { (r.said) } }
                                    td { div class="t" { (did(r)) } }
                                    td { (r.status_words) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Who took part, as the service allows: the students who may be named, then about how
/// many others (a rounded count); none when neither is known.
fn students(p: &GalleryProject) -> Option<String> {
    let names = p.named_students.join(", ");
    let others = p.other_students;
    match (names.is_empty(), others) {
        (true, 0) => None,
        (true, n) => Some(format!("About {n} students took part.")),
        (false, 0) => Some(format!("Students: {names}.")),
        (false, n) => Some(format!("Students: {names}, and about {n} others.")),
    }
}

/// What was done, in the approved words, else said from the status.
fn did(r: &PublicRec) -> String {
    r.did
        .clone()
        .unwrap_or_else(|| status_sentence(r.status).to_string())
}

/// Where a recommendation came from, in words.
fn source(s: &PublicSource) -> String {
    match s {
        PublicSource::Project {
            title: Some(title), ..
        } => format!("The project \"{title}\""),
        PublicSource::Project {
            activity: Some(Activity::ChangeMakers),
            ..
        } => "A Change Makers project".into(),
        PublicSource::Project { .. } => "A partnership project".into(),
        PublicSource::Panel {
            year, term, topic, ..
        } => format!("Student Education Panel, {term} {year}: {topic}"),
        PublicSource::Elsewhere => "Student feedback".into(),
    }
}

/// A theme's heading: the theme with a capital first letter, "Other" for none.
fn theme_name<T>(group: &Themed<T>) -> String {
    group
        .theme
        .as_deref()
        .map_or_else(|| "Other".to_string(), sentence_case)
}

/// `text` with a capital first letter.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
