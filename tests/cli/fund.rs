//! Integration tests of spm fund.
