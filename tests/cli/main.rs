//! Integration tests: each runs the real spm binary on a database in a temporary folder.

mod common;
mod db;
mod general;
mod partner;
mod person;
mod principle;
mod project;
mod report;
mod review;
