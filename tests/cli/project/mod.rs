//! `spm project ...`: add, list, show, edit, status, remove, and the output plumbing they share.

mod add;
mod checklist;
mod continues;
mod edit;
mod import;
mod list;
mod output;
mod publish;
mod refusals;
mod remove;
mod show;
mod status;

use std::collections::HashMap;

use crate::common::project_add_args as add_args;
use crate::common::{Env, read_csv};

/// The demo's codes in list order: newest academic year first, then by code.
const DEMO_CODES: &[&str] = &[
    "data-ethics-2026",
    "lab-methods-2026",
    "sep-autumn-2026",
    "catalyst-access-2025",
    "cm-commuter-2025",
    "intern-archives-2025",
    "mh-peer-2025",
    "reading-lists-2025",
    "reps-forum-2025",
    "assessment-2024",
    "cm-feedback-2024",
    "welcome-2024",
    "employability-2021",
    "mental-health-2021",
    "student-voice-2021",
];

/// The CSV and JSON columns of a project, in order.
const KEYS: &[&str] = &[
    "code",
    "title",
    "summary",
    "status",
    "form",
    "activity",
    "level_planned",
    "level_achieved",
    "department",
    "academic_year",
    "start_date",
    "end_date",
    "lead",
    "lead_email",
    "themes",
    "budget",
    "review_cadence",
    "continues",
    "created_at",
    "updated_at",
];

/// Adds a project titled `title` with the default form and level plus `extra` flags, and
/// returns its code.
fn add(env: &Env, title: &str, extra: &[&str]) -> String {
    env.ok(&add_args(title, extra)).trim_end().to_string()
}

/// A database holding one proposed project, `mental-health-2026`.
fn one_project() -> (Env, String) {
    let env = Env::new();
    let code = add(&env, "Mental health peer support", &[]);
    assert_eq!(code, "mental-health-2026");
    (env, code)
}

/// CSV text as one map per record, keyed by the header.
pub(crate) fn csv_records(text: &str) -> Vec<HashMap<String, String>> {
    let (header, rows) = read_csv(text);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

/// Edits project `code` with `spm project edit CODE REST...`, expecting success; returns stdout.
fn edit(env: &Env, code: &str, rest: &[&str]) -> String {
    let mut args = vec!["project", "edit", code];
    args.extend_from_slice(rest);
    env.ok(&args)
}

/// `spm project status CODE` and then `rest`.
fn status_args<'a>(code: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["project", "status", code];
    args.extend_from_slice(rest);
    args
}
