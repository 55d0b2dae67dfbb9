//! Academic years (`2025/26`), which run from 1 September by default.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// An academic year, named by the calendar year it starts in: `2025/26` is `AcademicYear(2025)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    /// The academic year that `date` falls in, for years starting on day `start` (month, day).
    pub fn containing(date: NaiveDate, start: (u32, u32)) -> Self {
        if (date.month(), date.day()) >= start {
            AcademicYear(date.year())
        } else {
            AcademicYear(date.year() - 1)
        }
    }

    /// The calendar year the academic year starts in.
    pub fn start_year(self) -> i32 {
        self.0
    }

    /// The first and last days of the year, for years starting on day `start` (month, day).
    /// A start of 29 February falls back to the 28th in years without one.
    pub fn days(self, start: (u32, u32)) -> (NaiveDate, NaiveDate) {
        let first = |year: i32| {
            NaiveDate::from_ymd_opt(year, start.0, start.1)
                .or_else(|| NaiveDate::from_ymd_opt(year, start.0, 28))
                .unwrap_or(NaiveDate::MIN)
        };
        let next = first(self.0 + 1);
        (first(self.0), next.pred_opt().unwrap_or(next))
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

impl FromStr for AcademicYear {
    type Err = Error;

    /// Reads `2025/26`, and also `2025-26`, `2025/2026` and `2025-2026`.
    fn from_str(s: &str) -> Result<Self> {
        let text = s.trim();
        let bad = || {
            Error::Invalid(format!(
                "academic year {} is not of the form 2025/26 (the two calendar years it spans)",
                quoted(s)
            ))
        };
        let (first, second) = text.split_once(['/', '-']).ok_or_else(bad)?;
        if first.len() != 4 || !first.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if !(second.len() == 2 || second.len() == 4) || !second.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let start: i32 = first.parse().map_err(|_| bad())?;
        let end: i32 = second.parse().map_err(|_| bad())?;
        let follows = if second.len() == 2 {
            end == (start + 1).rem_euclid(100)
        } else {
            end == start + 1
        };
        if !follows {
            return Err(Error::Invalid(format!(
                "academic year {} does not span two consecutive years; did you mean \"{}\"?",
                quoted(s),
                AcademicYear(start)
            )));
        }
        if !(1900..=2999).contains(&start) {
            return Err(Error::Invalid(format!(
                "academic year {} is out of range (1900/01 to 2999/00)",
                quoted(s)
            )));
        }
        Ok(AcademicYear(start))
    }
}

impl serde::Serialize for AcademicYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl rusqlite::types::ToSql for AcademicYear {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.to_string().into())
    }
}

impl rusqlite::types::FromSql for AcademicYear {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = v.as_str()?;
        text.parse()
            .map_err(|e: Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn reads_the_usual_spellings() -> Result<()> {
        for s in ["2025/26", "2025-26", "2025/2026", " 2025-2026 "] {
            assert_eq!(s.parse::<AcademicYear>()?, AcademicYear(2025), "{s}");
        }
        assert_eq!("1999/00".parse::<AcademicYear>()?, AcademicYear(1999));
        assert_eq!(AcademicYear(1999).to_string(), "1999/00");
        assert_eq!(AcademicYear(2025).to_string(), "2025/26");
        Ok(())
    }

    #[test]
    fn refuses_years_that_do_not_follow() {
        for s in [
            "2025/27",
            "2025/2025",
            "2025",
            "25/26",
            "2025/6",
            "abcd/ef",
            "",
            "2025/26/27",
        ] {
            assert!(s.parse::<AcademicYear>().is_err(), "{s} should be refused");
        }
        let err = "2025/27".parse::<AcademicYear>().unwrap_err().to_string();
        assert!(err.contains("did you mean \"2025/26\""), "{err}");
    }

    #[test]
    fn the_year_turns_on_the_first_of_september() {
        let start = (9, 1);
        assert_eq!(
            AcademicYear::containing(d(2025, 8, 31), start),
            AcademicYear(2024)
        );
        assert_eq!(
            AcademicYear::containing(d(2025, 9, 1), start),
            AcademicYear(2025)
        );
        assert_eq!(
            AcademicYear::containing(d(2026, 2, 28), start),
            AcademicYear(2025)
        );
        assert_eq!(
            AcademicYear::containing(d(2026, 1, 1), (1, 1)),
            AcademicYear(2026)
        );
    }

    proptest::proptest! {
        #[test]
        fn years_round_trip(start in 1900i32..=2999) {
            let y = AcademicYear(start);
            proptest::prop_assert_eq!(y.to_string().parse::<AcademicYear>().ok(), Some(y));
        }

        #[test]
        fn year_parsing_never_panics(text in "\\PC{0,12}") {
            let _ = text.parse::<AcademicYear>();
        }

        /// Every date falls in the academic year that starts on or before it.
        #[test]
        fn a_date_is_inside_its_academic_year(days in 0i64..200_000) {
            let date = d(1900, 1, 1) + chrono::Days::new(days as u64);
            let y = AcademicYear::containing(date, (9, 1));
            proptest::prop_assert!(d(y.0, 9, 1) <= date && date < d(y.0 + 1, 9, 1));
        }
    }
}
