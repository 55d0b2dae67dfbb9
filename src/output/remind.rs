//! Review reminders, built for cron: one plain-text block per staff lead, or the same as
//! JSON, CSV or Markdown. When nothing is due, the text, CSV and Markdown forms print nothing
//! at all (so cron sends no mail); JSON prints an empty list.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use super::{Format, Rows, Value, col, csv_rows, markdown};

/// One review to remind a lead of.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    pub project: String,
    pub title: String,
    pub status: String,
    pub last_review: Option<NaiveDate>,
    pub due: NaiveDate,
    /// Positive when overdue, 0 on the day, negative before it.
    pub days_overdue: i64,
    /// The command that records the review.
    pub command: String,
}

/// The reviews one staff lead has due (`lead` is `None` for projects with no lead).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadBlock {
    pub lead: Option<String>,
    pub email: Option<String>,
    pub reviews: Vec<Reminder>,
}

/// How late a review is, in words: "53 days overdue", "due today", "due in 5 days".
pub fn lateness(days_overdue: i64) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    match days_overdue {
        0 => "due today".to_string(),
        n if n > 0 => format!("{} overdue", days(n)),
        n => format!("due in {}", days(-n)),
    }
}

pub(crate) fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn lead_name(block: &LeadBlock) -> String {
    match (&block.lead, &block.email) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name.clone(),
        (None, _) => "No staff lead".to_string(),
    }
}

/// Writes the reminders in `format`; `until` is the last day the reminder looks ahead to.
pub fn render(
    out: &mut dyn Write,
    format: Format,
    blocks: &[LeadBlock],
    until: NaiveDate,
) -> io::Result<()> {
    if blocks.is_empty() {
        return match format {
            Format::Json => out.write_all(b"[]\n"),
            _ => Ok(()),
        };
    }
    match format {
        Format::Table => text(out, blocks, until),
        Format::Json => {
            let list: Vec<Json> = blocks
                .iter()
                .map(|b| {
                    json!({
                        "lead": b.lead,
                        "email": b.email,
                        "reviews": b.reviews.iter().map(|r| json!({
                            "project": r.project,
                            "title": r.title,
                            "status": r.status,
                            "last_review": r.last_review.map(|d| d.to_string()),
                            "due": r.due.to_string(),
                            "days_overdue": r.days_overdue,
                            "command": r.command,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
        Format::Csv => csv_rows(out, &flat(blocks)),
        Format::Html => super::html::write_doc(out, &super::Doc::Rows(flat(blocks)), "Reviews due"),
        Format::Md => {
            for (i, b) in blocks.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "## {} ({})\n", lead_name(b), b.reviews.len())?;
                let mut rows = Rows::new(&[
                    col("project", "Project"),
                    col("title", "Title"),
                    col("due", "Due"),
                    col("lateness", "When"),
                    col("command", "Record it with"),
                ]);
                for r in &b.reviews {
                    rows.push(vec![
                        Value::Text(r.project.clone()),
                        Value::Text(r.title.clone()),
                        Value::Date(r.due.to_string()),
                        Value::Text(lateness(r.days_overdue)),
                        Value::Text(format!("`{}`", r.command)),
                    ]);
                }
                markdown(out, &rows)?;
            }
            Ok(())
        }
    }
}

/// The reminders as one row per review, the lead in the first column.
fn flat(blocks: &[LeadBlock]) -> Rows {
    let mut rows = Rows::new(&[
        col("lead", "Staff lead"),
        col("email", "Email"),
        col("project", "Project"),
        col("title", "Title"),
        col("status", "Status"),
        col("last_review", "Last review"),
        col("due", "Due"),
        col("days_overdue", "Days overdue"),
        col("command", "Command"),
    ]);
    for b in blocks {
        for r in &b.reviews {
            rows.push(vec![
                Value::text(b.lead.clone()),
                Value::text(b.email.clone()),
                Value::Text(r.project.clone()),
                Value::Text(r.title.clone()),
                Value::Text(r.status.clone()),
                Value::date(r.last_review),
                Value::Date(r.due.to_string()),
                Value::Int(r.days_overdue),
                Value::Text(r.command.clone()),
            ]);
        }
    }
    rows
}

/// Plain text for a mail from cron: a summary line, then one block per lead.
fn text(out: &mut dyn Write, blocks: &[LeadBlock], until: NaiveDate) -> io::Result<()> {
    let all: Vec<&Reminder> = blocks.iter().flat_map(|b| &b.reviews).collect();
    let overdue = all.iter().filter(|r| r.days_overdue > 0).count();
    writeln!(
        out,
        "{} due by {until} ({overdue} overdue).",
        plural(all.len(), "project review")
    )?;
    for b in blocks {
        writeln!(out)?;
        writeln!(
            out,
            "{}: {}",
            lead_name(b),
            plural(b.reviews.len(), "review")
        )?;
        for r in &b.reviews {
            let last = r.last_review.map_or_else(
                || "never reviewed".to_string(),
                |d| format!("last review {d}"),
            );
            writeln!(out, "  {} - {}", r.project, r.title)?;
            writeln!(
                out,
                "    due {}, {} ({}; {})",
                r.due,
                lateness(r.days_overdue),
                r.status,
                last
            )?;
            writeln!(out, "    {}", r.command)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lateness_reads_well() {
        assert_eq!(lateness(53), "53 days overdue");
        assert_eq!(lateness(1), "1 day overdue");
        assert_eq!(lateness(0), "due today");
        assert_eq!(lateness(-5), "due in 5 days");
    }

    #[test]
    fn nothing_due_prints_nothing_but_json() -> anyhow::Result<()> {
        let until = NaiveDate::from_ymd_opt(2026, 12, 1).ok_or(anyhow::anyhow!("date"))?;
        for format in [Format::Table, Format::Csv, Format::Md] {
            let mut out = Vec::new();
            render(&mut out, format, &[], until)?;
            assert!(out.is_empty(), "{format:?}");
        }
        let mut out = Vec::new();
        render(&mut out, Format::Json, &[], until)?;
        assert_eq!(out, b"[]\n");
        Ok(())
    }
}
