//! `spm export` and `spm import`: the whole database out and back.
