//! Integration tests of spm rec.
