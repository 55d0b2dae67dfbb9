use super::*;

fn widths(svg: &str) -> Vec<f64> {
    svg.split("<rect ")
        .skip(1)
        .filter_map(|r| r.split("width=\"").nth(1))
        .filter_map(|w| w.split('"').next())
        .filter_map(|w| w.parse().ok())
        .collect()
}

fn counts(values: &[(&str, Option<f64>)]) -> Chart {
    Chart::bars(
        "c",
        "Counts",
        "How many of each.",
        values
            .iter()
            .map(|(l, v)| {
                // Figures all as long, so the room left for them is the same.
                let shown = v.map_or("..", |_| "=");
                (l.to_string(), Bar::new(*v, shown))
            })
            .collect(),
    )
}

fn svg(chart: &Chart) -> String {
    chart.svg(Colour::DEFAULT_ACCENT).into_string()
}

#[test]
fn bar_lengths_are_proportional_to_their_figures() {
    let text = svg(&counts(&[
        ("a", Some(10.0)),
        ("b", Some(5.0)),
        ("c", Some(2.5)),
    ]));
    let w = widths(&text);
    assert_eq!(w.len(), 3, "{text}");
    assert!((w[0] / w[1] - 2.0).abs() < 0.01, "{w:?}");
    assert!((w[0] / w[2] - 4.0).abs() < 0.02, "{w:?}");
    // The longest bar leaves room for its figure within the drawing.
    assert!(PAD + w[0] + 4.0 + 2.0 * CHAR_WIDTH <= WIDTH, "{w:?}");
}

#[test]
fn a_fixed_scale_or_a_reference_sets_the_end() {
    let w = widths(&svg(&counts(&[("a", Some(2.5))]).scale(5.0)));
    let full = widths(&svg(&counts(&[("a", Some(5.0))]).scale(5.0)));
    assert!((full[0] / w[0] - 2.0).abs() < 0.01);
    let text = svg(&counts(&[("a", Some(5.0))]).reference(10.0, "Cap 10"));
    let w = widths(&text);
    assert!((full[0] / w[0] - 2.0).abs() < 0.01, "{text}");
    assert!(text.contains("stroke-dasharray") && text.contains(">Cap 10</text>"));
}

#[test]
fn nothing_above_zero_is_said_not_drawn() {
    for chart in [
        counts(&[]),
        counts(&[("a", Some(0.0)), ("b", None)]),
        counts(&[("a", Some(-3.0))]),
    ] {
        let text = svg(&chart);
        assert!(text.contains("No data to chart"), "{text}");
        assert!(!text.contains("<rect"), "{text}");
        assert!(text.contains("<title id=\"c-title\">Counts</title>"));
        assert!(text.contains("<desc id=\"c-desc\">How many of each.</desc>"));
        assert!(
            text.starts_with(
                "<svg class=\"chart\" role=\"img\" aria-labelledby=\"c-title c-desc\""
            )
        );
    }
}

#[test]
fn a_figure_not_shown_has_its_text_and_no_bar() {
    let text = svg(&counts(&[("a", Some(4.0)), ("b", None)]));
    assert_eq!(widths(&text).len(), 1);
    assert!(text.contains(">..</text>"), "{text}");
}

#[test]
fn labels_are_escaped() {
    let text = svg(&Chart::grouped(
        "x",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        &["Staff & co", "<b>"],
        vec![Group {
            label: "\"><img src=x onerror=alert(1)>".into(),
            bars: vec![Bar::of(0, Some(1.0), "<i>1"), Bar::of(1, Some(2.0), "2")],
        }],
    ));
    assert!(!text.contains("<script") && !text.contains("<img") && !text.contains("<b>"));
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{text}"
    );
    assert!(
        text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{text}"
    );
    assert!(text.contains(">Staff &amp; co &lt;i&gt;1</text>"), "{text}");
    assert!(text.contains(">&lt;b&gt; 2</text>"), "{text}");
}

#[test]
fn each_series_is_named_on_its_bars_and_coloured_apart() {
    let chart = Chart::grouped(
        "p",
        "Scores",
        "Staff and students.",
        &["Staff", "Students"],
        vec![Group {
            label: "CP1".into(),
            bars: vec![Bar::of(0, Some(4.5), "4.5"), Bar::of(1, Some(2.0), "2")],
        }],
    )
    .scale(5.0);
    let text = svg(&chart);
    assert!(text.contains(">Staff 4.5</text>") && text.contains(">Students 2</text>"));
    assert!(text.contains("fill=\"#1d4f91\"") && text.contains("fill=\"#b35900\""));
    for colour in SERIES.iter().chain([INK].iter()) {
        let c: Colour = colour.parse().expect("a colour");
        assert!(c.contrast(Colour::WHITE) >= 4.5, "{colour}");
    }
}

#[test]
fn the_same_data_gives_the_same_bytes_with_one_decimal_at_most() {
    let chart = counts(&[
        ("a", Some(1.0 / 3.0)),
        ("b", Some(2.0 / 3.0)),
        ("c", Some(1.0)),
    ]);
    let text = svg(&chart);
    assert_eq!(text, svg(&chart));
    for number in text.split('"').filter(|t| t.parse::<f64>().is_ok()) {
        assert!(
            number.split('.').nth(1).is_none_or(|d| d.len() == 1),
            "{number} in {text}"
        );
    }
    assert_eq!(n(-0.04), "0");
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.345), "12.3");
}

#[test]
fn long_labels_wrap_between_words() {
    assert_eq!(
        wrap("student voices, partnership", 15),
        ["student voices,", "partnership"]
    );
    assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrap("", 4), [""]);
    let long = "a".repeat(200);
    let text = svg(&counts(&[(long.as_str(), Some(1.0))]));
    let columns = ((WIDTH - 2.0 * PAD) / CHAR_WIDTH) as usize;
    assert_eq!(
        text.matches(&"a".repeat(columns)).count(),
        200 / columns,
        "{text}"
    );
}

fn standings(groups: &[(&str, [f64; 3])]) -> Chart {
    Chart::stacked(
        "s",
        "Standings",
        "Projects by standing.",
        &["on time", "late", "overdue"],
        groups
            .iter()
            .map(|(label, values)| Group {
                label: label.to_string(),
                bars: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Bar::of(i, Some(*v), n(*v)))
                    .collect(),
            })
            .collect(),
    )
}

#[test]
fn a_stacked_bar_is_its_parts_end_to_end_named_in_its_text() {
    let text = svg(&standings(&[
        ("History", [2.0, 0.0, 1.0]),
        ("Law", [1.0, 1.0, 1.0]),
    ]));
    // The legend's three swatches, then the parts above zero: 2 and 3.
    let w = widths(&text);
    assert_eq!(w.len(), 3 + 2 + 3, "{text}");
    let (history, law) = (&w[3..5], &w[5..]);
    assert!((history[0] / history[1] - 2.0).abs() < 0.01, "{w:?}");
    // The scale ends at the longest whole: both groups have 3.
    assert!((history.iter().sum::<f64>() - law.iter().sum::<f64>()).abs() < 0.2);
    assert!(text.contains(">on time 2, overdue 1</text>"), "{text}");
    assert!(
        text.contains(">on time 1, late 1, overdue 1</text>"),
        "{text}"
    );
    assert!(text.contains("stroke=\"#ffffff\""));
    for name in ["on time", "late", "overdue"] {
        assert!(text.contains(&format!(">{name}</text>")), "legend: {name}");
    }
    let none = svg(&standings(&[
        ("History", [2.0, 0.0, 0.0]),
        ("Law", [0.0; 3]),
    ]));
    assert!(none.contains(">none</text>"), "{none}");
    // The legend names only the series drawn.
    assert!(!none.contains(">late</text>") && none.contains(">on time</text>"));
}

#[test]
fn parts_too_long_for_the_bar_go_below_it() {
    let long = standings(&[("A", [100.0, 200.0, 300.0])]);
    let text = svg(&long);
    let parts = ">on time 100, late 200, overdue 300</text>";
    assert!(text.contains(parts), "{text}");
    // Every text ends inside the drawing.
    for t in text.split("<text x=\"").skip(1) {
        let x: f64 = t
            .split('"')
            .next()
            .and_then(|x| x.parse().ok())
            .unwrap_or(0.0);
        let body = t
            .split('>')
            .nth(1)
            .unwrap_or_default()
            .split('<')
            .next()
            .unwrap_or_default();
        assert!(
            x + body.chars().count() as f64 * CHAR_WIDTH <= WIDTH || t.contains("text-anchor"),
            "{body} at {x}"
        );
    }
}
