//! A chart laid out before it is drawn: its texts and bars at their places, and how
//! coordinates are written.

use super::{BAR, WIDTH};

/// A chart laid out.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub(super) texts: Vec<Text>,
    pub(super) bars: Vec<Rect>,
    /// The reference line's x.
    pub(super) reference: Option<(f64, ())>,
    /// Where the bars begin, below a legend and a reference's label.
    pub(super) top: f64,
    pub(super) height: f64,
}

impl Layout {
    /// A bar, unless it has no length.
    pub(super) fn bar(&mut self, x: f64, y: f64, width: f64, series: usize) {
        if width > 0.0 {
            self.bars.push(Rect {
                x,
                y,
                width,
                height: BAR,
                series,
            });
        }
    }
}

#[derive(Debug)]
pub(super) struct Text {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) text: String,
    /// `end` when the text ends at `x`; it starts there otherwise.
    pub(super) anchor: Option<&'static str>,
}

impl Text {
    pub(super) fn at(x: f64, y: f64, text: String) -> Text {
        Text {
            x,
            y,
            text,
            anchor: None,
        }
    }
}

#[derive(Debug)]
pub(super) struct Rect {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) series: usize,
}

pub(super) fn view_box(height: f64) -> String {
    format!("0 0 {} {}", n(WIDTH), n(height))
}

/// A coordinate rounded to one decimal place.
pub(super) fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A coordinate as SVG text: one decimal place at most, `12` rather than `12.0`, and never
/// `-0`.
pub(super) fn n(x: f64) -> String {
    let text = format!("{:.1}", round(x));
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}
