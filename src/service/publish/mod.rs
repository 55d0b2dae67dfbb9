//! What the public pages show (`spm publish`): plain records for a renderer, no HTML.
//!
//! - [`board`]: "you said, we did", the published recommendations by theme.
//! - [`gallery`] and [`archive`]: the Change Makers projects of a year, and of earlier years.
//! - [`panel`]: the Student Education Panel's sessions of a year and their insights.
//! - [`priorities`]: the year's priority projects with their objectives.
//!
//! Nothing reaches a public page unvetted. A recommendation appears only once approved with
//! `spm rec publish`, and then in the words approved (what students said, what was done); a
//! panel insight only once approved with `spm panel insight publish`; a Change Makers project
//! only once its title and summary are approved with `spm project publish`, and then with the
//! title and summary approved. Where a recommendation came from names a project by the title
//! approved for it, or by none while it has no approval. A student (or anyone) is named only
//! while their consent to be named is on record and their consent to take part holds
//! ([`Person::may_be_named_on`](crate::model::Person::may_be_named_on)); every other count of
//! people is rounded as the reports round them ([`hesa::round_count`]). Each list comes in a
//! fixed order, so the same database gives the same pages.

mod board;
mod gallery;
mod panel;
mod priorities;

pub use board::{Board, PublicRec, PublicSource, board};
pub use gallery::{Gallery, GalleryProject, archive, archive_years, gallery};
pub use panel::{PanelPage, PublicInsight, PublicSession, panel};
pub use priorities::priorities;

use serde::Serialize;

#[cfg(doc)]
use crate::model::hesa;
use crate::model::{RecStatus, Worked};

/// Items grouped under one theme, as the pages show them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Themed<T> {
    /// The theme as spelled where it was first seen in alphabetical order (themes match in
    /// any case); `None` holds the items without a theme, and always comes last.
    pub theme: Option<String>,
    pub items: Vec<T>,
}

/// Groups `items` by theme, matching themes in any case: themes in alphabetical order (any
/// case), those without one last; within a theme, items keep the order they came in.
fn by_theme<T>(items: impl IntoIterator<Item = (Option<String>, T)>) -> Vec<Themed<T>> {
    let mut groups: Vec<(Option<String>, Themed<T>)> = Vec::new();
    for (theme, item) in items {
        let key = theme.as_deref().map(str::to_lowercase);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => {
                // The alphabetically first spelling names the group, whatever the order in.
                if let (Some(new), Some(old)) = (&theme, &mut group.theme)
                    && new < old
                {
                    *old = new.clone();
                }
                group.items.push(item);
            }
            None => groups.push((
                key,
                Themed {
                    theme,
                    items: vec![item],
                },
            )),
        }
    }
    groups.sort_by(|(a, _), (b, _)| match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (Some(a), Some(b)) => a.cmp(b),
    });
    groups.into_iter().map(|(_, g)| g).collect()
}

/// A recommendation's status as students reading a public page would say it.
pub fn status_words(s: RecStatus) -> &'static str {
    match s {
        RecStatus::Proposed => "Under consideration",
        RecStatus::Accepted => "Accepted",
        RecStatus::InProgress => "In progress",
        RecStatus::Implemented => "Done",
        RecStatus::PartlyImplemented => "Partly done",
        RecStatus::NotAdopted => "Not adopted",
        RecStatus::BeyondControl => "Beyond our control",
    }
}

/// Whether it worked, as students reading a board would say it: only a done or partly done
/// item is checked (`rec impact`); the others show nothing to check yet. The verdict only:
/// the evidence is free text, never vetted for a public page.
pub fn did_it_work(s: RecStatus, worked: Option<Worked>) -> &'static str {
    if !is_done(s) {
        return "";
    }
    match worked {
        None => "Not checked yet",
        Some(Worked::Yes) => "Yes",
        Some(Worked::Partly) => "Partly",
        Some(Worked::No) => "No",
        Some(Worked::Unknown) => "Too early to tell",
    }
}

/// Whether it was done, fully or in part: what an impact is checked for.
pub fn is_done(s: RecStatus) -> bool {
    matches!(s, RecStatus::Implemented | RecStatus::PartlyImplemented)
}

/// What was done, said from the status, for a page to show where no "we did" was approved.
pub fn status_sentence(s: RecStatus) -> &'static str {
    match s {
        RecStatus::Proposed => "We are considering this.",
        RecStatus::Accepted => "We have accepted this and will act on it.",
        RecStatus::InProgress => "We are working on this.",
        RecStatus::Implemented => "We have done this.",
        RecStatus::PartlyImplemented => "We have done part of this.",
        RecStatus::NotAdopted => "We decided not to adopt this.",
        RecStatus::BeyondControl => "This is beyond our control.",
    }
}

#[cfg(test)]
mod tests;
