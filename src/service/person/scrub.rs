//! Finding a person's names and emails in text, and replacing them: the one test of "this
//! text names them" that both the export and forgetting use.

use rusqlite::Connection;
use serde_json::Value as Json;

use crate::db::rows;
use crate::error::Result;
use crate::model::Person;

/// Every name and email the person's own change-log entries hold, old and new.
fn logged_identities(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let fields: Vec<String> = rows(
        conn,
        "cannot read the change log",
        "SELECT fields FROM changes WHERE entity = 'person' AND entity_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let mut out: Vec<String> = Vec::new();
    for text in fields {
        let Ok(Json::Object(map)) = serde_json::from_str::<Json>(&text) else {
            continue;
        };
        for key in ["name", "email"] {
            let values = match map.get(key) {
                Some(Json::Array(pair)) => pair.clone(),
                Some(v) => vec![v.clone()],
                None => Vec::new(),
            };
            for v in values {
                if let Json::String(s) = v
                    && !s.trim().is_empty()
                    && !out.contains(&s)
                {
                    out.push(s);
                }
            }
        }
    }
    Ok(out)
}

/// Whether `text` starts with `word`, comparing letters whatever their case; the length of
/// the match in `text` when it does.
fn starts_with_caseless(text: &str, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = text.chars();
    for w in word.chars() {
        let c = chars.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// Replaces every whole-word occurrence of `word` in `text` (any case) with `with`: "Zed
/// Quux" is replaced in "met Zed Quux." but not in "Zed Quuxley".
pub(crate) fn replace_words(text: &str, word: &str, with: &str) -> Option<String> {
    if word.trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut changed = false;
    let mut before: Option<char> = None;
    while i < text.len() {
        let rest = &text[i..];
        if !before.is_some_and(char::is_alphanumeric)
            && let Some(len) = starts_with_caseless(rest, word)
            && !rest[len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            out.push_str(with);
            before = word.chars().last();
            i += len;
            changed = true;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        before = Some(c);
        i += c.len_utf8();
    }
    changed.then_some(out)
}

/// What identifies a person in text, and what replaces it.
pub(crate) struct Scrub {
    /// Names and emails, longest first, matched as whole values or whole words.
    pub identities: Vec<String>,
    /// "former participant #N".
    pub placeholder: String,
}

impl Scrub {
    /// The person's names and emails, now and in their change log. Notes are not among
    /// them: a note ("TBC") can be anyone's words, so it is never searched for elsewhere.
    pub fn of(conn: &Connection, person: &Person) -> Result<Scrub> {
        let mut identities = logged_identities(conn, person.id)?;
        for s in [Some(&person.name), person.email.as_ref()]
            .into_iter()
            .flatten()
        {
            if !s.trim().is_empty() && !identities.iter().any(|i| i.eq_ignore_ascii_case(s)) {
                identities.push(s.clone());
            }
        }
        // Longest first, so "Amira K. Hassan" goes before "Amira".
        identities.sort_by_key(|i| std::cmp::Reverse(i.chars().count()));
        Ok(Scrub {
            identities,
            placeholder: placeholder(person.id),
        })
    }

    /// The text with every identity replaced, or `None` when there is none in it. A value
    /// that is exactly an email, like a name, becomes the placeholder.
    pub fn text(&self, text: &str) -> Option<String> {
        let mut current: Option<String> = None;
        for id in &self.identities {
            let base = current.as_deref().unwrap_or(text);
            if let Some(next) = replace_words(base, id, &self.placeholder) {
                current = Some(next);
            }
        }
        current
    }

    /// Walks JSON, replacing identities in every string; returns whether anything changed.
    pub fn json(&self, value: &mut Json) -> bool {
        match value {
            Json::String(s) => match self.text(s) {
                Some(t) => {
                    *s = t;
                    true
                }
                None => false,
            },
            Json::Array(items) => items.iter_mut().fold(false, |acc, v| self.json(v) | acc),
            Json::Object(map) => map.values_mut().fold(false, |acc, v| self.json(v) | acc),
            _ => false,
        }
    }

    /// A column's value with every identity replaced, or `None` when it does not name the
    /// person; `json` values are walked string by string, so keys and structure stay.
    pub fn value(&self, text: &str, json: bool) -> Option<String> {
        if !json {
            return self.text(text);
        }
        match serde_json::from_str::<Json>(text) {
            Ok(mut v) => self.json(&mut v).then(|| v.to_string()),
            Err(_) => self.text(text),
        }
    }
}

/// What a forgotten person is called from then on.
pub(crate) fn placeholder(id: i64) -> String {
    format!("former participant #{id}")
}
