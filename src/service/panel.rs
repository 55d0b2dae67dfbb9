//! The Student Education Panel: termly sessions and their insights.
