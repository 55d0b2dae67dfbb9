//! Bugs the fuzzer finds that are known and reported but not fixed yet (in code another
//! engineer owns, or in a dependency). A finding that is one of them is counted, not failed,
//! so CI stays green while the bug is open; an input that would abort the whole process is
//! not run at all. Each has an ignored test in `main.rs` that replays its input from
//! `tests/fuzz/known/<target>/`. When the bug is fixed, move the input to
//! `tests/fuzz/regressions/<target>/`, and delete its entry here and its ignored test.

use crate::input::Input;

/// One known bug: the targets it shows in, and how to tell a finding is it.
pub struct Known {
    pub targets: &'static [&'static str],
    pub is: fn(&str) -> bool,
    pub what: &'static str,
}

/// None open now. The last ones (the importers' and calamine's handling of far cell
/// references and shared-string counts, raw and whole values in messages) were fixed, and
/// their inputs are in `tests/fuzz/regressions/`.
pub const KNOWN: &[Known] = &[];

/// The known bug the finding `finding` of target `target` is, if it is one.
pub fn matches(target: &str, finding: &str) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|k| k.targets.contains(&target) && (k.is)(finding))
        .map(|k| k.what)
}

/// An input that would abort the process (not a panic: an allocation of gigabytes), which
/// is therefore not run: the known bug it is. None is known now.
pub fn aborts(_target: &str, _input: &Input) -> Option<&'static str> {
    None
}
