//! `spm project import` and `spm person import`.
