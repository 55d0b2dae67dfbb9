use super::*;

fn sample() -> Rows {
    let mut rows = Rows::new(&[col("code", "Code"), col("budget", "Budget"), col("n", "N")]);
    rows.push(vec![
        Value::Text("=1+2".into()),
        Value::Money(Money(250_050)),
        Value::Int(-5),
    ]);
    rows.push(vec![Value::Text("a|b".into()), Value::Null, Value::Int(3)]);
    rows
}

fn rendered(format: Format, doc: &Doc) -> anyhow::Result<String> {
    let mut out = Vec::new();
    render(&mut out, format, doc, Options::default())?;
    Ok(String::from_utf8(out)?)
}

#[test]
fn markdown_cells_show_their_text_as_written() {
    assert_eq!(
        md_cell("*draft* [v2] a_b `x` <b> ~s~ a|b c\\d"),
        "\\*draft\\* \\[v2\\] a\\_b \\`x\\` \\<b\\> \\~s\\~ a\\|b c\\\\d"
    );
    assert_eq!(
        md_cell("one\r\ntwo\nthree\rfour"),
        "one<br>two<br>three<br>four"
    );
    assert_eq!(
        md_cell("Co-design, 2026/27: £1,500.00"),
        "Co-design, 2026/27: £1,500.00"
    );
}

#[test]
fn csv_guards_formulas_but_not_numbers() -> anyhow::Result<()> {
    let text = rendered(Format::Csv, &Doc::Rows(sample()))?;
    assert_eq!(text, "code,budget,n\n'=1+2,2500.50,-5\na|b,,3\n");
    Ok(())
}

#[test]
fn json_keeps_types() -> anyhow::Result<()> {
    let text = rendered(Format::Json, &Doc::Rows(sample()))?;
    let v: Json = serde_json::from_str(&text)?;
    assert_eq!(v[0]["code"], "=1+2");
    assert_eq!(v[0]["budget"], 2500.5);
    assert_eq!(v[0]["n"], -5);
    assert!(v[1]["budget"].is_null());
    Ok(())
}

#[test]
fn markdown_escapes_pipes() -> anyhow::Result<()> {
    let text = rendered(Format::Md, &Doc::Rows(sample()))?;
    assert!(text.contains("a\\|b"), "{text}");
    assert!(text.starts_with("| Code | Budget | N |\n|---|---|---|\n"));
    Ok(())
}

#[test]
fn a_record_renders_its_sections() -> anyhow::Result<()> {
    let mut rec = Record::default();
    rec.field("code", "Code", Value::Text("x".into()));
    rec.section("history", "History", sample());
    let json: Json = serde_json::from_str(&rendered(Format::Json, &Doc::Record(rec.clone()))?)?;
    assert_eq!(json["code"], "x");
    assert_eq!(json["history"].as_array().map(Vec::len), Some(2));
    let table = rendered(Format::Table, &Doc::Record(rec))?;
    assert!(table.contains("History"), "{table}");
    Ok(())
}

#[test]
fn titled_groups_are_a_markdown_document() -> anyhow::Result<()> {
    let mut g = Groups::new(
        col("theme", "Theme"),
        vec![("#1 *a*".into(), sample()), ("b".into(), sample())],
    );
    let untitled = rendered(Format::Md, &Doc::Groups(g.clone()))?;
    assert!(
        untitled.starts_with("## \\#1 \\*a\\*\n\n| Code |"),
        "{untitled}"
    );
    assert!(untitled.contains("|\n\n## b\n\n| Code |"), "{untitled}");
    g.title = Some("Board".into());
    g.preface = vec!["Year 2025/26".into()];
    let titled = rendered(Format::Md, &Doc::Groups(g.clone()))?;
    assert_eq!(
        titled,
        format!("# Board\n\nYear 2025/26\n\n{untitled}"),
        "{titled}"
    );
    // Only a document has a title: CSV, JSON and tables hold the rows alone.
    for format in [Format::Csv, Format::Json, Format::Table] {
        let plain = rendered(format, &Doc::Groups(Groups::new(g.key, g.groups.clone())))?;
        assert_eq!(rendered(format, &Doc::Groups(g.clone()))?, plain);
    }
    g.groups.clear();
    assert_eq!(
        rendered(Format::Md, &Doc::Groups(g))?,
        "# Board\n\nYear 2025/26\n"
    );
    Ok(())
}
