//! Small helpers shared by the command files: enumerations shown in help and completions,
//! and turning optional text arguments into typed values.

use std::ffi::OsStr;
use std::str::FromStr;

use clap::builder::{PossibleValue, TypedValueParser};

use crate::error::{Error, Result};

/// A value parser that offers `names` to `--help` and shell completions, but accepts any text:
/// the handler parses it, so a typo gets spm's "did you mean" and exit code 65.
#[derive(Clone, Copy)]
pub struct Choices(pub &'static [&'static str]);

impl TypedValueParser for Choices {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> std::result::Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|n| PossibleValue::new(*n))))
    }
}

/// Parses an optional argument.
pub fn parse_opt<T>(value: Option<&str>) -> Result<Option<T>>
where
    T: FromStr<Err = Error>,
{
    value.map(str::parse).transpose()
}

/// Parses an optional argument of `edit`, where an empty value clears the field:
/// `None` leaves it, `Some(None)` clears it, `Some(Some(v))` sets it.
pub fn parse_clearable<T>(value: Option<&str>) -> Result<Option<Option<T>>>
where
    T: FromStr<Err = Error>,
{
    match value {
        None => Ok(None),
        Some(v) if v.trim().is_empty() => Ok(Some(None)),
        Some(v) => Ok(Some(Some(v.parse()?))),
    }
}

/// A text argument of `edit`, where an empty value clears the field.
pub fn clearable_text(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| if v.trim().is_empty() { None } else { Some(v) })
}

/// A date argument: `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub chrono::NaiveDate);

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        crate::model::parse_date(s).map(Date)
    }
}
