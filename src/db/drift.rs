//! Tests that keep the schema and the code from drifting apart: every list of words a CHECK
//! allows is a Rust enumeration, both ways; every academic-year CHECK is one spelling that
//! accepts exactly what `AcademicYear` reads; every foreign key has an index. The schema read
//! is the one a new database gets; `a_fresh_database_equals_a_migrated_one` ties it to the
//! steps. (Each TEXT column is tied to forgetting in `service::person`'s tests.)

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;

use rusqlite::Connection;
use rusqlite::types::{FromSql, ToSql, ToSqlOutput, ValueRef};

use crate::model::enums::*;
use crate::model::{AcademicYear, Standing};
use crate::service::changes::Action;

/// The tables of a database: name and CREATE TABLE statement.
pub(crate) fn tables(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect()
}

/// The top-level parts of `sql`'s outermost parentheses, split at its commas (column
/// definitions and table constraints), ignoring what is quoted or in a comment.
fn parts(sql: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = None;
    for (at, c) in code_chars(sql) {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    start = Some(at + 1);
                }
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    out.extend(start.map(|s| &sql[s..at]));
                    return out;
                }
            }
            ',' if depth == 1 => {
                out.extend(start.map(|s| &sql[s..at]));
                start = Some(at + 1);
            }
            _ => {}
        }
    }
    out
}

/// The characters of `sql` that are code, with their byte offsets: the quotes of a string or
/// name are given, what is inside them and comments are not.
fn code_chars(sql: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut chars = sql.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        match quote {
            Some(q) if c == q => {
                // A doubled quote stays inside.
                if chars.peek().is_some_and(|&(_, n)| n == q) {
                    chars.next();
                } else {
                    quote = None;
                    out.push((at, c));
                }
            }
            Some(_) => {}
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push((at, c));
            }
            None if c == '-' && chars.peek().is_some_and(|&(_, n)| n == '-') => {
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            None => out.push((at, c)),
        }
    }
    out
}

/// The expressions of the CHECKs in `column`'s own definition in the CREATE TABLE statement
/// `sql` (not the table's CHECKs), white space made single spaces.
pub(crate) fn column_checks(sql: &str, column: &str) -> Vec<String> {
    let Some(def) = parts(sql).into_iter().find(|p| {
        // The name is the first word that is code (a comment may come before it).
        let first = code_chars(p).into_iter().find(|(_, c)| !c.is_whitespace());
        let name = first.map_or("", |(at, _)| {
            p[at..]
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
        });
        name.trim_matches('"') == column
    }) else {
        return Vec::new();
    };
    let code = code_chars(def);
    let mut out = Vec::new();
    for &(at, _) in &code {
        let word_before = at > 0 && is_word(def.as_bytes()[at - 1]);
        let keyword = def[at..]
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("check"));
        if word_before || !keyword {
            continue;
        }
        let rest = &def[at + 5..];
        if !rest.trim_start().starts_with('(') {
            continue;
        }
        let open = def.len() - rest.trim_start().len();
        // The expression is the balanced group that starts at `open`.
        let mut depth = 0;
        for &(pos, c) in code.iter().filter(|(p, _)| *p >= open) {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if depth == 0 {
                let inner = &def[open + 1..pos];
                out.push(inner.split_whitespace().collect::<Vec<_>>().join(" "));
                break;
            }
        }
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The values `expr`, a CHECK of `table`'s `column`, accepts among `candidates`, tried on a
/// table with that column and that CHECK (so with SQLite's own reading of it), and the
/// table's other columns, NULL and unchecked.
pub(crate) fn accepted(
    conn: &Connection,
    table: &str,
    column: &str,
    expr: &str,
    candidates: &[String],
) -> rusqlite::Result<BTreeSet<String>> {
    let columns: Vec<(String, String)> = conn
        .prepare("SELECT name, type FROM pragma_table_info(?1)")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let defs: Vec<String> = columns
        .iter()
        .map(|(name, kind)| match name == column {
            true => format!("\"{name}\" {kind} CHECK ({expr})"),
            false => format!("\"{name}\""),
        })
        .collect();
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.probe; CREATE TEMP TABLE probe ({})",
        defs.join(", ")
    ))?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare(&format!(
            "INSERT OR IGNORE INTO temp.probe (\"{column}\") VALUES (?1)"
        ))?;
        for c in candidates {
            insert.execute([c])?;
        }
    }
    let found = tx
        .prepare(&format!("SELECT \"{column}\" FROM temp.probe"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<BTreeSet<String>>>()?;
    tx.execute_batch("DROP TABLE temp.probe")?;
    tx.commit()?;
    Ok(found)
}

/// The words `expr` allows when it is a list of words, `(col = 'a' OR col = 'b' ...)`, in
/// its order; `None` for any other expression.
fn list_words(expr: &str, column: &str) -> Option<Vec<String>> {
    let inner = expr.strip_prefix('(')?.strip_suffix(')')?;
    inner
        .split(" OR ")
        .map(|term| {
            let word = term
                .strip_prefix(&format!("{column} = '"))?
                .strip_suffix('\'')?;
            (!word.contains('\'')).then(|| word.to_string())
        })
        .collect()
}

/// Where each list of words comes from in Rust: the values spm writes, and whether a word
/// read back from the column is one of them.
struct Values {
    written: Vec<String>,
    reads: fn(&str) -> bool,
}

/// An enumeration: it writes each of `all` as `ToSql` stores it, and reads back exactly those
/// (`FromSql`, the way every row is read), each as itself.
fn kebab<T: ToSql + FromSql + Display>(all: &[T]) -> Values {
    let text = |v: &T| match v.to_sql() {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(t))) => String::from_utf8_lossy(t).into_owned(),
        Ok(ToSqlOutput::Owned(rusqlite::types::Value::Text(t))) => t,
        other => panic!("not text: {other:?}"),
    };
    Values {
        written: all.iter().map(text).collect(),
        reads: reads::<T>,
    }
}

/// Whether `s`, read from a column, is a `T` that writes itself as `s`.
fn reads<T: FromSql + Display>(s: &str) -> bool {
    T::column_result(ValueRef::Text(s.as_bytes())).is_ok_and(|v| v.to_string() == s)
}

/// Every column whose CHECK is a list of words, and the Rust values it must equal.
fn lists() -> BTreeMap<(&'static str, &'static str), Values> {
    let action = Values {
        written: Action::ALL.iter().map(|a| a.as_str().to_string()).collect(),
        reads: |s| Action::ALL.iter().any(|a| a.as_str() == s),
    };
    // A decision is NULL while pending; a new `Standing` fails to compile here until placed.
    let decided = |s: Standing| match s {
        Standing::Pending => None,
        Standing::Awarded | Standing::Rejected => Some(s.to_string()),
    };
    let decision = Values {
        written: [Standing::Pending, Standing::Awarded, Standing::Rejected]
            .into_iter()
            .filter_map(decided)
            .collect(),
        reads: |s| Standing::from_column(Some(s)).is_ok_and(|v| v.to_string() == s),
    };
    BTreeMap::from([
        (("projects", "form"), kebab(Form::ALL)),
        (("projects", "activity"), kebab(Activity::ALL)),
        (("projects", "level_planned"), kebab(Level::ALL)),
        (("projects", "level_achieved"), kebab(Level::ALL)),
        (("projects", "status"), kebab(Status::ALL)),
        (("project_status_history", "status"), kebab(Status::ALL)),
        (("changes", "action"), action),
        (("reviews", "kind"), kebab(ReviewKind::ALL)),
        (("reviews", "decision"), kebab(Decision::ALL)),
        (("review_scores", "scored_by"), kebab(ScoredBy::ALL)),
        (("review_outcomes", "outcome"), kebab(Outcome::ALL)),
        (("review_outcomes", "rating"), kebab(Rating::ALL)),
        (("people", "kind"), kebab(PersonKind::ALL)),
        (("people", "level"), kebab(StudyLevel::ALL)),
        (("project_partners", "role"), kebab(Role::ALL)),
        (("contributions", "recognition"), kebab(Recognition::ALL)),
        (("data_requests", "kind"), kebab(RequestKind::ALL)),
        (("recommendations", "status"), kebab(RecStatus::ALL)),
        (("recommendation_history", "status"), kebab(RecStatus::ALL)),
        (("recommendation_impacts", "worked"), kebab(Worked::ALL)),
        (("fund_applications", "decision"), decision),
    ])
}

/// Values a CHECK must refuse next to `words`: other cases, other separators, more or less.
fn near_misses(words: &[String]) -> Vec<String> {
    let mut out = vec![String::new(), " ".into(), "other".into(), "NULL".into()];
    for w in words {
        out.extend([
            w.to_uppercase(),
            format!(" {w}"),
            format!("{w} "),
            format!("{w}x"),
            w[..w.len() - 1].to_string(),
            w.replace('-', "_"),
            w.replace('-', " "),
        ]);
    }
    out.retain(|m| !words.contains(m));
    out
}

fn fresh() -> anyhow::Result<Connection> {
    Ok(super::open_in_memory(|_| Ok(()))?.conn)
}

#[test]
fn every_list_of_words_is_its_rust_enum_both_ways() -> anyhow::Result<()> {
    let conn = fresh()?;
    let lists = lists();
    let mut seen = BTreeSet::new();
    // The one spelling of each enumeration's list, by the first column that has it.
    let mut spellings: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (table, sql) in tables(&conn)? {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")?
            .query_map([&table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for column in columns {
            for expr in column_checks(&sql, &column) {
                if !expr.contains(&format!("{column} = '")) {
                    continue;
                }
                let at = format!("{table}.{column}");
                let words = list_words(&expr, &column)
                    .unwrap_or_else(|| panic!("{at}: a CHECK that is not only a list: {expr}"));
                let found = lists.iter().find(|(k, _)| k.0 == table && k.1 == column);
                let Some((&key, values)) = found else {
                    panic!("{at} is a list of words with no Rust enumeration in lists()");
                };
                seen.insert(key);
                // Every value Rust writes is accepted, and nothing else is.
                let mut tried = values.written.clone();
                tried.extend(near_misses(&values.written));
                tried.extend(words.iter().cloned());
                let ok = accepted(&conn, &table, &column, &expr, &tried)?;
                let written: BTreeSet<String> = values.written.iter().cloned().collect();
                assert_eq!(ok, written, "{at}: the CHECK and Rust differ");
                // Every word the CHECK accepts reads back in Rust as itself.
                for w in &words {
                    assert!((values.reads)(w), "{at}: Rust cannot read {w:?}");
                }
                let mut sorted = words.clone();
                sorted.sort();
                spellings.entry(sorted).or_default().push(words.join(" "));
            }
        }
    }
    let missing: Vec<_> = lists.keys().filter(|k| !seen.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "no such list in the schema: {missing:?}"
    );
    // A list written in more than one place is written the same way each time.
    for (words, seen) in spellings {
        assert!(
            seen.iter().all(|s| *s == seen[0]),
            "the list {words:?} is spelled in more than one order: {seen:#?}"
        );
    }
    Ok(())
}

#[test]
fn every_academic_year_check_is_one_spelling_that_agrees_with_rust() -> anyhow::Result<()> {
    let conn = fresh()?;
    let mut spellings = BTreeMap::new();
    for (table, sql) in tables(&conn)? {
        for expr in column_checks(&sql, "academic_year") {
            spellings.insert(table.clone(), expr);
        }
    }
    assert_eq!(
        spellings.keys().collect::<Vec<_>>(),
        [
            "fund_budgets",
            "panel_sessions",
            "priority_projects",
            "projects"
        ]
    );
    let first = spellings.values().next().cloned().unwrap_or_default();
    for (table, expr) in &spellings {
        assert_eq!(*expr, first, "{table}.academic_year is spelled differently");
    }
    // Every year and its neighbours, and the forms Rust reads but never writes.
    let mut tried: Vec<String> = Vec::new();
    for start in 1800..=3100 {
        for end in 0..100 {
            tried.push(format!("{start}/{end:02}"));
        }
        let next = (start + 1) % 100;
        tried.extend([
            format!("{start}-{next:02}"),
            format!("{start}/{}", start + 1),
            format!(" {start}/{next:02}"),
            format!("{start}/{next:02} "),
            format!("{start}/{next}"),
        ]);
    }
    tried.extend(["", "abcd/ef", "0999/00", "12345/46", "2025/26/27"].map(String::from));
    let ok = accepted(&conn, "projects", "academic_year", &first, &tried)?;
    let rust: BTreeSet<String> = tried
        .iter()
        .filter(|s| {
            AcademicYear::column_result(ValueRef::Text(s.as_bytes()))
                .is_ok_and(|y| y.to_string() == **s)
        })
        .cloned()
        .collect();
    assert_eq!(ok, rust);
    assert!(ok.contains("2025/26") && ok.contains("1999/00") && ok.contains("2999/00"));
    Ok(())
}

#[test]
fn every_foreign_key_has_an_index() -> anyhow::Result<()> {
    let conn = fresh()?;
    let mut missing = Vec::new();
    for (table, _) in tables(&conn)? {
        // The first column of each index, and of the primary key (a WITHOUT ROWID table's
        // own index).
        let mut led: BTreeSet<String> = conn
            .prepare(
                "SELECT (SELECT name FROM pragma_index_info(l.name) WHERE seqno = 0)
                 FROM pragma_index_list(?1) l",
            )?
            .query_map([&table], |r| r.get::<_, Option<String>>(0))?
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?;
        led.extend(
            conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk = 1")?
                .query_map([&table], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
        let keys: Vec<String> = conn
            .prepare("SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE seq = 0")?
            .query_map([&table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        missing.extend(
            keys.into_iter()
                .filter(|k| !led.contains(k))
                .map(|k| format!("{table}.{k}")),
        );
    }
    assert!(
        missing.is_empty(),
        "foreign keys with no index: {missing:?}"
    );
    Ok(())
}

#[test]
fn checks_are_read_from_the_column_they_belong_to() {
    let sql = "CREATE TABLE t (
        a TEXT CHECK ((a = 'x' OR a = 'y, z')), -- a comment, with (brackets
        b TEXT NOT NULL CHECK (length(b) > 0) CHECK (b <> ')'),
        \"c\" INTEGER,
        CHECK (a <> b)
    )";
    assert_eq!(column_checks(sql, "a"), ["(a = 'x' OR a = 'y, z')"]);
    assert_eq!(column_checks(sql, "b"), ["length(b) > 0", "b <> ')'"]);
    assert!(column_checks(sql, "c").is_empty());
    assert!(column_checks(sql, "d").is_empty());
    assert_eq!(
        list_words("(a = 'x' OR a = 'y, z')", "a"),
        Some(vec!["x".to_string(), "y, z".to_string()])
    );
    assert_eq!(list_words("(a = 'x' OR b = 'y')", "a"), None);
}
