//! Integration tests: each runs the real spm binary on a database in a temporary folder.

mod archive;
mod common;
mod db;
mod dev;
mod fund;
mod general;
mod import;
mod kill;
mod mistakes;
mod next_review;
mod output;
mod panel;
mod partner;
mod person;
mod principle;
mod priority;
mod project;
mod readonly;
mod rec;
mod report;
mod review;
mod terminal;
mod together;
mod writers;
mod xlsx;
