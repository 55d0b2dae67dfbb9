//! A span of time ahead of today, as typed for `--within`: `30d`, `4w`, `6m` or `1y`.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};

use crate::error::{Error, Result};

/// A number of days, weeks, months or years. Months and years are calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Months(u32),
}

/// The longest span: ten years.
const MAX_DAYS: u32 = 3660;

impl Span {
    /// The day `self` after `from` (calendar-correct for months: 31 January + 1m is the end
    /// of February). Saturates at the last day chrono knows.
    pub fn after(self, from: NaiveDate) -> NaiveDate {
        match self {
            Span::Days(n) => from.checked_add_days(Days::new(n.into())),
            Span::Months(n) => from.checked_add_months(Months::new(n)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Days(n) => write!(f, "{n}d"),
            Span::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl FromStr for Span {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let text = s.trim().to_ascii_lowercase();
        let bad = || {
            Error::Invalid(format!(
                "{s:?} is not a span of time: write days, weeks, months or years, e.g. 30d, 4w, 6m or 1y (up to 10 years)"
            ))
        };
        let Some(unit) = text.chars().last().filter(|c| "dwmy".contains(*c)) else {
            return Err(bad());
        };
        let number = &text[..text.len() - 1];
        if number.is_empty() || number.len() > 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u32 = number.parse().map_err(|_| bad())?;
        let span = match unit {
            'd' => Span::Days(n),
            'w' => Span::Days(n * 7),
            'm' => Span::Months(n),
            _ => Span::Months(n * 12),
        };
        let too_long = match span {
            Span::Days(d) => d > MAX_DAYS,
            Span::Months(m) => m > 120,
        };
        if too_long { Err(bad()) } else { Ok(span) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    #[test]
    fn reads_spans() -> Result<()> {
        assert_eq!("30d".parse::<Span>()?, Span::Days(30));
        assert_eq!("2W".parse::<Span>()?, Span::Days(14));
        assert_eq!("6m".parse::<Span>()?, Span::Months(6));
        assert_eq!("1y".parse::<Span>()?, Span::Months(12));
        assert_eq!("0d".parse::<Span>()?, Span::Days(0));
        for bad in [
            "", "d", "30", "-3d", "3.5d", "99999d", "11y", "30 days", "3h",
        ] {
            assert!(bad.parse::<Span>().is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn months_are_calendar_months() -> Result<()> {
        let d = |s| parse_date(s);
        assert_eq!(Span::Months(1).after(d("2025-01-31")?), d("2025-02-28")?);
        assert_eq!(Span::Months(1).after(d("2024-01-31")?), d("2024-02-29")?);
        assert_eq!(Span::Months(12).after(d("2024-02-29")?), d("2025-02-28")?);
        assert_eq!(Span::Days(30).after(d("2026-11-23")?), d("2026-12-23")?);
        Ok(())
    }
}
