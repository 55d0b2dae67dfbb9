//! The columns an import understands: the keys `list --format csv` writes, the headers a
//! table shows, and the obvious aliases, matched whatever their case, spacing, `_` or `-`.
//! Then the values under them, read as text, dates, money and enumerations.

use std::str::FromStr;

use chrono::NaiveDate;

use super::read::{Cell, Problem};
use crate::error::Error;
use crate::model::text::quoted;
use crate::model::{Money, parse_date};

/// A column an import knows.
pub(crate) struct Field {
    /// The key `list --format csv` writes.
    pub key: &'static str,
    /// Other names for it (already normalised, see [`normalise`]).
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// What to do with each column of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// The field at this index of the import's field list.
    Field(usize),
    /// A column that is read and ignored (timestamps and ids the database sets itself).
    Ignore,
    /// A column without a header: it must stay empty.
    Unnamed,
}

/// A header reduced to lower-case letters and digits: `Planned level`, `level_planned` and
/// `LEVEL-PLANNED` all become `plannedlevel`/`levelplanned`.
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The spreadsheet name of a 0-based column: A, B, ..., Z, AA, ...
pub(crate) fn letter(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Matches each header to a field. Errors: every unknown or repeated header and every
/// missing required column, each a problem on the header line.
pub(crate) fn map_headers(
    headers: &[String],
    line: u64,
    fields: &[Field],
    ignored: &[&str],
) -> Result<Vec<Use>, Vec<Problem>> {
    let mut uses = Vec::with_capacity(headers.len());
    let mut problems = Vec::new();
    let mut seen: Vec<Option<usize>> = vec![None; fields.len()];
    for (col, header) in headers.iter().enumerate() {
        let name = normalise(header);
        if name.is_empty() {
            uses.push(Use::Unnamed);
            continue;
        }
        if ignored.contains(&name.as_str()) {
            uses.push(Use::Ignore);
            continue;
        }
        let found = fields
            .iter()
            .position(|f| normalise(f.key) == name || f.aliases.contains(&name.as_str()));
        match found {
            Some(i) => {
                if let Some(first) = seen[i] {
                    problems.push(Problem::at(
                        line,
                        Some(col),
                        format!(
                            "the header {} means {} again, as column {} ({}) does; keep one of the two",
                            quoted(header),
                            fields[i].key,
                            letter(first),
                            quoted(&headers[first])
                        ),
                    ));
                } else {
                    seen[i] = Some(col);
                }
                uses.push(Use::Field(i));
            }
            None => {
                problems.push(Problem::at(line, Some(col), unknown(header, &name, fields)));
                uses.push(Use::Unnamed);
            }
        }
    }
    let missing: Vec<&str> = fields
        .iter()
        .zip(&seen)
        .filter(|(f, s)| f.required && s.is_none())
        .map(|(f, _)| f.key)
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::at(
            line,
            None,
            format!(
                "the header has no column for {}, which every row needs; add {}",
                missing.join(", "),
                if missing.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
    if problems.is_empty() {
        Ok(uses)
    } else {
        Err(problems)
    }
}

/// The message for a header no field answers to, with the closest known name.
fn unknown(header: &str, name: &str, fields: &[Field]) -> String {
    let mut best: Option<(f64, &str)> = None;
    for f in fields {
        let names =
            std::iter::once(normalise(f.key)).chain(f.aliases.iter().map(|a| a.to_string()));
        for candidate in names {
            // A score of 0.7 needs the lengths within a factor of 1.5, and the comparison
            // costs the product of the lengths: a paragraph in the header row is compared
            // with nothing.
            if name.len() > 2 * candidate.len() {
                continue;
            }
            let score = strsim::normalized_damerau_levenshtein(name, &candidate);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, f.key));
            }
        }
    }
    let keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
    match best.filter(|(s, _)| *s >= 0.7) {
        Some((_, key)) => format!("unknown column {}; did you mean {key:?}?", quoted(header)),
        None => format!(
            "unknown column {}; the columns are: {} (remove the column, or rename it)",
            quoted(header),
            keys.join(", ")
        ),
    }
}

/// A cell's text: trimmed, the formula guard our exports add removed (`'=1+2` is `=1+2`),
/// line breaks made `\n`; numbers and dates as they would be typed. `None` when empty.
///
/// Errors: an Excel error value, a NUL byte.
pub(crate) fn text(cell: &Cell) -> Result<Option<String>, String> {
    let s = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) => s,
        Cell::Number(x) => return Ok(Some(number(*x))),
        Cell::Bool(b) => return Ok(Some(if *b { "yes" } else { "no" }.to_string())),
        Cell::Date(d) => return Ok(Some(d.to_string())),
        Cell::DateTime(t) => return Ok(Some(t.format("%Y-%m-%d %H:%M:%S").to_string())),
        Cell::Error(e) => {
            return Err(format!(
                "the cell holds the Excel error {e}; put the value itself in the cell"
            ));
        }
    };
    if s.contains('\0') {
        return Err(
            "the value holds a NUL byte, which text never does; the file may be damaged".into(),
        );
    }
    let unguarded = crate::model::formula::report::unguard(s);
    let mut out = if unguarded.contains('\r') {
        unguarded.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        unguarded.to_string()
    };
    // Non-breaking spaces at the ends are what a spreadsheet pads with; inside they stay.
    let trimmed = out.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    Ok((!out.is_empty()).then_some(out))
}

/// A number as a person would type it: `12`, `2500.5`.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A value of a type with `FromStr` (enumerations, years, cadences); `None` when empty.
pub(crate) fn parsed<T: FromStr<Err = Error>>(cell: &Cell) -> Result<Option<T>, String> {
    match text(cell)? {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|e: Error| e.to_string()),
    }
}

/// A date: a date cell, or text written YYYY-MM-DD; `None` when empty.
pub(crate) fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Date(d) => Ok(Some(*d)),
        Cell::DateTime(t) if t.time() == chrono::NaiveTime::MIN => Ok(Some(t.date())),
        Cell::DateTime(t) => Err(format!(
            "{t} has a time of day; give the date alone, YYYY-MM-DD"
        )),
        Cell::Number(x) => Err(format!(
            "{} is a number, not a date; write dates YYYY-MM-DD (or format the cells as dates)",
            number(*x)
        )),
        other => match text(other)? {
            None => Ok(None),
            Some(t) => parse_date(&t).map(Some).map_err(|e| {
                let e = e.to_string();
                if e.contains("YYYY-MM-DD") {
                    e
                } else {
                    format!("{e}; write dates YYYY-MM-DD, e.g. 2025-09-01")
                }
            }),
        },
    }
}

/// Money: a number of pounds, or text as `--budget` takes it; `None` when empty.
pub(crate) fn money(cell: &Cell) -> Result<Option<Money>, String> {
    match cell {
        Cell::Number(x) => {
            let pence = (x * 100.0).round();
            if *x < 0.0 || !x.is_finite() || pence >= 1e13 {
                return Err(format!(
                    "amount {} is not an amount of money of zero or more",
                    number(*x)
                ));
            }
            if (pence - x * 100.0).abs() > 1e-6 {
                return Err(format!(
                    "amount {} has more than two decimal places",
                    number(*x)
                ));
            }
            Ok(Some(Money(pence as i64)))
        }
        other => match text(other)? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e: Error| e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field {
            key: "code",
            aliases: &[],
            required: false,
        },
        Field {
            key: "level_planned",
            aliases: &["plannedlevel", "level"],
            required: true,
        },
        Field {
            key: "department",
            aliases: &["dept"],
            required: false,
        },
    ];

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_match_keys_titles_and_aliases_in_any_case() {
        let uses = map_headers(
            &headers(&["CODE", "Planned level", "dept", "created_at", ""]),
            1,
            FIELDS,
            &["createdat"],
        );
        assert_eq!(
            uses,
            Ok(vec![
                Use::Field(0),
                Use::Field(1),
                Use::Field(2),
                Use::Ignore,
                Use::Unnamed
            ])
        );
    }

    #[test]
    fn unknown_repeated_and_missing_headers_are_all_reported() {
        let problems = map_headers(
            &headers(&["code", "Code ", "deptt", "colour"]),
            1,
            FIELDS,
            &[],
        )
        .err()
        .unwrap_or_default();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("again"), "{}", messages[0]);
        assert!(
            messages[1].contains("did you mean \"department\""),
            "{}",
            messages[1]
        );
        assert!(
            messages[2].contains("unknown column \"colour\""),
            "{}",
            messages[2]
        );
        assert!(messages[3].contains("level_planned"), "{}", messages[3]);
    }

    #[test]
    fn cells_read_as_typed() {
        let t = |s: &str| text(&Cell::Text(s.into()));
        assert_eq!(t("'=1+2"), Ok(Some("=1+2".into())));
        assert_eq!(t("'@SUM(A1)"), Ok(Some("@SUM(A1)".into())));
        assert_eq!(t("O'Brien"), Ok(Some("O'Brien".into())));
        assert_eq!(t("'quoted"), Ok(Some("'quoted".into())));
        assert_eq!(t("''=1+2"), Ok(Some("'=1+2".into())));
        assert_eq!(t("\u{a0} a\r\nb "), Ok(Some("a\nb".into())));
        assert_eq!(t("   "), Ok(None));
        assert!(t("a\0b").is_err());
        assert_eq!(text(&Cell::Number(12.0)), Ok(Some("12".into())));
        assert_eq!(money(&Cell::Number(2500.5)), Ok(Some(Money(250_050))));
        assert!(money(&Cell::Number(-1.0)).is_err());
        assert!(money(&Cell::Number(1.234)).is_err());
        assert_eq!(
            money(&Cell::Text("£2,500.00".into())),
            Ok(Some(Money(250_000)))
        );
        for bad in ["1/2/03", "2024-02-30"] {
            let e = date(&Cell::Text(bad.into())).err().unwrap_or_default();
            assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
        }
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }
}
