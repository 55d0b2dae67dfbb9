//! Calendar dates: strict ISO 8601 input, and the one place "today" is read.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// The environment variable that fixes "today", for tests and for replaying a day.
pub const TODAY_VAR: &str = "SPM_TODAY";

/// The first year a date may fall in: nothing spm records (a consent, a status change, a
/// project's start) happened before it, so an earlier year is a typing mistake (`0202`).
pub const FIRST_YEAR: i32 = 1900;

/// Reads a date written `YYYY-MM-DD`, refusing other spellings, days that do not exist and
/// years before [`FIRST_YEAR`]: for dates typed or imported.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let date = parse_iso(s)?;
    if chrono::Datelike::year(&date) < FIRST_YEAR {
        return Err(Error::Invalid(format!(
            "date {} is before {FIRST_YEAR}; check the year",
            quoted(s)
        )));
    }
    Ok(date)
}

/// Reads a date written `YYYY-MM-DD`, refusing other spellings and days that do not exist,
/// whatever its year: for dates the database holds (an older spm took any year).
pub fn parse_iso(s: &str) -> Result<NaiveDate> {
    let text = s.trim();
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(Error::Invalid(format!(
            "date {} is not written YYYY-MM-DD, e.g. 2025-09-01",
            quoted(s)
        )));
    }
    // The shape is checked: the digits are read where they stand, far quicker than chrono's
    // parser (an import or a list reads thousands of dates; see benches/README.md).
    let number = |from: usize, to: usize| {
        text.as_bytes()[from..to]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    i32::try_from(number(0, 4))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, number(5, 7), number(8, 10)))
        .ok_or_else(|| Error::Invalid(format!("date {} is not a day of the calendar", quoted(s))))
}

/// The date written `YYYY-MM-DD`, as `to_string` writes it, without chrono's formatter,
/// which shows in a list of thousands of dates such as `review due` (see benches/README.md).
pub fn iso(date: NaiveDate) -> String {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.to_string();
    }
    let digits = |n: u32, width: u32, out: &mut String| {
        for i in (0..width).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(i)) % 10) as u8));
        }
    };
    let mut out = String::with_capacity(10);
    digits(year.unsigned_abs(), 4, &mut out);
    out.push('-');
    digits(date.month(), 2, &mut out);
    out.push('-');
    digits(date.day(), 2, &mut out);
    out
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

/// Helpers for the crate's unit tests.
#[cfg(test)]
pub mod testing {
    use chrono::NaiveDate;

    /// The date written `s` (YYYY-MM-DD), read as a user's date is; a bad one fails the test.
    pub fn day(s: &str) -> NaiveDate {
        super::parse_date(s).expect("a valid test date")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_dates_only() -> Result<()> {
        assert_eq!(parse_date("2024-02-29")?.to_string(), "2024-02-29");
        assert_eq!(parse_date("1900-01-01")?.to_string(), "1900-01-01");
        for bad in [
            "1899-12-31",
            "0202-09-01",
            "0000-01-01",
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
        fn iso_dates_round_trip(days in 0u64..2_900_000) {
            let date = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a valid date") + chrono::Days::new(days);
            proptest::prop_assert_eq!(parse_date(&date.to_string()).ok(), Some(date));
        }

        #[test]
        fn reads_what_chrono_reads(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(parse_iso(&text).ok(), chrono);
            let typed = chrono.filter(|d| chrono::Datelike::year(d) >= FIRST_YEAR);
            proptest::prop_assert_eq!(parse_date(&text).ok(), typed);
        }

        #[test]
        fn iso_writes_what_to_string_writes(days in 0u64..3_700_000) {
            let date = NaiveDate::from_ymd_opt(1, 1, 1).expect("a valid date") + chrono::Days::new(days);
            proptest::prop_assert_eq!(iso(date), date.to_string());
        }

        #[test]
        fn date_parsing_never_panics(text in "\\PC{0,12}") {
            let _ = parse_date(&text);
        }
    }
}
