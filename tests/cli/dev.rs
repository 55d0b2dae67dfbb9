//! Integration tests of spm dev.
