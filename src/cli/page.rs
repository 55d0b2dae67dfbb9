//! Pages (`--format html`, `-o FILE.html`): the look kept in the settings, a page's title and
//! footer, and writing it. What a page holds is the output's (`crate::output::html`).

use super::Ctx;
use crate::model::look::Look;
use crate::output::html::{Page, Section};

/// What a page says at its foot, after the date it was made.
const MADE_WITH: &str = "Made with spm, the Student Partnership Manager";

impl Ctx {
    /// How pages look: the institution's name, accent and logo from the settings.
    ///
    /// Errors: the database cannot be read, or a setting of the look is damaged.
    pub(super) fn look(&self) -> anyhow::Result<Look> {
        let conn = self.read()?;
        Ok(crate::service::settings::look(&conn)?)
    }

    /// A page titled `title` in the institution's look, dated today.
    ///
    /// Errors: as [`Ctx::look`], and a bad `SPM_TODAY`.
    pub(super) fn page(&self, title: &str) -> anyhow::Result<Page> {
        let mut page = Page::new(self.look()?, title);
        page.footer = format!("{MADE_WITH}, on {}.", self.today()?);
        Ok(page)
    }

    /// The page of a list or a record, titled by the command (`Project list`), with an
    /// empty body that says `empty` when the list has nothing in it.
    pub(super) fn list_page(&self, empty: &str) -> anyhow::Result<Page> {
        let mut page = self.page(&title(&self.words))?;
        page.subtitle = Some(format!("As of {}", self.today()?));
        let caption = page.title.clone();
        page.sections.push(Section {
            id: "body".into(),
            caption,
            empty: sentence(empty),
            ..Section::default()
        });
        Ok(page)
    }

    /// Writes a page to stdout or `--output`.
    pub(super) fn emit_page(&self, page: &Page) -> anyhow::Result<()> {
        self.write_plain(|w| page.write(w))
    }
}

/// A command's words as a title: `["project", "list"]` is "Project list", and `rec` reads
/// as "recommendation".
fn title(words: &[String]) -> String {
    let words: Vec<&str> = words
        .iter()
        .map(|w| match w.as_str() {
            "rec" => "recommendation",
            "db" => "database",
            other => other,
        })
        .collect();
    match words.is_empty() {
        true => "spm".to_string(),
        false => sentence_case(&words.join(" ").replace('-', " ")),
    }
}

/// The title of a record's page: the command's noun and the record's code or id (`spm
/// project show mh-2025` is "Project mh-2025"; `spm settings show` is "Settings"), or the
/// command's words when it is no `show`.
pub(super) fn record_title(words: &[String], rec: &crate::output::Record) -> String {
    let Some((_, noun)) = words
        .split_last()
        .filter(|(v, n)| *v == "show" && !n.is_empty())
    else {
        return title(words);
    };
    match rec.fields.first() {
        Some((c, value)) if ["code", "id", "key"].contains(&c.key) => {
            format!("{} {}", title(noun), value.display())
        }
        _ => title(noun),
    }
}

/// `text` with a capital first letter.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A message as a sentence on a page: "nothing to list" is "Nothing to list.".
pub(super) fn sentence(message: &str) -> String {
    let mut text = sentence_case(message.trim());
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_titled_by_its_command() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(title(&words(&["project", "list"])), "Project list");
        assert_eq!(title(&words(&["rec", "board"])), "Recommendation board");
        assert_eq!(
            title(&words(&["priority", "carry-forward"])),
            "Priority carry forward"
        );
        assert_eq!(title(&[]), "spm");
        let mut rec = crate::output::Record::default();
        rec.field("id", "Id", crate::output::Value::Int(4));
        assert_eq!(
            record_title(&words(&["rec", "show"]), &rec),
            "Recommendation 4"
        );
        let mut settings = crate::output::Record::default();
        settings.field("institution", "Institution", crate::output::Value::Null);
        assert_eq!(
            record_title(&words(&["settings", "show"]), &settings),
            "Settings"
        );
        assert_eq!(
            record_title(&words(&["fund", "budget"]), &rec),
            "Fund budget"
        );
        assert_eq!(sentence("nothing to list"), "Nothing to list.");
        assert_eq!(sentence("no reviews due."), "No reviews due.");
    }
}
