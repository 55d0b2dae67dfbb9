//! How often a project is reviewed: a whole number of months, written `12m`, `6m` or `1y`.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// A review cadence in months (1 to 120). Annual by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cadence(pub u32);

impl Default for Cadence {
    fn default() -> Self {
        Cadence(12)
    }
}

impl Cadence {
    /// The cadence in months.
    pub fn months(self) -> u32 {
        self.0
    }

    /// The day one cadence after `from`, calendar-correct: 31 January + 1 month is the last
    /// day of February, and 29 February + 12 months is 28 February.
    pub fn after(self, from: chrono::NaiveDate) -> chrono::NaiveDate {
        from.checked_add_months(chrono::Months::new(self.0))
            .unwrap_or(chrono::NaiveDate::MAX)
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}m", self.0)
    }
}

impl FromStr for Cadence {
    type Err = Error;

    /// Reads `6m`, `12m`, `1y`, `2y` or a bare number of months.
    fn from_str(s: &str) -> Result<Self> {
        let text = s.trim().to_ascii_lowercase();
        let bad = || {
            Error::Invalid(format!(
                "review cadence {} is not valid: write months or years, e.g. 6m, 12m or 1y (1 to 120 months)",
                quoted(s)
            ))
        };
        let (number, unit) = match text.strip_suffix('y') {
            Some(n) => (n, 12),
            None => (text.strip_suffix('m').unwrap_or(&text), 1),
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 4 {
            return Err(bad());
        }
        let months = number.parse::<u32>().map_err(|_| bad())? * unit;
        if (1..=120).contains(&months) {
            Ok(Cadence(months))
        } else {
            Err(bad())
        }
    }
}

impl serde::Serialize for Cadence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_months_and_years() -> Result<()> {
        assert_eq!("12m".parse::<Cadence>()?, Cadence(12));
        assert_eq!("6M".parse::<Cadence>()?, Cadence(6));
        assert_eq!("1y".parse::<Cadence>()?, Cadence(12));
        assert_eq!("18".parse::<Cadence>()?, Cadence(18));
        for bad in ["0m", "", "m", "-6m", "121m", "11y", "1.5y", "six months"] {
            assert!(bad.parse::<Cadence>().is_err(), "{bad}");
        }
        Ok(())
    }
}
