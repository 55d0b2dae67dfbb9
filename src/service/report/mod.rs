//! Reports for leadership: figures computed once, exactly, then made safe to publish by the
//! HESA convention (`crate::model::hesa`) unless exact figures are asked for.

pub mod participation;

use crate::model::hesa;

/// A measured figure (a percentage, an average) as a report shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// The figure.
    Value(f64),
    /// Withheld under the HESA convention: too few people for it to be safe (printed `..`).
    Suppressed,
    /// There is nothing to measure (an average over nobody, in exact figures).
    Blank,
}

impl Figure {
    /// A figure from a `hesa` function, where `None` means suppressed.
    pub fn published(value: Option<f64>) -> Figure {
        value.map_or(Figure::Suppressed, Figure::Value)
    }

    /// An exact figure, where `None` means there is nothing to measure.
    pub fn exact(value: Option<f64>) -> Figure {
        value.map_or(Figure::Blank, Figure::Value)
    }

    /// `part` as a percentage of `population`: suppressed for a small population unless
    /// `exact`.
    pub fn percentage(part: u64, population: u64, exact: bool) -> Figure {
        if exact {
            Figure::exact((population > 0).then(|| 100.0 * part as f64 / population as f64))
        } else {
            Figure::published(hesa::percentage(part, population))
        }
    }

    /// `total` per person of `people`: suppressed for few people unless `exact`.
    pub fn average(total: f64, people: u64, exact: bool) -> Figure {
        if exact {
            Figure::exact((people > 0).then(|| total / people as f64))
        } else {
            Figure::published(hesa::average(total, people))
        }
    }
}

/// A count of people as a report shows it: rounded to the nearest 5 unless `exact`.
pub fn count(people: u64, exact: bool) -> u64 {
    if exact {
        people
    } else {
        hesa::round_count(people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_figures_follow_the_hesa_convention() {
        assert_eq!(count(7, false), 5);
        assert_eq!(count(7, true), 7);
        assert_eq!(Figure::percentage(1, 22, false), Figure::Suppressed);
        assert_eq!(Figure::percentage(1, 22, true), Figure::Value(100.0 / 22.0));
        assert_eq!(Figure::percentage(0, 0, true), Figure::Blank);
        assert_eq!(Figure::average(14.0, 7, false), Figure::Suppressed);
        assert_eq!(Figure::average(14.0, 7, true), Figure::Value(2.0));
        assert_eq!(Figure::average(0.0, 0, true), Figure::Blank);
        assert_eq!(Figure::average(16.0, 8, false), Figure::Value(2.0));
    }
}
