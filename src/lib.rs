//! spm, the Student Partnership Manager: a command-line tool over one local SQLite file for
//! the person who coordinates "students as partners" work at a university.
//!
//! Data flows one way: `cli` calls `service`, which owns validation, rules and SQL (through
//! `db`) and returns `model` types; `cli` hands rows to the one renderer in `output`.

pub mod cli;
pub mod db;
pub mod error;
pub mod model;
pub mod output;
pub mod service;

pub use error::{Error, Result};
