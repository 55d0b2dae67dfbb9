//! The formula guard, both ways: text that a spreadsheet would run as a formula (OWASP "CSV
//! injection") is written with a `'` before it, and an import takes that `'` off again. Every
//! writer and every reader of spm's files goes through here, so what one writes the other reads.
//!
//! There are two rules, for two kinds of file, each with its inverse:
//!
//! - [`report`]: the lists and reports of `--format csv|xlsx`, which people open and which
//!   `spm project import` and `spm person import` read back. Only text that would start a
//!   formula is marked (after any `'` it already begins with, so `'=x` comes back as itself);
//!   everything else is written as it is, as a reader expects to see it.
//! - [`archive`]: the whole-database export (`spm export`), which must give back every value
//!   exactly. It also marks text that is empty (an empty cell is NULL) or begins with `'`, so
//!   its reader can take exactly one `'` off whatever begins with one, with no rule to guess.
//!
//! In a workbook a string cell is never run as a formula, so each rule marks there only what
//! its reader would otherwise misread (`workbook`).

use std::borrow::Cow;

/// Whether `s` begins with a character that makes a spreadsheet read the cell as a formula:
/// `=`, `+`, `-`, `@`, a tab, CR, LF or NUL.
pub fn starts_formula(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\n' | b'\0')
    )
}

/// `s` with one `'` before it.
fn marked(s: &str) -> Cow<'_, str> {
    Cow::Owned(format!("'{s}"))
}

/// The rule of lists and reports: text is marked only where a spreadsheet would run it.
pub mod report {
    use super::{Cow, marked, starts_formula};

    /// Whether the guard acts on `s`: its first character after any `'` starts a formula.
    pub fn needs_guard(s: &str) -> bool {
        starts_formula(s.trim_start_matches('\''))
    }

    /// Text as a CSV cell holds it: with one `'` before it when [`needs_guard`] says so
    /// (`=1+2` is `'=1+2`, `'=1+2` is `''=1+2`, `'tis` stays `'tis`), else as it is.
    pub fn guard(s: &str) -> Cow<'_, str> {
        if needs_guard(s) {
            marked(s)
        } else {
            Cow::Borrowed(s)
        }
    }

    /// Text as a workbook's string cell holds it: as it is, since a string cell is never run
    /// as a formula. Only text that itself looks like a guarded CSV cell (a `'` and then,
    /// after any more `'`, a formula's first character: `'=x`) gets one more `'`, because
    /// [`unguard`] takes one `'` off such a cell: that is how workbooks of earlier spm
    /// versions (and every CSV file) guard `=x`, so `'=x` could not be told from it otherwise.
    pub fn workbook(s: &str) -> Cow<'_, str> {
        if s.starts_with('\'') && needs_guard(s) {
            marked(s)
        } else {
            Cow::Borrowed(s)
        }
    }

    /// The text a cell written by [`guard`] or [`workbook`] holds: one `'` taken off a cell
    /// that begins with `'` and, after it, looks guarded; any other cell as it is.
    pub fn unguard(s: &str) -> &str {
        match s.strip_prefix('\'') {
            Some(rest) if needs_guard(rest) => rest,
            _ => s,
        }
    }
}

/// The rule of the whole-database export: every text comes back exactly, the empty one too.
pub mod archive {
    use super::{Cow, marked, starts_formula};

    /// Text as a CSV cell holds it, reversibly: text that is empty or begins with
    /// `= + - @ '`, a tab, CR, LF or NUL gets one `'` before it. [`unguard`] takes exactly
    /// one off.
    pub fn guard(s: &str) -> Cow<'_, str> {
        if s.is_empty() || s.starts_with('\'') || starts_formula(s) {
            marked(s)
        } else {
            Cow::Borrowed(s)
        }
    }

    /// Text as a workbook's string cell holds it, reversibly: a string cell is never run as
    /// a formula, so only text that is empty (an empty cell is NULL) or begins with `'` gets
    /// one `'` before it. [`unguard`] takes exactly one off, as it does from [`guard`]ed text.
    pub fn workbook(s: &str) -> Cow<'_, str> {
        if s.is_empty() || s.starts_with('\'') {
            marked(s)
        } else {
            Cow::Borrowed(s)
        }
    }

    /// Text always marked: for a column not declared TEXT, where a bare value is a number.
    pub fn always(s: &str) -> Cow<'_, str> {
        marked(s)
    }

    /// The text a cell written by [`guard`], [`workbook`] or [`always`] holds: one leading
    /// `'` removed, if there is one.
    pub fn unguard(s: &str) -> &str {
        s.strip_prefix('\'').unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const FORMULAS: [&str; 8] = ["=x", "+x", "-x", "@x", "\tx", "\rx", "\nx", "\0x"];

    #[test]
    fn a_report_marks_only_what_would_run() {
        for s in FORMULAS {
            assert_eq!(report::guard(s), format!("'{s}"), "{s:?}");
        }
        assert_eq!(report::guard("plain"), "plain");
        assert_eq!(report::guard(""), "");
        assert_eq!(report::guard("'tis"), "'tis");
        assert_eq!(report::guard("'=1+2"), "''=1+2");
        for s in [
            "=1+2", "+44", "-5", "@SUM(A1)", "\tx", "'", "''", "'tis", "plain",
        ] {
            assert_eq!(report::workbook(s), s, "{s:?}");
        }
        assert_eq!(report::workbook("'=1+2"), "''=1+2");
        assert_eq!(report::workbook("''@x"), "'''@x");
        assert_eq!(report::unguard("'=1+2"), "=1+2");
        assert_eq!(report::unguard("'tis"), "'tis");
        assert_eq!(report::unguard("'"), "'");
    }

    #[test]
    fn an_archive_marks_empty_text_and_quotes_too() {
        for s in FORMULAS {
            assert_eq!(archive::guard(s), format!("'{s}"), "{s:?}");
        }
        assert_eq!(archive::guard(""), "'");
        assert_eq!(archive::guard("'tis"), "''tis");
        assert_eq!(archive::guard("plain"), "plain");
        assert_eq!(archive::workbook("=1+2"), "=1+2");
        assert_eq!(archive::workbook(""), "'");
        assert_eq!(archive::workbook("'tis"), "''tis");
        assert_eq!(archive::always("12"), "'12");
        assert_eq!(archive::unguard("'tis"), "tis");
    }

    proptest! {
        /// A report's cells come back as they were, and a CSV cell never starts a formula.
        #[test]
        fn a_report_round_trips(s in any::<String>()) {
            let csv = report::guard(&s);
            prop_assert_eq!(report::unguard(&csv), s.as_str());
            prop_assert!(!starts_formula(&csv));
            let cell = report::workbook(&s);
            prop_assert_eq!(report::unguard(&cell), s.as_str());
        }

        /// An archive's cells come back exactly, and a CSV cell never starts a formula.
        #[test]
        fn an_archive_round_trips(s in any::<String>()) {
            let csv = archive::guard(&s);
            prop_assert_eq!(archive::unguard(&csv), s.as_str());
            prop_assert!(!csv.is_empty() && !starts_formula(&csv));
            let (cell, number) = (archive::workbook(&s), archive::always(&s));
            prop_assert_eq!(archive::unguard(&cell), s.as_str());
            prop_assert_eq!(archive::unguard(&number), s.as_str());
        }
    }
}
