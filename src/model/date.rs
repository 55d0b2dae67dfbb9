//! Calendar dates: strict ISO 8601 input, and the one place "today" is read.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// The environment variable that fixes "today", for tests and for replaying a day.
pub const TODAY_VAR: &str = "SPM_TODAY";

/// Reads a date written `YYYY-MM-DD`, refusing other spellings and days that do not exist.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let text = s.trim();
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(Error::Invalid(format!(
            "date {s:?} is not written YYYY-MM-DD, e.g. 2025-09-01"
        )));
    }
    // The digits are checked above, so the fields are read directly: chrono's parser reads a
    // format string for every date, which was a tenth of the time of an import's checks.
    let number = |at: std::ops::Range<usize>| {
        text.as_bytes()[at]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    i32::try_from(number(0..4))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)))
        .ok_or_else(|| Error::Invalid(format!("date {s:?} is not a day of the calendar")))
}

/// Today's date: `$SPM_TODAY` when it is set, else the local calendar date.
pub fn today() -> Result<NaiveDate> {
    match std::env::var(TODAY_VAR) {
        Ok(value) if !value.trim().is_empty() => parse_date(&value)
            .map_err(|e| Error::Invalid(format!("{TODAY_VAR} is set but invalid: {e}"))),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// The time now in UTC (for timestamps such as an iCalendar DTSTAMP): midnight of
/// `$SPM_TODAY` when it is set, so a replayed day writes the same output.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    match std::env::var(TODAY_VAR) {
        Ok(value) if !value.trim().is_empty() => parse_date(&value)
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or_else(chrono::Utc::now, |t| t.and_utc()),
        _ => chrono::Utc::now(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_dates_only() -> Result<()> {
        assert_eq!(parse_date("2024-02-29")?.to_string(), "2024-02-29");
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "1/2/03",
            "2024-2-3",
            "20240203",
            "",
            "2024-13-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be refused");
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn iso_dates_round_trip(days in 0u64..400_000) {
            let date = NaiveDate::from_ymd_opt(1800, 1, 1).expect("a valid date") + chrono::Days::new(days);
            proptest::prop_assert_eq!(parse_date(&date.to_string()).ok(), Some(date));
        }

        #[test]
        fn dates_read_as_chrono_reads_them(y in 0u32..10_000, m in 0u32..14, d in 0u32..33) {
            let text = format!("{y:04}-{m:02}-{d:02}");
            proptest::prop_assert_eq!(
                parse_date(&text).ok(),
                NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
            );
        }

        #[test]
        fn date_parsing_never_panics(text in "\\PC{0,12}") {
            let _ = parse_date(&text);
        }
    }
}
