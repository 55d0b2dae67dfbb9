//! Integration tests of spm panel.
