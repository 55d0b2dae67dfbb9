//! Integration tests of spm priority.
