//! Charts drawn as inline SVG: horizontal bars, one series or several side by side in each
//! group (staff and students per principle, requested, awarded and spent per theme).
//!
//! Why a module of our own and not a crate: plotters draws text through a font it must load
//! (its SVG backend measures every label with `ab_glyph` or the system's fonts), and
//! charts-rs embeds font files and pulls in image and font crates for what is here a few
//! hundred lines. A chart in a page needs neither: SVG text is laid out by the browser with
//! the page's own fonts, so no font file ships and nothing is measured here. Label widths are
//! only estimated (a generous [`CHAR_WIDTH`] per character) to leave room for them.
//!
//! Every chart is `<svg role="img">` named by its `<title>` and described by its `<desc>`,
//! and a page puts its data table beside it. Each bar carries its figure (and its series'
//! name) as text, so nothing is told by colour alone, and the page reads the same printed in
//! black and white. Series colours have at least 3:1 against the white background, text
//! 4.5:1 and more. Coordinates are rounded to one decimal place, so the same data always
//! gives the same bytes.

use maud::{Markup, html};

use crate::model::look::Colour;
use crate::output::wrap::{Long, lines};

/// The width of the drawing, in SVG units; it scales to the page (`width="100%"`).
const WIDTH: f64 = 400.0;
/// The margin around the drawing.
const PAD: f64 = 8.0;
/// The font size of labels.
const FONT: f64 = 14.0;
/// A generous estimate of a character's width at `FONT`: text is laid out by the browser.
pub const CHAR_WIDTH: f64 = 8.0;
/// The height of a line of text.
const LINE: f64 = 18.0;
/// The height of a bar, and the gap after it.
const BAR: f64 = 16.0;
const BAR_GAP: f64 = 4.0;
/// The gap after a group.
const GROUP_GAP: f64 = 10.0;
/// Room for the figure after the longest bar, at most half the width.
const MAX_LABEL_ROOM: f64 = WIDTH / 2.0;

/// The colour of text and of the zero line: 17:1 against white.
const INK: &str = "#1a1a1a";
/// The colours of the second and later series, each at least 4.5:1 against white (the
/// first series is the page's accent): orange, teal, purple, grey, magenta, brown; seven
/// series (the statuses of a recommendation) each have their own.
const SERIES: [&str; 6] = [
    "#b35900", "#0f766e", "#6a1b9a", "#595959", "#c2185b", "#5d4037",
];

/// One bar: its series, its figure and how it reads. A bar with no figure (`None`:
/// suppressed, or no score) is drawn as its text alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Which of the chart's series it belongs to (its colour, and the name before its text).
    pub series: usize,
    pub value: Option<f64>,
    /// The figure as the table shows it: `4.5`, `£6,000.00`, `..`.
    pub shown: String,
}

impl Bar {
    /// A bar of the first series, of `value`, shown as `shown`.
    pub fn new(value: Option<f64>, shown: impl Into<String>) -> Bar {
        Bar::of(0, value, shown)
    }

    /// A bar of series `series`.
    pub fn of(series: usize, value: Option<f64>, shown: impl Into<String>) -> Bar {
        Bar {
            series,
            value,
            shown: shown.into(),
        }
    }
}

/// A group of bars under one label: a bar for each series it has a figure of (all of them,
/// or some: the statuses a theme's recommendations have), in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// A vertical line across the bars at a value, with its label: a cap, a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub value: f64,
    pub label: String,
}

/// How a chart's groups are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A bar per series, one under another, each with its text.
    Grouped,
    /// One bar per group, made of its series end to end (parts of a whole: the standings of
    /// a department's projects), with a legend, and the parts named in the text after it.
    Stacked,
}

/// A horizontal bar chart: groups of bars, one bar per series in each, or one bar of parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Unique within its page: letters, digits and hyphens (the ids of its title and desc).
    pub id: String,
    pub title: String,
    /// What the chart shows, for those who cannot see it; its table follows it on the page.
    pub description: String,
    /// The names of the series: with two or more, each bar's text begins with its series.
    pub series: Vec<String>,
    pub groups: Vec<Group>,
    pub shape: Shape,
    /// The end of the scale when it is fixed (scores of 1 to 5: 5); else the largest figure.
    pub scale: Option<f64>,
    pub reference: Option<Reference>,
}

impl Chart {
    /// A chart of one series: a bar per label.
    pub fn bars(
        id: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        bars: Vec<(String, Bar)>,
    ) -> Chart {
        let groups = bars
            .into_iter()
            .map(|(label, bar)| Group {
                label,
                bars: vec![bar],
            })
            .collect();
        Chart::new(id, title, description, &[], groups, Shape::Grouped)
    }

    /// A chart of several series side by side in each group.
    pub fn grouped(
        id: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        series: &[&str],
        groups: Vec<Group>,
    ) -> Chart {
        Chart::new(id, title, description, series, groups, Shape::Grouped)
    }

    /// A chart of one bar per group, its series end to end.
    pub fn stacked(
        id: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        series: &[&str],
        groups: Vec<Group>,
    ) -> Chart {
        Chart::new(id, title, description, series, groups, Shape::Stacked)
    }

    fn new(
        id: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        series: &[&str],
        groups: Vec<Group>,
        shape: Shape,
    ) -> Chart {
        Chart {
            id: id.to_string(),
            title: title.into(),
            description: description.into(),
            series: series.iter().map(|s| s.to_string()).collect(),
            groups,
            shape,
            scale: None,
            reference: None,
        }
    }

    /// The chart with its scale fixed to end at `end`.
    pub fn scale(mut self, end: f64) -> Chart {
        self.scale = Some(end);
        self
    }

    /// The chart with a reference line at `value`.
    pub fn reference(mut self, value: f64, label: impl Into<String>) -> Chart {
        self.reference = Some(Reference {
            value,
            label: label.into(),
        });
        self
    }

    /// The text beside a bar: its figure, after its series' name when there are several.
    fn text(&self, bar: &Bar) -> String {
        match self.series.get(bar.series) {
            Some(name) if self.series.len() > 1 => format!("{name} {}", bar.shown),
            _ => bar.shown.clone(),
        }
    }

    /// The text after a group's stacked bar: its parts above zero, or `none`.
    fn parts(&self, group: &Group) -> String {
        let parts: Vec<String> = group
            .bars
            .iter()
            .filter(|b| b.value.is_some_and(|v| v > 0.0) || b.value.is_none())
            .map(|b| self.text(b))
            .collect();
        match parts.is_empty() {
            true => "none".to_string(),
            false => parts.join(", "),
        }
    }

    /// Each text after a bar, as the shape lays them out.
    fn texts(&self) -> Vec<String> {
        match self.shape {
            Shape::Grouped => self
                .groups
                .iter()
                .flat_map(|g| g.bars.iter().map(|b| self.text(b)))
                .collect(),
            Shape::Stacked => self.groups.iter().map(|g| self.parts(g)).collect(),
        }
    }

    /// The length a group's figures take: its longest bar, or its parts end to end.
    fn length(&self, group: &Group) -> f64 {
        let values = group
            .bars
            .iter()
            .filter_map(|b| b.value)
            .filter(|v| v.is_finite() && *v > 0.0);
        match self.shape {
            Shape::Grouped => values.fold(0.0, f64::max),
            Shape::Stacked => values.sum(),
        }
    }

    /// The end of the scale: the fixed end, the longest bar or the reference, whichever is
    /// largest; `None` when nothing is above zero, so there is nothing to draw.
    fn end(&self) -> Option<f64> {
        let longest = self
            .groups
            .iter()
            .map(|g| self.length(g))
            .fold(0.0_f64, f64::max);
        if longest <= 0.0 {
            return None;
        }
        let fixed = self.scale.unwrap_or(0.0);
        let reference = self.reference.as_ref().map_or(0.0, |r| r.value);
        Some(longest.max(fixed).max(reference))
    }

    /// The chart as an `<svg>` element.
    pub fn svg(&self, accent: Colour) -> Markup {
        let title_id = format!("{}-title", self.id);
        let desc_id = format!("{}-desc", self.id);
        let labelled = format!("{title_id} {desc_id}");
        let Some(end) = self.end() else {
            let height = 2.0 * PAD + LINE;
            return html! {
                svg class="chart" role="img" aria-labelledby=(labelled) width="100%"
                    viewBox=(view_box(height)) {
                    title id=(title_id) { (self.title) }
                    desc id=(desc_id) { (self.description) }
                    text x=(n(PAD)) y=(n(PAD + FONT)) font-size=(n(FONT)) fill=(INK) {
                        "No data to chart: every figure is zero or not shown."
                    }
                }
            };
        };
        let layout = self.layout(end);
        // Parts of a stacked bar are set apart by a white edge.
        let edge = (self.shape == Shape::Stacked).then_some("#ffffff");
        html! {
            svg class="chart" role="img" aria-labelledby=(labelled) width="100%"
                viewBox=(view_box(layout.height)) {
                title id=(title_id) { (self.title) }
                desc id=(desc_id) { (self.description) }
                @for bar in &layout.bars {
                    rect x=(n(bar.x)) y=(n(bar.y)) width=(n(bar.width)) height=(n(bar.height))
                        fill=(self.colour(bar.series, accent)) stroke=[edge] {}
                }
                line x1=(n(PAD)) y1=(n(layout.top)) x2=(n(PAD)) y2=(n(layout.height - PAD))
                    stroke=(INK) stroke-width="1" {}
                @if let Some((x, _)) = &layout.reference {
                    line x1=(n(*x)) y1=(n(layout.top)) x2=(n(*x)) y2=(n(layout.height - PAD))
                        stroke=(INK) stroke-width="1.5" stroke-dasharray="4 3" {}
                }
                // A white halo keeps text readable where it crosses the reference line.
                g font-size=(n(FONT)) fill=(INK) stroke="#ffffff" stroke-width="3"
                    stroke-linejoin="round" paint-order="stroke" {
                    @for line in &layout.texts {
                        text x=(n(line.x)) y=(n(line.y)) text-anchor=[line.anchor] {
                            (line.text)
                        }
                    }
                }
            }
        }
    }

    /// The colour of series `i`: the accent, then the fixed series colours.
    fn colour(&self, i: usize, accent: Colour) -> String {
        match i {
            0 => accent.to_string(),
            i => SERIES[(i - 1) % SERIES.len()].to_string(),
        }
    }

    /// Where each label and bar goes, for a scale ending at `end` (more than zero).
    fn layout(&self, end: f64) -> Layout {
        let longest = self
            .texts()
            .iter()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0);
        let room = (longest as f64 * CHAR_WIDTH + 6.0).min(MAX_LABEL_ROOM);
        let span = WIDTH - 2.0 * PAD - room;
        let length = |v: f64| round(v.clamp(0.0, end) / end * span);
        let columns = ((WIDTH - 2.0 * PAD) / CHAR_WIDTH) as usize;
        let mut out = Layout::default();
        let mut y = PAD;
        if self.shape == Shape::Stacked {
            y = self.legend(&mut out, y);
        }
        if let Some(r) = &self.reference {
            let x = PAD + length(r.value);
            // The label ends at the line when it would not fit after it.
            let fits_after = x + r.label.chars().count() as f64 * CHAR_WIDTH <= WIDTH - PAD;
            out.texts.push(Text {
                x,
                y: y + FONT,
                text: r.label.clone(),
                anchor: (!fits_after).then_some("end"),
            });
            out.reference = Some((x, ()));
            y += LINE + 4.0;
        }
        out.top = y;
        for group in &self.groups {
            for line in wrap(&group.label, columns) {
                y += LINE;
                out.texts.push(Text::at(PAD + 4.0, y - 4.0, line));
            }
            y += 2.0;
            match self.shape {
                Shape::Grouped => {
                    for bar in &group.bars {
                        let width = bar.value.filter(|v| v.is_finite()).map_or(0.0, length);
                        out.bar(PAD, y, width, bar.series);
                        out.texts
                            .push(Text::at(PAD + width + 4.0, y + BAR - 3.0, self.text(bar)));
                        y += BAR + BAR_GAP;
                    }
                }
                Shape::Stacked => {
                    let mut x = PAD;
                    for bar in &group.bars {
                        let width = bar.value.filter(|v| v.is_finite()).map_or(0.0, length);
                        out.bar(x, y, width, bar.series);
                        x += width;
                    }
                    let text = self.parts(group);
                    // Parts too long to follow the bar go on a line of their own.
                    if x + 4.0 + text.chars().count() as f64 * CHAR_WIDTH > WIDTH - PAD {
                        y += BAR + BAR_GAP;
                        for line in wrap(&text, columns) {
                            out.texts.push(Text::at(PAD + 4.0, y + BAR - 3.0, line));
                            y += LINE;
                        }
                    } else {
                        out.texts.push(Text::at(x + 4.0, y + BAR - 3.0, text));
                        y += BAR + BAR_GAP;
                    }
                }
            }
            y += GROUP_GAP;
        }
        out.height = round(y + PAD - GROUP_GAP);
        out
    }

    /// A legend of the series, a swatch and a name each, in rows from `y`; returns where
    /// the rows end.
    fn legend(&self, out: &mut Layout, mut y: f64) -> f64 {
        let swatch = 12.0;
        let mut x = PAD;
        // Only the series drawn somewhere.
        let drawn = |i: usize| {
            self.groups
                .iter()
                .flat_map(|g| &g.bars)
                .any(|b| b.series == i && b.value.is_some_and(|v| v > 0.0))
        };
        for (i, name) in self.series.iter().enumerate().filter(|(i, _)| drawn(*i)) {
            let width = swatch + 4.0 + name.chars().count() as f64 * CHAR_WIDTH + 12.0;
            if x > PAD && x + width > WIDTH - PAD {
                x = PAD;
                y += LINE;
            }
            out.bars.push(Rect {
                x,
                y: y + 3.0,
                width: swatch,
                height: swatch,
                series: i,
            });
            out.texts
                .push(Text::at(x + swatch + 4.0, y + FONT, name.clone()));
            x += width;
        }
        y + LINE + 6.0
    }
}

/// `text` in lines of at most `width` characters, broken between words (a longer word is
/// broken where it must be).
fn wrap(text: &str, width: usize) -> Vec<String> {
    lines(text, width, Long::Break)
}

mod layout;

use layout::{Layout, Rect, Text, n, round, view_box};

#[cfg(test)]
mod tests;
