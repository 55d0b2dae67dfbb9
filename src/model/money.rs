//! Money in pounds sterling, held as whole pence so sums are exact.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// An amount of money in pence. Never negative when it comes from a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

/// The largest amount accepted: a billion pounds is more than any partnership budget.
const MAX_PENCE: i64 = 100_000_000_000;

impl Money {
    /// The amount in pence.
    pub fn pence(self) -> i64 {
        self.0
    }

    /// The amount as a plain decimal, `2500.00`, for CSV and other machine formats.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let p = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", p / 100, p % 100)
    }
}

impl fmt::Display for Money {
    /// `£2,500.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let p = self.0.unsigned_abs();
        let pounds = (p / 100).to_string();
        let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}.{:02}", p % 100)
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Reads `2500`, `2500.5`, `2,500.00`, `£2,500` and `GBP 2500`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = |why: &str| Error::Invalid(format!("amount {} {why}", quoted(s)));
        let mut text = s.trim();
        if text.starts_with('-') {
            return Err(bad("is negative; amounts are zero or more"));
        }
        for prefix in ["£", "GBP", "gbp"] {
            if let Some(rest) = text.strip_prefix(prefix) {
                text = rest.trim_start();
            }
        }
        const WRITTEN: &str = "amounts are written like 1200 or 1,200.00";
        if text.is_empty()
            || !text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            || text.bytes().filter(|b| *b == b'.').count() > 1
        {
            // "£1.2k", "2m": a shorthand a person writes, and spm does not guess at.
            let shorthand = text.len() > 1
                && text.ends_with(['k', 'K', 'm', 'M'])
                && text[..text.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
            return Err(bad(&if shorthand {
                format!("is not an amount of money; {WRITTEN}, in full (not with k or m)")
            } else {
                format!("is not an amount of money; {WRITTEN}")
            }));
        }
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped_well = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3));
        let digits: String = groups.concat();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || !grouped_well {
            return Err(bad(&format!("is not an amount of money; {WRITTEN}")));
        }
        let pence_part = match frac {
            None => 0,
            Some(f) if f.is_empty() || f.len() > 2 || !f.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(bad(&format!(
                    "has more than two decimal places or a malformed fraction; {WRITTEN}"
                )));
            }
            Some(f) if f.len() == 1 => i64::from(f.as_bytes()[0] - b'0') * 10,
            Some(f) => f
                .parse::<i64>()
                .map_err(|_| bad("has a malformed fraction"))?,
        };
        let pounds: i64 = digits
            .trim_start_matches('0')
            .parse::<i64>()
            .or_else(|e| {
                if digits.bytes().all(|b| b == b'0') {
                    Ok(0)
                } else {
                    Err(e)
                }
            })
            .map_err(|_| bad("is too large"))?;
        let pence = pounds
            .checked_mul(100)
            .and_then(|p| p.checked_add(pence_part))
            .filter(|p| *p <= MAX_PENCE)
            .ok_or_else(|| bad("is too large (at most £1,000,000,000.00)"))?;
        Ok(Money(pence))
    }
}

impl serde::Serialize for Money {
    /// As a plain decimal string, `"2500.00"`: exact, unlike a float.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_people_write_money() -> Result<()> {
        let cases = [
            ("2500", 250_000),
            ("2,500.00", 250_000),
            ("£2,500", 250_000),
            ("GBP 2500", 250_000),
            ("2500.5", 250_050),
            ("0", 0),
            ("0.99", 99),
            ("1,000,000", 100_000_000),
            (" £ 12.34 ", 1234),
        ];
        for (text, pence) in cases {
            assert_eq!(text.parse::<Money>()?, Money(pence), "{text}");
        }
        Ok(())
    }

    #[test]
    fn refuses_what_is_not_money() {
        for text in [
            "",
            "-5",
            "abc",
            "2.555",
            "2,50",
            "25,00.00",
            "1.",
            "£",
            "1e5",
            "12 34",
            ",500",
            "99999999999999999999",
            "2500.-1",
        ] {
            assert!(text.parse::<Money>().is_err(), "{text:?} should be refused");
        }
    }

    /// Each refusal names the problem and how amounts are written.
    #[test]
    fn refusals_say_how_amounts_are_written() {
        let said = |text: &str| match text.parse::<Money>() {
            Err(e) => e.to_string(),
            Ok(m) => format!("read as {m}"),
        };
        let how = "amounts are written like 1200 or 1,200.00";
        for text in ["£1.2k", "2k", "1,5M"] {
            let said = said(text);
            assert!(
                said.contains(how) && said.contains("not with k or m"),
                "{said}"
            );
        }
        for text in ["abc", "12 34", "1.2.3", "£", "2,50", "2.555"] {
            let said = said(text);
            assert!(
                said.contains(how) && !said.contains(" k "),
                "{text}: {said}"
            );
        }
        assert!(said("£1.2k").starts_with("amount \"£1.2k\" is not an amount of money"));
    }

    #[test]
    fn prints_pounds_and_plain_decimals() {
        assert_eq!(Money(250_000).to_string(), "£2,500.00");
        assert_eq!(Money(5).to_string(), "£0.05");
        assert_eq!(Money(123_456_789).to_string(), "£1,234,567.89");
        assert_eq!(Money(250_050).plain(), "2500.50");
    }

    proptest::proptest! {
        /// Every amount reads back from both the plain and the pounds spelling.
        #[test]
        fn money_round_trips(pence in 0i64..=MAX_PENCE) {
            let m = Money(pence);
            proptest::prop_assert_eq!(m.plain().parse::<Money>().ok(), Some(m));
            proptest::prop_assert_eq!(m.to_string().parse::<Money>().ok(), Some(m));
        }

        /// No input makes the parser panic, and what it accepts is never negative.
        #[test]
        fn money_parsing_never_panics(text in "\\PC{0,24}") {
            if let Ok(m) = text.parse::<Money>() {
                proptest::prop_assert!(m.pence() >= 0);
            }
        }
    }
}
