use super::cell::CODE_MAX;
use super::*;
use crate::model::Money;
use crate::output::grid::columns_of;
use crate::output::{Doc, Format, col, render_fitted};

/// A list like `project list`'s: a code, a long title, a status, a date, money, themes.
fn projects() -> Rows {
    let mut rows = Rows::new(&[
        col("code", "Code"),
        col("title", "Title").high(),
        col("status", "Status"),
        col("start", "Start"),
        col("budget", "Budget"),
        col("themes", "Themes").low(),
    ]);
    for (code, title) in [
        ("mh-peer-2025", "Mental health peer support"),
        (
            "intern-archives-2025",
            "Research internship: the history of student protest",
        ),
        ("x-2026", "Short"),
    ] {
        rows.push(vec![
            Value::Text(code.into()),
            Value::Text(title.into()),
            Value::Text("withdrawn".into()),
            Value::Date("2026-10-01".into()),
            Value::Money(Money(250_000)),
            Value::List(vec!["mental health".into(), "wellbeing".into()]),
        ]);
    }
    rows
}

fn fitted(doc: &Doc, width: usize, wide: bool) -> anyhow::Result<(String, Fitted)> {
    let mut out = Vec::new();
    let opts = Options {
        fit: true,
        width,
        wide,
    };
    let fitted = render_fitted(&mut out, Format::Table, doc, opts)?;
    Ok((String::from_utf8(out)?, fitted))
}

fn widest_line(text: &str) -> usize {
    text.lines().map(columns_of).max().unwrap_or(0)
}

#[test]
fn codes_dates_money_and_statuses_stay_whole_at_every_width() -> anyhow::Result<()> {
    let doc = Doc::Rows(projects());
    for width in [30, 40, 60, 80, 100, 120] {
        let (text, fitted) = fitted(&doc, width, false)?;
        assert!(widest_line(&text) <= width, "{width}:\n{text}");
        for whole in ["mh-peer-2025", "intern-archives-2025", "x-2026"] {
            assert!(text.contains(whole), "{width}: {whole}\n{text}");
        }
        let left: Vec<&str> = fitted
            .left_out
            .iter()
            .flat_map(|l| l.headers.clone())
            .collect();
        for (header, value) in [
            ("Status", "withdrawn"),
            ("Start", "2026-10-01"),
            ("Budget", "£2,500.00"),
        ] {
            assert!(
                left.contains(&header) || text.contains(value),
                "{width}: {value}\n{text}"
            );
        }
        // Titles wrap between words, never inside one.
        for word in ["Mental", "health", "support", "internship:", "protest"] {
            assert!(
                left.contains(&"Title") || text.contains(word),
                "{width}: {word}\n{text}"
            );
        }
    }
    Ok(())
}

#[test]
fn the_least_important_columns_go_first_and_are_named() -> anyhow::Result<()> {
    let doc = Doc::Rows(projects());
    let (wide_enough, fitted_wide) = fitted(&doc, 200, false)?;
    assert!(fitted_wide.left_out.is_empty(), "{wide_enough}");
    assert!(wide_enough.contains("Research internship: the history of student protest"));
    let (narrow, fitted_narrow) = fitted(&doc, 60, false)?;
    assert_eq!(fitted_narrow.width, 60);
    // Low first (Themes), then Normal from the right; the title (High) and the code stay.
    let left = &fitted_narrow.left_out[0].headers;
    assert_eq!(left, &["Start", "Budget", "Themes"], "{narrow}");
    assert!(
        !left.contains(&"Title") && !left.contains(&"Code"),
        "{left:?}"
    );
    assert!(narrow.contains("Title"), "{narrow}");
    // Too narrow for anything but the code: the code is still shown whole.
    let (tiny, fitted_tiny) = fitted(&doc, 10, false)?;
    assert!(tiny.contains("intern-archives-2025"), "{tiny}");
    assert_eq!(fitted_tiny.count(), 5);
    Ok(())
}

#[test]
fn wide_leaves_nothing_out() -> anyhow::Result<()> {
    let (text, fitted) = fitted(&Doc::Rows(projects()), 40, true)?;
    assert!(fitted.left_out.is_empty());
    for header in ["Code", "Title", "Status", "Start", "Budget", "Themes"] {
        assert!(text.contains(header), "{header}\n{text}");
    }
    Ok(())
}

#[test]
fn free_text_wraps_at_words_and_cuts_a_word_too_long() {
    assert_eq!(lines("one two three", 7, false), "one two\nthree");
    assert_eq!(lines("one two three", 7, true), "one two three");
    assert_eq!(
        lines("see https://example.org/long", 8, false),
        "see\nhttps:/…"
    );
    assert_eq!(lines("two\nlines", 20, false), "two\nlines");
    assert_eq!(lines("crlf\r\nline", 20, false), "crlf\nline");
    assert_eq!(lines("", 5, false), "");
    // Wide characters count as two columns.
    assert_eq!(lines("日本語 テキスト", 8, false), "日本語\nテキスト");
}

#[test]
fn kinds_are_judged_by_values() {
    let t = |s: &str| Value::Text(s.into());
    assert_eq!(judge([t("mh-2025"), Value::Null].iter()), Kind::Code);
    assert_eq!(judge([t("mh-2025"), t("a title")].iter()), Kind::Text);
    assert_eq!(judge([Value::Date("2026-01-01".into())].iter()), Kind::Date);
    assert_eq!(judge([Value::Money(Money(1))].iter()), Kind::Money);
    assert_eq!(
        judge([Value::Int(1), Value::Float(2.5)].iter()),
        Kind::Number
    );
    assert_eq!(judge([Value::Float(2.5), t("..")].iter()), Kind::Code);
    assert_eq!(judge([Value::List(vec!["a".into()])].iter()), Kind::Text);
    assert_eq!(judge([t(&"x".repeat(CODE_MAX + 1))].iter()), Kind::Text);
    assert_eq!(judge([].iter()), Kind::Code);
}

#[test]
fn a_declared_kind_wins_over_the_values() -> anyhow::Result<()> {
    let mut rows = Rows::new(&[col("source", "Source").kind(Kind::Code)]);
    rows.push(vec![Value::Text("panel session #3".into())]);
    let (text, _) = fitted(&Doc::Rows(rows), 12, false)?;
    assert!(text.contains("panel session #3"), "{text}");
    let mut rows = Rows::new(&[col("source", "Source")]);
    rows.push(vec![Value::Text("panel session #3".into())]);
    let (text, _) = fitted(&Doc::Rows(rows), 12, false)?;
    assert!(
        text.contains("panel   ") && !text.contains("panel session"),
        "{text}"
    );
    Ok(())
}

#[test]
fn groups_share_one_layout() -> anyhow::Result<()> {
    let rows = projects();
    let mut short = Rows::new(&rows.columns);
    short.push(rows.rows[2].clone());
    let g = Groups::new(
        col("theme", "Theme"),
        vec![("long".into(), rows), ("short".into(), short)],
    );
    let (text, fitted) = fitted(&Doc::Groups(g), 70, false)?;
    assert!(text.starts_with("long (3)\n"), "{text}");
    assert!(text.contains("\n\nshort (1)\n"), "{text}");
    let tops: Vec<&str> = text.lines().filter(|l| l.starts_with('┌')).collect();
    assert_eq!(tops.len(), 2);
    assert_eq!(tops[0], tops[1], "{text}");
    assert_eq!(fitted.left_out.len(), 1);
    assert!(widest_line(&text) <= 70);
    Ok(())
}

#[test]
fn a_record_fits_and_names_its_sections_left_out() -> anyhow::Result<()> {
    let mut rec = Record::default();
    rec.field("code", "Code", Value::Text("mh-peer-2025".into()));
    rec.field(
        "summary",
        "Summary",
        Value::Text("Trained student peer supporters co-design and run drop-in sessions.".into()),
    );
    rec.section("partners", "Partners", projects());
    rec.section("reviews", "Reviews", Rows::new(&[col("on", "On")]));
    let (text, fitted) = fitted(&Doc::Record(rec), 50, false)?;
    assert!(widest_line(&text) <= 50, "{text}");
    assert!(text.contains("mh-peer-2025") && text.contains("\nReviews\n(none)\n"));
    assert_eq!(fitted.left_out[0].table, Some("Partners"));
    let fields = text.split("\n\n").next().unwrap_or_default();
    assert!(!fields.contains('╞'), "a record has no header row: {text}");
    Ok(())
}

#[test]
fn no_columns_and_no_rows_are_written_as_a_pipe_gets_them() -> anyhow::Result<()> {
    let (text, _) = fitted(&Doc::Rows(Rows::new(&[])), 80, false)?;
    let mut whole = Vec::new();
    crate::output::render(
        &mut whole,
        Format::Table,
        &Doc::Rows(Rows::new(&[])),
        Options::whole(),
    )?;
    assert_eq!(text, String::from_utf8(whole)?);
    let (header_only, _) = fitted(&Doc::Rows(Rows::new(&[col("code", "Code")])), 80, false)?;
    assert_eq!(header_only, "┌──────┐\n│ Code │\n╞══════╡\n└──────┘\n");
    Ok(())
}
