//! What `spm remind` prints and mails: plain text by source (reviews and recommendations by
//! the person they are for), or JSON for scripts; and each person's letter, its subject and
//! its text.

use std::io::{self, Write};

use super::remind::{lateness, plural};
use super::wrap::{Long, lines};
use crate::model::remind::{Letter, Reminders};

/// Whether the text tells the commands that deal with each item: for the coordinator, who
/// runs spm, not for the staff and owners who get a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    Shown,
    Left,
}

/// Writes `all` as JSON: every source, empty ones as empty lists.
pub fn json(out: &mut dyn Write, all: &Reminders) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, all)?;
    writeln!(out)
}

/// The summary of what is due, in one line: "2 reviews, 1 recommendation and the panel".
pub fn summary(all: &Reminders) -> String {
    let reviews: usize = all.reviews.iter().map(|g| g.reviews.len()).sum();
    let recs: usize = all
        .recommendations
        .iter()
        .map(|g| g.recommendations.len())
        .sum();
    let mut parts = Vec::new();
    if reviews > 0 {
        parts.push(plural(reviews, "project review"));
    }
    if recs > 0 {
        parts.push(plural(recs, "recommendation"));
    }
    if !all.requests.is_empty() {
        parts.push(plural(all.requests.len(), "data-protection request"));
    }
    if !all.consents.is_empty() {
        parts.push(plural(all.consents.len(), "consent expiring"))
    }
    if !all.impacts.is_empty() {
        parts.push(plural(all.impacts.len(), "impact to check"));
    }
    if all.panel.is_some() {
        parts.push("a panel session".to_string());
    }
    match parts.len() {
        0 => "nothing".to_string(),
        1 => parts.remove(0),
        n => {
            let last = parts.remove(n - 1);
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// Writes `all` as plain text: a summary line, then a section for each source with
/// something due. Writes nothing when nothing is due.
pub fn text(out: &mut dyn Write, all: &Reminders, hints: Hints) -> io::Result<()> {
    if all.is_empty() {
        return Ok(());
    }
    let head = format!("Reminders for {}: {}.", all.today, summary(all));
    out.write_all(wrapped(&head, WIDTH).as_bytes())?;
    // What follows an item sits 4 spaces in from it: grouped items are 4 in, the others 2.
    let hint = |out: &mut dyn Write, command: String| -> io::Result<()> {
        if hints == Hints::Shown {
            writeln!(out, "        {command}")?;
        }
        Ok(())
    };
    let hint2 = |out: &mut dyn Write, command: String| -> io::Result<()> {
        if hints == Hints::Shown {
            writeln!(out, "      {command}")?;
        }
        Ok(())
    };
    if !all.reviews.is_empty() {
        writeln!(out, "\nProject reviews due by {}, by staff lead", all.until)?;
        for group in &all.reviews {
            match &group.lead {
                Some(lead) => writeln!(out, "  {}", who(&lead.name, lead.email.as_deref()))?,
                None => writeln!(out, "  No staff lead")?,
            }
            for r in &group.reviews {
                writeln!(out, "    {}  {}", r.project, r.title)?;
                writeln!(out, "        due {}, {}", r.due, lateness(r.days_overdue))?;
                hint(out, format!("spm review add {}", r.project))?;
            }
        }
    }
    if !all.recommendations.is_empty() {
        writeln!(out, "\nRecommendations due by {}, by owner", all.until)?;
        for group in &all.recommendations {
            match &group.owner {
                Some(owner) => writeln!(out, "  {}", who(&owner.name, owner.email.as_deref()))?,
                None => writeln!(out, "  No owner")?,
            }
            for r in &group.recommendations {
                writeln!(out, "    #{}  {}", r.id, r.recommendation)?;
                writeln!(
                    out,
                    "        to {}, {}; due {}, {}",
                    r.addressed_to,
                    r.status,
                    r.due,
                    lateness(r.days_overdue)
                )?;
                hint(
                    out,
                    format!("spm rec update {} --status STATUS --response TEXT", r.id),
                )?;
            }
        }
    }
    if !all.requests.is_empty() {
        writeln!(
            out,
            "\nData-protection requests due (answer within one calendar month)"
        )?;
        for r in &all.requests {
            writeln!(
                out,
                "  #{}  {} request from {} (person {})",
                r.id, r.kind, r.person, r.person_id
            )?;
            writeln!(
                out,
                "      received {}, due {}, {}",
                r.received,
                r.due,
                lateness(r.days_overdue)
            )?;
            hint2(out, format!("spm person request close {}", r.id))?;
        }
    }
    if !all.consents.is_empty() {
        writeln!(out, "\nConsent expiring")?;
        for c in &all.consents {
            let when = match c.days_left {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            writeln!(out, "  {} (person {})", c.person, c.person_id)?;
            writeln!(out, "      consent expires {}, {when}", c.expires)?;
            hint2(
                out,
                format!(
                    "spm person edit {} --consent DATE --consent-expires DATE",
                    c.person_id
                ),
            )?;
        }
    }
    if !all.impacts.is_empty() {
        writeln!(
            out,
            "\nImpact to check (implemented six months ago or more, not checked since)"
        )?;
        for i in &all.impacts {
            writeln!(out, "  #{}  {}", i.id, i.recommendation)?;
            writeln!(
                out,
                "      {} on {}{}",
                i.status,
                i.implemented_on,
                i.owner
                    .as_ref()
                    .map(|o| format!("; owner {o}"))
                    .unwrap_or_default()
            )?;
            hint2(
                out,
                format!(
                    "spm rec impact {} --worked yes|partly|no|unknown --evidence TEXT",
                    i.id
                ),
            )?;
        }
    }
    if let Some(panel) = &all.panel {
        writeln!(out, "\nStudent Education Panel")?;
        let said = format!(
            "The {} term of {} has begun and the panel has not met in it.",
            panel.term, panel.academic_year
        );
        for line in wrapped(&said, WIDTH - 2).lines() {
            writeln!(out, "  {line}")?;
        }
        hint2(
            out,
            format!("spm panel add --term {} --on DATE --topic TEXT", panel.term),
        )?;
    }
    Ok(())
}

/// The width text is wrapped to, where it can be: a mail program's.
const WIDTH: usize = 78;

/// `text` broken into lines of at most `width` characters at spaces (a longer word stays
/// whole), each ending with a line break.
fn wrapped(text: &str, width: usize) -> String {
    lines(text, width, Long::Keep)
        .into_iter()
        .map(|l| l + "\n")
        .collect()
}

/// A name with its email, as a mail program shows it.
fn who(name: &str, email: Option<&str>) -> String {
    match email {
        Some(email) => format!("{name} <{email}>"),
        None => name.to_string(),
    }
}

/// A letter's subject: what is due, and the day.
pub fn subject(letter: &Letter) -> String {
    format!(
        "Partnership reminders for {} \u{2013} {}",
        letter.reminders.today,
        summary(&letter.reminders)
    )
}

/// A letter's text: who it is for, why the coordinator has others' items, then what is due.
pub fn letter(out: &mut dyn Write, letter: &Letter) -> io::Result<()> {
    match &letter.to {
        Some(to) => writeln!(
            out,
            "Dear {},\n\nThese are yours, from the students-as-partners records.\n",
            to.name
        )?,
        None => writeln!(
            out,
            "These need the partnerships coordinator, from the students-as-partners records.\n"
        )?,
    }
    for line in &letter.without_email {
        writeln!(out, "{line}")?;
    }
    if !letter.without_email.is_empty() {
        writeln!(out)?;
    }
    let hints = if letter.to.is_none() {
        Hints::Shown
    } else {
        Hints::Left
    };
    text(out, &letter.reminders, hints)?;
    writeln!(
        out,
        "\nSent by spm remind, the Student Partnership Manager."
    )
}

/// A message as `--dry-run` shows it: who from and to, the subject, and the text, as a
/// person reads them (not as the mail server gets them, encoded).
pub fn message(
    out: &mut dyn Write,
    from: &str,
    to: &str,
    subject: &str,
    body: &str,
) -> io::Result<()> {
    writeln!(out, "From: {from}\nTo: {to}\nSubject: {subject}\n")?;
    out.write_all(body.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrapped("a bb ccc dddd", 6), "a bb\nccc\ndddd\n");
        assert_eq!(wrapped("abcdefgh ij", 4), "abcdefgh\nij\n");
        assert_eq!(wrapped("", 10), "\n");
        assert_eq!(wrapped("Zoë Ávila ok", 9), "Zoë Ávila\nok\n");
    }
}
