//! "Did you mean": for a code, key, name or email that matches nothing, the closest one the
//! database holds, as enumerations get theirs (`model::enums::parse_choice`).
//!
//! The candidates come from one indexed query: the keys either side of the unknown one in
//! the index's order, [`WINDOW`] each way. Those are the keys that share the longest start
//! with it, where most typos leave a key (`mh-peer-2026` for `mh-peer-2025`), and on a
//! database of a few hundred projects they are every key. A typo in the first letter of a
//! key among thousands is missed; reading every key to find it would make each mistyped
//! command cost a scan of the whole table (100,000 projects, 50,000 people).

use rusqlite::Connection;

use crate::error::Error;
use crate::model::text::quoted;

/// How many keys each side of the unknown one are compared with it.
const WINDOW: usize = 100;

/// The longest key a suggestion is looked for: longer ones are no typo of a code or a name
/// (and the comparison costs the product of the lengths).
const MAX_KEY: usize = 100;

/// How alike a key must be (normalised Damerau-Levenshtein, 0 to 1) to be suggested: the
/// threshold enumerations use.
const ALIKE: f64 = 0.6;

/// The keys a suggestion can come from, each read through its own index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Among {
    /// Project codes (`projects.code`, unique, any case).
    ProjectCodes,
    /// Framework keys (`frameworks.key`).
    FrameworkKeys,
    /// Principle codes (`principles.code`).
    PrincipleCodes,
    /// The names of people not forgotten (`people_name`), shown with their ids.
    PersonNames,
    /// People's emails (`people.email`, unique, any case).
    PersonEmails,
}

impl Among {
    /// The statement that reads the keys either side of `?1`, nearest first, with the id
    /// a suggestion shows (people's names only).
    fn sql(self) -> &'static str {
        match self {
            Among::ProjectCodes => {
                "SELECT * FROM (SELECT code, NULL FROM projects WHERE code >= ?1 ORDER BY code LIMIT ?2)
                 UNION ALL
                 SELECT * FROM (SELECT code, NULL FROM projects WHERE code < ?1 ORDER BY code DESC LIMIT ?2)"
            }
            Among::FrameworkKeys => {
                "SELECT * FROM (SELECT key, NULL FROM frameworks WHERE key >= ?1 ORDER BY key LIMIT ?2)
                 UNION ALL
                 SELECT * FROM (SELECT key, NULL FROM frameworks WHERE key < ?1 ORDER BY key DESC LIMIT ?2)"
            }
            Among::PrincipleCodes => {
                "SELECT * FROM (SELECT code, NULL FROM principles WHERE code >= ?1 ORDER BY code LIMIT ?2)
                 UNION ALL
                 SELECT * FROM (SELECT code, NULL FROM principles WHERE code < ?1 ORDER BY code DESC LIMIT ?2)"
            }
            Among::PersonNames => {
                "SELECT * FROM (SELECT name, id FROM people
                     WHERE name >= ?1 COLLATE NOCASE AND erased_on IS NULL
                     ORDER BY name COLLATE NOCASE LIMIT ?2)
                 UNION ALL
                 SELECT * FROM (SELECT name, id FROM people
                     WHERE name < ?1 COLLATE NOCASE AND erased_on IS NULL
                     ORDER BY name COLLATE NOCASE DESC LIMIT ?2)"
            }
            Among::PersonEmails => {
                "SELECT * FROM (SELECT email, NULL FROM people WHERE email >= ?1 ORDER BY email LIMIT ?2)
                 UNION ALL
                 SELECT * FROM (SELECT email, NULL FROM people WHERE email < ?1 ORDER BY email DESC LIMIT ?2)"
            }
        }
    }
}

/// The key among `keys` most like `unknown`, as a message shows it (`"mh-peer-2025"`, or
/// `"Dr A. Khan" (#1)` for a person), when one is alike enough to be a likely typo. `None`
/// too when the database cannot be read: a suggestion is a courtesy, never a second error.
pub(crate) fn did_you_mean(conn: &Connection, keys: Among, unknown: &str) -> Option<String> {
    let unknown = unknown.trim();
    if unknown.is_empty() || unknown.chars().count() > MAX_KEY {
        return None;
    }
    let mut stmt = conn.prepare_cached(keys.sql()).ok()?;
    let rows = stmt
        .query_map(rusqlite::params![unknown, WINDOW as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
        })
        .ok()?;
    let candidates: Vec<(String, Option<i64>)> = rows.filter_map(|r| r.ok()).collect();
    let best = closest(unknown, candidates.iter().map(|(k, _)| k.as_str()))?;
    let (key, id) = candidates.iter().find(|(k, _)| k == best)?;
    Some(match id {
        Some(id) => format!("{} (#{id})", quoted(key)),
        None => quoted(key),
    })
}

/// The candidate most like `unknown` (ignoring case), if any is alike enough: a normalised
/// Damerau-Levenshtein score of at least [`ALIKE`], where a candidate that begins with an
/// unknown key of four characters or more counts as alike (`mh-peer` for `mh-peer-2025`).
/// Ties go to the first candidate.
pub(crate) fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = unknown.to_lowercase();
    let length = wanted.chars().count();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let key = candidate.to_lowercase();
        let other = key.chars().count();
        let score = if length >= 4 && key.starts_with(&wanted) {
            0.8
        } else if (length.min(other) as f64) < ALIKE * length.max(other) as f64 {
            // The edit distance is at least the difference in length: never alike enough.
            continue;
        } else {
            strsim::normalized_damerau_levenshtein(&wanted, &key)
        };
        if score >= ALIKE && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `text` with case, spaces and punctuation taken away, to find near-duplicates: "Dr A. Khan"
/// and "dr a khan" both become "drakhan".
pub(crate) fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` is `folded` (see [`folded`]) once folded, compared as it is read: most
/// texts differ from it at their first letter, and none is copied.
pub(crate) fn folds_to(text: &str, folded: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .eq(folded.chars())
}

/// A `NotFound` error for `key` among `keys`, whose hint begins with the closest key when
/// there is one: `no project with code "mh-peer-2026"; did you mean "mh-peer-2025"? run
/// "spm project list" to see the codes`.
pub(crate) fn not_found(
    conn: &Connection,
    keys: Among,
    what: &'static str,
    key: &str,
    hint: &str,
) -> Error {
    let hint = match did_you_mean(conn, keys, key) {
        Some(like) => format!("did you mean {like}? {hint}"),
        None => hint.to_string(),
    };
    Error::not_found(what, key.trim(), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_alike_key_is_chosen() {
        let codes = [
            "mh-peer-2024",
            "mh-peer-2025",
            "welcome-2024",
            "cm-commuter-2025",
        ];
        assert_eq!(closest("mh-peer-2026", codes), Some("mh-peer-2024"));
        assert_eq!(closest("MH-PEER-2025x", codes), Some("mh-peer-2025"));
        assert_eq!(closest("mh-peer", codes), Some("mh-peer-2024"));
        assert_eq!(closest("welcom-2024", codes), Some("welcome-2024"));
        assert_eq!(closest("x", codes), None);
        assert_eq!(closest("reading-lists-2025", codes), None);
        assert_eq!(
            closest("Grace Mensa", ["Grace Mensah", "Tom Evans"]),
            Some("Grace Mensah")
        );
        assert_eq!(closest("CP11", ["CP1", "CP10", "SPA1"]), Some("CP1"));
    }

    #[test]
    fn projects_people_principles_and_frameworks_are_suggested() -> anyhow::Result<()> {
        let mut conn = crate::service::database::open_in_memory()?;
        crate::service::demo::load(
            &mut conn,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        )?;
        let cases = [
            (
                Among::ProjectCodes,
                "mh-peer-2026",
                Some("\"mh-peer-2025\""),
            ),
            (Among::ProjectCodes, "zzzz", None),
            (Among::FrameworkKeys, "spa2", Some("\"spa\"")),
            (Among::PrincipleCodes, "cp99", Some("\"CP9\"")),
            (Among::PrincipleCodes, "zz-top", None),
            (Among::PrincipleCodes, "SPA1.9", Some("\"SPA1.3\"")),
            (
                Among::PersonNames,
                "grace mensa",
                Some("\"Grace Mensah\" (#9)"),
            ),
            (
                Among::PersonEmails,
                "a.kahn@example.ac.uk",
                Some("\"a.khan@example.ac.uk\""),
            ),
        ];
        for (keys, unknown, expected) in cases {
            assert_eq!(
                did_you_mean(&conn, keys, unknown).as_deref(),
                expected,
                "{keys:?} {unknown}"
            );
        }
        assert_eq!(
            did_you_mean(&conn, Among::ProjectCodes, &"m".repeat(500)),
            None
        );
        Ok(())
    }

    /// Each statement reads its index, a window either side of the key, never the table.
    #[test]
    fn candidates_come_from_an_index() -> anyhow::Result<()> {
        let conn = crate::service::database::open_in_memory()?;
        for keys in [
            Among::ProjectCodes,
            Among::FrameworkKeys,
            Among::PrincipleCodes,
            Among::PersonNames,
            Among::PersonEmails,
        ] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {}", keys.sql()))?;
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params!["x", 1], |r| r.get(3))?
                .collect::<rusqlite::Result<_>>()?;
            // A subquery's rows are read as a co-routine ("SCAN (subquery-1)"): not a table.
            let reads: Vec<&String> = plan
                .iter()
                .filter(|l| l.starts_with("SEARCH") || l.starts_with("SCAN"))
                .filter(|l| !l.contains("(subquery"))
                .collect();
            assert_eq!(reads.len(), 2, "{keys:?}: {plan:#?}");
            for line in reads {
                assert!(
                    line.starts_with("SEARCH") && line.contains("INDEX"),
                    "{keys:?}: {plan:#?}"
                );
            }
        }
        Ok(())
    }
}
